import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ANSWER_GRACE_MS,
  type ContestEntryDto,
  type ContestLeaderboardDto,
  entryTimeMs,
  gradeItem,
  type ItemDto,
  type LeaderboardQuery,
  Permission,
  rankStandings,
  unansweredCount,
} from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import { AccessService } from '../access/access.service.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { type ContestRow, ContestsRepository } from './contests.repository.js';

/** Points per right answer in a scheduled contest; ties break by less time (`entryTimeMs`: a blank question counts its whole share), as in live contests. */
const POINTS_PER_ANSWER = 1000;

interface EntryRow {
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

const ENTRY_COLUMNS = `e.id, e.contest_id AS "contestId", e.student_id AS "studentId", e.started_at AS "startedAt", e.deadline,
  e.submitted_at AS "submittedAt", e.answers, e.score, e.correct, e.time_ms AS "timeMs", app_now() AS now`;

/**
 * Scheduled contests ("cuộc thi tìm hiểu"): within the window each student takes one entry
 * with a time limit the server enforces (seconds per question × questions, never past the
 * window's end); leaderboards by student, school and area are public once the window closes.
 */
@Injectable()
export class EntriesService {
  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    private readonly items: ItemsRepository,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Starts the student's entry, or resumes it (after submission, to show the result). */
  async start(auth: AuthUser, contestId: string): Promise<ContestEntryDto> {
    const contest = await this.contestForStudent(auth, contestId);
    const [{ now }] = await this.db.query(`SELECT app_now() AS now`);
    const existing = await this.findByContest(contestId, auth.userId);
    if (!existing) {
      if (contest.opensAt && now < contest.opensAt) throw new AppError(ErrorCode.ContestNotOpen);
      if (contest.closesAt && now >= contest.closesAt) throw new AppError(ErrorCode.ContestClosed);
      await this.db.query(
        `INSERT INTO contest_entry (contest_id, student_id, deadline)
         VALUES ($1, $2, LEAST(app_now() + make_interval(secs => $3), COALESCE($4, 'infinity'::timestamptz)))
         ON CONFLICT (contest_id, student_id) DO NOTHING`,
        [contestId, auth.userId, contest.secondsPerQuestion * contest.itemIds.length, contest.closesAt],
      );
    }
    return this.view(contest, await this.finalizeIfExpired(contest, found(await this.findByContest(contestId, auth.userId))));
  }

  /** Saves one answer while the entry is open; after the deadline (and the grace) it is 409 TOO_LATE. */
  async answer(auth: AuthUser, entryId: string, questionIndex: number, choice: number[]): Promise<{ savedAt: string }> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = found(await this.contests.findById(entry.contestId));
    if (questionIndex >= contest.itemIds.length) throw notFound('question');
    const item = (await this.items.findInProvince(contest.provinceId, [contest.itemIds[questionIndex]])).get(contest.itemIds[questionIndex])!;
    if (choice.some((i) => i >= item.options.length) || new Set(choice).size !== choice.length)
      throw new AppError(ErrorCode.ValidationFailed, `choice: options are 0 to ${item.options.length - 1}`, [
        fieldError('choice', 'item.outOfRange', { last: item.options.length - 1 }),
      ]);
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [{ saved: Date }[], number] = await this.db.query(
      `UPDATE contest_entry SET answers = jsonb_set(answers, ARRAY[$2::text], $3::jsonb)
        WHERE id = $1 AND submitted_at IS NULL AND app_now() <= deadline + make_interval(secs => $4) RETURNING app_now() AS saved`,
      [entryId, String(questionIndex), JSON.stringify(choice), ANSWER_GRACE_MS / 1000],
    );
    if (rows.length === 0) throw new AppError(entry.submittedAt ? ErrorCode.AlreadySubmitted : ErrorCode.TooLate);
    return { savedAt: rows[0].saved.toISOString() };
  }

  async submit(auth: AuthUser, entryId: string): Promise<ContestEntryDto> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = found(await this.contests.findById(entry.contestId));
    if (entry.submittedAt) throw new AppError(ErrorCode.AlreadySubmitted);
    return this.view(contest, await this.finalize(contest, entry, false));
  }

  async get(auth: AuthUser, entryId: string): Promise<ContestEntryDto> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = found(await this.contests.findById(entry.contestId));
    return this.view(contest, await this.finalizeIfExpired(contest, entry));
  }

  /** Own entries' state for the contests list of a student. */
  async entriesOf(studentId: string, contestIds: string[]): Promise<Map<string, { status: 'in_progress' | 'submitted'; score?: number }>> {
    if (contestIds.length === 0) return new Map();
    const rows: { contestId: string; submitted: boolean; expired: boolean; score: number | null }[] = await this.db.query(
      `SELECT contest_id AS "contestId", submitted_at IS NOT NULL AS submitted, app_now() > deadline AS expired, score
         FROM contest_entry WHERE student_id = $1 AND contest_id = ANY($2)`,
      [studentId, contestIds],
    );
    return new Map(
      rows.map((r) => [
        r.contestId,
        r.submitted || r.expired ? { status: 'submitted', ...(r.score !== null ? { score: r.score } : {}) } : { status: 'in_progress' },
      ]),
    );
  }

  async leaderboard(auth: AuthUser, contestId: string, query: LeaderboardQuery): Promise<ContestLeaderboardDto> {
    const contest = await this.contestForAnyone(auth, contestId);
    const [{ now }] = await this.db.query(`SELECT app_now() AS now`);
    const published = contest.closesAt !== null && now >= contest.closesAt;
    if (!published && auth.role === 'student') throw new AppError(ErrorCode.NotPublished);
    // Entries whose time ran out count with what they saved.
    const expired: EntryRow[] = await this.db.query(
      `SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.contest_id = $1 AND e.submitted_at IS NULL AND app_now() > e.deadline`,
      [contestId],
    );
    for (const e of expired) await this.finalize(contest, e, true);
    const entries: {
      studentId: string;
      name: string;
      schoolName: string;
      areaName: string | null;
      score: number;
      timeMs: number;
      answers: Record<string, number[]>;
    }[] = await this.db.query(
      `SELECT e.student_id AS "studentId", u.full_name AS name, COALESCE(s.name, '') AS "schoolName", a.name AS "areaName", e.score, e.time_ms AS "timeMs", e.answers
         FROM contest_entry e JOIN app_user u ON u.id = e.student_id LEFT JOIN school s ON s.id = u.school_id LEFT JOIN area a ON a.id = s.area_id
        WHERE e.contest_id = $1 AND e.submitted_at IS NOT NULL`,
      [contestId],
    );
    const base = { contestId, by: query.by, published, closesAt: contest.closesAt?.toISOString() ?? null };
    if (query.by === 'student') {
      // The row's time is the tie-break time: the time used plus each blank question's share.
      const shareMs = contest.secondsPerQuestion * 1000;
      const ranked = rankStandings(
        entries.map((e) => ({ ...e, id: e.studentId, totalTimeMs: entryTimeMs(e.timeMs, unansweredCount(contest.itemIds.length, e.answers), shareMs) })),
      );
      return { ...base, rows: ranked.map((r) => ({ rank: r.rank, name: r.name, schoolName: r.schoolName, score: r.score, timeMs: r.totalTimeMs })) };
    }
    const groups = new Map<string, number[]>();
    for (const e of entries) {
      const key = query.by === 'school' ? e.schoolName : (e.areaName ?? 'Chưa xếp khu vực');
      groups.set(key, [...(groups.get(key) ?? []), e.score]);
    }
    const rows = [...groups].map(([name, scores]) => ({
      name,
      entries: scores.length,
      averageScore: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
      score: Math.max(...scores),
    }));
    rows.sort((a, b) => b.averageScore - a.averageScore || b.entries - a.entries || a.name.localeCompare(b.name, 'vi'));
    let rank = 0;
    return {
      ...base,
      rows: rows.map((r, i) => ({
        ...r,
        rank: i > 0 && rows[i - 1].averageScore === r.averageScore && rows[i - 1].entries === r.entries ? rank : (rank = i + 1),
      })),
    };
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  /** A scheduled contest the student may enter: own class, school or province. */
  private async contestForStudent(auth: AuthUser, contestId: string): Promise<ContestRow> {
    const contest = await this.contests.findById(contestId);
    if (!contest || auth.role !== 'student' || contest.provinceId !== auth.provinceId || !(await this.contests.mayJoin(contest, auth.userId)))
      throw notFound('contest');
    if (contest.mode !== 'scheduled') throw new AppError(ErrorCode.Conflict, 'A live contest is joined with its PIN');
    return contest;
  }

  /** Staff who manage the contest, or a student it is open to. */
  private async contestForAnyone(auth: AuthUser, contestId: string): Promise<ContestRow> {
    if (auth.role === 'student') return this.contestForStudent(auth, contestId);
    await this.access.require(auth, Permission.ContestManage, [contestId]);
    return found(await this.contests.findById(contestId));
  }

  private async findByContest(contestId: string, studentId: string): Promise<EntryRow | null> {
    const rows = await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.contest_id = $1 AND e.student_id = $2`, [contestId, studentId]);
    return rows[0] ?? null;
  }

  private async ownEntry(auth: AuthUser, entryId: string): Promise<EntryRow> {
    const rows: EntryRow[] = await this.db.query(`SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.id = $1`, [entryId]);
    if (!rows[0] || rows[0].studentId !== auth.userId) throw notFound('entry');
    return rows[0];
  }

  private async finalizeIfExpired(contest: ContestRow, entry: EntryRow): Promise<EntryRow> {
    if (entry.submittedAt || entry.now.getTime() <= entry.deadline.getTime() + ANSWER_GRACE_MS) return entry;
    return this.finalize(contest, entry, true);
  }

  /** Grades the saved answers; `expired` entries end at their deadline. Only the first finalization counts. */
  private async finalize(contest: ContestRow, entry: EntryRow, expired: boolean): Promise<EntryRow> {
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const items: ItemDto[] = contest.itemIds.map((id) => bank.get(id)!);
    const correct = items.filter((item, q) => entry.answers[String(q)] && gradeItem(item, entry.answers[String(q)]).correct === true).length;
    const [rows]: [EntryRow[], number] = await this.db.query(
      `UPDATE contest_entry e SET submitted_at = CASE WHEN $2 THEN deadline ELSE LEAST(app_now(), deadline) END,
              score = $3, correct = $4,
              time_ms = (extract(epoch FROM (CASE WHEN $2 THEN deadline ELSE LEAST(app_now(), deadline) END) - started_at) * 1000)::int
        WHERE id = $1 AND submitted_at IS NULL RETURNING ${ENTRY_COLUMNS}`,
      [entry.id, expired, correct * POINTS_PER_ANSWER, correct],
    );
    if (rows[0]) return rows[0];
    if (!expired) throw new AppError(ErrorCode.AlreadySubmitted);
    return found(await this.findByContest(entry.contestId, entry.studentId));
  }

  private async view(contest: ContestRow, entry: EntryRow): Promise<ContestEntryDto> {
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const dto: ContestEntryDto = {
      entryId: entry.id,
      contestId: contest.id,
      title: contest.title,
      startedAt: entry.startedAt.toISOString(),
      deadline: entry.deadline.toISOString(),
      serverNow: entry.now.getTime(),
      submittedAt: entry.submittedAt?.toISOString() ?? null,
      questions: contest.itemIds.map((id, questionIndex) => {
        const item = bank.get(id)!;
        return { questionIndex, text: item.prompt, options: [...item.options], kind: item.kind };
      }),
      answers: entry.answers,
    };
    if (entry.submittedAt) dto.result = { score: entry.score ?? 0, correct: entry.correct ?? 0, total: contest.itemIds.length, timeMs: entry.timeMs ?? 0 };
    return dto;
  }
}
