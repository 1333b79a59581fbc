import {
  addJudge,
  assignJudges,
  entryCode,
  type EntryForJudging,
  type JudgeAssignment,
  judgeLoads,
  type JuryEntry,
  JuryError,
  type JuryJudge,
  normalise,
  promote,
  rankEntries,
  replaceJudge,
  tallyVotes,
  toBlindEntry,
  votesVisible,
  votingOpen,
  weightedTotal,
} from './jury.js';
import { type BlindEntryDto, DEFAULT_RUBRIC, type EntryFileDto } from './schemas.js';

/** A small seeded generator for building instances (the rules have their own). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const pick = (n: number, next: () => number) => Math.floor(next() * n);

function randomRound(seed: number, size: { entries: number; schools: number; judges: number; staff: number }): { entries: JuryEntry[]; judges: JuryJudge[] } {
  const next = lcg(seed);
  const entries = Array.from({ length: size.entries }, (_, i) => ({ id: `e${i}`, schoolId: `s${pick(size.schools, next)}` }));
  const judges: JuryJudge[] = [
    ...Array.from({ length: size.judges }, (_, i) => ({ id: `t${i}`, schoolId: `s${pick(size.schools, next)}` })),
    ...Array.from({ length: size.staff }, (_, i) => ({ id: `d${i}`, schoolId: null })),
  ];
  return { entries, judges };
}

function spreadOfLoads(assignments: JudgeAssignment[], judges: JuryJudge[]): number {
  const loads = [...judgeLoads(assignments, judges).values()];
  return Math.max(...loads) - Math.min(...loads);
}

/** Every assignment rule but balance: the entries in order, each with exactly `perEntry` distinct judges, known and of another school. */
function checkPanels(assignments: JudgeAssignment[], entries: JuryEntry[], judges: JuryJudge[], perEntry: number): string[] {
  const problems: string[] = [];
  const schoolOf = new Map(judges.map((j) => [j.id, j.schoolId]));
  if (assignments.map((a) => a.entryId).join() !== entries.map((e) => e.id).join()) problems.push('entries out of order');
  assignments.forEach((a, i) => {
    if (a.judgeIds.length !== perEntry) problems.push(`${a.entryId}: ${a.judgeIds.length} judges`);
    if (new Set(a.judgeIds).size !== a.judgeIds.length) problems.push(`${a.entryId}: a judge twice`);
    for (const id of a.judgeIds) {
      if (!schoolOf.has(id)) problems.push(`${a.entryId}: unknown judge ${id}`);
      else if (schoolOf.get(id) === entries[i].schoolId) problems.push(`${a.entryId}: own-school judge ${id}`);
    }
  });
  return problems;
}

/** The smallest max − min of loads any assignment reaches, by trying every one (small rounds only). */
function bestSpread(entries: JuryEntry[], judges: JuryJudge[], perEntry: number): number {
  const combos = (list: number[], k: number): number[][] =>
    k === 0 ? [[]] : list.flatMap((first, i) => combos(list.slice(i + 1), k - 1).map((rest) => [first, ...rest]));
  const options = entries.map((e) =>
    combos(
      judges.flatMap((j, i) => (j.schoolId === null || j.schoolId !== e.schoolId ? [i] : [])),
      perEntry,
    ),
  );
  let best = Infinity;
  const load = new Array<number>(judges.length).fill(0);
  const walk = (e: number) => {
    if (e === entries.length) {
      best = Math.min(best, Math.max(...load) - Math.min(...load));
      return;
    }
    for (const panel of options[e]) {
      for (const j of panel) load[j]++;
      walk(e + 1);
      for (const j of panel) load[j]--;
    }
  };
  walk(0);
  return best;
}

describe(assignJudges.name, () => {
  it("never assigns a judge from the entry's own school, and gives every entry exactly three distinct judges, over 300 seeds", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { entries, judges } = randomRound(seed, { entries: 5 + (seed % 40), schools: 2 + (seed % 6), judges: 6 + (seed % 9), staff: seed % 3 });
      let assignments: JudgeAssignment[];
      try {
        assignments = assignJudges(entries, judges, 3, `round-${seed}`);
      } catch (error) {
        // Only a round where some entry has fewer than three eligible judges may be refused.
        expect(error).toBeInstanceOf(JuryError);
        const e = entries.find((x) => x.id === (error as JuryError).details.entryId)!;
        expect(judges.filter((j) => j.schoolId === null || j.schoolId !== e.schoolId).length).toBeLessThan(3);
        continue;
      }
      expect({ seed, problems: checkPanels(assignments, entries, judges, 3) }).toEqual({ seed, problems: [] });
    }
  });

  it('balances loads to within one whenever the schools allow it, over 200 seeds', () => {
    // Forty schools, each with a teacher or two on the jury and few of the entries: every judge can take any share.
    for (let seed = 1; seed <= 200; seed++) {
      const { entries, judges } = randomRound(seed * 7919, { entries: 30 + (seed % 90), schools: 40, judges: 10 + (seed % 25), staff: seed % 4 });
      const perEntry = 3 + (seed % 3);
      const assignments = assignJudges(entries, judges, perEntry, `seed-${seed}`);
      expect({ seed, problems: checkPanels(assignments, entries, judges, perEntry) }).toEqual({ seed, problems: [] });
      expect({ seed, balanced: spreadOfLoads(assignments, judges) <= 1 }).toEqual({ seed, balanced: true });
    }
  });

  it('reaches the most even loads there are, checked against every possible assignment of 60 small rounds', () => {
    // Few schools and few judges: own-school exclusions bite, and within-one is often out of reach.
    for (let seed = 1; seed <= 60; seed++) {
      const { entries, judges } = randomRound(seed * 104729, { entries: 4, schools: 3, judges: 5 + (seed % 2), staff: seed % 2 });
      let assignments: JudgeAssignment[];
      try {
        assignments = assignJudges(entries, judges, 3, `small-${seed}`);
      } catch {
        expect(bestSpread(entries, judges, 3)).toBe(Infinity);
        continue;
      }
      expect({ seed, spread: spreadOfLoads(assignments, judges) }).toEqual({ seed, spread: bestSpread(entries, judges, 3) });
    }
  });

  it('leaves a judge whose school sent nearly everything with what it can take, and evens out the rest (hand-computed)', () => {
    // School A sends 6 entries, school B one. Judges: a1 of A, b1-b3 of B, d1 and d2 of the Department.
    // a1 may judge only B's entry: load 1. The other 7 × 3 − 1 = 20 places go to five judges: 4 each.
    // Best possible: loads 1, 4, 4, 4, 4, 4 (max − min = 3; no assignment does better).
    const entries = [...Array.from({ length: 6 }, (_, i) => ({ id: `A${i}`, schoolId: 'A' })), { id: 'B0', schoolId: 'B' }];
    const judges = [
      { id: 'a1', schoolId: 'A' },
      { id: 'b1', schoolId: 'B' },
      { id: 'b2', schoolId: 'B' },
      { id: 'b3', schoolId: 'B' },
      { id: 'd1', schoolId: null },
      { id: 'd2', schoolId: null },
    ];
    for (const seed of ['x', 'y', 'z']) {
      const assignments = assignJudges(entries, judges, 3, seed);
      expect(Object.fromEntries(judgeLoads(assignments, judges))).toEqual({ a1: 1, b1: 4, b2: 4, b3: 4, d1: 4, d2: 4 });
      expect([...assignments.find((a) => a.entryId === 'B0')!.judgeIds].sort()).toEqual(['a1', 'd1', 'd2']);
    }
  });

  it('is the same for the same seed, and mixes panels differently for another', () => {
    const { entries, judges } = randomRound(42, { entries: 60, schools: 12, judges: 20, staff: 2 });
    expect(assignJudges(entries, judges, 3, 'round-1')).toEqual(assignJudges(entries, judges, 3, 'round-1'));
    const panels = (seed: string) => assignJudges(entries, judges, 3, seed).map((a) => [...a.judgeIds].sort().join());
    const a = panels('round-1');
    const b = panels('round-2');
    expect(a.filter((panel, i) => panel !== b[i]).length).toBeGreaterThan(30);
  });

  it('does not pair the same judges on every entry when loads are equal', () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ id: `e${i}`, schoolId: `s${i % 10}` }));
    const judges = Array.from({ length: 9 }, (_, i) => ({ id: `d${i}`, schoolId: null }));
    const panels = new Set(assignJudges(entries, judges, 3, 'mix').map((a) => [...a.judgeIds].sort().join()));
    expect(panels.size).toBeGreaterThan(10);
  });

  it('refuses, naming the entry, when an entry has fewer eligible judges than it needs', () => {
    // Three judges, one of them of the entry's school: two eligible, three needed.
    const entries = [
      { id: 'e1', schoolId: 'X' },
      { id: 'e2', schoolId: 'Y' },
    ];
    const judges = [
      { id: 'j1', schoolId: 'Y' },
      { id: 'j2', schoolId: 'Z' },
      { id: 'j3', schoolId: null },
    ];
    expect(() => assignJudges(entries, judges, 3, 's')).toThrow(JuryError);
    try {
      assignJudges(entries, judges, 3, 's');
    } catch (error) {
      expect(error).toMatchObject({ code: 'TOO_FEW_JUDGES', details: { entryId: 'e2', eligible: 2, needed: 3 } });
    }
    // With fewer judges than places on a panel, every entry is short.
    expect(() => assignJudges([{ id: 'e', schoolId: 'X' }], judges.slice(1), 3)).toThrow(expect.objectContaining({ code: 'TOO_FEW_JUDGES' }));
  });

  it('takes Department staff (no school) for any entry, and returns nothing for no entries', () => {
    const judges = [
      { id: 'd1', schoolId: null },
      { id: 'd2', schoolId: null },
      { id: 'd3', schoolId: null },
    ];
    expect(assignJudges([{ id: 'e', schoolId: 'X' }], judges, 3, 's')[0].judgeIds.sort()).toEqual(['d1', 'd2', 'd3']);
    expect(assignJudges([], judges, 3, 's')).toEqual([]);
  });

  it('refuses an id listed twice and a panel size that is not a positive whole number', () => {
    const judges = [
      { id: 'd1', schoolId: null },
      { id: 'd1', schoolId: null },
    ];
    expect(() => assignJudges([], judges, 1)).toThrow(RangeError);
    expect(() => assignJudges([], [], 0)).toThrow(RangeError);
    expect(() => assignJudges([], [], 2.5)).toThrow(RangeError);
  });

  it('assigns a province round of 5,000 entries to 150 judges, within one of each other', () => {
    // The benchmark's size (issue 19): 100 schools, 140 teachers and 10 Department staff, three judges an entry.
    const { entries, judges } = randomRound(2026, { entries: 5000, schools: 100, judges: 140, staff: 10 });
    const assignments = assignJudges(entries, judges, 3, 'province');
    expect(checkPanels(assignments, entries, judges, 3)).toEqual([]);
    expect(spreadOfLoads(assignments, judges)).toBeLessThanOrEqual(1);
    // 15,000 places over 150 judges: exactly 100 each.
    expect(new Set(judgeLoads(assignments, judges).values())).toEqual(new Set([100]));
  });
});

describe(replaceJudge.name, () => {
  // Entry e1 of school S1 has j1, j2, j3. Loads: j1 2, j2 1, j3 1, j4 2, j5 0 (but of S1), j6 1, j7 1.
  const judges: JuryJudge[] = [
    { id: 'j1', schoolId: 'S2' },
    { id: 'j2', schoolId: 'S3' },
    { id: 'j3', schoolId: null },
    { id: 'j4', schoolId: 'S2' },
    { id: 'j5', schoolId: 'S1' },
    { id: 'j6', schoolId: 'S3' },
    { id: 'j7', schoolId: null },
  ];
  const entry = { id: 'e1', schoolId: 'S1' };
  const assignments: JudgeAssignment[] = [
    { entryId: 'e1', judgeIds: ['j1', 'j2', 'j3'] },
    { entryId: 'e2', judgeIds: ['j1', 'j4', 'j6'] },
    { entryId: 'e3', judgeIds: ['j4', 'j7', 'j2'] },
  ];

  it('gives the entry the least-loaded eligible judge in the conflicted judge’s place, the first listed among equals', () => {
    // j5 has the least (0) but is of the entry's school; j6 and j7 have 1 each: j6 is listed first.
    const result = replaceJudge(assignments, entry, 'j2', judges);
    expect(result.replacement).toBe('j6');
    expect(result.assignments[0]).toEqual({ entryId: 'e1', judgeIds: ['j1', 'j6', 'j3'] });
    expect(result.assignments.slice(1)).toEqual(assignments.slice(1));
    // The input is left as it was.
    expect(assignments[0].judgeIds).toEqual(['j1', 'j2', 'j3']);
  });

  it('never brings back the conflicted judge nor one who declared a conflict before, even when least loaded', () => {
    const light = [...judges, { id: 'j8', schoolId: 'S4' }];
    // j8 has 0 entries, but declared a conflict on e1 earlier.
    expect(replaceJudge(assignments, entry, 'j1', light, ['j8']).replacement).toBe('j6');
    // j2 would be least loaded after stepping back, but is the one who declared it.
    const alone = replaceJudge([{ entryId: 'e1', judgeIds: ['j2', 'j3', 'j7'] }], entry, 'j2', judges);
    expect(alone.replacement).not.toBe('j2');
    expect(alone.replacement).toBe('j1');
  });

  it('refuses when nobody eligible is left, and when the judge was not on the entry', () => {
    const three = judges.filter((j) => ['j1', 'j2', 'j3', 'j5'].includes(j.id));
    expect(() => replaceJudge(assignments, entry, 'j2', three)).toThrow(expect.objectContaining({ code: 'NO_REPLACEMENT_JUDGE', details: { entryId: 'e1' } }));
    expect(() => replaceJudge(assignments, entry, 'j4', judges)).toThrow(expect.objectContaining({ code: 'NOT_ASSIGNED' }));
  });
});

describe(addJudge.name, () => {
  it('adds the least-loaded eligible judge not already on the entry', () => {
    const judges = [
      { id: 'j1', schoolId: 'S2' },
      { id: 'j2', schoolId: 'S1' },
      { id: 'j3', schoolId: null },
      { id: 'j4', schoolId: 'S3' },
    ];
    const assignments = [
      { entryId: 'e1', judgeIds: ['j1'] },
      { entryId: 'e2', judgeIds: ['j3', 'j4'] },
      { entryId: 'e3', judgeIds: ['j4'] },
    ];
    // j2 is of S1; j3 has 1, j4 has 2: j3.
    const { assignments: next, added } = addJudge(assignments, { id: 'e1', schoolId: 'S1' }, judges);
    expect(added).toBe('j3');
    expect(next[0]).toEqual({ entryId: 'e1', judgeIds: ['j1', 'j3'] });
  });
});

describe(weightedTotal.name, () => {
  it('weights each criterion on its own scale into 0..100 (hand-computed)', () => {
    // Default rubric: message 30, creativity 25, accuracy 25, craft 20, each out of 10.
    // Scores 8, 7, 9, 6: (30 × 0.8 + 25 × 0.7 + 25 × 0.9 + 20 × 0.6) / 100 × 100 = 24 + 17.5 + 22.5 + 12 = 76.
    const scores = [
      { criterionId: 'craft', score: 6 },
      { criterionId: 'message', score: 8 },
      { criterionId: 'creativity', score: 7 },
      { criterionId: 'accuracy', score: 9 },
    ];
    expect(weightedTotal(DEFAULT_RUBRIC, scores)).toEqual({ ok: true, total: 76 });
    // Scales of 5 and 20, weights 2 and 1: a = 4/5 = 0.8, b = 10/20 = 0.5 → (2 × 0.8 + 1 × 0.5) / 3 × 100 = 70.
    const mixed = {
      criteria: [
        { id: 'a', weight: 2, maxScore: 5 },
        { id: 'b', weight: 1, maxScore: 20 },
      ],
    };
    expect(
      weightedTotal(mixed, [
        { criterionId: 'a', score: 4 },
        { criterionId: 'b', score: 10 },
      ]),
    ).toEqual({ ok: true, total: 70 });
    // Thirds round to 4 decimals: (1 × 1/3 + 2 × 1) / 3 × 100 = 77.777… → 77.7778.
    const thirds = {
      criteria: [
        { id: 'a', weight: 1, maxScore: 3 },
        { id: 'b', weight: 2, maxScore: 10 },
      ],
    };
    expect(
      weightedTotal(thirds, [
        { criterionId: 'a', score: 1 },
        { criterionId: 'b', score: 10 },
      ]),
    ).toEqual({ ok: true, total: 77.7778 });
    // Full marks and none.
    const all = (score: number) => DEFAULT_RUBRIC.criteria.map((c) => ({ criterionId: c.id, score }));
    expect(weightedTotal(DEFAULT_RUBRIC, all(10))).toEqual({ ok: true, total: 100 });
    expect(weightedTotal(DEFAULT_RUBRIC, all(0))).toEqual({ ok: true, total: 0 });
  });

  it('names every criterion missing, unknown, scored twice or out of its range', () => {
    const result = weightedTotal(DEFAULT_RUBRIC, [
      { criterionId: 'message', score: 11 },
      { criterionId: 'creativity', score: -1 },
      { criterionId: 'creativity', score: 5 },
      { criterionId: 'humour', score: 5 },
      { criterionId: 'accuracy', score: Number.NaN },
    ]);
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'criteria.0.score', code: 'submission.scoreOutOfRange', params: { maximum: 10 } },
        { field: 'criteria.1.score', code: 'submission.scoreOutOfRange', params: { maximum: 10 } },
        { field: 'criteria.2.criterionId', code: 'submission.criterionTwice', params: {} },
        { field: 'criteria.3.criterionId', code: 'submission.criterionUnknown', params: { criterionId: 'humour' } },
        { field: 'criteria.4.score', code: 'submission.scoreOutOfRange', params: { maximum: 10 } },
        { field: 'criteria', code: 'submission.criterionMissing', params: { criterionId: 'craft' } },
      ],
    });
  });
});

/**
 * A round of four entries P, Q, R, S; four judges, each seeing three; every entry seen by three.
 *
 * | judge | P | Q | R | S | mean | population SD | z-scores |
 * | J1 (strict)   | 40 | 60 | 50 | –  | 50 | √((100 + 100 + 0)/3) = √66.67 = 8.1650 | P −1.2247, Q +1.2247, R 0 |
 * | J2 (generous) | 80 | 95 | –  | 95 | 90 | √((100 + 25 + 25)/3) = √50 = 7.0711   | P −1.4142, Q +0.7071, S +0.7071 |
 * | J3 (flat)     | –  | 70 | 70 | 70 | 70 | 0 → z = 0 for all                      | Q 0, R 0, S 0 |
 * | J4            | 60 | –  | 75 | 90 | 75 | √((225 + 0 + 225)/3) = √150 = 12.2474 | P −1.2247, R 0, S +1.2247 |
 *
 * | entry | raw mean | normalised mean | spread |
 * | P | (40 + 80 + 60)/3 = 60 | (−1.2247 − 1.4142 − 1.2247)/3 = −1.2879 | 80 − 40 = 40 |
 * | Q | (60 + 95 + 70)/3 = 75 | (1.2247 + 0.7071 + 0)/3 = 0.6440      | 95 − 60 = 35 |
 * | R | (50 + 70 + 75)/3 = 65 | (0 + 0 + 0)/3 = 0                     | 75 − 50 = 25 |
 * | S | (95 + 70 + 90)/3 = 85 | (0.7071 + 0 + 1.2247)/3 = 0.6440      | 95 − 70 = 25 |
 *
 * Q and S tie on the normalised mean (√1.5 + √0.5, summed in another order); S's higher raw mean
 * (85 > 75) puts it first. Ranking: S 1, Q 2, R 3, P 4.
 */
const ROUND = [
  { entryId: 'P', judgeId: 'J1', total: 40 },
  { entryId: 'Q', judgeId: 'J1', total: 60 },
  { entryId: 'R', judgeId: 'J1', total: 50 },
  { entryId: 'P', judgeId: 'J2', total: 80 },
  { entryId: 'Q', judgeId: 'J2', total: 95 },
  { entryId: 'S', judgeId: 'J2', total: 95 },
  { entryId: 'Q', judgeId: 'J3', total: 70 },
  { entryId: 'R', judgeId: 'J3', total: 70 },
  { entryId: 'S', judgeId: 'J3', total: 70 },
  { entryId: 'P', judgeId: 'J4', total: 60 },
  { entryId: 'R', judgeId: 'J4', total: 75 },
  { entryId: 'S', judgeId: 'J4', total: 90 },
];

describe(normalise.name, () => {
  it("puts each judge's totals on that judge's own scale (hand-computed z-scores)", () => {
    const { judges, z } = normalise(ROUND);
    const scale = Object.fromEntries(judges.map((j) => [j.judgeId, j]));
    expect(scale.J1).toEqual({ judgeId: 'J1', scored: 3, mean: 50, sd: expect.closeTo(8.16497, 5) });
    expect(scale.J2).toEqual({ judgeId: 'J2', scored: 3, mean: 90, sd: expect.closeTo(7.07107, 5) });
    expect(scale.J3).toEqual({ judgeId: 'J3', scored: 3, mean: 70, sd: 0 });
    expect(scale.J4).toEqual({ judgeId: 'J4', scored: 3, mean: 75, sd: expect.closeTo(12.24745, 5) });
    const zOf = (entryId: string, judgeId: string) => z.find((s) => s.entryId === entryId && s.judgeId === judgeId)!.z;
    expect(zOf('P', 'J1')).toBeCloseTo(-1.22474, 5);
    expect(zOf('Q', 'J1')).toBeCloseTo(1.22474, 5);
    expect(zOf('R', 'J1')).toBe(0);
    expect(zOf('P', 'J2')).toBeCloseTo(-1.41421, 5);
    expect(zOf('S', 'J2')).toBeCloseTo(0.70711, 5);
    for (const e of ['Q', 'R', 'S']) expect(zOf(e, 'J3')).toBe(0);
    expect(zOf('S', 'J4')).toBeCloseTo(1.22474, 5);
  });

  it('gives each entry the mean of its z-scores, its raw mean and its spread, flagged above the threshold', () => {
    const { entries } = normalise(ROUND, 30);
    const byId = Object.fromEntries(entries.map((e) => [e.entryId, e]));
    expect(byId.P).toEqual({ entryId: 'P', judges: 3, rawMean: 60, normalisedMean: expect.closeTo(-1.2879, 4), spread: 40, spreadFlagged: true });
    expect(byId.Q).toEqual({ entryId: 'Q', judges: 3, rawMean: 75, normalisedMean: expect.closeTo(0.64395, 5), spread: 35, spreadFlagged: true });
    expect(byId.R).toEqual({ entryId: 'R', judges: 3, rawMean: 65, normalisedMean: 0, spread: 25, spreadFlagged: false });
    expect(byId.S).toEqual({ entryId: 'S', judges: 3, rawMean: 85, normalisedMean: expect.closeTo(0.64395, 5), spread: 25, spreadFlagged: false });
    // The default threshold is 20: all four spreads are above it. A spread equal to the threshold is not.
    expect(normalise(ROUND).entries.every((e) => e.spreadFlagged)).toBe(true);
    expect(
      normalise(ROUND, 25)
        .entries.filter((e) => e.spreadFlagged)
        .map((e) => e.entryId),
    ).toEqual(['P', 'Q']);
  });

  it("makes a generous judge's marks count no more than a strict judge's", () => {
    // J1 (strict) sees A 50, B 30: mean 40, SD 10 → A +1, B −1. J2 (generous) sees C 95, D 85: mean 90, SD 5 → C +1, D −1.
    // A and C each stand at +1 on their judge's scale: equal after normalising, though 45 points apart raw.
    const { entries } = normalise([
      { entryId: 'A', judgeId: 'J1', total: 50 },
      { entryId: 'B', judgeId: 'J1', total: 30 },
      { entryId: 'C', judgeId: 'J2', total: 95 },
      { entryId: 'D', judgeId: 'J2', total: 85 },
    ]);
    expect(entries.map((e) => [e.entryId, e.normalisedMean])).toEqual([
      ['A', 1],
      ['B', -1],
      ['C', 1],
      ['D', -1],
    ]);
  });

  it('gives z = 0 to a judge with a single score, and to one who gave the same non-round total to all', () => {
    const { z, judges } = normalise([
      { entryId: 'A', judgeId: 'once', total: 88 },
      { entryId: 'A', judgeId: 'same', total: 83.3333 },
      { entryId: 'B', judgeId: 'same', total: 83.3333 },
      { entryId: 'C', judgeId: 'same', total: 83.3333 },
    ]);
    expect(z.map((s) => s.z)).toEqual([0, 0, 0, 0]);
    expect(judges.map((j) => j.sd)).toEqual([0, 0]);
  });

  it('refuses a judge scoring an entry twice, and a total that is not a number', () => {
    expect(() =>
      normalise([
        { entryId: 'A', judgeId: 'J', total: 1 },
        { entryId: 'A', judgeId: 'J', total: 2 },
      ]),
    ).toThrow(RangeError);
    expect(() => normalise([{ entryId: 'A', judgeId: 'J', total: Number.NaN }])).toThrow(RangeError);
    expect(normalise([])).toEqual({ entries: [], judges: [], z: [] });
  });
});

describe(rankEntries.name, () => {
  const at = (minute: number) => `2026-11-20T08:${String(minute).padStart(2, '0')}:00+07:00`;

  it('ranks the hand-computed round S, Q, R, P: Q and S tie on the normalised mean, S has the higher raw mean', () => {
    const ranked = rankEntries(normalise(ROUND).entries.map((e) => ({ ...e, confirmedAt: at(0) })));
    expect(ranked.map((e) => [e.entryId, e.rank])).toEqual([
      ['S', 1],
      ['Q', 2],
      ['R', 3],
      ['P', 4],
    ]);
  });

  it('breaks ties by raw mean, then by more judges, then by the earlier confirmed submission', () => {
    const ranked = rankEntries([
      { entryId: 'late', normalisedMean: 0.5, rawMean: 70, judges: 3, confirmedAt: at(30) },
      { entryId: 'early', normalisedMean: 0.5, rawMean: 70, judges: 3, confirmedAt: at(10) },
      { entryId: 'four', normalisedMean: 0.5, rawMean: 70, judges: 4, confirmedAt: at(59) },
      { entryId: 'raw', normalisedMean: 0.5, rawMean: 71, judges: 3, confirmedAt: at(59) },
      { entryId: 'top', normalisedMean: 0.9, rawMean: 10, judges: 3, confirmedAt: at(59) },
    ]);
    expect(ranked.map((e) => [e.entryId, e.rank])).toEqual([
      ['top', 1],
      ['raw', 2],
      ['four', 3],
      ['early', 4],
      ['late', 5],
    ]);
  });

  it('gives entries equal on every rule one rank, and skips the next (1, 2, 2, 4), whatever the input order', () => {
    const entries = [
      { entryId: 'd', normalisedMean: -1, rawMean: 50, judges: 3, confirmedAt: at(0) },
      { entryId: 'c', normalisedMean: 0.2, rawMean: 60, judges: 3, confirmedAt: at(5) },
      { entryId: 'a', normalisedMean: 1, rawMean: 80, judges: 3, confirmedAt: at(0) },
      // Equal to c but for the last bits of a float sum.
      { entryId: 'b', normalisedMean: 0.2 + 1e-15, rawMean: 60, judges: 3, confirmedAt: at(5) },
    ];
    const expected = [
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ];
    expect(rankEntries(entries).map((e) => [e.entryId, e.rank])).toEqual(expected);
    expect(rankEntries([...entries].reverse()).map((e) => [e.entryId, e.rank])).toEqual(expected);
  });
});

describe(promote.name, () => {
  // Schools X and Y in area N, Z in area S, W in no area. Y's y1 and y2 tie at rank 2.
  const ranked = [
    { entryId: 'x1', rank: 1, schoolId: 'X', areaId: 'N' },
    { entryId: 'y1', rank: 2, schoolId: 'Y', areaId: 'N' },
    { entryId: 'y2', rank: 2, schoolId: 'Y', areaId: 'N' },
    { entryId: 'x2', rank: 4, schoolId: 'X', areaId: 'N' },
    { entryId: 'x3', rank: 5, schoolId: 'X', areaId: 'N' },
    { entryId: 'y3', rank: 6, schoolId: 'Y', areaId: 'N' },
    { entryId: 'z1', rank: 7, schoolId: 'Z', areaId: 'S' },
    { entryId: 'z2', rank: 8, schoolId: 'Z', areaId: 'S' },
    { entryId: 'w1', rank: 9, schoolId: 'W', areaId: null },
  ];

  it('sends the top K of each school on, everyone tied at the cut included', () => {
    // Top 1: X → x1; Y → y1 and y2 (tied first in Y); Z → z1; W → w1.
    expect(promote(ranked, 'school', 1)).toEqual([
      { entryId: 'x1', group: 'X', groupRank: 1 },
      { entryId: 'y1', group: 'Y', groupRank: 1 },
      { entryId: 'y2', group: 'Y', groupRank: 1 },
      { entryId: 'z1', group: 'Z', groupRank: 1 },
      { entryId: 'w1', group: 'W', groupRank: 1 },
    ]);
    // Top 2: X → x1, x2; Y → y1, y2 (ranks 1, 1; y3 is third); Z → z1, z2; W → w1.
    expect(promote(ranked, 'school', 2).map((p) => p.entryId)).toEqual(['x1', 'y1', 'y2', 'x2', 'z1', 'z2', 'w1']);
  });

  it('sends the top K of each area on, schools in no area making one group', () => {
    // Area N in order: x1 (1), y1 (2), y2 (2), x2 (4) … Top 2 takes x1 and both tied at 2. S: z1, z2. No area: w1.
    expect(promote(ranked, 'area', 2)).toEqual([
      { entryId: 'x1', group: 'N', groupRank: 1 },
      { entryId: 'y1', group: 'N', groupRank: 2 },
      { entryId: 'y2', group: 'N', groupRank: 2 },
      { entryId: 'z1', group: 'S', groupRank: 1 },
      { entryId: 'z2', group: 'S', groupRank: 2 },
      { entryId: 'w1', group: null, groupRank: 1 },
    ]);
    // Top 3 of N: group ranks 1, 2, 2, 4 → still x1, y1, y2 (x2 is fourth).
    expect(
      promote(ranked, 'area', 3)
        .filter((p) => p.group === 'N')
        .map((p) => p.entryId),
    ).toEqual(['x1', 'y1', 'y2']);
    expect(promote(ranked, 'area', 1).map((p) => p.entryId)).toEqual(['x1', 'z1', 'w1']);
  });

  it('reads the ranks, not the input order, and refuses a K that is not a positive whole number', () => {
    expect(promote([...ranked].reverse(), 'area', 1).map((p) => p.entryId)).toEqual(['x1', 'z1', 'w1']);
    expect(() => promote(ranked, 'school', 0)).toThrow(RangeError);
  });
});

describe(toBlindEntry.name, () => {
  const file: EntryFileDto = {
    id: 'f1',
    originalName: 'Nguyễn Văn An - lớp 8A - THCS Hoàng Văn Thụ.jpg',
    mediaType: 'image/jpeg',
    bytes: 123_456,
    width: 1200,
    height: 1600,
    durationSeconds: null,
    url: '/api/submission-files/f1',
    thumbnailUrl: '/api/submission-files/f1/thumbnail',
    posterUrl: null,
    duplicateOf: 'entry-9',
  };
  const full: EntryForJudging = {
    entryId: 'e1',
    code: entryCode(16),
    stage: 'school',
    kind: 'poster',
    theme: 'Tỉnh táo trước tin giả',
    title: 'Dừng lại, kiểm tra, rồi mới chia sẻ',
    description: 'Áp phích về ba bước kiểm tra tin.',
    technique: 'Vẽ tay, tô màu nước',
    files: [file],
    myScore: null,
    judgingClosesAt: '2026-12-01T17:00:00+07:00',
    members: [{ id: 'u1', fullName: 'Nguyễn Văn An', className: '8A' }],
    schoolId: 'school-1',
    schoolName: 'THCS Hoàng Văn Thụ',
    areaName: 'Cụm 1',
    teamName: 'Nhóm Sao Mai',
    confirmedByName: 'Cô Lê Thị Hoa',
  };

  it('carries no name, school, class, area, team or uploaded file name', () => {
    const blind = toBlindEntry(full);
    const json = JSON.stringify(blind);
    for (const secret of ['Nguyễn Văn An', '8A', 'Hoàng Văn Thụ', 'school-1', 'Cụm 1', 'Sao Mai', 'Lê Thị Hoa', 'u1', 'entry-9'])
      expect(json).not.toContain(secret);
    expect(Object.keys(blind).sort()).toEqual(
      ['code', 'description', 'entryId', 'files', 'judgingClosesAt', 'kind', 'myScore', 'stage', 'technique', 'theme', 'title'].sort(),
    );
    expect(Object.keys(blind.files[0]).sort()).toEqual(
      ['bytes', 'durationSeconds', 'height', 'id', 'mediaType', 'posterUrl', 'thumbnailUrl', 'url', 'width'].sort(),
    );
    expect(blind.code).toBe('0017');
    // The work's own words, byte for byte.
    expect(blind.title).toBe('Dừng lại, kiểm tra, rồi mới chia sẻ');
  });

  it('has, as a type, no field that names a person or a place', () => {
    type Identifying = 'members' | 'memberIds' | 'schoolId' | 'schoolName' | 'className' | 'classId' | 'areaId' | 'areaName' | 'teamName' | 'fullName';
    const blindKeysAreSafe: Extract<keyof BlindEntryDto, Identifying> extends never ? true : false = true;
    const fileKeysAreSafe: Extract<keyof BlindEntryDto['files'][number], 'originalName' | 'duplicateOf'> extends never ? true : false = true;
    expect([blindKeysAreSafe, fileKeysAreSafe]).toEqual([true, true]);
  });
});

describe(tallyVotes.name, () => {
  it("counts each student's earliest vote once, ignores other votes and entries off the ballot, and shares ranks on equal counts", () => {
    const votes = [
      // s6's later vote is listed first; the earlier one (for A) counts.
      { studentId: 's6', entryId: 'B', castAt: '2026-12-05T12:00:00+07:00' },
      { studentId: 's1', entryId: 'A', castAt: '2026-12-05T10:00:00+07:00' },
      { studentId: 's1', entryId: 'B', castAt: '2026-12-05T11:00:00+07:00' },
      { studentId: 's2', entryId: 'B', castAt: '2026-12-05T10:05:00+07:00' },
      { studentId: 's3', entryId: 'B', castAt: '2026-12-05T10:06:00+07:00' },
      { studentId: 's4', entryId: 'A', castAt: '2026-12-05T10:07:00+07:00' },
      { studentId: 's5', entryId: 'C', castAt: '2026-12-05T10:08:00+07:00' },
      { studentId: 's6', entryId: 'A', castAt: '2026-12-05T09:00:00+07:00' },
    ];
    // A: s1, s4, s6 = 3. B: s2, s3 = 2. D: 0. Ignored: s1's second, s6's later, s5's off-ballot C = 3.
    expect(tallyVotes(votes, ['A', 'B', 'D'])).toEqual({
      rows: [
        { entryId: 'A', votes: 3, rank: 1 },
        { entryId: 'B', votes: 2, rank: 2 },
        { entryId: 'D', votes: 0, rank: 3 },
      ],
      counted: 5,
      ignored: 3,
    });
    // Without a ballot C counts too: A 3, B 2, C 1.
    expect(tallyVotes(votes).rows).toEqual([
      { entryId: 'A', votes: 3, rank: 1 },
      { entryId: 'B', votes: 2, rank: 2 },
      { entryId: 'C', votes: 1, rank: 3 },
    ]);
    expect(
      tallyVotes([
        { studentId: 'a', entryId: 'X', castAt: '2026-12-05T10:00:00Z' },
        { studentId: 'b', entryId: 'Y', castAt: '2026-12-05T10:00:00Z' },
      ]).rows.map((r) => r.rank),
    ).toEqual([1, 1]);
  });
});

describe(votesVisible.name, () => {
  it('hides the counts until the vote closes, from the closing instant on shows them', () => {
    const closesAt = '2026-12-10T17:00:00+07:00';
    expect(votesVisible(new Date('2026-12-10T09:59:59.999Z'), closesAt)).toBe(false);
    expect(votesVisible(new Date('2026-12-10T10:00:00Z'), closesAt)).toBe(true);
    expect(votesVisible(new Date('2027-01-01T00:00:00Z'), null)).toBe(false);
  });

  it('takes votes from the opening to just before the closing', () => {
    const opens = '2026-12-01T07:00:00+07:00';
    const closes = '2026-12-10T17:00:00+07:00';
    expect(votingOpen(new Date('2026-12-01T00:00:00Z'), opens, closes)).toBe(true);
    expect(votingOpen(new Date('2026-11-30T23:59:59Z'), opens, closes)).toBe(false);
    expect(votingOpen(new Date('2026-12-10T10:00:00Z'), opens, closes)).toBe(false);
  });
});
