import { answerPoints, rankStandings } from './scoring.js';

describe('answerPoints', () => {
  it('gives 1000 at once, 500 at the last moment and 0 for a wrong answer', () => {
    expect(answerPoints(true, 0, 20_000)).toBe(1000);
    expect(answerPoints(true, 20_000, 20_000)).toBe(500);
    expect(answerPoints(true, 5_000, 20_000)).toBe(875);
    expect(answerPoints(true, 7_000, 20_000)).toBe(825);
    expect(answerPoints(false, 1_000, 20_000)).toBe(0);
  });

  it('clamps times outside the question to its bounds', () => {
    expect(answerPoints(true, -50, 10_000)).toBe(1000);
    expect(answerPoints(true, 10_400, 10_000)).toBe(500);
  });

  it('adds a capped streak bonus and a weight when asked', () => {
    expect(answerPoints(true, 0, 10_000, 3, { streakBonus: { perAnswer: 100, max: 250 } })).toBe(1250);
    expect(answerPoints(true, 10_000, 10_000, 0, { weight: 2 })).toBe(1000);
  });
});

describe('rankStandings', () => {
  it('ranks by score, then by lower total time; exact ties share a rank', () => {
    const ranked = rankStandings([
      { id: 'a', score: 1800, totalTimeMs: 9000 },
      { id: 'b', score: 1800, totalTimeMs: 7000 },
      { id: 'c', score: 2000, totalTimeMs: 20000 },
      { id: 'd', score: 900, totalTimeMs: 3000 },
      { id: 'e', score: 900, totalTimeMs: 3000 },
    ]);
    expect(ranked.map((p) => `${p.rank}${p.id}`)).toEqual(['1c', '2b', '3a', '4d', '4e']);
  });
});
