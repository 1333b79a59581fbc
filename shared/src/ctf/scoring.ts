/**
 * Scoring of the CTF contests (issue 20, §3): dynamic values, first-solve bonus, hint costs,
 * team totals, ranking and the scoreboards by student, team, school and area. Pure: times are
 * milliseconds since 1970 passed in, never read from a clock.
 *
 * The formula (CTFd's "dynamic value", stated here and in the README):
 *
 *   value(n) = max(minimum, ceil(((minimum − initial) / decay²) · (n − 1)² + initial))
 *
 * where n ≥ 1 is the number of entrants who have solved the challenge, THIS SOLVE AND EVERY
 * EARLIER ONE INCLUDED (n = 0, nobody yet, is read as n = 1: what the first solver will get). So
 * the first solver gets the full initial value, and the value reaches the minimum at the
 * (decay + 1)-th solve. Every solver of a challenge holds its CURRENT value: when the 10th
 * solver comes, the nine before lose points too, and everyone's total is recomputed.
 *
 * The arithmetic is done in integers, so no rounding of floating point can move a point:
 * ceil(initial − (initial − minimum)·k²/decay²) = initial − floor((initial − minimum)·k² / decay²), k = n − 1.
 */

/** A challenge's dynamic scoring in a contest. `decay` ≥ 1: the solves after the first one it takes to reach the minimum. */
export interface DynamicValueParams {
  initial: number;
  minimum: number;
  decay: number;
}

/** The value of a challenge solved by `solves` entrants (this one included); see the formula above. */
export function dynamicValue({ initial, minimum, decay }: DynamicValueParams, solves: number): number {
  if (!Number.isSafeInteger(initial) || !Number.isSafeInteger(minimum) || !Number.isSafeInteger(decay) || decay < 1 || minimum > initial || minimum < 0)
    throw new RangeError(`dynamicValue: initial ${initial}, minimum ${minimum}, decay ${decay} must be whole, 0 ≤ minimum ≤ initial, decay ≥ 1`);
  const k = Math.max(Math.trunc(solves), 1) - 1;
  if (k >= decay) return minimum;
  const numerator = (initial - minimum) * k * k;
  const denominator = decay * decay;
  const drop = (numerator - (numerator % denominator)) / denominator;
  return Math.max(minimum, initial - drop);
}

/** A contest's minimum as a share of each challenge's initial value: ceil(initial × percent / 100). */
export function minimumFromPercent(initial: number, minimumPercent: number): number {
  return Math.ceil((initial * minimumPercent) / 100);
}

/** How a contest scores a challenge: a fixed value, or the dynamic formula. */
export type ChallengeValueRule = { type: 'static'; value: number } | ({ type: 'dynamic' } & DynamicValueParams);

export interface ScoredChallenge {
  id: string;
  rule: ChallengeValueRule;
}

/** A solve by an entrant (a student in an individual contest, a team in a team contest). */
export interface SolveRecord {
  entrantId: string;
  challengeId: string;
  /** The server's receive time of the accepted flag or answer, ms. */
  at: number;
}

/** A hint an entrant unlocked, and what it cost then (the cost is fixed when unlocked). */
export interface HintUnlockRecord {
  entrantId: string;
  challengeId: string;
  cost: number;
}

export interface CtfScoringOptions {
  /** Extra points for the first entrant to solve each challenge ("first blood"); 0 or absent: none. It does not decay. */
  firstSolveBonus?: number;
}

export interface EntrantScore {
  entrantId: string;
  /** Σ current values of the solved challenges + first-solve bonuses − Σ hint costs. May be below zero (see `canUnlockHint`). */
  score: number;
  solved: number;
  firstSolves: number;
  hintCost: number;
  /** The time of the entrant's last solve, the tie-break; null without a solve. */
  lastSolveAt: number | null;
}

/** The value every solver of `challenge` holds now, given its solve count. */
export function currentValue(challenge: ScoredChallenge, solves: number): number {
  return challenge.rule.type === 'static' ? challenge.rule.value : dynamicValue(challenge.rule, solves);
}

/**
 * One solve per entrant and challenge, the earliest (a repeated record, e.g. two team members who
 * solved the same challenge, counts once, at the first time).
 */
export function firstSolvesOnly(solves: readonly SolveRecord[]): SolveRecord[] {
  const earliest = new Map<string, SolveRecord>();
  for (const solve of solves) {
    const key = `${solve.entrantId}\u0000${solve.challengeId}`;
    const seen = earliest.get(key);
    if (!seen || solve.at < seen.at) earliest.set(key, solve);
  }
  return [...earliest.values()];
}

/**
 * Team contests: a member's solve is the team's. Students without a team are left out (in a
 * team contest only teams score); a challenge solved by two members counts once, at the earlier time.
 */
export function teamSolves(studentSolves: readonly SolveRecord[], teamOf: ReadonlyMap<string, string>): SolveRecord[] {
  const mapped: SolveRecord[] = [];
  for (const solve of studentSolves) {
    const team = teamOf.get(solve.entrantId);
    if (team !== undefined) mapped.push({ entrantId: team, challengeId: solve.challengeId, at: solve.at });
  }
  return firstSolvesOnly(mapped);
}

/**
 * Every entrant's score now. Solves of challenges not in `challenges` are ignored. Entrants
 * listed in `entrantIds` appear even with nothing solved (score 0, or minus the hints they took).
 * The first solver of a challenge is the one with the earliest `at`; on an exact tie of times, the
 * smaller entrant id, so that the answer never depends on the order of the records.
 */
export function scoreEntrants(
  challenges: readonly ScoredChallenge[],
  solves: readonly SolveRecord[],
  unlocks: readonly HintUnlockRecord[] = [],
  options: CtfScoringOptions = {},
  entrantIds: readonly string[] = [],
): EntrantScore[] {
  const byId = new Map(challenges.map((c) => [c.id, c]));
  const counted = firstSolvesOnly(solves.filter((s) => byId.has(s.challengeId)));
  const solvesOf = new Map<string, SolveRecord[]>();
  for (const solve of counted) {
    const list = solvesOf.get(solve.challengeId) ?? [];
    list.push(solve);
    solvesOf.set(solve.challengeId, list);
  }
  const scores = new Map<string, EntrantScore>();
  const entrant = (id: string): EntrantScore => {
    let score = scores.get(id);
    if (!score) {
      score = { entrantId: id, score: 0, solved: 0, firstSolves: 0, hintCost: 0, lastSolveAt: null };
      scores.set(id, score);
    }
    return score;
  };
  for (const id of entrantIds) entrant(id);
  const bonus = Math.max(0, options.firstSolveBonus ?? 0);
  for (const [challengeId, list] of solvesOf) {
    const value = currentValue(byId.get(challengeId)!, list.length);
    const first = list.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.entrantId < a.entrantId) ? b : a));
    for (const solve of list) {
      const row = entrant(solve.entrantId);
      row.score += value;
      row.solved += 1;
      if (row.lastSolveAt === null || solve.at > row.lastSolveAt) row.lastSolveAt = solve.at;
      if (solve === first && bonus > 0) {
        row.score += bonus;
        row.firstSolves += 1;
      }
    }
  }
  for (const unlock of unlocks) {
    const row = entrant(unlock.entrantId);
    row.score -= unlock.cost;
    row.hintCost += unlock.cost;
  }
  return [...scores.values()];
}

/**
 * Whether an entrant may unlock a hint: it costs nothing, or it costs no more than the score the
 * entrant holds now (as CTFd does), so that an unlock alone never takes a score below zero. A
 * later fall of dynamic values may still do so; the scoreboard shows that as it is.
 */
export function canUnlockHint(currentScore: number, cost: number): boolean {
  return cost <= 0 || cost <= currentScore;
}

export interface Rankable {
  id: string;
  score: number;
  lastSolveAt: number | null;
}

/**
 * Standard competition ranking ("1, 2, 2, 4"): higher score first; on equal scores the earlier
 * last solve first (it got there first), and a row without a solve after those with one. Equal on
 * both share a rank; their order is then by name in Vietnamese collation, then id, only for a stable list.
 */
export function rankRows<T extends Rankable & { name?: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const collator = new Intl.Collator('vi');
  const lastSolve = (r: Rankable) => r.lastSolveAt ?? Number.POSITIVE_INFINITY;
  const sameStanding = (a: Rankable, b: Rankable) => a.score === b.score && lastSolve(a) === lastSolve(b);
  const sorted = [...rows].sort(
    (a, b) => b.score - a.score || lastSolve(a) - lastSolve(b) || collator.compare(a.name ?? '', b.name ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((row, i) => {
    const previous = sorted[i - 1];
    if (!previous || !sameStanding(previous, row)) rank = i + 1;
    return { ...row, rank };
  });
}

export type ScoreboardBy = 'student' | 'team' | 'school' | 'area';

/** Who an entrant is: a student or a team, with the school and area it belongs to. */
export interface EntrantInfo {
  id: string;
  name: string;
  schoolId: string;
  schoolName: string;
  areaId: string | null;
  areaName: string | null;
}

export interface ScoreboardRow {
  rank: number;
  /** The entrant's id (student, team) or the group's (school, area). */
  id: string;
  name: string;
  /** For student and team rows: the school's name. */
  schoolName: string | null;
  score: number;
  solved: number;
  /** School and area rows: how many entrants the row adds up; 1 for student and team rows. */
  entrants: number;
  lastSolveAt: number | null;
}

/**
 * The rows of a scoreboard, ranked. `student` and `team` rows are the entrants' own scores (pass
 * the scores of the matching entrants); `school` and `area` rows add up the scores, solves and
 * entrants of each school or area, with the latest last solve of their entrants as the tie-break.
 * An entrant without an area is left out of the area board. Entrants with no score record count as 0.
 */
export function scoreboardRows(by: ScoreboardBy, entrants: readonly EntrantInfo[], scores: readonly EntrantScore[]): ScoreboardRow[] {
  const scoreOf = new Map(scores.map((s) => [s.entrantId, s]));
  const zero = (id: string): EntrantScore => ({ entrantId: id, score: 0, solved: 0, firstSolves: 0, hintCost: 0, lastSolveAt: null });
  if (by === 'student' || by === 'team') {
    return rankRows(
      entrants.map((e) => {
        const s = scoreOf.get(e.id) ?? zero(e.id);
        return { id: e.id, name: e.name, schoolName: e.schoolName, score: s.score, solved: s.solved, entrants: 1, lastSolveAt: s.lastSolveAt };
      }),
    );
  }
  const groups = new Map<string, Omit<ScoreboardRow, 'rank'>>();
  for (const e of entrants) {
    const groupId = by === 'school' ? e.schoolId : e.areaId;
    const groupName = by === 'school' ? e.schoolName : e.areaName;
    if (groupId === null || groupName === null) continue;
    const s = scoreOf.get(e.id) ?? zero(e.id);
    const row = groups.get(groupId) ?? { id: groupId, name: groupName, schoolName: null, score: 0, solved: 0, entrants: 0, lastSolveAt: null };
    row.score += s.score;
    row.solved += s.solved;
    row.entrants += 1;
    if (s.lastSolveAt !== null && (row.lastSolveAt === null || s.lastSolveAt > row.lastSolveAt)) row.lastSolveAt = s.lastSolveAt;
    groups.set(groupId, row);
  }
  return rankRows([...groups.values()]);
}
