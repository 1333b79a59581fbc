import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LeaderboardRowDto } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

/** One student's entry in a scheduled contest, with the app's clock at the time it was read. */
export interface EntryRow {
  id: string;
  contestId: string;
  studentId: string;
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  answers: Record<string, number[]>;
  score: number | null;
  correct: number | null;
  timeMs: number | null;
  now: Date;
}

/** What the contests list tells a student about each own entry. */
export interface EntryStateRow {
  contestId: string;
  submitted: boolean;
  expired: boolean;
  score: number | null;
}

export type StandingsBy = 'student' | 'school' | 'area';

/** A page of standings in rank order, and how many rows there are in all. */
export interface StandingsPage {
  rows: LeaderboardRowDto[];
  total: number;
}

/** A row of `contest_standing`, or of the same ranking computed on the spot. */
interface StandingRow {
  position: number;
  rank: number;
  name: string;
  school_name: string | null;
  score: number;
  time_ms: string | null;
  entries: number | null;
  average_score: number | null;
}

const toRow = (r: StandingRow): LeaderboardRowDto =>
  r.entries === null
    ? { rank: Number(r.rank), name: r.name, schoolName: r.school_name ?? '', score: r.score, timeMs: Number(r.time_ms) }
    : { rank: Number(r.rank), name: r.name, entries: r.entries, averageScore: r.average_score!, score: r.score };

/**
 * The ranking, in SQL so that it runs where the rows are. By student ($1 the contest, $2 its
 * questions, $3 each one's share of time in ms): the score, then the tie-break time of
 * `entryTimeMs` (the time used plus each unanswered question's whole share), equal rows sharing a
 * rank as `rankStandings` does. By school or area: the average score, then the number of entries.
 */
const STUDENT_RANKING = `
  SELECT row_number() OVER (ORDER BY score DESC, time_ms, student_id::text COLLATE "C") AS position,
         rank() OVER (ORDER BY score DESC, time_ms) AS rank, student_id, name, school_name, score, time_ms,
         NULL::int AS entries, NULL::int AS average_score
    FROM (SELECT e.student_id, u.full_name AS name, COALESCE(s.name, '') AS school_name, e.score,
                 (GREATEST(e.time_ms, 0) + ($2::int - (SELECT count(*) FROM jsonb_each(e.answers) x
                    WHERE x.key ~ '^[0-9]{1,4}$' AND x.key::int < $2::int AND jsonb_typeof(x.value) = 'array' AND jsonb_array_length(x.value) > 0))
                   * $3::bigint)::bigint AS time_ms
            FROM contest_entry e JOIN app_user u ON u.id = e.student_id LEFT JOIN school s ON s.id = u.school_id
           WHERE e.contest_id = $1 AND e.submitted_at IS NOT NULL) r`;

const GROUP_KEYS: Record<Exclude<StandingsBy, 'student'>, string> = { school: `COALESCE(s.name, '')`, area: `COALESCE(a.name, 'Chưa xếp khu vực')` };
const groupRanking = (by: Exclude<StandingsBy, 'student'>) => `
  SELECT row_number() OVER (ORDER BY average_score DESC, entries DESC, name COLLATE vi_vn) AS position,
         rank() OVER (ORDER BY average_score DESC, entries DESC) AS rank, NULL::uuid AS student_id, name, NULL::text AS school_name, score,
         NULL::bigint AS time_ms, entries, average_score
    FROM (SELECT ${GROUP_KEYS[by]} AS name, count(*)::int AS entries, round(avg(e.score))::int AS average_score, max(e.score)::int AS score
            FROM contest_entry e JOIN app_user u ON u.id = e.student_id LEFT JOIN school s ON s.id = u.school_id LEFT JOIN area a ON a.id = s.area_id
           WHERE e.contest_id = $1 AND e.submitted_at IS NOT NULL GROUP BY 1) g`;

const ENTRY_COLUMNS = `e.id, e.contest_id AS "contestId", e.student_id AS "studentId", e.started_at AS "startedAt", e.deadline,
  e.submitted_at AS "submittedAt", e.answers, e.score, e.correct::int AS correct, e.time_ms AS "timeMs", app_now() AS now`;

/** The entries of scheduled contests (`contest_entry`); the deadline and the grace are enforced here, in the database's clock. */
@Injectable()
export class EntriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The app's clock, as the database reads it. */
  async now(): Promise<Date> {
    const [row] = await this.db.query<{ now: Date }[]>(`SELECT app_now() AS now`);
    return row.now;
  }

  async findByContestAndStudent(contestId: string, studentId: string): Promise<EntryRow | null> {
    const rows = await this.db.query<EntryRow[]>(`SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.contest_id = $1 AND e.student_id = $2`, [
      contestId,
      studentId,
    ]);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<EntryRow | null> {
    const rows = await this.db.query<EntryRow[]>(`SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Starts the student's entry while the window is open (its deadline `seconds` from now, never
   * past `closesAt`), or reads the one there is, in one statement; null when there is none and
   * the window is not open (or a start racing this one has not committed yet).
   */
  async startEntry(contestId: string, studentId: string, seconds: number, opensAt: Date | null, closesAt: Date | null): Promise<EntryRow | null> {
    const rows = await this.db.query<EntryRow[]>(
      `WITH made AS (
         INSERT INTO contest_entry (contest_id, student_id, deadline)
         SELECT $1, $2, LEAST(app_now() + make_interval(secs => $3), COALESCE($5::timestamptz, 'infinity'::timestamptz))
          WHERE ($4::timestamptz IS NULL OR app_now() >= $4::timestamptz) AND ($5::timestamptz IS NULL OR app_now() < $5::timestamptz)
         ON CONFLICT (contest_id, student_id) DO NOTHING RETURNING *)
       SELECT ${ENTRY_COLUMNS} FROM made e
       UNION ALL
       SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.contest_id = $1 AND e.student_id = $2 AND NOT EXISTS (SELECT 1 FROM made)`,
      [contestId, studentId, seconds, opensAt, closesAt],
    );
    return rows[0] ?? null;
  }

  /** Saves one answer of the student's open entry (until its deadline plus `graceMs`); the time it was saved, or null when the entry is closed. */
  async saveAnswer(entryId: string, studentId: string, questionIndex: number, choice: number[], graceMs: number): Promise<Date | null> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = await this.db.query<[{ saved: Date }[], number]>(
      `UPDATE contest_entry SET answers = jsonb_set(answers, ARRAY[$2::text], $3::jsonb)
        WHERE id = $1 AND student_id = $5 AND submitted_at IS NULL AND app_now() <= deadline + make_interval(secs => $4) RETURNING app_now() AS saved`,
      [entryId, String(questionIndex), JSON.stringify(choice), graceMs / 1000, studentId],
    );
    return rows[0]?.saved ?? null;
  }

  /** The state of a student's own entries in these contests. */
  async statesOf(studentId: string, contestIds: string[]): Promise<EntryStateRow[]> {
    return this.db.query<EntryStateRow[]>(
      `SELECT contest_id AS "contestId", submitted_at IS NOT NULL AS submitted, app_now() > deadline AS expired, score
         FROM contest_entry WHERE student_id = $1 AND contest_id = ANY($2)`,
      [studentId, contestIds],
    );
  }

  /** Up to `limit` entries of the contest whose time ran out before they were submitted. */
  async findExpiredUnsubmitted(contestId: string, limit: number): Promise<EntryRow[]> {
    return this.db.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.contest_id = $1 AND e.submitted_at IS NULL AND app_now() > e.deadline LIMIT $2`,
      [contestId, limit],
    );
  }

  /** Closes expired entries at their deadline with their grades, at once; one already closed stays as it was. */
  async finalizeExpired(graded: { id: string; score: number; correct: number }[]): Promise<void> {
    await this.db.query(
      `UPDATE contest_entry e SET submitted_at = e.deadline, score = g.score, correct = g.correct,
              time_ms = (extract(epoch FROM e.deadline - e.started_at) * 1000)::int
         FROM unnest($1::uuid[], $2::int[], $3::int[]) AS g(id, score, correct)
        WHERE e.id = g.id AND e.submitted_at IS NULL`,
      [graded.map((g) => g.id), graded.map((g) => g.score), graded.map((g) => g.correct)],
    );
  }

  async isPublished(contestId: string, db: Queryable = this.db): Promise<boolean> {
    const rows = await db.query<{ published: boolean }[]>(`SELECT standings_published_at IS NOT NULL AS published FROM contest WHERE id = $1`, [contestId]);
    return rows[0]?.published ?? false;
  }

  /** Locks the contest for publishing its standings; false when they were published meanwhile. */
  async lockUnpublished(tx: Tx, contestId: string): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(`SELECT id FROM contest WHERE id = $1 AND standings_published_at IS NULL FOR UPDATE`, [contestId]);
    return rows.length > 0;
  }

  /** Ranks every submitted entry by student, school and area into `contest_standing`, once, and marks the contest published. */
  async publishStandings(tx: Tx, contestId: string, questions: number, shareMs: number): Promise<void> {
    await tx.query(
      `INSERT INTO contest_standing (contest_id, by, position, rank, student_id, name, school_name, score, time_ms)
       SELECT $1, 'student', position, rank, student_id, name, school_name, score, time_ms FROM (${STUDENT_RANKING}) ranked`,
      [contestId, questions, shareMs],
    );
    for (const by of ['school', 'area'] as const)
      await tx.query(
        `INSERT INTO contest_standing (contest_id, by, position, rank, name, score, entries, average_score)
         SELECT $1, '${by}', position, rank, name, score, entries, average_score FROM (${groupRanking(by)}) ranked`,
        [contestId],
      );
    await tx.query(`UPDATE contest SET standings_published_at = app_now() WHERE id = $1`, [contestId]);
  }

  /**
   * A page of the published standings, and their count (the last position, read from the
   * primary key's end), in one round trip. Positions run 1…n without gaps, so a page is a range
   * of the primary key, never an OFFSET that walks past half a million rows.
   */
  async publishedPage(contestId: string, by: StandingsBy, limit: number, offset: number): Promise<StandingsPage> {
    const rows = await this.db.query<(StandingRow & { total: number })[]>(
      `SELECT t.total, p.* FROM (SELECT COALESCE(max(position), 0)::int AS total FROM contest_standing WHERE contest_id = $1 AND by = $2) t
         LEFT JOIN LATERAL (SELECT position, rank, name, school_name, score, time_ms, entries, average_score FROM contest_standing
                             WHERE contest_id = $1 AND by = $2 AND position > $4 AND position <= $4 + $3 ORDER BY position) p ON true`,
      [contestId, by, limit, offset],
    );
    return { rows: rows.filter((r) => r.position !== null).map(toRow), total: rows[0]?.total ?? 0 };
  }

  /** A student's own published row. */
  async publishedRowOf(contestId: string, studentId: string): Promise<LeaderboardRowDto | null> {
    const rows = await this.db.query<StandingRow[]>(
      `SELECT position, rank, name, school_name, score, time_ms, entries, average_score FROM contest_standing
        WHERE contest_id = $1 AND by = 'student' AND student_id = $2`,
      [contestId, studentId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The provisional standings while the window is open (for those who run the contest), ranked the same way on the spot. */
  async provisionalPage(contestId: string, by: StandingsBy, questions: number, shareMs: number, limit: number, offset: number): Promise<StandingsPage> {
    const [sql, params] = by === 'student' ? [STUDENT_RANKING, [contestId, questions, shareMs]] : [groupRanking(by), [contestId]];
    const n = params.length;
    const rows = await this.db.query<(StandingRow & { total: number })[]>(
      `SELECT *, count(*) OVER ()::int AS total FROM (${sql}) ranked ORDER BY position LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, limit, offset],
    );
    return { rows: rows.map(toRow), total: rows[0]?.total ?? 0 };
  }

  /**
   * Closes an entry with its grade: an `expired` one at its deadline, else now (never past the
   * deadline). Null when it was already closed: only the first finalization counts.
   */
  async finalize(entryId: string, expired: boolean, score: number, correct: number): Promise<EntryRow | null> {
    const [rows] = await this.db.query<[EntryRow[], number]>(
      `UPDATE contest_entry e SET submitted_at = CASE WHEN $2 THEN deadline ELSE LEAST(app_now(), deadline) END,
              score = $3, correct = $4,
              time_ms = (extract(epoch FROM (CASE WHEN $2 THEN deadline ELSE LEAST(app_now(), deadline) END) - started_at) * 1000)::int
        WHERE id = $1 AND submitted_at IS NULL RETURNING ${ENTRY_COLUMNS}`,
      [entryId, expired, score, correct],
    );
    return rows[0] ?? null;
  }
}
