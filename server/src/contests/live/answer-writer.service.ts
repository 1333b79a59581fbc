import { Injectable } from '@nestjs/common';

import { type AnswerKey, type AnswerRow, LiveAnswersRepository } from './live-answers.repository.js';

interface Pending {
  row: AnswerRow;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 1000;
const keyOf = (k: AnswerKey) => `${k.sessionId}:${k.questionIndex}:${k.studentId}`;
const MAX_IN_FLIGHT = 4;

/**
 * Group commit: answers arriving together are written by one INSERT, and each caller's
 * promise settles only once its row is committed, so an acknowledged answer survives a
 * crash. A row already stored (a retry) resolves to `false`.
 */
@Injectable()
export class AnswerWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly answers: LiveAnswersRepository) {}

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
      const inserted = await this.answers.insertNew(batch.map((p) => p.row));
      const stored = new Set(inserted.map(keyOf));
      for (const p of batch) p.resolve(stored.has(keyOf(p.row)));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
