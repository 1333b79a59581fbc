/**
 * The scoreboard freeze (issue 20, §3): for the last N minutes of a timed contest everyone but the
 * organiser sees the scoreboard as it stood at the freeze moment, until the organiser reveals it
 * after the end. Solves after the freeze are stored and counted; they are shown only at the reveal.
 *
 * The frozen board is a SNAPSHOT, not a filter of the live one: it is computed once from the
 * solves received before `freezeAt` and the values those solves gave then (`solvesBeforeFreeze`).
 * A filter over the live board would still move, because dynamic values fall with every later
 * solve and every earlier solver's points with them (the bug of CTFd #2320). Times are ms since 1970.
 */
import type { SolveRecord } from './scoring.js';

/** Who is looking: the contest's organiser (its author or the staff who run it), a participant, anyone else allowed to look. */
export type ScoreboardViewer = 'organiser' | 'participant' | 'public';

export interface FreezeTimes {
  now: number;
  /** The freeze moment, or null for a contest without a freeze (practice, freezeMinutes 0). */
  freezeAt: number | null;
  /** When the organiser revealed the final board, or null. */
  revealedAt: number | null;
}

/** What a viewer is shown: the live board, or the snapshot taken at `asOf` (= freezeAt). */
export type ScoreboardSource = { source: 'live'; revealed: boolean } | { source: 'freeze_snapshot'; asOf: number };

/** The freeze moment of a timed contest: `freezeMinutes` before its end; null without a freeze. */
export function freezeMoment(endsAt: number | null, freezeMinutes: number): number | null {
  if (endsAt === null || freezeMinutes <= 0) return null;
  return endsAt - freezeMinutes * 60_000;
}

/**
 * Which board `viewer` sees at `now`. The organiser always sees the live board. Anyone else sees
 * the live board before the freeze and after a reveal, and the snapshot in between, the time after
 * the end included. A reveal stamped before the freeze (which the server refuses) unfreezes nothing.
 */
export function scoreboardSource(viewer: ScoreboardViewer, { now, freezeAt, revealedAt }: FreezeTimes): ScoreboardSource {
  const revealed = revealedAt !== null && now >= revealedAt && (freezeAt === null || revealedAt >= freezeAt);
  if (viewer === 'organiser' || freezeAt === null || now < freezeAt || revealed) return { source: 'live', revealed };
  return { source: 'freeze_snapshot', asOf: freezeAt };
}

/** Whether the board `viewer` sees is held (the solve counts and values shown on challenge pages follow the same rule). */
export function isFrozenFor(viewer: ScoreboardViewer, times: FreezeTimes): boolean {
  return scoreboardSource(viewer, times).source === 'freeze_snapshot';
}

/**
 * The solves the snapshot is made of: those received strictly before the freeze moment. Computed
 * from stored solves, so a snapshot taken a little late, or taken again after a restart, is the
 * same board; scoring them alone gives the values as they stood at the freeze.
 */
export function solvesBeforeFreeze<T extends Pick<SolveRecord, 'at'>>(solves: readonly T[], freezeAt: number): T[] {
  return solves.filter((s) => s.at < freezeAt);
}

/** Whether the server should make the freeze snapshot now: the moment has come and none exists yet. */
export function freezeSnapshotDue(now: number, freezeAt: number | null, snapshotExists: boolean): boolean {
  return freezeAt !== null && now >= freezeAt && !snapshotExists;
}

/** The organiser may reveal once, after the contest's end. */
export function canReveal(now: number, endsAt: number | null, revealedAt: number | null): boolean {
  return endsAt !== null && now >= endsAt && revealedAt === null;
}

/**
 * Whether a participant may read the write-ups: a timed contest's after its end; in practice mode a
 * challenge's write-up once the participant has solved it.
 */
export function writeupVisible(mode: 'practice' | 'timed', now: number, endsAt: number | null, solvedByViewer: boolean): boolean {
  if (mode === 'practice') return solvedByViewer;
  return endsAt !== null && now >= endsAt;
}
