import type { ItemDto, MachineState, QuestionView } from '@tinhtao/shared';

/**
 * What this node keeps about a live session: what never changes (contest, PIN, items) and
 * its own timers. The shared state (machine, players, answers, ranking) is in the LiveStore.
 */
export class LiveContext {
  /** The timer that closes the current question: armed only on the node holding the lease. */
  timer: NodeJS.Timeout | null = null;
  hostNotice: NodeJS.Timeout | null = null;
  leaseLoop: NodeJS.Timeout | null = null;
  driving = false;

  constructor(
    readonly id: string,
    readonly contestId: string,
    readonly pin: string,
    readonly title: string,
    readonly items: ItemDto[],
  ) {}

  /** The current question as players see it (never its answer): while open or paused, and at its reveal. */
  question(state: MachineState, serverNow: number): QuestionView | undefined {
    const item = this.items[state.questionIndex];
    if (!item || (state.phase !== 'question' && state.phase !== 'paused' && state.phase !== 'reveal')) return undefined;
    return {
      questionIndex: state.questionIndex,
      total: state.total,
      text: item.prompt,
      options: [...item.options],
      kind: item.kind,
      durationMs: state.durationMs,
      endsAt: state.endsAt ?? serverNow + (state.remainingMs ?? 0),
      serverNow,
    };
  }
}
