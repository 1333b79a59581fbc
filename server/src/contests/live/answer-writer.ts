import type { DataSource } from 'typeorm';

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

interface Pending {
  row: AnswerRow;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 1000;
const MAX_IN_FLIGHT = 4;

/**
 * Group commit: answers arriving together are written by one INSERT, and each caller's
 * promise settles only once its row is committed, so an acknowledged answer survives a
 * crash. A row already stored (a retry) resolves to `false`.
 */
export class AnswerWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly db: DataSource) {}

  write(row: AnswerRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.scheduled = true;
    // Let the answers that arrive in the same turn of the event loop join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0 || this.inFlight >= MAX_IN_FLIGHT) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight++;
    try {
      const rows = batch.map((p) => p.row);
      const inserted: { session_id: string; question_index: number; student_id: string }[] = await this.db.query(
        `INSERT INTO contest_answer (session_id, question_index, student_id, choice, received_at, elapsed_ms, correct, points)
         SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::uuid[], $4::jsonb[], $5::timestamptz[], $6::int[], $7::boolean[], $8::int[])
         ON CONFLICT DO NOTHING RETURNING session_id, question_index, student_id`,
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
      const stored = new Set(inserted.map((r) => `${r.session_id}:${r.question_index}:${r.student_id}`));
      for (const p of batch) p.resolve(stored.has(`${p.row.sessionId}:${p.row.questionIndex}:${p.row.studentId}`));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
