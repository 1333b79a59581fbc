import type { RoundPhase, RoundWindows } from './schemas.js';

/**
 * Where a round stands at `now`. Windows are half-open, `[opensAt, closesAt)`: at the closing
 * instant the window is shut. Between the intake and judging windows (or before the promotion
 * window of a later round) the round is `waiting`.
 */
export function roundPhase(round: RoundWindows, now: Date): RoundPhase {
  const t = now.getTime();
  const inside = (opens?: string | null, closes?: string | null) => !!opens && !!closes && Date.parse(opens) <= t && t < Date.parse(closes);
  if (inside(round.submissionOpensAt, round.submissionClosesAt)) return 'submission';
  if (inside(round.promotionOpensAt, round.promotionClosesAt)) return 'promotion';
  if (inside(round.judgingOpensAt, round.judgingClosesAt)) return 'judging';
  if (t >= Date.parse(round.judgingClosesAt)) return 'closed';
  const intakeOpens = round.submissionOpensAt ?? round.promotionOpensAt;
  if (intakeOpens && t < Date.parse(intakeOpens)) return 'upcoming';
  return 'waiting';
}

/** An entry may be submitted, replaced or withdrawn only while its round's submission window is open; after, never. */
export const entriesOpen = (round: RoundWindows, now: Date): boolean => roundPhase(round, now) === 'submission';

/** A judge may open and score entries only in the judging window. */
export const judgingOpen = (round: RoundWindows, now: Date): boolean => roundPhase(round, now) === 'judging';
