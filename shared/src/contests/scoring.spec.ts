import {
  answerPoints,
  entryTimeMs,
  liveTotalTimeMs,
  playedQuestions,
  questionTimeMs,
  rankStandings,
  revealDistribution,
  timeSavedMs,
  unansweredCount,
} from './scoring.js';

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

describe('the tie-break time', () => {
  it('counts an answer its own time (capped at the duration) and an unanswered question its whole duration', () => {
    expect(questionTimeMs(4_200, 20_000)).toBe(4_200);
    expect(questionTimeMs(20_400, 20_000)).toBe(20_000);
    expect(questionTimeMs(null, 20_000)).toBe(20_000);
    expect(timeSavedMs(4_200, 20_000)).toBe(15_800);
    expect(timeSavedMs(20_400, 20_000)).toBe(0);
  });

  it('ranks a silent player below a wrong one at equal score, in a three-question live game', () => {
    // 20 s questions. Right: 3 right answers. Wrong: 3 wrong answers in 2 s, 3 s, 4 s. Silent: none. Late: one wrong in 19 s, then silent.
    const d = 20_000;
    const total = (times: (number | null)[]) => times.reduce((sum: number, t) => sum + questionTimeMs(t, d), 0);
    expect(total([2_000, 3_000, 4_000])).toBe(9_000);
    expect(total([null, null, null])).toBe(60_000);
    expect(total([19_000, null, null])).toBe(59_000);
    // The stores keep the saved time: 3 × 20 s − saved gives the same totals.
    const saved = [2_000, 3_000, 4_000].reduce((sum, t) => sum + timeSavedMs(t, d), 0);
    expect(saved).toBe(51_000);
    expect(liveTotalTimeMs(playedQuestions({ questionIndex: 2 }), d, saved)).toBe(9_000);
    expect(liveTotalTimeMs(playedQuestions({ questionIndex: 2 }), d, 0)).toBe(60_000);
    const ranked = rankStandings([
      { id: 'silent', score: 0, totalTimeMs: 60_000 },
      { id: 'wrong', score: 0, totalTimeMs: 9_000 },
      { id: 'late', score: 0, totalTimeMs: 59_000 },
      { id: 'right', score: 2_700, totalTimeMs: 12_000 },
    ]);
    expect(ranked.map((p) => `${p.rank}${p.id}`)).toEqual(['1right', '2wrong', '3late', '4silent']);
  });

  it('counts no question played in the lobby', () => {
    expect(playedQuestions({ questionIndex: -1 })).toBe(0);
    expect(playedQuestions({ questionIndex: 0 })).toBe(1);
  });

  it("adds each unanswered question's share to a scheduled entry's time", () => {
    // 10 questions of 30 s. A: all 10 answered (wrong) in 200 s. B: nothing, submitted after 5 s. C: 5 answered in 60 s.
    expect(entryTimeMs(200_000, 0, 30_000)).toBe(200_000);
    expect(entryTimeMs(5_000, 10, 30_000)).toBe(305_000);
    expect(entryTimeMs(60_000, 5, 30_000)).toBe(210_000);
    expect(unansweredCount(10, {})).toBe(10);
    expect(unansweredCount(4, { '0': [1], '2': [], '3': [0, 2], '9': [1] })).toBe(2);
  });
});

describe('revealDistribution', () => {
  it('counts who chose each option for choice kinds', () => {
    expect(revealDistribution('multi_choice', [0, 2], 4, [[0, 2], [1], [2, 3], [0]])).toEqual([2, 1, 2, 1]);
  });

  it('counts who placed each statement at its right position for ordering', () => {
    // Right order: 2, 0, 3, 1.
    const choices = [
      [2, 0, 3, 1], // all four right
      [0, 2, 3, 1], // 3 and 1 right
      [1, 3, 0, 2], // none right
    ];
    expect(revealDistribution('ordering', [2, 0, 3, 1], 4, choices)).toEqual([1, 2, 1, 2]);
  });
});
