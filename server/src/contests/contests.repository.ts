import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContestScope, ListScope, MachineState, ProgramKind } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';

export interface ContestRow {
  id: string;
  provinceId: string;
  schoolId: string | null;
  title: string;
  mode: 'live' | 'scheduled';
  scopeType: ContestScope['type'];
  scopeId: string;
  kind: ProgramKind;
  secondsPerQuestion: number;
  opensAt: Date | null;
  closesAt: Date | null;
  itemIds: string[];
  createdAt: Date;
}

export interface SessionRow {
  id: string;
  contestId: string;
  pin: string;
  state: MachineState;
  hostId: string;
  endedAt: Date | null;
}

/** A player of a session as a node seeds its live store. */
export interface ParticipantRow {
  studentId: string;
  name: string;
  schoolName: string;
  kicked: boolean;
}

/** A stored live answer. */
export interface StoredAnswerRow {
  questionIndex: number;
  studentId: string;
  choice: number[];
  elapsedMs: number;
  correct: boolean;
  points: number;
  receivedAt: Date;
}

/** A player of a session with the totals the results rank. */
export interface PlayerTotalRow {
  studentId: string;
  name: string;
  schoolName: string;
  score: number;
  correct: number;
  joinedAt: Date;
}

/** An answer of a player the host did not remove. */
export interface ResultAnswerRow {
  studentId: string;
  questionIndex: number;
  choice: number[];
  correct: boolean;
  elapsedMs: number;
}

const CONTEST_COLUMNS = `c.id, c.province_id AS "provinceId", c.school_id AS "schoolId", c.title, c.mode, c.scope_type AS "scopeType",
  c.scope_id AS "scopeId", c.kind, c.seconds_per_question AS "secondsPerQuestion", c.opens_at AS "opensAt", c.closes_at AS "closesAt",
  ARRAY(SELECT item_id FROM contest_item ci WHERE ci.contest_id = c.id ORDER BY ci.position) AS "itemIds", c.created_at AS "createdAt"`;

const SESSION_COLUMNS = `s.id, s.contest_id AS "contestId", s.pin, s.state, s.host_id AS "hostId", s.ended_at AS "endedAt"`;

@Injectable()
export class ContestsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string): Promise<ContestRow | null> {
    const rows = await this.db.query<ContestRow[]>(`SELECT ${CONTEST_COLUMNS} FROM contest c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Contests whose scope touches the caller's classes, school or province. */
  async list(scope: ListScope): Promise<ContestRow[]> {
    if (scope.kind === 'none') return [];
    const params: unknown[] = [scope.provinceId];
    let where = 'c.province_id = $1';
    if (scope.kind !== 'province') {
      params.push(scope.schoolId);
      where += ` AND (c.scope_type = 'province' OR c.school_id = $2)`;
    }
    if (scope.kind === 'teacher')
      where += ` AND (c.scope_type <> 'class' OR EXISTS (SELECT 1 FROM class_teacher t WHERE t.class_id = c.scope_id AND t.teacher_id = $${params.push(scope.teacherId)}))`;
    if (scope.kind === 'student')
      where += ` AND (c.scope_type <> 'class' OR EXISTS (SELECT 1 FROM enrollment e WHERE e.class_id = c.scope_id AND e.student_id = $${params.push(scope.studentId)}))`;
    return this.db.query<ContestRow[]>(`SELECT ${CONTEST_COLUMNS} FROM contest c WHERE ${where} ORDER BY c.created_at DESC LIMIT 500`, params);
  }

  async insert(tx: Tx, c: Omit<ContestRow, 'id' | 'itemIds' | 'createdAt'> & { createdBy: string }, itemIds: string[]): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO contest (province_id, school_id, title, mode, scope_type, scope_id, kind, seconds_per_question, opens_at, closes_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [c.provinceId, c.schoolId, c.title, c.mode, c.scopeType, c.scopeId, c.kind, c.secondsPerQuestion, c.opensAt, c.closesAt, c.createdBy],
    );
    await tx.query(`INSERT INTO contest_item (contest_id, position, item_id) SELECT $1, ord - 1, id FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`, [
      rows[0].id,
      itemIds,
    ]);
    return rows[0].id;
  }

  /** The program of the lesson that first uses the item, for contests that do not say. */
  async kindOfItem(itemId: string): Promise<ProgramKind | null> {
    const rows = await this.db.query<{ kind: ProgramKind }[]>(
      `SELECT l.kind FROM lesson_item li JOIN lesson l ON l.id = li.lesson_id WHERE li.item_id = $1 LIMIT 1`,
      [itemId],
    );
    return rows[0]?.kind ?? null;
  }

  /** Opens a session under a PIN no running session holds; retries on the rare collision. */
  async insertSession(contestId: string, hostId: string, state: MachineState, pinOf: () => string): Promise<SessionRow> {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await this.db.query<SessionRow[]>(
          `INSERT INTO contest_session (contest_id, pin, state, host_id) VALUES ($1, $2, $3, $4) RETURNING id, contest_id AS "contestId", pin, state, host_id AS "hostId", ended_at AS "endedAt"`,
          [contestId, pinOf(), JSON.stringify(state), hostId],
        );
        return rows[0];
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code !== '23505' || attempt > 20) throw error;
      }
    }
  }

  async findSession(id: string): Promise<SessionRow | null> {
    const rows = await this.db.query<SessionRow[]>(`SELECT ${SESSION_COLUMNS} FROM contest_session s WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findRunningByPin(pin: string): Promise<SessionRow | null> {
    const rows = await this.db.query<SessionRow[]>(`SELECT ${SESSION_COLUMNS} FROM contest_session s WHERE s.pin = $1 AND s.ended_at IS NULL`, [pin]);
    return rows[0] ?? null;
  }

  async saveState(sessionId: string, state: MachineState): Promise<void> {
    await this.db.query(`UPDATE contest_session SET state = $2, ended_at = CASE WHEN $3 THEN COALESCE(ended_at, app_now()) ELSE NULL END WHERE id = $1`, [
      sessionId,
      JSON.stringify(state),
      state.phase === 'ended',
    ]);
  }

  /** Adds the players in one statement (one already in is left as it is); each one's name and school, in the given order. */
  async addParticipants(rows: { sessionId: string; studentId: string }[]): Promise<{ name: string; schoolName: string }[]> {
    return this.db.query(
      `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(session_id, student_id, n)),
            added AS (INSERT INTO participant (session_id, student_id) SELECT session_id, student_id FROM input ON CONFLICT DO NOTHING)
       SELECT u.full_name AS name, COALESCE(s.name, '') AS "schoolName"
         FROM input i JOIN app_user u ON u.id = i.student_id LEFT JOIN school s ON s.id = u.school_id ORDER BY i.n`,
      [rows.map((r) => r.sessionId), rows.map((r) => r.studentId)],
    );
  }

  async kick(sessionId: string, studentId: string): Promise<void> {
    await this.db.query(`UPDATE participant SET kicked_at = app_now() WHERE session_id = $1 AND student_id = $2`, [sessionId, studentId]);
  }

  /** Everything a node needs to take a session over: participants with names, and every stored answer. */
  async sessionData(sessionId: string): Promise<{ participants: ParticipantRow[]; answers: StoredAnswerRow[] }> {
    const participants = await this.db.query<ParticipantRow[]>(
      `SELECT p.student_id AS "studentId", u.full_name AS name, COALESCE(sc.name, '') AS "schoolName", p.kicked_at IS NOT NULL AS kicked
         FROM participant p JOIN app_user u ON u.id = p.student_id LEFT JOIN school sc ON sc.id = u.school_id WHERE p.session_id = $1`,
      [sessionId],
    );
    const answers = await this.db.query<StoredAnswerRow[]>(
      `SELECT question_index AS "questionIndex", student_id AS "studentId", choice, elapsed_ms AS "elapsedMs", correct, points, received_at AS "receivedAt"
         FROM contest_answer WHERE session_id = $1`,
      [sessionId],
    );
    return { participants, answers };
  }

  /** The contest's session with this id, or its latest when none is named. */
  async findResultSession(contestId: string, sessionId: string | null): Promise<{ id: string; state: MachineState } | null> {
    const rows = await this.db.query<{ id: string; state: MachineState }[]>(
      `SELECT id, state FROM contest_session WHERE contest_id = $1 AND ($2::uuid IS NULL OR id = $2) ORDER BY created_at DESC LIMIT 1`,
      [contestId, sessionId],
    );
    return rows[0] ?? null;
  }

  /** The players the host did not remove, with their points and right answers. */
  async playerTotals(sessionId: string): Promise<PlayerTotalRow[]> {
    return this.db.query<PlayerTotalRow[]>(
      `SELECT p.student_id AS "studentId", u.full_name AS name, COALESCE(s.name, '') AS "schoolName", p.joined_at AS "joinedAt",
              COALESCE(sum(a.points), 0)::int AS score, count(*) FILTER (WHERE a.correct)::int AS correct
         FROM participant p JOIN app_user u ON u.id = p.student_id LEFT JOIN school s ON s.id = u.school_id
         LEFT JOIN contest_answer a ON a.session_id = p.session_id AND a.student_id = p.student_id
        WHERE p.session_id = $1 AND p.kicked_at IS NULL
        GROUP BY p.student_id, p.joined_at, u.full_name, s.name`,
      [sessionId],
    );
  }

  /** Every answer of the session but those of removed players. */
  async answersOfPlayers(sessionId: string): Promise<ResultAnswerRow[]> {
    return this.db.query<ResultAnswerRow[]>(
      `SELECT student_id AS "studentId", question_index AS "questionIndex", choice, correct, elapsed_ms AS "elapsedMs" FROM contest_answer a
        WHERE session_id = $1 AND NOT EXISTS (SELECT 1 FROM participant p WHERE p.session_id = a.session_id AND p.student_id = a.student_id AND p.kicked_at IS NOT NULL)`,
      [sessionId],
    );
  }
}
