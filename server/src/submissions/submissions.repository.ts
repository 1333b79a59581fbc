import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Criterion,
  CriterionScore,
  EntryStatus,
  KindRule,
  RoundBody,
  RoundStage,
  SubmissionContestBody,
  SubmissionEntryBody,
  SubmissionKind,
  SubmissionMediaType,
} from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

export interface ContestRow {
  id: string;
  provinceId: string;
  title: string;
  kinds: KindRule[];
  levels: ('THCS' | 'THPT')[];
  themes: string[];
  rules: string;
  entryMode: 'individual' | 'team';
  maxTeamSize: number | null;
  rubric: { criteria: Criterion[] } | null;
  voteStage: RoundStage | null;
  voteOpensAt: Date | null;
  voteClosesAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RoundRow {
  id: string;
  contestId: string;
  stage: RoundStage;
  position: number;
  submissionOpensAt: Date | null;
  submissionClosesAt: Date | null;
  promotionOpensAt: Date | null;
  promotionClosesAt: Date | null;
  judgingOpensAt: Date;
  judgingClosesAt: Date;
  advancePer: 'school' | 'area' | null;
  advanceTop: number | null;
  judgesPerEntry: number;
  resultsPublishedAt: Date | null;
}

export interface EntryRow {
  id: string;
  contestId: string;
  provinceId: string;
  schoolId: string;
  schoolName: string;
  areaId: string | null;
  areaName: string | null;
  kind: SubmissionKind;
  theme: string | null;
  title: string;
  description: string;
  technique: string;
  team: boolean;
  createdBy: string;
  status: EntryStatus;
  returnReason: string | null;
  submittedAt: Date;
  confirmedAt: Date | null;
  confirmedByName: string | null;
  consentOnFile: boolean;
}

export interface MemberRow {
  entryId: string;
  id: string;
  fullName: string;
  schoolId: string | null;
  role: string;
  className: string | null;
}

export interface FileRow {
  id: string;
  contestId: string;
  ownerId: string;
  entryId: string | null;
  originalName: string;
  storageKey: string;
  mediaType: SubmissionMediaType;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  thumbnailKey: string | null;
  posterKey: string | null;
  phash: string | null;
  duplicateOf: string | null;
}

export interface JudgeRow {
  id: string;
  fullName: string;
  schoolId: string | null;
  schoolName: string | null;
  role: string;
}

export interface AssignmentRow {
  entryId: string;
  judgeId: string;
  status: 'active' | 'conflict';
}

export interface ScoreRow {
  entryId: string;
  judgeId: string;
  criteria: CriterionScore[];
  comment: string;
  total: number;
  savedAt: Date;
}

export interface RoundEntryRow {
  entryId: string;
  code: number;
  promoted: boolean;
  schoolId: string;
  areaId: string | null;
  confirmedAt: Date;
}

const CONTEST_COLUMNS = `c.id, c.province_id AS "provinceId", c.title, c.kinds, c.levels, c.themes, c.rules, c.entry_mode AS "entryMode",
  c.max_team_size AS "maxTeamSize", c.rubric, c.vote_stage AS "voteStage", c.vote_opens_at AS "voteOpensAt", c.vote_closes_at AS "voteClosesAt",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const ROUND_COLUMNS = `r.id, r.contest_id AS "contestId", r.stage, r.position, r.submission_opens_at AS "submissionOpensAt",
  r.submission_closes_at AS "submissionClosesAt", r.promotion_opens_at AS "promotionOpensAt", r.promotion_closes_at AS "promotionClosesAt",
  r.judging_opens_at AS "judgingOpensAt", r.judging_closes_at AS "judgingClosesAt", r.advance_per AS "advancePer", r.advance_top AS "advanceTop",
  r.judges_per_entry AS "judgesPerEntry", r.results_published_at AS "resultsPublishedAt"`;

const ENTRY_COLUMNS = `e.id, e.contest_id AS "contestId", e.province_id AS "provinceId", e.school_id AS "schoolId", s.name AS "schoolName",
  s.area_id AS "areaId", ar.name AS "areaName", e.kind, e.theme, e.title, e.description, e.technique, e.team, e.created_by AS "createdBy",
  e.status, e.return_reason AS "returnReason", e.submitted_at AS "submittedAt", e.confirmed_at AS "confirmedAt",
  (SELECT full_name FROM app_user WHERE id = e.confirmed_by) AS "confirmedByName", e.consent_on_file AS "consentOnFile"`;
const ENTRY_FROM = `submission_entry e JOIN school s ON s.id = e.school_id LEFT JOIN area ar ON ar.id = s.area_id`;

const FILE_COLUMNS = `f.id, f.contest_id AS "contestId", f.owner_id AS "ownerId", f.entry_id AS "entryId", f.original_name AS "originalName",
  f.storage_key AS "storageKey", f.media_type AS "mediaType", f.bytes::float8 AS bytes, f.width, f.height, f.duration_seconds::float8 AS "durationSeconds",
  f.thumbnail_key AS "thumbnailKey", f.poster_key AS "posterKey", f.phash, f.duplicate_of AS "duplicateOf"`;

/** The submission contests' rows: contests, rounds, judges, entries, files, assignments, scores and votes. */
@Injectable()
export class SubmissionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // ── Contests and rounds ──

  async insertContest(tx: Tx, provinceId: string, body: SubmissionContestBody, createdBy: string): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO submission_contest (province_id, title, kinds, levels, themes, rules, entry_mode, max_team_size, vote_stage, vote_opens_at, vote_closes_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [provinceId, ...contestValues(body), createdBy],
    );
    return rows[0].id;
  }

  async updateContest(tx: Tx, id: string, body: SubmissionContestBody): Promise<void> {
    await tx.query(
      `UPDATE submission_contest SET title = $2, kinds = $3, levels = $4, themes = $5, rules = $6, entry_mode = $7, max_team_size = $8,
              vote_stage = $9, vote_opens_at = $10, vote_closes_at = $11, updated_at = app_now() WHERE id = $1`,
      [id, ...contestValues(body)],
    );
  }

  /** The rounds as the body lists them: a stage kept keeps its id (its judges, entries and scores), a stage dropped is deleted. */
  async saveRounds(tx: Tx, contestId: string, rounds: RoundBody[]): Promise<void> {
    await tx.query(`DELETE FROM submission_round WHERE contest_id = $1 AND NOT (stage = ANY($2))`, [contestId, rounds.map((r) => r.stage)]);
    // Positions move through negatives so that the unique (contest, position) never trips mid-way.
    await tx.query(`UPDATE submission_round SET position = -position - 1 WHERE contest_id = $1`, [contestId]);
    for (const [i, r] of rounds.entries()) {
      await tx.query(
        `INSERT INTO submission_round (contest_id, stage, position, submission_opens_at, submission_closes_at, promotion_opens_at, promotion_closes_at,
                                       judging_opens_at, judging_closes_at, advance_per, advance_top, judges_per_entry)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (contest_id, stage) DO UPDATE SET position = EXCLUDED.position, submission_opens_at = EXCLUDED.submission_opens_at,
           submission_closes_at = EXCLUDED.submission_closes_at, promotion_opens_at = EXCLUDED.promotion_opens_at,
           promotion_closes_at = EXCLUDED.promotion_closes_at, judging_opens_at = EXCLUDED.judging_opens_at, judging_closes_at = EXCLUDED.judging_closes_at,
           advance_per = EXCLUDED.advance_per, advance_top = EXCLUDED.advance_top, judges_per_entry = EXCLUDED.judges_per_entry`,
        [
          contestId,
          r.stage,
          i,
          r.submissionOpensAt ?? null,
          r.submissionClosesAt ?? null,
          r.promotionOpensAt ?? null,
          r.promotionClosesAt ?? null,
          r.judgingOpensAt,
          r.judgingClosesAt,
          r.advance?.per ?? null,
          r.advance?.top ?? null,
          r.judgesPerEntry,
        ],
      );
    }
  }

  async contest(id: string, db: Queryable = this.db): Promise<ContestRow | null> {
    const rows = await db.query<ContestRow[]>(`SELECT ${CONTEST_COLUMNS} FROM submission_contest c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  contests(provinceId: string): Promise<ContestRow[]> {
    return this.db.query<ContestRow[]>(`SELECT ${CONTEST_COLUMNS} FROM submission_contest c WHERE c.province_id = $1 ORDER BY c.created_at DESC LIMIT 200`, [
      provinceId,
    ]);
  }

  rounds(contestIds: string[], db: Queryable = this.db): Promise<RoundRow[]> {
    return db.query<RoundRow[]>(`SELECT ${ROUND_COLUMNS} FROM submission_round r WHERE r.contest_id = ANY($1) ORDER BY r.contest_id, r.position`, [contestIds]);
  }

  async roundJudgeIds(roundIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ roundId: string; judgeIds: string[] }[]>(
      `SELECT round_id AS "roundId", array_agg(judge_id ORDER BY judge_id) AS "judgeIds" FROM submission_round_judge WHERE round_id = ANY($1) GROUP BY round_id`,
      [roundIds],
    );
    return new Map(rows.map((r) => [r.roundId, r.judgeIds]));
  }

  /** Per round, its entries: the confirmed entries of the school round (of one school when `schoolId`), the round entries of a later one. */
  async roundEntryCounts(roundIds: string[], schoolId: string | null): Promise<Map<string, number>> {
    const rows = await this.db.query<{ roundId: string; n: number }[]>(
      `SELECT r.id AS "roundId",
              CASE WHEN r.position = 0 THEN (SELECT count(*) FROM submission_entry e WHERE e.contest_id = r.contest_id AND e.status = 'confirmed'
                                                AND ($2::uuid IS NULL OR e.school_id = $2))
                   ELSE (SELECT count(*) FROM submission_round_entry re JOIN submission_entry e ON e.id = re.entry_id
                          WHERE re.round_id = r.id AND ($2::uuid IS NULL OR e.school_id = $2)) END::int AS n
         FROM submission_round r WHERE r.id = ANY($1)`,
      [roundIds, schoolId],
    );
    return new Map(rows.map((r) => [r.roundId, r.n]));
  }

  async saveRubric(tx: Tx, contestId: string, criteria: Criterion[]): Promise<void> {
    await tx.query(`UPDATE submission_contest SET rubric = $2, updated_at = app_now() WHERE id = $1`, [contestId, JSON.stringify({ criteria })]);
  }

  async hasScores(contestId: string, db: Queryable = this.db): Promise<boolean> {
    const rows = await db.query<{ any: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM submission_score sc JOIN submission_round r ON r.id = sc.round_id WHERE r.contest_id = $1) AS any`,
      [contestId],
    );
    return rows[0].any;
  }

  async hasEntries(contestId: string): Promise<boolean> {
    const rows = await this.db.query<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM submission_entry WHERE contest_id = $1) AS any`, [contestId]);
    return rows[0].any;
  }

  /** Of these users, the active teachers and dept admins of the province (who may judge), with their school. */
  judges(provinceId: string, ids: string[]): Promise<JudgeRow[]> {
    return this.db.query<JudgeRow[]>(
      `SELECT u.id, u.full_name AS "fullName", u.school_id AS "schoolId", s.name AS "schoolName", u.role
         FROM app_user u LEFT JOIN school s ON s.id = u.school_id
        WHERE u.id = ANY($2) AND u.province_id = $1 AND u.active AND u.role IN ('teacher', 'dept_admin')
        ORDER BY u.full_name COLLATE vi_vn, u.id`,
      [provinceId, ids],
    );
  }

  async saveRoundJudges(tx: Tx, roundId: string, judgeIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM submission_round_judge WHERE round_id = $1`, [roundId]);
    await tx.query(`INSERT INTO submission_round_judge (round_id, judge_id) SELECT $1, unnest($2::uuid[])`, [roundId, judgeIds]);
  }

  roundJudges(roundId: string, db: Queryable = this.db): Promise<JudgeRow[]> {
    return db.query<JudgeRow[]>(
      `SELECT u.id, u.full_name AS "fullName", u.school_id AS "schoolId", s.name AS "schoolName", u.role
         FROM submission_round_judge j JOIN app_user u ON u.id = j.judge_id LEFT JOIN school s ON s.id = u.school_id
        WHERE j.round_id = $1 ORDER BY u.full_name COLLATE vi_vn, u.id`,
      [roundId],
    );
  }

  // ── Entries and files ──

  /** The students among these ids, with their school (a team's members are checked against it). */
  students(provinceId: string, ids: string[]): Promise<{ id: string; schoolId: string; teacherIds: string[] }[]> {
    return this.db.query(
      `SELECT u.id, u.school_id AS "schoolId",
              ARRAY(SELECT ct.teacher_id FROM enrollment en JOIN class_teacher ct ON ct.class_id = en.class_id WHERE en.student_id = u.id) AS "teacherIds"
         FROM app_user u WHERE u.id = ANY($2) AND u.province_id = $1 AND u.role = 'student' AND u.active`,
      [provinceId, ids],
    );
  }

  /** The entry a student is in, in this contest (their own or a team's). */
  async entryOfStudent(contestId: string, studentId: string, db: Queryable = this.db): Promise<string | null> {
    const rows = await db.query<{ entryId: string }[]>(`SELECT entry_id AS "entryId" FROM submission_entry_member WHERE contest_id = $1 AND student_id = $2`, [
      contestId,
      studentId,
    ]);
    return rows[0]?.entryId ?? null;
  }

  async insertEntry(
    tx: Tx,
    e: { contestId: string; provinceId: string; schoolId: string; team: boolean; createdBy: string; body: SubmissionEntryBody },
  ): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO submission_entry (contest_id, province_id, school_id, kind, theme, title, description, technique, team, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [e.contestId, e.provinceId, e.schoolId, e.body.kind, e.body.theme ?? null, e.body.title, e.body.description, e.body.technique, e.team, e.createdBy],
    );
    return rows[0].id;
  }

  /** A replaced entry goes back to its teacher: it must be confirmed again. */
  async replaceEntry(tx: Tx, id: string, body: SubmissionEntryBody): Promise<void> {
    await tx.query(
      `UPDATE submission_entry SET kind = $2, theme = $3, title = $4, description = $5, technique = $6, status = 'submitted', return_reason = NULL,
              confirmed_at = NULL, confirmed_by = NULL, submitted_at = app_now() WHERE id = $1`,
      [id, body.kind, body.theme ?? null, body.title, body.description, body.technique],
    );
  }

  async setMembers(tx: Tx, entryId: string, contestId: string, studentIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM submission_entry_member WHERE entry_id = $1`, [entryId]);
    await tx.query(
      `INSERT INTO submission_entry_member (entry_id, contest_id, student_id, position)
       SELECT $1, $2, m.id, m.n FROM unnest($3::uuid[]) WITH ORDINALITY AS m(id, n)`,
      [entryId, contestId, studentIds],
    );
  }

  /** The entry's files become these, in this order; files it no longer names are let go (their uploader keeps them). */
  async setFiles(tx: Tx, entryId: string, fileIds: string[]): Promise<void> {
    await tx.query(`UPDATE submission_file SET entry_id = NULL, position = NULL WHERE entry_id = $1 AND NOT (id = ANY($2))`, [entryId, fileIds]);
    await tx.query(`UPDATE submission_file f SET entry_id = $1, position = x.n FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, n) WHERE f.id = x.id`, [
      entryId,
      fileIds,
    ]);
  }

  async setStatus(
    tx: Tx,
    id: string,
    change: { status: EntryStatus; confirmedBy?: string | null; returnReason?: string | null; consentOnFile?: boolean },
  ): Promise<void> {
    await tx.query(
      `UPDATE submission_entry SET status = $2, confirmed_by = $3, confirmed_at = CASE WHEN $2 = 'confirmed' THEN app_now() END,
              return_reason = $4, consent_on_file = COALESCE($5, consent_on_file) WHERE id = $1`,
      [id, change.status, change.confirmedBy ?? null, change.returnReason ?? null, change.consentOnFile ?? null],
    );
  }

  async setConsent(tx: Tx, id: string, consent: boolean): Promise<void> {
    await tx.query(`UPDATE submission_entry SET consent_on_file = $2 WHERE id = $1`, [id, consent]);
  }

  async entry(id: string, db: Queryable = this.db): Promise<EntryRow | null> {
    const rows = await db.query<EntryRow[]>(`SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A contest's entries a caller may list: all of the province, one school's, or those a user is in or made. */
  entries(
    contestId: string,
    filter: { schoolId: string | null; userId: string | null; status?: EntryStatus; limit: number; offset: number },
  ): Promise<EntryRow[]> {
    return this.db.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM}
        WHERE e.contest_id = $1 AND ($2::uuid IS NULL OR e.school_id = $2) AND ($4::text IS NULL OR e.status = $4)
          AND ($3::uuid IS NULL OR e.created_by = $3 OR EXISTS (SELECT 1 FROM submission_entry_member m WHERE m.entry_id = e.id AND m.student_id = $3)
               OR EXISTS (SELECT 1 FROM submission_entry_member m JOIN enrollment en ON en.student_id = m.student_id
                            JOIN class_teacher ct ON ct.class_id = en.class_id WHERE m.entry_id = e.id AND ct.teacher_id = $3))
        ORDER BY s.name COLLATE vi_vn, e.submitted_at, e.id LIMIT $5 OFFSET $6`,
      [contestId, filter.schoolId, filter.userId, filter.status ?? null, filter.limit, filter.offset],
    );
  }

  /** The furthest round each entry has reached (an entry in no round yet is absent: it is in the first). */
  async furthestStages(entryIds: string[]): Promise<Map<string, RoundStage>> {
    const rows = await this.db.query<{ entryId: string; stage: RoundStage }[]>(
      `SELECT DISTINCT ON (re.entry_id) re.entry_id AS "entryId", r.stage
         FROM submission_round_entry re JOIN submission_round r ON r.id = re.round_id
        WHERE re.entry_id = ANY($1) ORDER BY re.entry_id, r.position DESC`,
      [entryIds],
    );
    return new Map(rows.map((r) => [r.entryId, r.stage]));
  }

  members(entryIds: string[], db: Queryable = this.db): Promise<MemberRow[]> {
    return db.query<MemberRow[]>(
      `SELECT m.entry_id AS "entryId", u.id, u.full_name AS "fullName", u.school_id AS "schoolId", u.role,
              (SELECT c.name FROM enrollment en JOIN school_class c ON c.id = en.class_id WHERE en.student_id = u.id
                ORDER BY c.school_year DESC LIMIT 1) AS "className"
         FROM submission_entry_member m JOIN app_user u ON u.id = m.student_id WHERE m.entry_id = ANY($1) ORDER BY m.entry_id, m.position`,
      [entryIds],
    );
  }

  files(entryIds: string[], db: Queryable = this.db): Promise<FileRow[]> {
    return db.query<FileRow[]>(`SELECT ${FILE_COLUMNS} FROM submission_file f WHERE f.entry_id = ANY($1) ORDER BY f.entry_id, f.position`, [entryIds]);
  }

  async file(id: string): Promise<FileRow | null> {
    const rows = await this.db.query<FileRow[]>(`SELECT ${FILE_COLUMNS} FROM submission_file f WHERE f.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Of these files, those the user uploaded to this contest that are free or already in this entry. */
  async usableFiles(contestId: string, ownerId: string, entryId: string | null, ids: string[]): Promise<FileRow[]> {
    return this.db.query<FileRow[]>(
      `SELECT ${FILE_COLUMNS} FROM submission_file f
        WHERE f.id = ANY($1) AND f.contest_id = $2 AND f.owner_id = $3 AND (f.entry_id IS NULL OR f.entry_id = $4)`,
      [ids, contestId, ownerId, entryId],
    );
  }

  async insertFile(row: Omit<FileRow, 'entryId'>): Promise<void> {
    await this.db.query(
      `INSERT INTO submission_file (id, contest_id, owner_id, original_name, storage_key, media_type, bytes, width, height, duration_seconds,
                                    thumbnail_key, poster_key, phash, duplicate_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        row.id,
        row.contestId,
        row.ownerId,
        row.originalName,
        row.storageKey,
        row.mediaType,
        row.bytes,
        row.width,
        row.height,
        row.durationSeconds,
        row.thumbnailKey,
        row.posterKey,
        row.phash,
        row.duplicateOf,
      ],
    );
  }

  /** The perceptual hashes of the contest's other images, for the near-duplicate check. */
  contestHashes(contestId: string): Promise<{ id: string; phash: string; entryId: string | null }[]> {
    return this.db.query(`SELECT id, phash, entry_id AS "entryId" FROM submission_file WHERE contest_id = $1 AND phash IS NOT NULL ORDER BY created_at, id`, [
      contestId,
    ]);
  }

  // ── Judging ──

  /** The entries a round judges: the school round's confirmed entries (made round entries with codes on first call), a later round's promoted ones. */
  async ensureFirstRoundEntries(tx: Tx, round: RoundRow): Promise<void> {
    if (round.position !== 0) return;
    await tx.query(
      `INSERT INTO submission_round_entry (round_id, entry_id, code)
       SELECT $1, e.id, COALESCE((SELECT max(code) FROM submission_round_entry WHERE round_id = $1), 0)
                        + row_number() OVER (ORDER BY e.confirmed_at, e.id)
         FROM submission_entry e
        WHERE e.contest_id = $2 AND e.status = 'confirmed'
          AND NOT EXISTS (SELECT 1 FROM submission_round_entry re WHERE re.round_id = $1 AND re.entry_id = e.id)`,
      [round.id, round.contestId],
    );
  }

  roundEntries(roundId: string, db: Queryable = this.db): Promise<RoundEntryRow[]> {
    return db.query<RoundEntryRow[]>(
      `SELECT re.entry_id AS "entryId", re.code, re.promoted, e.school_id AS "schoolId", s.area_id AS "areaId", e.confirmed_at AS "confirmedAt"
         FROM submission_round_entry re JOIN submission_entry e ON e.id = re.entry_id JOIN school s ON s.id = e.school_id
        WHERE re.round_id = $1 AND e.status = 'confirmed' ORDER BY re.code`,
      [roundId],
    );
  }

  assignments(roundId: string, db: Queryable = this.db): Promise<AssignmentRow[]> {
    return db.query<AssignmentRow[]>(
      `SELECT entry_id AS "entryId", judge_id AS "judgeId", status FROM submission_assignment WHERE round_id = $1 ORDER BY created_at, id`,
      [roundId],
    );
  }

  async insertAssignments(tx: Tx, roundId: string, pairs: { entryId: string; judgeId: string }[]): Promise<void> {
    if (pairs.length === 0) return;
    await tx.query(
      `INSERT INTO submission_assignment (round_id, entry_id, judge_id) SELECT $1, x.e, x.j FROM unnest($2::uuid[], $3::uuid[]) AS x(e, j)
       ON CONFLICT (round_id, entry_id, judge_id) DO NOTHING`,
      [roundId, pairs.map((p) => p.entryId), pairs.map((p) => p.judgeId)],
    );
  }

  async deleteActiveAssignments(tx: Tx, roundId: string): Promise<void> {
    await tx.query(`DELETE FROM submission_assignment WHERE round_id = $1 AND status = 'active'`, [roundId]);
  }

  async markConflict(tx: Tx, roundId: string, entryId: string, judgeId: string, reason: string, note: string, replacedBy: string): Promise<void> {
    await tx.query(
      `UPDATE submission_assignment SET status = 'conflict', conflict_reason = $4, conflict_note = $5, replaced_by = $6
        WHERE round_id = $1 AND entry_id = $2 AND judge_id = $3`,
      [roundId, entryId, judgeId, reason, note, replacedBy],
    );
    await tx.query(`DELETE FROM submission_score WHERE round_id = $1 AND entry_id = $2 AND judge_id = $3`, [roundId, entryId, judgeId]);
  }

  /** The round of this contest and stage in which this judge is actively assigned to this entry. */
  async activeAssignment(entryId: string, judgeId: string, stage: RoundStage): Promise<RoundRow | null> {
    const rows = await this.db.query<RoundRow[]>(
      `SELECT ${ROUND_COLUMNS} FROM submission_assignment a JOIN submission_round r ON r.id = a.round_id
        WHERE a.entry_id = $1 AND a.judge_id = $2 AND r.stage = $3 AND a.status = 'active'`,
      [entryId, judgeId, stage],
    );
    return rows[0] ?? null;
  }

  async roundCode(roundId: string, entryId: string): Promise<number | null> {
    const rows = await this.db.query<{ code: number }[]>(`SELECT code FROM submission_round_entry WHERE round_id = $1 AND entry_id = $2`, [roundId, entryId]);
    return rows[0]?.code ?? null;
  }

  async saveScore(tx: Tx, roundId: string, entryId: string, judgeId: string, criteria: CriterionScore[], comment: string, total: number): Promise<void> {
    await tx.query(
      `INSERT INTO submission_score (round_id, entry_id, judge_id, criteria, comment, total) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (round_id, entry_id, judge_id) DO UPDATE SET criteria = EXCLUDED.criteria, comment = EXCLUDED.comment, total = EXCLUDED.total,
         saved_at = app_now()`,
      [roundId, entryId, judgeId, JSON.stringify(criteria), comment, total],
    );
  }

  scores(roundId: string, judgeId: string | null = null, db: Queryable = this.db): Promise<ScoreRow[]> {
    return db.query<ScoreRow[]>(
      `SELECT entry_id AS "entryId", judge_id AS "judgeId", criteria, comment, total::float8 AS total, saved_at AS "savedAt"
         FROM submission_score WHERE round_id = $1 AND ($2::uuid IS NULL OR judge_id = $2) ORDER BY entry_id, judge_id`,
      [roundId, judgeId],
    );
  }

  /** A judge's assigned entries in a round, in code order, with the titles the judge may see. */
  judgeEntries(roundId: string, judgeId: string): Promise<{ entryId: string; code: number; kind: SubmissionKind; title: string; status: string }[]> {
    return this.db.query(
      `SELECT a.entry_id AS "entryId", re.code, e.kind, e.title, a.status
         FROM submission_assignment a JOIN submission_entry e ON e.id = a.entry_id
         JOIN submission_round_entry re ON re.round_id = a.round_id AND re.entry_id = a.entry_id
        WHERE a.round_id = $1 AND a.judge_id = $2 ORDER BY re.code`,
      [roundId, judgeId],
    );
  }

  async roundOf(contestId: string, stage: RoundStage, db: Queryable = this.db): Promise<RoundRow | null> {
    const rows = await db.query<RoundRow[]>(`SELECT ${ROUND_COLUMNS} FROM submission_round r WHERE r.contest_id = $1 AND r.stage = $2`, [contestId, stage]);
    return rows[0] ?? null;
  }

  // ── Results and promotion ──

  async promote(tx: Tx, round: RoundRow, next: RoundRow | null, promoted: { entryId: string; group: string | null; groupRank: number }[]): Promise<void> {
    await tx.query(`UPDATE submission_round_entry SET promoted = false, group_key = NULL, group_rank = NULL WHERE round_id = $1`, [round.id]);
    await tx.query(
      `UPDATE submission_round_entry re SET promoted = true, group_key = x.g, group_rank = x.r
         FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS x(e, g, r) WHERE re.round_id = $1 AND re.entry_id = x.e`,
      [round.id, promoted.map((p) => p.entryId), promoted.map((p) => p.group), promoted.map((p) => p.groupRank)],
    );
    await tx.query(`UPDATE submission_round SET results_published_at = app_now() WHERE id = $1`, [round.id]);
    if (!next) return;
    await tx.query(`DELETE FROM submission_round_entry WHERE round_id = $1 AND NOT (entry_id = ANY($2))`, [next.id, promoted.map((p) => p.entryId)]);
    await tx.query(
      `INSERT INTO submission_round_entry (round_id, entry_id, code)
       SELECT $1, x.e, x.n FROM unnest($2::uuid[]) WITH ORDINALITY AS x(e, n) ON CONFLICT (round_id, entry_id) DO NOTHING`,
      [next.id, promoted.map((p) => p.entryId)],
    );
  }

  // ── Votes ──

  /** False when the student had voted in this contest already (the database holds one vote per student). */
  async insertVote(tx: Tx, contestId: string, studentId: string, entryId: string, schoolId: string | null): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO submission_vote (contest_id, student_id, entry_id, school_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contest_id, student_id) DO NOTHING RETURNING id`,
      [contestId, studentId, entryId, schoolId],
    );
    return rows.length > 0;
  }

  votes(contestId: string): Promise<{ studentId: string; entryId: string; castAt: Date; schoolName: string | null }[]> {
    return this.db.query(
      `SELECT v.student_id AS "studentId", v.entry_id AS "entryId", v.cast_at AS "castAt", s.name AS "schoolName"
         FROM submission_vote v LEFT JOIN school s ON s.id = v.school_id WHERE v.contest_id = $1 ORDER BY v.cast_at, v.id`,
      [contestId],
    );
  }

  async myVote(contestId: string, studentId: string): Promise<string | null> {
    const rows = await this.db.query<{ entryId: string }[]>(`SELECT entry_id AS "entryId" FROM submission_vote WHERE contest_id = $1 AND student_id = $2`, [
      contestId,
      studentId,
    ]);
    return rows[0]?.entryId ?? null;
  }

  // ── Participation ──

  /** Per school of the province: confirmed entries, distinct students in them, team entries. */
  participation(contestId: string, provinceId: string, schoolId: string | null) {
    return this.db.query<{ schoolId: string; schoolName: string; areaName: string | null; entries: number; students: number; teams: number }[]>(
      `SELECT s.id AS "schoolId", s.name AS "schoolName", a.name AS "areaName",
              count(DISTINCT e.id)::int AS entries, count(DISTINCT m.student_id)::int AS students, count(DISTINCT e.id) FILTER (WHERE e.team)::int AS teams
         FROM school s LEFT JOIN area a ON a.id = s.area_id
         LEFT JOIN submission_entry e ON e.school_id = s.id AND e.contest_id = $1 AND e.status = 'confirmed'
         LEFT JOIN submission_entry_member m ON m.entry_id = e.id
        WHERE s.province_id = $2 AND ($3::uuid IS NULL OR s.id = $3)
        GROUP BY s.id, s.name, a.name
        ORDER BY a.name COLLATE vi_vn NULLS LAST, s.name COLLATE vi_vn`,
      [contestId, provinceId, schoolId],
    );
  }
}

function contestValues(body: SubmissionContestBody): unknown[] {
  return [
    body.title,
    JSON.stringify(body.kinds),
    body.levels,
    body.themes,
    body.rules,
    body.entryMode,
    body.maxTeamSize ?? null,
    body.peoplesChoice?.stage ?? null,
    body.peoplesChoice?.opensAt ?? null,
    body.peoplesChoice?.closesAt ?? null,
  ];
}
