import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One live answer as it is stored (`contest_answer`). */
export interface AnswerRow {
  sessionId: string;
  questionIndex: number;
  studentId: string;
  choice: number[];
  receivedAt: Date;
  elapsedMs: number;
  correct: boolean;
  points: number;
}

/** Which answer a row is: its session, question and student. */
export type AnswerKey = Pick<AnswerRow, 'sessionId' | 'questionIndex' | 'studentId'>;

/** The live answers' table. */
@Injectable()
export class LiveAnswersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Holds `count` connections at once for a moment, so that the pool has them open when answers arrive. */
  async openConnections(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => this.db.query('SELECT 1')));
  }

  /** Stores the rows in one INSERT; answers already stored (retries) are skipped. The keys of the rows it stored. */
  async insertNew(rows: AnswerRow[]): Promise<AnswerKey[]> {
    return this.db.query<AnswerKey[]>(
      `INSERT INTO contest_answer (session_id, question_index, student_id, choice, received_at, elapsed_ms, correct, points)
       SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::uuid[], $4::jsonb[], $5::timestamptz[], $6::int[], $7::boolean[], $8::int[])
       ON CONFLICT DO NOTHING RETURNING session_id AS "sessionId", question_index AS "questionIndex", student_id AS "studentId"`,
      [
        rows.map((r) => r.sessionId),
        rows.map((r) => r.questionIndex),
        rows.map((r) => r.studentId),
        rows.map((r) => JSON.stringify(r.choice)),
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.elapsedMs),
        rows.map((r) => r.correct),
        rows.map((r) => r.points),
      ],
    );
  }
}
