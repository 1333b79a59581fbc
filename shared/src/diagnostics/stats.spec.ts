import {
  addItemSums,
  addSums,
  DIAGNOSTIC_SUM_KEYS,
  type DiagnosticSums,
  discernment,
  emptySums,
  type FormOutcome,
  itemContribution,
  itemStatistics,
  type ItemSums,
  MIN_GROUP_SIZE,
  rankTechniques,
  showable,
  skepticism,
  studentContribution,
  subtractSums,
  summarize,
  tQuantile975,
  wilsonInterval,
} from './stats.js';

/** A form with 4 genuine and 4 false rated items, of which the student trusted g and f. */
function form(percent: number, g: number, f: number, genuineRated = 4, falseRated = 4): FormOutcome {
  return { percent, genuineRated, genuineTrusted: g, falseRated, falseTrusted: f };
}

function total(contributions: DiagnosticSums[]): DiagnosticSums {
  return contributions.reduce(addSums, emptySums());
}

function expectSumsClose(actual: DiagnosticSums, expected: DiagnosticSums): void {
  for (const k of DIAGNOSTIC_SUM_KEYS) expect([k, actual[k]]).toEqual([k, expect.closeTo(expected[k], 6)]);
}

describe(discernment.name, () => {
  it('is the trusted share of genuine items minus the trusted share of false items', () => {
    // 3/4 − 1/4 = 0.5
    expect(discernment(form(70, 3, 1))).toBeCloseTo(0.5);
    // 1/5 − 3/3 = −0.8: trusting false content more than genuine goes negative.
    expect(discernment(form(20, 1, 3, 5, 3))).toBeCloseTo(-0.8);
  });

  it('is 0 for a student who distrusts everything and 1 for a perfect student', () => {
    expect(discernment(form(50, 0, 0))).toBe(0);
    expect(discernment(form(100, 4, 0))).toBe(1);
  });

  it('is undefined when either kind of item was not rated, or the counts do not add up', () => {
    expect(discernment(form(50, 0, 2, 0, 4))).toBeNull();
    expect(discernment(form(50, 2, 0, 4, 0))).toBeNull();
    expect(discernment(form(50, 5, 0, 4, 4))).toBeNull();
  });
});

describe(skepticism.name, () => {
  it('is the share of genuine items the student distrusted', () => {
    // 1 − 3/4 = 0.25, whatever the false items.
    expect(skepticism(form(70, 3, 1))).toBeCloseTo(0.25);
    expect(skepticism(form(70, 3, 4))).toBeCloseTo(0.25);
  });

  it('is 1 for a student who distrusts everything and 0 for a perfect student', () => {
    expect(skepticism(form(50, 0, 0))).toBe(1);
    expect(skepticism(form(100, 4, 0))).toBe(0);
  });

  it('is undefined without rated genuine items', () => {
    expect(skepticism(form(50, 0, 2, 0, 4))).toBeNull();
  });
});

describe(studentContribution.name, () => {
  it('adds a pre-only student to the pre figures alone', () => {
    expect(studentContribution(form(30, 1, 1), null)).toEqual({ ...emptySums(), preN: 1, preSum: 30, preSumSq: 900 });
  });

  it('adds a paired student to every figure, with gain = post − pre', () => {
    // pre 40 → post 60: gain 20, pre×gain 800; discernment −0.25 → 0.5 (gain 0.75), skepticism 0.5 → 0.25 (gain −0.25).
    expect(studentContribution(form(40, 2, 3), form(60, 3, 1))).toEqual({
      preN: 1,
      preSum: 40,
      preSumSq: 1600,
      postN: 1,
      postSum: 60,
      postSumSq: 3600,
      pairN: 1,
      pairPreSum: 40,
      pairPreSumSq: 1600,
      pairGainSum: 20,
      pairGainSumSq: 400,
      pairPreGainSum: 800,
      pairImproved: 1,
      discN: 1,
      discPreSum: -0.25,
      discPostSum: 0.5,
      discGainSum: 0.75,
      discGainSumSq: 0.5625,
      skepN: 1,
      skepPreSum: 0.5,
      skepPostSum: 0.25,
      skepGainSum: -0.25,
      skepGainSumSq: 0.0625,
    });
  });

  it('does not count an unchanged score as improved', () => {
    expect(studentContribution(form(50, 2, 2), form(50, 2, 2)).pairImproved).toBe(0);
  });

  it('leaves out of the discernment figures a student for whom it is undefined on one form', () => {
    const s = studentContribution(form(70, 3, 1), form(65, 0, 1, 0, 4));
    expect(s).toMatchObject({ pairN: 1, discN: 0, discPreSum: 0, skepN: 0, skepPreSum: 0 });
  });

  it('contributes nothing for a student with neither form, and refuses a non-finite percent', () => {
    expect(studentContribution(null, null)).toEqual(emptySums());
    expect(() => studentContribution(form(NaN, 1, 1), null)).toThrow(RangeError);
  });
});

describe(summarize.name, () => {
  // Four paired students, one pre-only (30) and one post-only (90):
  //   S1 pre 40 (trusts 2/4 genuine, 3/4 false) → post 60 (3/4, 1/4)
  //   S2 pre 50 (4/4, 2/4) → post 55 (4/4, 0/4)
  //   S3 pre 60 (1/4, 1/4) → post 80 (2/4, 0/4)
  //   S4 pre 70 (3/4, 1/4) → post 65 (no genuine item rated: discernment, skepticism undefined)
  const students: [FormOutcome | null, FormOutcome | null][] = [
    [form(40, 2, 3), form(60, 3, 1)],
    [form(50, 4, 2), form(55, 4, 0)],
    [form(60, 1, 1), form(80, 2, 0)],
    [form(70, 3, 1), form(65, 0, 1, 0, 4)],
    [form(30, 2, 2), null],
    [null, form(90, 4, 1)],
  ];
  const summary = summarize(total(students.map(([pre, post]) => studentContribution(pre, post))));

  it('counts pre takers, post takers and pairs', () => {
    expect(summary).toMatchObject({ preCount: 5, postCount: 5, pairedCount: 4 });
  });

  it('gives the mean and sample SD over every taker of each form', () => {
    // pre 30, 40, 50, 60, 70: mean 50; squared deviations 400 + 100 + 0 + 100 + 400 = 1000; sd = √(1000/4) = √250 = 15.8114
    expect(summary.pre?.mean).toBeCloseTo(50, 10);
    expect(summary.pre?.sd).toBeCloseTo(15.811388, 5);
    // post 60, 55, 80, 65, 90: mean 350/5 = 70; 100 + 225 + 100 + 25 + 400 = 850; sd = √(850/4) = √212.5 = 14.5774
    expect(summary.post?.mean).toBeCloseTo(70, 10);
    expect(summary.post?.sd).toBeCloseTo(14.57738, 5);
  });

  it('gives the paired gain with its t interval', () => {
    // gains 20, 5, 20, −5: mean 10; squared deviations 100 + 25 + 100 + 225 = 450; s² = 450/3 = 150;
    // se = √(150/4) = 6.123724; t(0.975; 3) = 3.182446; half-width 19.488424 → −9.488424 .. 29.488424
    expect(summary.gain?.mean).toBeCloseTo(10, 10);
    expect(summary.gain?.low).toBeCloseTo(-9.488424, 5);
    expect(summary.gain?.high).toBeCloseTo(29.488424, 5);
    // 3 of the 4 went up.
    expect(summary.improvedShare).toBeCloseTo(0.75, 10);
  });

  it("gives Hake's gain on the paired means with a delta-method interval", () => {
    // Paired pre 40, 50, 60, 70: P̄ = 55, u = 100 − 55 = 45; Ḡ = 10; g = 10/45 = 0.222222.
    // Var(P̄) = [(225 + 25 + 25 + 225)/3]/4 = 166.667/4 = 41.6667; Var(Ḡ) = 150/4 = 37.5;
    // Cov(P̄, Ḡ): pre deviations −15, −5, 5, 15 × gain deviations 10, −5, 10, −15 = −150 + 25 + 50 − 225 = −300;
    //   /3 = −100; /4 = −25.
    // Var(g) = 37.5/45² + 10²·41.6667/45⁴ + 2·10·(−25)/45³
    //        = 37.5/2025 + 4166.67/4100625 − 500/91125 = 0.0185185 + 0.0010161 − 0.0054870 = 0.0140477;
    // se = 0.118523; half-width 3.182446 × 0.118523 = 0.377192 → −0.154970 .. 0.599415
    expect(summary.normalizedGain?.mean).toBeCloseTo(0.222222, 5);
    expect(summary.normalizedGain?.low).toBeCloseTo(-0.15497, 4);
    expect(summary.normalizedGain?.high).toBeCloseTo(0.599415, 4);
  });

  it('gives discernment and skepticism over the paired students for whom they are defined on both forms', () => {
    // S1–S3 only. Discernment pre −0.25, 0.5, 0 (mean 0.083333); post 0.5, 1, 0.5 (mean 0.666667);
    // gains 0.75, 0.5, 0.5: mean 0.583333; deviations 0.166667, −0.083333, −0.083333; squares sum 0.041667;
    // s² = 0.0208333; se = √(0.0208333/3) = 0.083333; t(0.975; 2) = 4.302653; half 0.358554 → 0.224779 .. 0.941888
    expect(summary.discernment?.pre).toBeCloseTo(0.083333, 5);
    expect(summary.discernment?.post).toBeCloseTo(0.666667, 5);
    expect(summary.discernment?.gain?.mean).toBeCloseTo(0.583333, 5);
    expect(summary.discernment?.gain?.low).toBeCloseTo(0.224779, 5);
    expect(summary.discernment?.gain?.high).toBeCloseTo(0.941888, 5);
    // Skepticism pre 0.5, 0, 0.75 (mean 0.416667); post 0.25, 0, 0.5 (mean 0.25);
    // gains −0.25, 0, −0.25: mean −0.166667, same spread as above → −0.166667 ± 0.358554 = −0.525221 .. 0.191888
    expect(summary.skepticism?.pre).toBeCloseTo(0.416667, 5);
    expect(summary.skepticism?.post).toBeCloseTo(0.25, 5);
    expect(summary.skepticism?.gain?.low).toBeCloseTo(-0.525221, 5);
    expect(summary.skepticism?.gain?.high).toBeCloseTo(0.191888, 5);
  });

  it('has no figures for an empty group, and no intervals for a single pair', () => {
    expect(summarize(emptySums())).toEqual({
      preCount: 0,
      postCount: 0,
      pairedCount: 0,
      pre: null,
      post: null,
      gain: null,
      normalizedGain: null,
      improvedShare: null,
      discernment: null,
      skepticism: null,
    });
    const one = summarize(studentContribution(form(40, 2, 3), form(60, 3, 1)));
    expect(one.pre).toEqual({ mean: 40, sd: 0 });
    expect(one).toMatchObject({ gain: null, normalizedGain: null, improvedShare: 1 });
    expect(one.discernment).toEqual({ pre: -0.25, post: 0.5, gain: null });
  });

  it("has no Hake's gain when the paired pre mean is already 100", () => {
    const s = summarize(total([studentContribution(form(100, 4, 0), form(100, 4, 0)), studentContribution(form(100, 4, 0), form(90, 4, 0))]));
    expect(s.normalizedGain).toBeNull();
    expect(s.gain).not.toBeNull();
  });

  it('gives a zero-width interval, not NaN, when every pair gained the same', () => {
    // Three equal gains of 10 from 50: the variance from sums may round below 0; it is clamped.
    const s = summarize(total([0, 1, 2].map(() => studentContribution(form(50.1, 2, 2), form(60.1, 2, 2)))));
    expect(s.gain?.low).toBeCloseTo(10, 8);
    expect(s.gain?.high).toBeCloseTo(10, 8);
    expect(Number.isFinite(s.normalizedGain?.low)).toBe(true);
  });
});

/** mulberry32: a small seeded generator, so that the "random" list is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const covariance = (xs: number[], ys: number[]): number => {
  const mx = mean(xs);
  const my = mean(ys);
  return xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / (xs.length - 1);
};
const pearson = (xs: number[], ys: number[]): number => covariance(xs, ys) / Math.sqrt(variance(xs) * variance(ys));

describe('the additive sums', () => {
  const random = seeded(20260901);
  const int = (max: number): number => Math.floor(random() * (max + 1));
  const randomForm = (): FormOutcome => {
    const genuineRated = int(5);
    const falseRated = int(5);
    return { percent: Math.round(random() * 200) / 2, genuineRated, genuineTrusted: int(genuineRated), falseRated, falseTrusted: int(falseRated) };
  };
  const students: [FormOutcome | null, FormOutcome | null][] = Array.from({ length: 200 }, () => [
    random() < 0.9 ? randomForm() : null,
    random() < 0.8 ? randomForm() : null,
  ]);
  const contributions = students.map(([pre, post]) => studentContribution(pre, post));
  const sums = total(contributions);

  it('summarize the class as the figures computed directly from the students', () => {
    const s = summarize(sums);
    const pre = students.flatMap(([p]) => (p ? [p.percent] : []));
    const post = students.flatMap(([, q]) => (q ? [q.percent] : []));
    const pairs = students.filter((x): x is [FormOutcome, FormOutcome] => x[0] !== null && x[1] !== null);
    const pairPre = pairs.map(([p]) => p.percent);
    const gains = pairs.map(([p, q]) => q.percent - p.percent);
    const n = pairs.length;
    expect(n).toBeGreaterThan(100);

    expect(s).toMatchObject({ preCount: pre.length, postCount: post.length, pairedCount: n });
    expect(s.pre?.mean).toBeCloseTo(mean(pre), 8);
    expect(s.pre?.sd).toBeCloseTo(Math.sqrt(variance(pre)), 8);
    expect(s.post?.mean).toBeCloseTo(mean(post), 8);
    expect(s.post?.sd).toBeCloseTo(Math.sqrt(variance(post)), 8);

    const t = tQuantile975(n - 1);
    const gainHalf = t * Math.sqrt(variance(gains) / n);
    expect(s.gain?.mean).toBeCloseTo(mean(gains), 8);
    expect(s.gain?.low).toBeCloseTo(mean(gains) - gainHalf, 8);
    expect(s.gain?.high).toBeCloseTo(mean(gains) + gainHalf, 8);
    expect(s.improvedShare).toBeCloseTo(gains.filter((g) => g > 0).length / n, 10);

    // Hake's gain, the slow way: (mean post − mean pre)/(100 − mean pre) over the pairs, delta method on the arrays.
    const pairPost = pairs.map(([, q]) => q.percent);
    const u = 100 - mean(pairPre);
    const g = (mean(pairPost) - mean(pairPre)) / u;
    const G = mean(gains);
    const hakeVar = variance(gains) / n / u ** 2 + (G ** 2 * variance(pairPre)) / n / u ** 4 + (2 * G * covariance(pairPre, gains)) / n / u ** 3;
    expect(s.normalizedGain?.mean).toBeCloseTo(g, 10);
    expect(s.normalizedGain?.low).toBeCloseTo(g - t * Math.sqrt(hakeVar), 8);
    expect(s.normalizedGain?.high).toBeCloseTo(g + t * Math.sqrt(hakeVar), 8);

    for (const [key, measure] of [
      ['discernment', discernment],
      ['skepticism', skepticism],
    ] as const) {
      const both = pairs.flatMap(([p, q]) => {
        const a = measure(p);
        const b = measure(q);
        return a === null || b === null ? [] : [[a, b]];
      });
      const d = both.map(([a, b]) => b - a);
      const half = tQuantile975(both.length - 1) * Math.sqrt(variance(d) / both.length);
      expect(both.length).toBeGreaterThan(30);
      expect(s[key]?.pre).toBeCloseTo(mean(both.map(([a]) => a)), 10);
      expect(s[key]?.post).toBeCloseTo(mean(both.map(([, b]) => b)), 10);
      expect(s[key]?.gain?.low).toBeCloseTo(mean(d) - half, 8);
      expect(s[key]?.gain?.high).toBeCloseTo(mean(d) + half, 8);
    }
  });

  it('are undone by subtractSums', () => {
    const a = total(contributions.slice(0, 120));
    const b = total(contributions.slice(120));
    expectSumsClose(subtractSums(addSums(a, b), b), a);
    expectSumsClose(subtractSums(sums, sums), emptySums());
  });

  it('update incrementally to the same figures as a recount when a student’s results change', () => {
    // Student 17 retakes the post-test; student 42, who had only a pre-test, takes one.
    const changed = students.map(([pre, post]) => [pre, post] as [FormOutcome | null, FormOutcome | null]);
    changed[17] = [changed[17][0], form(95, 4, 0)];
    changed[42] = [changed[42][0] ?? form(35, 1, 3), form(80, 3, 1)];
    let rolling = sums;
    for (const i of [17, 42]) rolling = addSums(subtractSums(rolling, contributions[i]), studentContribution(...changed[i]));
    const recount = total(changed.map(([pre, post]) => studentContribution(pre, post)));
    expectSumsClose(rolling, recount);
    expect(summarize(rolling).gain?.mean).toBeCloseTo(summarize(recount).gain?.mean ?? NaN, 8);
  });
});

describe(tQuantile975.name, () => {
  it('matches the t table', () => {
    for (const [df, t] of [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [10, 2.228],
      [30, 2.042],
      [60, 2.0],
      [1000, 1.962],
    ]) {
      expect(Math.abs(tQuantile975(df) - t)).toBeLessThan(0.002);
    }
  });

  it('is accurate past the table and tends to 1.960', () => {
    // Exact values: t(0.975; 31) = 2.039513, 40 → 2.021075, 120 → 1.979930.
    expect(tQuantile975(31)).toBeCloseTo(2.039513, 5);
    expect(tQuantile975(40)).toBeCloseTo(2.021075, 5);
    expect(tQuantile975(120)).toBeCloseTo(1.97993, 5);
    expect(tQuantile975(1e9)).toBeCloseTo(1.959964, 6);
    expect(tQuantile975(Infinity)).toBeCloseTo(1.959964, 6);
  });

  it('takes the cautious whole part of a fractional df in the table, and refuses df below 1', () => {
    expect(tQuantile975(2.5)).toBe(tQuantile975(2));
    expect(() => tQuantile975(0.5)).toThrow(RangeError);
    expect(() => tQuantile975(NaN)).toThrow(RangeError);
  });
});

describe(showable.name, () => {
  it('shows a group of MIN_GROUP_SIZE students and not one fewer', () => {
    expect(MIN_GROUP_SIZE).toBe(10);
    expect(showable(10)).toBe(true);
    expect(showable(9)).toBe(false);
  });
});

describe(wilsonInterval.name, () => {
  it('gives the Wilson 95% interval', () => {
    // 8/10: z² = 3.841459; centre (0.8 + 0.192073)/1.384146 = 0.716741;
    // half (1.959964/1.384146)·√(0.016 + 0.009604) = 1.416010 × 0.160012 = 0.226578 → 0.490163 .. 0.943319
    const ci = wilsonInterval(8, 10);
    expect(ci?.low).toBeCloseTo(0.490163, 5);
    expect(ci?.high).toBeCloseTo(0.943319, 5);
  });

  it('stays within 0..1 at the extremes, and is undefined without responses', () => {
    // 0/10: centre = half = 0.192073/1.384146 = 0.138767 → 0 .. 0.277533
    expect(wilsonInterval(0, 10)?.low).toBeCloseTo(0, 10);
    expect(wilsonInterval(0, 10)?.high).toBeCloseTo(0.277533, 5);
    expect(wilsonInterval(10, 10)?.high).toBeCloseTo(1, 10);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(11, 10)).toBeNull();
  });
});

describe(itemStatistics.name, () => {
  const sums = (pairs: [number, number][]): ItemSums => pairs.map(([x, y]) => itemContribution(x, y)).reduce(addItemSums);
  const times = <T>(n: number, xs: T[]): T[] => Array.from({ length: n }, () => xs).flat();

  it('gives the proportion correct and the corrected item–total correlation', () => {
    // x 1, 1, 0, 0 with rest-of-form 8, 6, 4, 2: mean x 0.5, mean y 5;
    // Sxy = 0.5·3 + 0.5·1 + (−0.5)(−1) + (−0.5)(−3) = 4; Sxx = 1; Syy = 9 + 1 + 1 + 9 = 20; r = 4/√20 = 0.894427
    const s = itemStatistics(
      sums([
        [1, 8],
        [1, 6],
        [0, 4],
        [0, 2],
      ]),
    );
    expect(s.n).toBe(4);
    expect(s.difficulty).toBeCloseTo(0.5, 10);
    expect(s.discrimination).toBeCloseTo(0.894427, 5);
    expect(s.flags).toEqual([]);
  });

  it('matches Pearson r computed directly on a long seeded list', () => {
    const random = seeded(7);
    const xs = Array.from({ length: 300 }, () => Math.round(random() * 4) / 4);
    const ys = xs.map((x) => Math.round(10 * x + random() * 20));
    const s = itemStatistics(sums(xs.map((x, i) => [x, ys[i]])));
    expect(s.difficulty).toBeCloseTo(mean(xs), 10);
    expect(s.discrimination).toBeCloseTo(pearson(xs, ys), 10);
  });

  it('has no discrimination when everyone got the item, or the rest of the form, the same', () => {
    expect(
      itemStatistics(
        sums(
          times(40, [
            [1, 3],
            [1, 7],
          ]),
        ),
      ).discrimination,
    ).toBeNull();
    expect(
      itemStatistics(
        sums(
          times(40, [
            [1, 7.3],
            [0, 7.3],
          ]),
        ),
      ).discrimination,
    ).toBeNull();
    expect(itemStatistics(itemContribution(1, 5))).toEqual({ n: 1, difficulty: 1, discrimination: null, flags: [] });
    expect(itemStatistics({ n: 0, xSum: 0, xSumSq: 0, ySum: 0, ySumSq: 0, xySum: 0 })).toEqual({ n: 0, difficulty: null, discrimination: null, flags: [] });
  });

  it('flags a too easy item with no discrimination, a too hard one, and a negative one, from 30 responses', () => {
    // 40 correct of 40: too easy (1 > 0.95), no variance so no discrimination flag.
    expect(
      itemStatistics(
        sums(
          times(40, [
            [1, 3],
            [1, 7],
          ]),
        ),
      ).flags,
    ).toEqual(['too_easy']);
    // 3 correct (the weakest students) of 30: difficulty 0.1, and r < 0.
    expect(itemStatistics(sums([...times(3, [[1, 2]] as [number, number][]), ...times(27, [[0, 8]] as [number, number][])])).flags).toEqual([
      'too_hard',
      'negative_discrimination',
    ]);
    // The same item on 29 responses is not flagged yet.
    expect(itemStatistics(sums([...times(3, [[1, 2]] as [number, number][]), ...times(26, [[0, 8]] as [number, number][])])).flags).toEqual([]);
  });

  it('flags weak discrimination from 0 up to 0.2', () => {
    // Per block of 4: x 1, 1, 0, 0 with y 6, 5, 6, 4: Sxy = 0.5(6 − 5.25) + 0.5(5 − 5.25) − 0.5(6 − 5.25) − 0.5(4 − 5.25)
    //   = 0.375 − 0.125 − 0.375 + 0.625 = 0.5; Sxx = 1; Syy = 0.5625 + 0.0625 + 0.5625 + 1.5625 = 2.75; r = 0.5/√2.75 = 0.301511
    expect(
      itemStatistics(
        sums(
          times(10, [
            [1, 6],
            [1, 5],
            [0, 6],
            [0, 4],
          ]),
        ),
      ).discrimination,
    ).toBeCloseTo(0.301511, 5);
    expect(
      itemStatistics(
        sums(
          times(10, [
            [1, 6],
            [1, 5],
            [0, 6],
            [0, 4],
          ]),
        ),
      ).flags,
    ).toEqual([]);
    // y 6, 4, 6, 4.5: mean 5.125; Sxy = 0.5(0.875) + 0.5(−1.125) − 0.5(0.875) − 0.5(−0.625) = −0.25 → negative;
    // y 6, 4, 5, 4.5: mean 4.875; Sxy = 0.5(1.125 − 0.875 − 0.125 + 0.375) = 0.25; Syy = 1.265625 + 0.765625 + 0.015625 + 0.140625 = 2.1875;
    //   r = 0.25/√2.1875 = 0.169031 → weak
    const weak = itemStatistics(
      sums(
        times(10, [
          [1, 6],
          [1, 4],
          [0, 5],
          [0, 4.5],
        ]),
      ),
    );
    expect(weak.discrimination).toBeCloseTo(0.169031, 5);
    expect(weak.flags).toEqual(['weak_discrimination']);
    expect(
      itemStatistics(
        sums(
          times(10, [
            [1, 6],
            [1, 4],
            [0, 6],
            [0, 4.5],
          ]),
        ),
      ).flags,
    ).toEqual(['negative_discrimination']);
  });
});

describe(rankTechniques.name, () => {
  it('puts first the techniques most missed after, then equal ones by name, then those not yet tested', () => {
    const ranked = rankTechniques([
      { tag: 'urgency', preResponses: 40, preMissed: 20, postResponses: 40, postMissed: 10 },
      { tag: 'fake-authority', preResponses: 50, preMissed: 30, postResponses: 10, postMissed: 8 },
      { tag: 'clickbait', preResponses: 20, preMissed: 10, postResponses: 0, postMissed: 0 },
      { tag: 'emotional', preResponses: 0, preMissed: 0, postResponses: 20, postMissed: 5 },
      { tag: 'anonymous-source', preResponses: 10, preMissed: 1, postResponses: 0, postMissed: 0 },
    ]);
    expect(ranked.map((r) => r.tag)).toEqual(['fake-authority', 'emotional', 'urgency', 'anonymous-source', 'clickbait']);
    // fake-authority: pre 30/50 = 0.6, post 8/10 = 0.8, change +0.2; Wilson 8/10 = 0.490163 .. 0.943319.
    expect(ranked[0]).toEqual({
      tag: 'fake-authority',
      pre: 0.6,
      post: 0.8,
      change: expect.closeTo(0.2, 10),
      postLow: expect.closeTo(0.490163, 5),
      postHigh: expect.closeTo(0.943319, 5),
    });
    // emotional and urgency both 0.25 after: by name. emotional has no pre rate, so no change.
    expect(ranked[1]).toMatchObject({ pre: null, post: 0.25, change: null });
    expect(ranked[2]).toMatchObject({ pre: 0.5, post: 0.25, change: -0.25 });
    expect(ranked[3]).toEqual({ tag: 'anonymous-source', pre: 0.1, post: null, change: null, postLow: null, postHigh: null });
  });
});
