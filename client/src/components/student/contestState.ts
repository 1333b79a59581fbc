import type { ContestDto } from '@tinhtao/shared';

/** Where a scheduled contest stands for its student. */
export type StudentContestState = 'upcoming' | 'open' | 'in_progress' | 'submitted' | 'closed';

export function studentContestState(contest: Pick<ContestDto, 'opensAt' | 'closesAt' | 'entry'>, now = Date.now()): StudentContestState {
  if (contest.entry?.status === 'submitted') return 'submitted';
  if (contest.closesAt && Date.parse(contest.closesAt) <= now) return 'closed';
  if (contest.opensAt && Date.parse(contest.opensAt) > now) return 'upcoming';
  return contest.entry?.status === 'in_progress' ? 'in_progress' : 'open';
}
