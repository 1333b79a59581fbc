import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

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

/** A submitted entry as the leaderboard ranks it. */
export interface SubmittedEntryRow {
  studentId: string;
  name: string;
  schoolName: string;
  areaName: string | null;
  score: number;
  timeMs: number;
  answers: Record<string, number[]>;
}

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

  /** Starts an entry whose deadline is `seconds` from now, never past `closesAt`; a second start is a no-op. */
  async insertIfAbsent(contestId: string, studentId: string, seconds: number, closesAt: Date | null): Promise<void> {
    await this.db.query(
      `INSERT INTO contest_entry (contest_id, student_id, deadline)
       VALUES ($1, $2, LEAST(app_now() + make_interval(secs => $3), COALESCE($4, 'infinity'::timestamptz)))
       ON CONFLICT (contest_id, student_id) DO NOTHING`,
      [contestId, studentId, seconds, closesAt],
    );
  }

  /** Saves one answer of an open entry (until its deadline plus `graceMs`); the time it was saved, or null when the entry is closed. */
  async saveAnswer(entryId: string, questionIndex: number, choice: number[], graceMs: number): Promise<Date | null> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = await this.db.query<[{ saved: Date }[], number]>(
      `UPDATE contest_entry SET answers = jsonb_set(answers, ARRAY[$2::text], $3::jsonb)
        WHERE id = $1 AND submitted_at IS NULL AND app_now() <= deadline + make_interval(secs => $4) RETURNING app_now() AS saved`,
      [entryId, String(questionIndex), JSON.stringify(choice), graceMs / 1000],
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

  /** Entries of the contest whose time ran out before they were submitted. */
  async findExpiredUnsubmitted(contestId: string): Promise<EntryRow[]> {
    return this.db.query<EntryRow[]>(
      `SELECT ${ENTRY_COLUMNS} FROM contest_entry e WHERE e.contest_id = $1 AND e.submitted_at IS NULL AND app_now() > e.deadline`,
      [contestId],
    );
  }

  /** The contest's submitted entries with the student's name, school and area. */
  async findSubmitted(contestId: string): Promise<SubmittedEntryRow[]> {
    return this.db.query<SubmittedEntryRow[]>(
      `SELECT e.student_id AS "studentId", u.full_name AS name, COALESCE(s.name, '') AS "schoolName", a.name AS "areaName", e.score, e.time_ms AS "timeMs", e.answers
         FROM contest_entry e JOIN app_user u ON u.id = e.student_id LEFT JOIN school s ON s.id = u.school_id LEFT JOIN area a ON a.id = s.area_id
        WHERE e.contest_id = $1 AND e.submitted_at IS NOT NULL`,
      [contestId],
    );
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
