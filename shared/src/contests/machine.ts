/**
 * The live session's state machine (DESIGN §3), pure: the server feeds it events with its
 * own clock and carries out the effects it returns (send messages, arm the timer).
 * lobby → question → reveal → … → ended; a question may be paused; `end` works anywhere.
 */
export type Phase = 'lobby' | 'question' | 'reveal' | 'paused' | 'ended';

export interface MachineState {
  phase: Phase;
  /** -1 in the lobby. */
  questionIndex: number;
  total: number;
  durationMs: number;
  /** When the current question opened and closes (server ms since epoch). */
  startedAt: number | null;
  endsAt: number | null;
  /** While paused: the time the question had left. */
  remainingMs: number | null;
  /** Questions the host skipped: they score nobody. */
  skipped: number[];
}

export type MachineEvent =
  | { type: 'start' }
  | { type: 'next' }
  | { type: 'reveal' }
  /** The timer fired for this question; ignored if the session has moved on. */
  | { type: 'timeUp'; questionIndex: number }
  | { type: 'allAnswered'; questionIndex: number }
  | { type: 'skip' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'end' };

export type Effect = 'questionStart' | 'reveal' | 'ended';

export type Transition = { ok: true; state: MachineState; effects: Effect[] } | { ok: false; reason: 'NOT_ALLOWED' };

/** How late after `endsAt` an answer still counts: network jitter, stated to players. */
export const ANSWER_GRACE_MS = 500;

export function initialState(total: number, durationMs: number): MachineState {
  return { phase: 'lobby', questionIndex: -1, total, durationMs, startedAt: null, endsAt: null, remainingMs: null, skipped: [] };
}

const refuse: Transition = { ok: false, reason: 'NOT_ALLOWED' };

function openQuestion(state: MachineState, index: number, now: number): Transition {
  if (index >= state.total) return { ok: true, state: { ...state, phase: 'ended', startedAt: null, endsAt: null, remainingMs: null }, effects: ['ended'] };
  return {
    ok: true,
    state: { ...state, phase: 'question', questionIndex: index, startedAt: now, endsAt: now + state.durationMs, remainingMs: null },
    effects: ['questionStart'],
  };
}

export function transition(state: MachineState, event: MachineEvent, now: number): Transition {
  if (state.phase === 'ended') return refuse;
  switch (event.type) {
    case 'start':
      return state.phase === 'lobby' ? openQuestion(state, 0, now) : refuse;
    case 'next':
      return state.phase === 'reveal' ? openQuestion(state, state.questionIndex + 1, now) : refuse;
    case 'reveal':
      return state.phase === 'question' ? { ok: true, state: { ...state, phase: 'reveal', endsAt: now }, effects: ['reveal'] } : refuse;
    case 'timeUp':
    case 'allAnswered':
      // A timer or a last answer for a question that is already closed changes nothing.
      if (state.phase !== 'question' || event.questionIndex !== state.questionIndex) return refuse;
      return { ok: true, state: { ...state, phase: 'reveal', endsAt: Math.min(now, state.endsAt ?? now) }, effects: ['reveal'] };
    case 'skip':
      if (state.phase !== 'question' && state.phase !== 'paused') return refuse;
      return openQuestion({ ...state, skipped: [...state.skipped, state.questionIndex] }, state.questionIndex + 1, now);
    case 'pause':
      return state.phase === 'question'
        ? { ok: true, state: { ...state, phase: 'paused', remainingMs: Math.max(0, (state.endsAt ?? now) - now), endsAt: null }, effects: [] }
        : refuse;
    case 'resume':
      if (state.phase !== 'paused') return refuse;
      // The clock restarts with the time that was left; elapsed time for scoring counts from the new start.
      return {
        ok: true,
        state: {
          ...state,
          phase: 'question',
          startedAt: now - (state.durationMs - (state.remainingMs ?? 0)),
          endsAt: now + (state.remainingMs ?? 0),
          remainingMs: null,
        },
        effects: [],
      };
    case 'end':
      return { ok: true, state: { ...state, phase: 'ended', endsAt: null, remainingMs: null }, effects: ['ended'] };
  }
}

export type AnswerVerdict = { ok: true; elapsedMs: number } | { ok: false; code: 'TOO_LATE' | 'NOT_ALLOWED' };

/** Whether an answer stamped `receivedAt` counts for the question, and how long it took. */
export function judgeAnswerTime(state: MachineState, questionIndex: number, receivedAt: number): AnswerVerdict {
  if (state.phase === 'lobby' || questionIndex > state.questionIndex) return { ok: false, code: 'NOT_ALLOWED' };
  if (questionIndex < state.questionIndex || state.phase !== 'question' || state.endsAt === null || state.startedAt === null)
    return { ok: false, code: 'TOO_LATE' };
  if (receivedAt > state.endsAt + ANSWER_GRACE_MS) return { ok: false, code: 'TOO_LATE' };
  return { ok: true, elapsedMs: Math.min(Math.max(0, receivedAt - state.startedAt), state.durationMs) };
}
