import {
  canUnlockHint,
  dynamicValue,
  type EntrantInfo,
  minimumFromPercent,
  rankRows,
  scoreboardRows,
  type ScoredChallenge,
  scoreEntrants,
  type SolveRecord,
  teamSolves,
} from './scoring.js';

describe(dynamicValue.name, () => {
  // initial 500, minimum 100, decay 20: (100 − 500) / 20² = −1, so value = 500 − (n − 1)².
  const p = { initial: 500, minimum: 100, decay: 20 };

  it('gives the first solver the full initial value, and reads "nobody yet" as what the first will get', () => {
    expect(dynamicValue(p, 1)).toBe(500);
    expect(dynamicValue(p, 0)).toBe(500);
  });

  it('falls with the square of the earlier solves: 2nd 500 − 1, 11th 500 − 100', () => {
    expect(dynamicValue(p, 2)).toBe(499);
    expect(dynamicValue(p, 11)).toBe(400);
    expect(dynamicValue(p, 20)).toBe(500 - 19 * 19); // 139
  });

  it('reaches the minimum at the (decay + 1)-th solve and stays there', () => {
    expect(dynamicValue(p, 21)).toBe(100);
    expect(dynamicValue(p, 5000)).toBe(100);
  });

  it('rounds up as CTFd does, computed in integers', () => {
    // initial 100, minimum 0, decay 7: 2nd solve ceil(100 − 100·1/49) = ceil(97.96) = 98; 4th ceil(100 − 900/49) = ceil(81.63) = 82.
    expect(dynamicValue({ initial: 100, minimum: 0, decay: 7 }, 2)).toBe(98);
    expect(dynamicValue({ initial: 100, minimum: 0, decay: 7 }, 4)).toBe(82);
    // initial 100, minimum 10, decay 3: 3rd solve 100 − 90·4/9 = 60 exactly, no rounding to do.
    expect(dynamicValue({ initial: 100, minimum: 10, decay: 3 }, 3)).toBe(60);
  });

  it('refuses parameters that make no value: decay 0, minimum above initial, fractions', () => {
    expect(() => dynamicValue({ initial: 100, minimum: 10, decay: 0 }, 1)).toThrow(RangeError);
    expect(() => dynamicValue({ initial: 100, minimum: 200, decay: 5 }, 1)).toThrow(RangeError);
    expect(() => dynamicValue({ initial: 100.5, minimum: 10, decay: 5 }, 1)).toThrow(RangeError);
  });
});

describe(minimumFromPercent.name, () => {
  it('rounds the share up: 10% of 125 is 12.5 → 13', () => {
    expect(minimumFromPercent(125, 10)).toBe(13);
    expect(minimumFromPercent(500, 20)).toBe(100);
  });
});

describe(scoreEntrants.name, () => {
  const challenges: ScoredChallenge[] = [
    { id: 'A', rule: { type: 'dynamic', initial: 500, minimum: 100, decay: 20 } },
    { id: 'B', rule: { type: 'static', value: 200 } },
  ];
  const solves: SolveRecord[] = [
    { entrantId: 's1', challengeId: 'A', at: 1000 },
    { entrantId: 's2', challengeId: 'A', at: 2000 },
    { entrantId: 's3', challengeId: 'A', at: 3000 },
    { entrantId: 's2', challengeId: 'B', at: 1500 },
  ];
  const unlocks = [{ entrantId: 's3', challengeId: 'A', cost: 50 }];
  const byId = (rows: ReturnType<typeof scoreEntrants>) => Object.fromEntries(rows.map((r) => [r.entrantId, r]));

  it('gives every solver the current value, the first solver the bonus, and takes hint costs off', () => {
    // A: 3 solves → 500 − 2² = 496. s1: 496 + 25 (first on A) = 521; s2: 496 + 200 + 25 (first on B) = 721; s3: 496 − 50 = 446.
    const rows = byId(scoreEntrants(challenges, solves, unlocks, { firstSolveBonus: 25 }));
    expect(rows.s1).toEqual({ entrantId: 's1', score: 521, solved: 1, firstSolves: 1, hintCost: 0, lastSolveAt: 1000 });
    expect(rows.s2).toEqual({ entrantId: 's2', score: 721, solved: 2, firstSolves: 1, hintCost: 0, lastSolveAt: 2000 });
    expect(rows.s3).toEqual({ entrantId: 's3', score: 446, solved: 1, firstSolves: 0, hintCost: 50, lastSolveAt: 3000 });
  });

  it('recomputes for everyone when a new solve comes: the earlier solvers lose points too', () => {
    // A 4th solve: 500 − 3² = 491, so s1 falls from 521 to 491 + 25 = 516.
    const rows = byId(scoreEntrants(challenges, [...solves, { entrantId: 's4', challengeId: 'A', at: 4000 }], unlocks, { firstSolveBonus: 25 }));
    expect(rows.s1?.score).toBe(516);
    expect(rows.s4?.score).toBe(491);
  });

  it('counts a repeated solve once, at its earliest time, and ignores challenges outside the contest', () => {
    const rows = byId(
      scoreEntrants(challenges, [
        { entrantId: 's1', challengeId: 'A', at: 5000 },
        { entrantId: 's1', challengeId: 'A', at: 1000 },
        { entrantId: 's1', challengeId: 'Z', at: 900 },
      ]),
    );
    expect(rows.s1).toEqual({ entrantId: 's1', score: 500, solved: 1, firstSolves: 0, hintCost: 0, lastSolveAt: 1000 });
  });

  it('gives the bonus on an exact tie of times to the smaller id, whatever the order of records', () => {
    const tie: SolveRecord[] = [
      { entrantId: 'b', challengeId: 'B', at: 10 },
      { entrantId: 'a', challengeId: 'B', at: 10 },
    ];
    expect(byId(scoreEntrants(challenges, tie, [], { firstSolveBonus: 5 })).a?.score).toBe(205);
    expect(byId(scoreEntrants(challenges, [...tie].reverse(), [], { firstSolveBonus: 5 })).a?.score).toBe(205);
  });

  it('lists entrants who solved nothing, at zero or minus their hints', () => {
    const rows = byId(scoreEntrants(challenges, [], [{ entrantId: 'h', challengeId: 'B', cost: 30 }], {}, ['n']));
    expect(rows.n?.score).toBe(0);
    expect(rows.h?.score).toBe(-30);
  });
});

describe(canUnlockHint.name, () => {
  it('lets a free hint through at any score and a paid one only while the score covers it', () => {
    expect(canUnlockHint(0, 0)).toBe(true);
    expect(canUnlockHint(50, 50)).toBe(true);
    expect(canUnlockHint(49, 50)).toBe(false);
  });
});

describe(teamSolves.name, () => {
  it("makes a member's solve the team's, once per challenge at the earlier time, and leaves out students without a team", () => {
    const teamOf = new Map([
      ['s1', 'T1'],
      ['s2', 'T1'],
      ['s3', 'T2'],
    ]);
    const solves = teamSolves(
      [
        { entrantId: 's1', challengeId: 'A', at: 2000 },
        { entrantId: 's2', challengeId: 'A', at: 1000 },
        { entrantId: 's3', challengeId: 'A', at: 1500 },
        { entrantId: 's9', challengeId: 'A', at: 500 },
      ],
      teamOf,
    );
    expect(solves).toEqual([
      { entrantId: 'T1', challengeId: 'A', at: 1000 },
      { entrantId: 'T2', challengeId: 'A', at: 1500 },
    ]);
  });
});

describe(rankRows.name, () => {
  it('breaks equal scores by the earlier last solve, shares a rank when both are equal, and puts no solve last', () => {
    const ranked = rankRows([
      { id: 'a', name: 'Đội Cúc', score: 300, lastSolveAt: 5000 },
      { id: 'b', name: 'Đội Bình', score: 300, lastSolveAt: 4000 },
      { id: 'c', name: 'Đội An', score: 300, lastSolveAt: 4000 },
      { id: 'd', name: 'Đội Dũng', score: 0, lastSolveAt: null },
      { id: 'e', name: 'Đội Ê', score: 0, lastSolveAt: 100 },
      { id: 'f', name: 'Đội Giang', score: 900, lastSolveAt: 9000 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['f', 1],
      ['c', 2],
      ['b', 2],
      ['a', 4],
      ['e', 5],
      ['d', 6],
    ]);
  });
});

describe(scoreboardRows.name, () => {
  const entrants: EntrantInfo[] = [
    { id: 's1', name: 'Nguyễn Văn An', schoolId: 'X', schoolName: 'THCS Lê Lợi', areaId: 'P', areaName: 'Phường Đông Kinh' },
    { id: 's2', name: 'Trần Thị Bình', schoolId: 'X', schoolName: 'THCS Lê Lợi', areaId: 'P', areaName: 'Phường Đông Kinh' },
    { id: 's3', name: 'Lê Minh Châu', schoolId: 'Y', schoolName: 'THPT Việt Bắc', areaId: null, areaName: null },
  ];
  const scores = [
    { entrantId: 's1', score: 521, solved: 1, firstSolves: 1, hintCost: 0, lastSolveAt: 1000 },
    { entrantId: 's2', score: 721, solved: 2, firstSolves: 1, hintCost: 0, lastSolveAt: 2000 },
    { entrantId: 's3', score: 446, solved: 1, firstSolves: 0, hintCost: 50, lastSolveAt: 3000 },
  ];

  it('ranks students by their own scores, with their school', () => {
    expect(scoreboardRows('student', entrants, scores)).toEqual([
      { rank: 1, id: 's2', name: 'Trần Thị Bình', schoolName: 'THCS Lê Lợi', score: 721, solved: 2, entrants: 1, lastSolveAt: 2000 },
      { rank: 2, id: 's1', name: 'Nguyễn Văn An', schoolName: 'THCS Lê Lợi', score: 521, solved: 1, entrants: 1, lastSolveAt: 1000 },
      { rank: 3, id: 's3', name: 'Lê Minh Châu', schoolName: 'THPT Việt Bắc', score: 446, solved: 1, entrants: 1, lastSolveAt: 3000 },
    ]);
  });

  it('adds up a school: 521 + 721 = 1242 over two students, the latest last solve as tie-break', () => {
    expect(scoreboardRows('school', entrants, scores)).toEqual([
      { rank: 1, id: 'X', name: 'THCS Lê Lợi', schoolName: null, score: 1242, solved: 3, entrants: 2, lastSolveAt: 2000 },
      { rank: 2, id: 'Y', name: 'THPT Việt Bắc', schoolName: null, score: 446, solved: 1, entrants: 1, lastSolveAt: 3000 },
    ]);
  });

  it('leaves an entrant without an area out of the area board, and counts a listed entrant without a score as 0', () => {
    expect(scoreboardRows('area', entrants, scores.slice(1))).toEqual([
      { rank: 1, id: 'P', name: 'Phường Đông Kinh', schoolName: null, score: 721, solved: 2, entrants: 2, lastSolveAt: 2000 },
    ]);
  });
});
