/**
 * The statistics of the pre/post diagnostic tests, as pure functions. Every figure is computed
 * from ADDITIVE sums, so that the server can keep them in roll-up tables (per class, summed per
 * school, area and province) and update them incrementally: a student's contribution is a vector
 * of sums, and a roll-up adds (new contribution − old contribution) when the student's results
 * change. Nothing here rounds (the caller rounds for display), and nothing returns NaN or
 * Infinity: a figure that cannot be computed is null.
 */

/**
 * One student's graded form. percent is 0..100. "Rated" items are the items that ask whether a
 * post/message is reliable; "trusted" = the student rated it reliable. Genuine = the content
 * really is reliable; false = manipulative/false.
 */
export interface FormOutcome {
  percent: number;
  genuineRated: number;
  genuineTrusted: number;
  falseRated: number;
  falseTrusted: number;
}

/** A trusted count is a share of its rated count only when 0 ≤ trusted ≤ rated and rated > 0. */
function trustRate(trusted: number, rated: number): number | null {
  if (!(rated > 0) || !(trusted >= 0) || trusted > rated || !Number.isFinite(rated)) return null;
  return trusted / rated;
}

/**
 * Discernment: how much more the student trusts genuine content than false content,
 * genuineTrusted/genuineRated − falseTrusted/falseRated, in [−1, 1]. Trusting (or distrusting)
 * everything scores 0. Null when either rated count is 0 (or the counts are inconsistent).
 */
export function discernment(o: FormOutcome): number | null {
  const genuine = trustRate(o.genuineTrusted, o.genuineRated);
  const false_ = trustRate(o.falseTrusted, o.falseRated);
  return genuine === null || false_ === null ? null : genuine - false_;
}

/**
 * Skepticism: the share of GENUINE items the student distrusted, 1 − genuineTrusted/genuineRated,
 * so that a drop in false trust bought by distrusting everything shows. Null when genuineRated is 0.
 */
export function skepticism(o: FormOutcome): number | null {
  const genuine = trustRate(o.genuineTrusted, o.genuineRated);
  return genuine === null ? null : 1 - genuine;
}

export const DIAGNOSTIC_SUM_KEYS = [
  // every pre taker / every post taker (percent)
  'preN',
  'preSum',
  'preSumSq',
  'postN',
  'postSum',
  'postSumSq',
  // students with both; gain = post − pre (percent points); improved = gain > 0
  'pairN',
  'pairPreSum',
  'pairPreSumSq',
  'pairGainSum',
  'pairGainSumSq',
  'pairPreGainSum',
  'pairImproved',
  // paired students with discernment defined on both forms
  'discN',
  'discPreSum',
  'discPostSum',
  'discGainSum',
  'discGainSumSq',
  // same for skepticism
  'skepN',
  'skepPreSum',
  'skepPostSum',
  'skepGainSum',
  'skepGainSumSq',
] as const;
export type DiagnosticSumKey = (typeof DIAGNOSTIC_SUM_KEYS)[number];
export type DiagnosticSums = Record<DiagnosticSumKey, number>;

export function emptySums(): DiagnosticSums {
  return Object.fromEntries(DIAGNOSTIC_SUM_KEYS.map((k) => [k, 0])) as DiagnosticSums;
}

/** A non-finite percent would poison every roll-up it is added to, for good: refuse it. */
function checkedPercent(o: FormOutcome): number {
  if (!Number.isFinite(o.percent)) throw new RangeError(`A form's percent must be a finite number, not ${o.percent}`);
  return o.percent;
}

/**
 * One student's contribution to the sums: to the pre and post figures for each form taken, to the
 * paired figures when both are, and to the discernment (skepticism) figures when that is defined
 * on both forms. The student with neither form contributes nothing (emptySums()).
 */
export function studentContribution(pre: FormOutcome | null, post: FormOutcome | null): DiagnosticSums {
  const s = emptySums();
  if (pre) {
    const p = checkedPercent(pre);
    s.preN = 1;
    s.preSum = p;
    s.preSumSq = p * p;
  }
  if (post) {
    const q = checkedPercent(post);
    s.postN = 1;
    s.postSum = q;
    s.postSumSq = q * q;
  }
  if (pre && post) {
    const p = pre.percent;
    const gain = post.percent - p;
    s.pairN = 1;
    s.pairPreSum = p;
    s.pairPreSumSq = p * p;
    s.pairGainSum = gain;
    s.pairGainSumSq = gain * gain;
    s.pairPreGainSum = p * gain;
    s.pairImproved = gain > 0 ? 1 : 0;

    const dPre = discernment(pre);
    const dPost = discernment(post);
    if (dPre !== null && dPost !== null) {
      s.discN = 1;
      s.discPreSum = dPre;
      s.discPostSum = dPost;
      s.discGainSum = dPost - dPre;
      s.discGainSumSq = (dPost - dPre) ** 2;
    }
    const kPre = skepticism(pre);
    const kPost = skepticism(post);
    if (kPre !== null && kPost !== null) {
      s.skepN = 1;
      s.skepPreSum = kPre;
      s.skepPostSum = kPost;
      s.skepGainSum = kPost - kPre;
      s.skepGainSumSq = (kPost - kPre) ** 2;
    }
  }
  return s;
}

export function addSums(a: DiagnosticSums, b: DiagnosticSums): DiagnosticSums {
  return Object.fromEntries(DIAGNOSTIC_SUM_KEYS.map((k) => [k, a[k] + b[k]])) as DiagnosticSums;
}

/** What a roll-up does when a student's results change: subtract the old contribution, add the new. */
export function subtractSums(a: DiagnosticSums, b: DiagnosticSums): DiagnosticSums {
  return Object.fromEntries(DIAGNOSTIC_SUM_KEYS.map((k) => [k, a[k] - b[k]])) as DiagnosticSums;
}

/** A 95% confidence interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export interface DiagnosticSummary {
  preCount: number;
  postCount: number;
  pairedCount: number;
  /** Over every pre taker; sd is the sample SD, 0 when n = 1. */
  pre: { mean: number; sd: number } | null;
  post: { mean: number; sd: number } | null;
  /** Paired mean of post − pre (percent points), t-based CI (df = n − 1); null when pairedCount < 2. */
  gain: Interval | null;
  /**
   * Hake's gain on the paired means, (postMean − preMean) / (100 − preMean), with a delta-method
   * CI; null when pairedCount < 2 or preMean ≥ 100.
   */
  normalizedGain: Interval | null;
  /** Share of paired students whose percent went up. */
  improvedShare: number | null;
  /** Means over the discN students; null when discN = 0. */
  discernment: { pre: number; post: number; gain: Interval | null } | null;
  skepticism: { pre: number; post: number; gain: Interval | null } | null;
}

/** Sample variance from n, Σx, Σx²; rounding can take it slightly below 0, so it is clamped there. */
function sampleVariance(n: number, sum: number, sumSq: number): number {
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}

/** Sample covariance from n, Σx, Σy, Σxy. */
function sampleCovariance(n: number, sumX: number, sumY: number, sumXY: number): number {
  return (sumXY - (sumX * sumY) / n) / (n - 1);
}

/** mean ± t(df) × se, or null when anything in it is not finite. */
function interval(mean: number, se: number, df: number): Interval | null {
  if (!Number.isFinite(mean) || !Number.isFinite(se) || !(df >= 1)) return null;
  const half = tQuantile975(df) * se;
  const low = mean - half;
  const high = mean + half;
  return Number.isFinite(low) && Number.isFinite(high) ? { mean, low, high } : null;
}

/** The t interval of a mean from n, Σx, Σx²; null when n < 2. */
function meanInterval(n: number, sum: number, sumSq: number): Interval | null {
  if (!(n >= 2)) return null;
  return interval(sum / n, Math.sqrt(sampleVariance(n, sum, sumSq) / n), n - 1);
}

function meanSd(n: number, sum: number, sumSq: number): { mean: number; sd: number } | null {
  if (!(n >= 1)) return null;
  const mean = sum / n;
  const sd = n >= 2 ? Math.sqrt(sampleVariance(n, sum, sumSq)) : 0;
  return Number.isFinite(mean) && Number.isFinite(sd) ? { mean, sd } : null;
}

/**
 * Hake's normalized gain g = Ḡ / (100 − P̄) on the paired means (P̄ = mean pre, Ḡ = mean gain, so
 * postMean − preMean = Ḡ). Its CI is by the delta method: with u = 100 − P̄,
 *   Var(g) ≈ Var(Ḡ)/u² + Ḡ²·Var(P̄)/u⁴ + 2·Ḡ·Cov(P̄, Ḡ)/u³,
 * where Var(P̄) = s²_pre/n, Var(Ḡ) = s²_gain/n and Cov(P̄, Ḡ) = s_pre,gain/n, and the critical
 * value is t(n − 1), as for the raw gain (more cautious than 1.96 in a small class).
 */
function hakeGain(s: DiagnosticSums): Interval | null {
  const n = s.pairN;
  if (!(n >= 2)) return null;
  const preMean = s.pairPreSum / n;
  const gainMean = s.pairGainSum / n;
  const u = 100 - preMean;
  if (!(u > 0)) return null;
  const varPre = sampleVariance(n, s.pairPreSum, s.pairPreSumSq) / n;
  const varGain = sampleVariance(n, s.pairGainSum, s.pairGainSumSq) / n;
  const cov = sampleCovariance(n, s.pairPreSum, s.pairGainSum, s.pairPreGainSum) / n;
  const variance = varGain / u ** 2 + (gainMean ** 2 * varPre) / u ** 4 + (2 * gainMean * cov) / u ** 3;
  return interval(gainMean / u, Math.sqrt(Math.max(0, variance)), n - 1);
}

function pairedMeans(
  n: number,
  preSum: number,
  postSum: number,
  gainSum: number,
  gainSumSq: number,
): { pre: number; post: number; gain: Interval | null } | null {
  if (!(n >= 1)) return null;
  const pre = preSum / n;
  const post = postSum / n;
  if (!Number.isFinite(pre) || !Number.isFinite(post)) return null;
  return { pre, post, gain: meanInterval(n, gainSum, gainSumSq) };
}

/** The figures of a class (or of any roll-up of classes) from its sums. */
export function summarize(sums: DiagnosticSums): DiagnosticSummary {
  return {
    preCount: sums.preN,
    postCount: sums.postN,
    pairedCount: sums.pairN,
    pre: meanSd(sums.preN, sums.preSum, sums.preSumSq),
    post: meanSd(sums.postN, sums.postSum, sums.postSumSq),
    gain: meanInterval(sums.pairN, sums.pairGainSum, sums.pairGainSumSq),
    normalizedGain: hakeGain(sums),
    improvedShare: sums.pairN >= 1 && Number.isFinite(sums.pairImproved / sums.pairN) ? sums.pairImproved / sums.pairN : null,
    discernment: pairedMeans(sums.discN, sums.discPreSum, sums.discPostSum, sums.discGainSum, sums.discGainSumSq),
    skepticism: pairedMeans(sums.skepN, sums.skepPreSum, sums.skepPostSum, sums.skepGainSum, sums.skepGainSumSq),
  };
}

/** Two-sided 95% Student t critical values, t(0.975; df), for df = 1..30. */
const T_TABLE_975 = [
  12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867,
  2.1314495, 2.1199053, 2.1098156, 2.100922, 2.0930241, 2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071,
  2.0452296, 2.0422725,
];

/** The standard normal 0.975 quantile. */
const Z_975 = 1.959963984540054;

/**
 * The two-sided 95% Student t critical value: the exact table for df 1..30 (a fractional df
 * below 30 takes the table value of its whole part, the cautious side), then the Cornish–Fisher
 * expansion in 1/df (within 1e-6 of the exact value from df 30 on), → 1.960 as df → ∞.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`Degrees of freedom must be at least 1, not ${df}`);
  if (df <= 30) return T_TABLE_975[Math.floor(df) - 1];
  if (!Number.isFinite(df)) return Z_975;
  const z = Z_975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** Groups smaller than this are not shown above the class (privacy). */
export const MIN_GROUP_SIZE = 10;

export function showable(studentCount: number): boolean {
  return studentCount >= MIN_GROUP_SIZE;
}

/**
 * Item statistics from additive per-item sums. x = the item's score as a fraction 0..1 for one
 * response; y = the student's score on the REST of the form (the form total minus this item, in
 * points), so that the item does not correlate with itself.
 */
export interface ItemSums {
  n: number;
  xSum: number;
  xSumSq: number;
  ySum: number;
  ySumSq: number;
  xySum: number;
}

export function itemContribution(x: number, y: number): ItemSums {
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`An item response must have finite scores, not (${x}, ${y})`);
  return { n: 1, xSum: x, xSumSq: x * x, ySum: y, ySumSq: y * y, xySum: x * y };
}

export function addItemSums(a: ItemSums, b: ItemSums): ItemSums {
  return { n: a.n + b.n, xSum: a.xSum + b.xSum, xSumSq: a.xSumSq + b.xSumSq, ySum: a.ySum + b.ySum, ySumSq: a.ySumSq + b.ySumSq, xySum: a.xySum + b.xySum };
}

export type ItemFlag = 'too_hard' | 'too_easy' | 'weak_discrimination' | 'negative_discrimination';

export interface ItemStatistics {
  n: number;
  difficulty: number | null;
  discrimination: number | null;
  flags: ItemFlag[];
}

/** Flags only once an item has this many responses: below it, the figures are noise. */
export const ITEM_FLAG_MIN_RESPONSES = 30;

/**
 * A sum of squared deviations this small beside the sum of squares is rounding, not spread:
 * the values were all equal, and a correlation on it would be noise.
 */
const ZERO_SPREAD = 1e-10;

/**
 * difficulty = mean x (the proportion correct); discrimination = Pearson r(x, y), the corrected
 * item–total correlation, null when either variance is 0 or n < 2. Flags (only when
 * n ≥ ITEM_FLAG_MIN_RESPONSES): too_hard difficulty < 0.2, too_easy > 0.95,
 * negative_discrimination r < 0, weak_discrimination 0 ≤ r < 0.2.
 */
export function itemStatistics(s: ItemSums): ItemStatistics {
  const n = s.n;
  const difficulty = n >= 1 && Number.isFinite(s.xSum / n) ? s.xSum / n : null;
  let discrimination: number | null = null;
  if (n >= 2) {
    const sxx = s.xSumSq - (s.xSum * s.xSum) / n;
    const syy = s.ySumSq - (s.ySum * s.ySum) / n;
    const sxy = s.xySum - (s.xSum * s.ySum) / n;
    if (sxx > ZERO_SPREAD * Math.max(1, s.xSumSq) && syy > ZERO_SPREAD * Math.max(1, s.ySumSq)) {
      const r = sxy / Math.sqrt(sxx * syy);
      if (Number.isFinite(r)) discrimination = Math.max(-1, Math.min(1, r));
    }
  }
  const flags: ItemFlag[] = [];
  if (n >= ITEM_FLAG_MIN_RESPONSES) {
    if (difficulty !== null && difficulty < 0.2) flags.push('too_hard');
    if (difficulty !== null && difficulty > 0.95) flags.push('too_easy');
    if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
    if (discrimination !== null && discrimination >= 0 && discrimination < 0.2) flags.push('weak_discrimination');
  }
  return { n, difficulty, discrimination, flags };
}

/**
 * The techniques (or skills) students still fall for: per tag, over responses to NON-genuine
 * items, the share answered wrongly, before and after.
 */
export interface TagTally {
  tag: string;
  preResponses: number;
  preMissed: number;
  postResponses: number;
  postMissed: number;
}

/** Rates 0..1; change = post − pre; the post interval is Wilson's 95%. */
export interface TagStanding {
  tag: string;
  pre: number | null;
  post: number | null;
  change: number | null;
  postLow: number | null;
  postHigh: number | null;
}

function rate(missed: number, responses: number): number | null {
  return responses > 0 && Number.isFinite(missed / responses) ? missed / responses : null;
}

/** Sorted by post rate descending, the techniques students fall for most first (nulls last), ties by tag name. */
export function rankTechniques(tallies: TagTally[]): TagStanding[] {
  const standings = tallies.map((t): TagStanding => {
    const pre = rate(t.preMissed, t.preResponses);
    const post = rate(t.postMissed, t.postResponses);
    const ci = wilsonInterval(t.postMissed, t.postResponses);
    return { tag: t.tag, pre, post, change: pre === null || post === null ? null : post - pre, postLow: ci?.low ?? null, postHigh: ci?.high ?? null };
  });
  return standings.sort((a, b) => {
    if (a.post !== b.post) {
      if (a.post === null) return 1;
      if (b.post === null) return -1;
      return b.post - a.post;
    }
    return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
  });
}

/**
 * The Wilson 95% score interval of a proportion: unlike p ± 1.96·se it stays within 0..1 and
 * does not collapse to a point at 0 or n successes. Null when n is 0 or successes are not in 0..n.
 */
export function wilsonInterval(successes: number, n: number): { low: number; high: number } | null {
  if (!(n > 0) || !Number.isFinite(n) || !(successes >= 0) || successes > n) return null;
  const z2 = Z_975 * Z_975;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z_975 / denominator) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
