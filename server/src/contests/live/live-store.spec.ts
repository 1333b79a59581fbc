import { initialState, timeSavedMs } from '@tinhtao/shared';

import { MemoryLiveStore } from './live-store.js';

const answer = (points: number, elapsedMs: number, choice = [0]) => ({
  choice,
  points,
  correct: points > 0,
  elapsedMs,
  savedMs: timeSavedMs(elapsedMs, 10_000),
  receivedAt: 0,
});

describe(MemoryLiveStore.name, () => {
  const players = ['a', 'b', 'c'].map((id) => ({ studentId: id, name: `Học sinh ${id}`, schoolName: 'THCS', kicked: false }));

  async function seeded() {
    const store = new MemoryLiveStore();
    await store.seed('s', initialState(3, 10_000), players, [{ questionIndex: 0, studentId: 'a', answer: answer(900, 2000) }]);
    return store;
  }

  it('counts each answer once and says how many of how many answered', async () => {
    const store = await seeded();
    expect(await store.recordAnswer('s', 0, 'b', answer(800, 4000, [1]))).toEqual({ answered: 2, players: 3 });
    expect(await store.recordAnswer('s', 0, 'b', answer(800, 4000, [1]))).toBe('duplicate');
    expect(await store.choices('s', 0)).toEqual([[0], [1]]);
  });

  it('ranks by points, then less time, with ties sharing a rank', async () => {
    const store = await seeded();
    await store.recordAnswer('s', 0, 'b', answer(900, 2000));
    await store.recordAnswer('s', 0, 'c', answer(950, 1000));
    expect((await store.ranking('s')).map((r) => [r.studentId, r.rank, r.score])).toEqual([
      ['c', 1, 950],
      ['a', 2, 900],
      ['b', 2, 900],
    ]);
    expect(await store.standing('s', 'b')).toEqual({ rank: 2, score: 900 });
  });

  it('ranks a player who did not answer below one who answered wrongly, at equal score', async () => {
    const store = await seeded();
    const { state, version } = (await store.state('s'))!;
    await store.casState('s', version, { ...state, phase: 'reveal', questionIndex: 0 });
    await store.recordAnswer('s', 0, 'b', answer(0, 9000, [1]));
    // c is silent: 10 s counted, more than b's 9 s.
    expect((await store.ranking('s')).map((r) => [r.studentId, r.rank, r.score, r.totalTimeMs])).toEqual([
      ['a', 1, 900, 2000],
      ['b', 2, 0, 9000],
      ['c', 3, 0, 10_000],
    ]);
    expect(await store.standing('s', 'c')).toEqual({ rank: 3, score: 0 });
  });

  it("gives the standing before a question without that question's answers", async () => {
    const store = await seeded();
    await store.recordAnswer('s', 1, 'b', answer(1000, 0));
    expect(await store.standing('s', 'b')).toEqual({ rank: 1, score: 1000 });
    expect(await store.standing('s', 'b', 1)).toEqual({ rank: 2, score: 0 });
    expect(await store.standing('s', 'a', 1)).toEqual({ rank: 1, score: 900 });
  });

  it('stands everyone level first while no answer counts: in the lobby, and while the first question is open', async () => {
    const store = new MemoryLiveStore();
    await store.seed('s', initialState(3, 10_000), players, []);
    expect(await store.standing('s', 'c')).toEqual({ rank: 1, score: 0 });
    await store.recordAnswer('s', 0, 'b', answer(1000, 0));
    expect(await store.standing('s', 'c', 0)).toEqual({ rank: 1, score: 0 });
    expect(await store.standing('s', 'b', 0)).toEqual({ rank: 1, score: 0 });
    expect(await store.standing('s', 'c')).toEqual({ rank: 2, score: 0 });
  });

  it('moves the state only over the version it was computed from', async () => {
    const store = await seeded();
    const { state, version } = (await store.state('s'))!;
    const next = { ...state, phase: 'question' as const, questionIndex: 0 };
    expect(await store.casState('s', version, next)).toBe(true);
    expect(await store.casState('s', version, next)).toBe(false);
    expect((await store.state('s'))!.version).toBe(version + 1);
  });

  it('leaves a kicked player out of counts, ranking and further answers', async () => {
    const store = await seeded();
    await store.kick('s', 'a');
    expect(await store.playerCount('s')).toBe(2);
    expect(await store.answeredCount('s', 0)).toBe(0);
    expect((await store.ranking('s')).map((r) => r.studentId)).not.toContain('a');
    expect(await store.recordAnswer('s', 1, 'a', answer(500, 9000))).toBe('kicked');
  });

  it('forgets an ended session, which can then be seeded again', async () => {
    const store = await seeded();
    await store.forget('s');
    expect(await store.state('s')).toBeNull();
    await store.seed('s', initialState(3, 10_000), players, []);
    expect(await store.playerCount('s')).toBe(3);
  });
});
