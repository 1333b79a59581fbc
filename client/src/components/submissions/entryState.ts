import type { PeoplesChoiceBody, RoundDto, RoundStage, SubmissionContestDto, SubmissionEntryDto } from '@tinhtao/shared';

/**
 * Where an entry stands for its author: `draft` is one kept on the phone and not yet sent;
 * `awaiting` was sent and waits for the teacher; `promoted` went on past the first round.
 */
export type EntryState = 'draft' | 'awaiting' | 'confirmed' | 'promoted' | 'returned' | 'withdrawn';

export function entryState(entry: Pick<SubmissionEntryDto, 'status' | 'stage'>, firstStage: RoundStage): EntryState {
  switch (entry.status) {
    case 'submitted':
      return 'awaiting';
    case 'returned':
      return 'returned';
    case 'withdrawn':
      return 'withdrawn';
    case 'confirmed':
      return entry.stage === firstStage ? 'confirmed' : 'promoted';
  }
}

export const ENTRY_STATE_TAG = {
  draft: 'default',
  awaiting: 'warning',
  confirmed: 'success',
  promoted: 'info',
  returned: 'error',
  withdrawn: 'default',
} as const satisfies Record<EntryState, string>;

/** The round entries are sent to: the first. */
export const firstRound = (contest: Pick<SubmissionContestDto, 'rounds'>): RoundDto | undefined => contest.rounds[0];

/** Where a contest stands for a student: taking entries, not yet, or no longer. */
export type IntakeState = 'upcoming' | 'open' | 'closed';

export function intakeState(contest: Pick<SubmissionContestDto, 'rounds'>): IntakeState {
  const phase = firstRound(contest)?.phase;
  if (phase === 'submission') return 'open';
  return phase === 'upcoming' ? 'upcoming' : 'closed';
}

/** The people's choice at `now`: none, before, open, or closed (its results visible). */
export type VotingState = 'none' | 'upcoming' | 'open' | 'closed';

export function votingState(peoplesChoice: Pick<PeoplesChoiceBody, 'opensAt' | 'closesAt'> | null, now: number): VotingState {
  if (!peoplesChoice) return 'none';
  if (now < Date.parse(peoplesChoice.opensAt)) return 'upcoming';
  return now < Date.parse(peoplesChoice.closesAt) ? 'open' : 'closed';
}
