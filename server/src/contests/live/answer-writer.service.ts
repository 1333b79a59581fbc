import { Injectable } from '@nestjs/common';

import { Batched } from '../../platform/batched.js';
import { type AnswerKey, type AnswerRow, LiveAnswersRepository } from './live-answers.repository.js';

/** Batches being written at once: every one needs a connection of the pool. */
const MAX_IN_FLIGHT = 4;
const keyOf = (k: AnswerKey) => `${k.sessionId}:${k.questionIndex}:${k.studentId}`;

/**
 * Answers arriving together are written by one INSERT (group commit), and each caller's
 * promise settles only once its row is committed, so an acknowledged answer survives a
 * crash. A row already stored (a retry) resolves to `false`.
 */
@Injectable()
export class AnswerWriter {
  private readonly commit: Batched<AnswerRow, boolean>;

  constructor(private readonly answers: LiveAnswersRepository) {
    this.commit = new Batched(
      async (rows) => {
        const stored = new Set((await answers.insertNew(rows)).map(keyOf));
        return rows.map((row) => stored.has(keyOf(row)));
      },
      { maxInFlight: MAX_IN_FLIGHT },
    );
  }

  /** Opens the connections the writes will need (a long lobby lets the pool close its idle ones): called as a question starts. */
  warm(): Promise<void> {
    return this.answers.openConnections(MAX_IN_FLIGHT);
  }

  write(row: AnswerRow): Promise<boolean> {
    return this.commit.submit(row);
  }
}
