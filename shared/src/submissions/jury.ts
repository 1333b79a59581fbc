import { ErrorCode } from '../platform/errors.js';
import { seededRandom } from '../platform/seeded.js';
import type { BlindEntryDto, BlindFileDto, EntryFileDto, RoundStage, SavedScoreDto, SubmissionKind } from './schemas.js';

/**
 * The jury's rules, pure: who judges which entry, how a judge's scores are made comparable with
 * another's, how entries rank, who goes on to the next round, and the people's choice tally.
 */

// ── Errors ───────────────────────────────────────────────────────────────

/** What a jury rule may refuse, as the API's error codes (`ErrorCode`). */
export const JuryErrorCode = {
  TooFewJudges: ErrorCode.TooFewJudges,
  NoReplacementJudge: ErrorCode.NoReplacementJudge,
  NotAssigned: ErrorCode.NotAssigned,
} as const;
export type JuryErrorCode = (typeof JuryErrorCode)[keyof typeof JuryErrorCode];

export class JuryError extends Error {
  override readonly name = 'JuryError';
  constructor(
    readonly code: JuryErrorCode,
    /** What the organiser needs to act: the entry, the judge, how many judges were eligible and how many are needed. */
    readonly details: { entryId?: string; judgeId?: string; eligible?: number; needed?: number } = {},
  ) {
    super(`${code} ${JSON.stringify(details)}`);
  }
}

/** Fisher–Yates, in place. */
function shuffle<T>(list: T[], next: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function requireUnique(list: readonly { id: string }[], what: string): void {
  if (new Set(list.map((x) => x.id)).size !== list.length) throw new RangeError(`Each ${what} must be listed once`);
}

// ── Assignment ───────────────────────────────────────────────────────────

export interface JuryEntry {
  id: string;
  schoolId: string;
}

/** A teacher (with their school) or a member of the Department's staff (`schoolId` null, eligible for every entry). */
export interface JuryJudge {
  id: string;
  schoolId: string | null;
}

export interface JudgeAssignment {
  entryId: string;
  judgeIds: string[];
}

/** A judge never judges an entry of their own school. */
export const mayJudge = (judge: JuryJudge, entry: JuryEntry): boolean => judge.schoolId === null || judge.schoolId !== entry.schoolId;

/**
 * Gives every entry `perEntry` distinct judges, none of the entry's own school, with the judges'
 * loads as even as the schools allow: max − min ≤ 1 whenever some assignment achieves it, and
 * otherwise the smallest maximum and largest minimum there are. Deterministic for a seed (the
 * round's id): the same call gives the same panels. Throws `TOO_FEW_JUDGES` naming the first
 * entry with fewer than `perEntry` eligible judges.
 *
 * How: entries with the fewest eligible judges first, each taking the least-loaded eligible
 * judges (equal loads in a seeded random order, so that panels mix). Then, while some judge
 * carries at least two more than another judge it can hand work to (directly, or along a chain
 * of judges each passing one entry on), the work moves down the chain. When no such chain is
 * left, no assignment is more even (the loads are those of a base of a polymatroid, and a base
 * with no such exchange is decreasingly minimal: Frank & Murota, "Discrete decreasing minimization", 2022).
 */
export function assignJudges(entries: readonly JuryEntry[], judges: readonly JuryJudge[], perEntry = 3, seed = ''): JudgeAssignment[] {
  if (!Number.isInteger(perEntry) || perEntry < 1) throw new RangeError(`Judges per entry must be a positive whole number, not ${perEntry}`);
  requireUnique(entries, 'entry');
  requireUnique(judges, 'judge');
  const eligible = entries.map((entry) => judges.flatMap((judge, j) => (mayJudge(judge, entry) ? [j] : [])));
  eligible.forEach((list, e) => {
    if (list.length < perEntry) throw new JuryError(JuryErrorCode.TooFewJudges, { entryId: entries[e].id, eligible: list.length, needed: perEntry });
  });

  const next = seededRandom(seed);
  const indices = entries.map((_, e) => e);
  const tieRank = new Array<number>(entries.length);
  shuffle([...indices], next).forEach((e, rank) => (tieRank[e] = rank));
  const order = indices.sort((a, b) => eligible[a].length - eligible[b].length || tieRank[a] - tieRank[b]);

  const load = new Array<number>(judges.length).fill(0);
  const panels: number[][] = entries.map(() => []);
  for (const e of order) {
    // A stable sort keeps the seeded order among judges of equal load.
    const picked = shuffle([...eligible[e]], next)
      .sort((a, b) => load[a] - load[b])
      .slice(0, perEntry);
    panels[e] = picked;
    for (const j of picked) load[j]++;
  }

  balance(panels, eligible, load);
  return entries.map((entry, e) => ({ entryId: entry.id, judgeIds: panels[e].map((j) => judges[j].id) }));
}

/** Moves work along chains from heavier to lighter judges until no chain lowers the sum of squared loads. */
function balance(panels: number[][], eligible: number[][], load: number[]): void {
  const entriesOf: number[][] = load.map(() => []);
  panels.forEach((panel, e) => panel.forEach((j) => entriesOf[j].push(e)));
  while (improveOnce(panels, eligible, load, entriesOf));
}

/**
 * One improving chain, if any: for each load level t from the top, a breadth-first search from
 * every judge carrying ≥ t, through "judge a may pass entry e to judge b" (b eligible for e and
 * not on it), to a judge carrying ≤ t − 2. Each entry is scanned once per search: whoever holds
 * it, the judges it may pass to are the same.
 */
function improveOnce(panels: number[][], eligible: number[][], load: number[], entriesOf: number[][]): boolean {
  const levels = [...new Set(load)].sort((a, b) => b - a);
  const lowest = levels[levels.length - 1];
  for (const t of levels) {
    if (t - lowest < 2) return false;
    const parent = new Array<{ judge: number; entry: number } | null | undefined>(load.length);
    const scanned = new Uint8Array(panels.length);
    const queue: number[] = [];
    load.forEach((l, j) => {
      if (l >= t) {
        parent[j] = null;
        queue.push(j);
      }
    });
    for (let head = 0; head < queue.length; head++) {
      const a = queue[head];
      for (const e of entriesOf[a]) {
        if (scanned[e]) continue;
        scanned[e] = 1;
        for (const b of eligible[e]) {
          if (parent[b] !== undefined || panels[e].includes(b)) continue;
          parent[b] = { judge: a, entry: e };
          if (load[b] <= t - 2) {
            passAlong(b, parent, panels, load, entriesOf);
            return true;
          }
          queue.push(b);
        }
      }
    }
  }
  return false;
}

/** Applies the chain ending at `target`: each entry on it moves one judge down; the chain's ends change load by one. */
function passAlong(
  target: number,
  parent: ({ judge: number; entry: number } | null | undefined)[],
  panels: number[][],
  load: number[],
  entriesOf: number[][],
): void {
  load[target]++;
  let to = target;
  for (let step = parent[to]; step; step = parent[to]) {
    const { judge: from, entry } = step;
    panels[entry][panels[entry].indexOf(from)] = to;
    entriesOf[from].splice(entriesOf[from].indexOf(entry), 1);
    entriesOf[to].push(entry);
    to = from;
  }
  load[to]--;
}

/** How many entries each judge has, over every judge listed (0 for those with none). */
export function judgeLoads(assignments: readonly JudgeAssignment[], judges: readonly JuryJudge[]): Map<string, number> {
  const loads = new Map(judges.map((j) => [j.id, 0]));
  for (const a of assignments) for (const id of a.judgeIds) loads.set(id, (loads.get(id) ?? 0) + 1);
  return loads;
}

/**
 * The judge to take an entry: eligible (not of its school), not already on it, not among
 * `excluded` (who declared a conflict on it before), the least loaded; among equals the one
 * listed first in `judges`.
 */
function pickJudge(assignments: readonly JudgeAssignment[], entry: JuryEntry, judges: readonly JuryJudge[], excluded: readonly string[]): string {
  const panel = assignments.find((a) => a.entryId === entry.id)?.judgeIds ?? [];
  const loads = judgeLoads(assignments, judges);
  let best: JuryJudge | null = null;
  for (const judge of judges) {
    if (!mayJudge(judge, entry) || panel.includes(judge.id) || excluded.includes(judge.id)) continue;
    if (!best || loads.get(judge.id)! < loads.get(best.id)!) best = judge;
  }
  if (!best) throw new JuryError(JuryErrorCode.NoReplacementJudge, { entryId: entry.id });
  return best.id;
}

/**
 * A judge declared a conflict on an entry: the least-loaded eligible judge not already on it
 * takes their place (never the conflicted judge, nor one in `excluded`). Returns the new list
 * (the input is not changed) and the judge who came in. Throws `NOT_ASSIGNED` when the judge was
 * not on the entry, `NO_REPLACEMENT_JUDGE` when nobody is left.
 */
export function replaceJudge(
  assignments: readonly JudgeAssignment[],
  entry: JuryEntry,
  judgeId: string,
  judges: readonly JuryJudge[],
  excluded: readonly string[] = [],
): { assignments: JudgeAssignment[]; replacement: string } {
  const current = assignments.find((a) => a.entryId === entry.id);
  if (!current?.judgeIds.includes(judgeId)) throw new JuryError(JuryErrorCode.NotAssigned, { entryId: entry.id, judgeId });
  const replacement = pickJudge(assignments, entry, judges, [...excluded, judgeId]);
  return {
    assignments: assignments.map((a) => (a === current ? { entryId: a.entryId, judgeIds: a.judgeIds.map((id) => (id === judgeId ? replacement : id)) } : a)),
    replacement,
  };
}

/** One more judge for an entry whose judges disagree (a large spread): chosen as `replaceJudge` chooses. */
export function addJudge(
  assignments: readonly JudgeAssignment[],
  entry: JuryEntry,
  judges: readonly JuryJudge[],
  excluded: readonly string[] = [],
): { assignments: JudgeAssignment[]; added: string } {
  const added = pickJudge(assignments, entry, judges, excluded);
  const has = assignments.some((a) => a.entryId === entry.id);
  const next = has
    ? assignments.map((a) => (a.entryId === entry.id ? { entryId: a.entryId, judgeIds: [...a.judgeIds, added] } : a))
    : [...assignments, { entryId: entry.id, judgeIds: [added] }];
  return { assignments: next, added };
}

// ── Scores ───────────────────────────────────────────────────────────────

export interface RubricScale {
  criteria: readonly { id: string; weight: number; maxScore: number }[];
}

/** A refused score, as the API's field errors carry it (a key of the validation catalogue). */
export interface ScoreIssue {
  field: string;
  code: 'submission.criterionMissing' | 'submission.criterionUnknown' | 'submission.criterionTwice' | 'submission.scoreOutOfRange';
  params: Record<string, string | number>;
}

export type WeightedTotal = { ok: true; total: number } | { ok: false; issues: ScoreIssue[] };

/**
 * A judge's total on 0..100: Σ weight × score / maxScore over Σ weight, × 100, rounded to 4
 * decimals (what is stored is what `normalise` reads). Every criterion of the rubric must be
 * scored once, in 0..its maxScore; nothing else may be.
 */
export function weightedTotal(rubric: RubricScale, scores: readonly { criterionId: string; score: number }[]): WeightedTotal {
  const issues: ScoreIssue[] = [];
  const byId = new Map(rubric.criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const criterion = byId.get(s.criterionId);
    if (!criterion) issues.push({ field: `criteria.${i}.criterionId`, code: 'submission.criterionUnknown', params: { criterionId: s.criterionId } });
    else if (seen.has(s.criterionId)) issues.push({ field: `criteria.${i}.criterionId`, code: 'submission.criterionTwice', params: {} });
    else if (!Number.isFinite(s.score) || s.score < 0 || s.score > criterion.maxScore)
      issues.push({ field: `criteria.${i}.score`, code: 'submission.scoreOutOfRange', params: { maximum: criterion.maxScore } });
    seen.add(s.criterionId);
  });
  for (const c of rubric.criteria) if (!seen.has(c.id)) issues.push({ field: 'criteria', code: 'submission.criterionMissing', params: { criterionId: c.id } });
  if (issues.length > 0) return { ok: false, issues };

  let weighted = 0;
  let weights = 0;
  for (const s of scores) {
    const c = byId.get(s.criterionId)!;
    weighted += (c.weight * s.score) / c.maxScore;
    weights += c.weight;
  }
  return { ok: true, total: Math.round((weighted / weights) * 100 * 10_000) / 10_000 };
}

export interface JudgeScore {
  entryId: string;
  judgeId: string;
  /** `weightedTotal`, 0..100. */
  total: number;
}

export interface EntryResult {
  entryId: string;
  /** Judges who scored it. */
  judges: number;
  rawMean: number;
  /** Mean of its judges' z-scores. */
  normalisedMean: number;
  /** Highest minus lowest total. */
  spread: number;
  spreadFlagged: boolean;
}

export interface JudgeScale {
  judgeId: string;
  scored: number;
  mean: number;
  /** Population SD. */
  sd: number;
}

/** A spread of more than 20 points out of 100 between an entry's judges asks for another judge. */
export const DEFAULT_SPREAD_THRESHOLD = 20;

/** An SD this small relative to the mean is rounding, not a scale: such a judge gave one score to all. */
const FLAT = 1e-9;

/**
 * Makes judges who saw different entries comparable: each judge's totals become z-scores
 * against that judge's own mean and population SD (a judge with one score, or the same total for
 * all, has no scale: z = 0 throughout). An entry's normalised mean is the mean of its z-scores;
 * its raw mean and spread are of the totals. `spreadFlagged` when spread > `spreadThreshold`.
 * Entries and judges come out in the order first met.
 */
export function normalise(
  scores: readonly JudgeScore[],
  spreadThreshold = DEFAULT_SPREAD_THRESHOLD,
): { entries: EntryResult[]; judges: JudgeScale[]; z: (JudgeScore & { z: number })[] } {
  const pairs = new Set<string>();
  const byJudge = new Map<string, number[]>();
  for (const s of scores) {
    if (!Number.isFinite(s.total)) throw new RangeError(`A total must be a finite number, not ${s.total}`);
    const pair = `${s.entryId}\u0000${s.judgeId}`;
    if (pairs.has(pair)) throw new RangeError(`Judge ${s.judgeId} scored entry ${s.entryId} twice`);
    pairs.add(pair);
    const totals = byJudge.get(s.judgeId);
    if (totals) totals.push(s.total);
    else byJudge.set(s.judgeId, [s.total]);
  }

  const judges: JudgeScale[] = [...byJudge].map(([judgeId, totals]) => {
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const sd = Math.sqrt(totals.reduce((a, t) => a + (t - mean) ** 2, 0) / totals.length);
    return { judgeId, scored: totals.length, mean, sd: sd <= FLAT * Math.max(1, Math.abs(mean)) ? 0 : sd };
  });
  const scale = new Map(judges.map((j) => [j.judgeId, j]));
  const z = scores.map((s) => {
    const { mean, sd } = scale.get(s.judgeId)!;
    return { ...s, z: sd === 0 ? 0 : (s.total - mean) / sd };
  });

  const byEntry = new Map<string, { totals: number[]; zs: number[] }>();
  for (const s of z) {
    const e = byEntry.get(s.entryId) ?? { totals: [], zs: [] };
    e.totals.push(s.total);
    e.zs.push(s.z);
    byEntry.set(s.entryId, e);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const entries = [...byEntry].map(([entryId, { totals, zs }]): EntryResult => {
    const spread = Math.max(...totals) - Math.min(...totals);
    return { entryId, judges: totals.length, rawMean: mean(totals), normalisedMean: mean(zs), spread, spreadFlagged: spread > spreadThreshold };
  });
  return { entries, judges, z };
}

// ── Ranking and promotion ────────────────────────────────────────────────

export interface RankInput {
  entryId: string;
  normalisedMean: number;
  rawMean: number;
  judges: number;
  /** When the entry's final version was confirmed by its teacher (ISO 8601). */
  confirmedAt: string;
}

/** Means closer than this are equal: the same z-scores summed in another order differ in the last bits. */
const SAME = 1e-9;

/**
 * The order of a round, best first. Ties on the normalised mean are broken, in turn, by:
 * 1. the higher raw mean (the judges' own totals, before normalising);
 * 2. more judges (a mean of four is firmer than a mean of three);
 * 3. the earlier confirmed submission (the work was ready first).
 * Entries equal on all four share a rank, and the next rank skips (1, 2, 2, 4). Within a shared
 * rank, entries are listed by id, so that the output is the same whatever the input order.
 */
export function rankEntries<T extends RankInput>(entries: readonly T[]): (T & { rank: number })[] {
  const compare = (a: T, b: T): number => {
    if (Math.abs(a.normalisedMean - b.normalisedMean) > SAME) return b.normalisedMean - a.normalisedMean;
    if (Math.abs(a.rawMean - b.rawMean) > SAME) return b.rawMean - a.rawMean;
    if (a.judges !== b.judges) return b.judges - a.judges;
    return Date.parse(a.confirmedAt) - Date.parse(b.confirmedAt);
  };
  const sorted = [...entries].sort((a, b) => compare(a, b) || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  const ranked: (T & { rank: number })[] = [];
  sorted.forEach((entry, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...entry, rank: previous && compare(sorted[i - 1], entry) === 0 ? previous.rank : i + 1 });
  });
  return ranked;
}

export interface PromotionInput {
  entryId: string;
  rank: number;
  schoolId: string;
  /** Null for a school in no area: such schools make one group of their own. */
  areaId: string | null;
}

export interface Promotion {
  entryId: string;
  /** The school's or area's id. */
  group: string | null;
  /** Rank within the group (shared ranks stay shared). */
  groupRank: number;
}

/**
 * Who goes on: in each school (or area), the entries whose rank within it is K or better. A tie
 * at the cut takes everyone tied (ties are rare after `rankEntries`' three rules; no arbitrary
 * order drops one of two equal works), so a group may send more than K. Best first.
 */
export function promote<T extends PromotionInput>(ranked: readonly T[], per: 'school' | 'area', top: number): Promotion[] {
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`Top K must be a positive whole number, not ${top}`);
  const groups = new Map<string | null, T[]>();
  for (const entry of [...ranked].sort((a, b) => a.rank - b.rank)) {
    const key = per === 'school' ? entry.schoolId : entry.areaId;
    const members = groups.get(key);
    if (members) members.push(entry);
    else groups.set(key, [entry]);
  }
  const promoted: (Promotion & { rank: number })[] = [];
  for (const [group, members] of groups) {
    const groupRanks: number[] = [];
    members.forEach((entry, i) => {
      groupRanks.push(i > 0 && members[i - 1].rank === entry.rank ? groupRanks[i - 1] : i + 1);
      if (groupRanks[i] <= top) promoted.push({ entryId: entry.entryId, group, groupRank: groupRanks[i], rank: entry.rank });
    });
  }
  return promoted.sort((a, b) => a.rank - b.rank).map(({ entryId, group, groupRank }) => ({ entryId, group, groupRank }));
}

// ── Blind view ───────────────────────────────────────────────────────────

/** An entry as the server holds it for judging: it may carry names, which `toBlindEntry` leaves out. */
export interface EntryForJudging {
  entryId: string;
  code: string;
  stage: RoundStage;
  kind: SubmissionKind;
  theme: string | null;
  title: string;
  description: string;
  technique: string;
  files: readonly EntryFileDto[];
  myScore: SavedScoreDto | null;
  judgingClosesAt: string;
  [other: string]: unknown;
}

/** What a judge sees: the listed fields copied one by one, so a field added to an entry never reaches a judge by accident. */
export function toBlindEntry(entry: EntryForJudging): BlindEntryDto {
  return {
    entryId: entry.entryId,
    code: entry.code,
    stage: entry.stage,
    kind: entry.kind,
    theme: entry.theme,
    title: entry.title,
    description: entry.description,
    technique: entry.technique,
    files: entry.files.map((f): BlindFileDto => ({
      id: f.id,
      mediaType: f.mediaType,
      bytes: f.bytes,
      width: f.width,
      height: f.height,
      durationSeconds: f.durationSeconds,
      url: f.url,
      thumbnailUrl: f.thumbnailUrl,
      posterUrl: f.posterUrl,
    })),
    myScore: entry.myScore,
    judgingClosesAt: entry.judgingClosesAt,
  };
}

/** The anonymous number of an entry in a round: "0017". */
export const entryCode = (index: number): string => String(index + 1).padStart(4, '0');

// ── People's choice ──────────────────────────────────────────────────────

export interface Vote {
  studentId: string;
  entryId: string;
  castAt: string;
}

export interface VoteTally {
  rows: { entryId: string; votes: number; rank: number }[];
  counted: number;
  /** Later votes of a student who had voted, and votes for entries not on the ballot. */
  ignored: number;
}

/**
 * One vote per student per contest: a student's earliest vote counts (the database refuses a
 * second; this is the rule should two race). With `ballot`, votes for other entries are ignored
 * and every entry on it is listed, with 0 if need be. Most votes first; equal counts share a
 * rank; within a rank, by entry id.
 */
export function tallyVotes(votes: readonly Vote[], ballot?: readonly string[]): VoteTally {
  const onBallot = ballot ? new Set(ballot) : null;
  const first = new Map<string, Vote>();
  let ignored = 0;
  for (const vote of votes) {
    if (onBallot && !onBallot.has(vote.entryId)) {
      ignored++;
      continue;
    }
    const earlier = first.get(vote.studentId);
    if (earlier && Date.parse(earlier.castAt) <= Date.parse(vote.castAt)) ignored++;
    else {
      if (earlier) ignored++;
      first.set(vote.studentId, vote);
    }
  }
  const counts = new Map<string, number>((ballot ?? []).map((id) => [id, 0]));
  for (const vote of first.values()) counts.set(vote.entryId, (counts.get(vote.entryId) ?? 0) + 1);
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const rows: VoteTally['rows'] = [];
  sorted.forEach(([entryId, n], i) => rows.push({ entryId, votes: n, rank: i > 0 && sorted[i - 1][1] === n ? rows[i - 1].rank : i + 1 }));
  return { rows, counted: first.size, ignored };
}

/** Counts are shown to nobody (organiser included) until the vote has closed. */
export function votesVisible(now: Date, closesAt: string | null): boolean {
  return closesAt !== null && now.getTime() >= Date.parse(closesAt);
}

/** A vote is taken in `[opensAt, closesAt)`. */
export function votingOpen(now: Date, opensAt: string, closesAt: string): boolean {
  return Date.parse(opensAt) <= now.getTime() && now.getTime() < Date.parse(closesAt);
}
