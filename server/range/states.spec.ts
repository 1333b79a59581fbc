import { type StateEntry, StateStore } from './states.js';

const entry = (flag: string): StateEntry => ({ flag, state: { orders: [] }, lastSeen: 0 });

describe(StateStore.name, () => {
  it('makes a state once per key and hands back the same one after', () => {
    const store = new StateStore(10, 60_000);
    const made = store.use('gian-hang hs_an000001', 0, () => entry('TT{a}'));
    expect(store.use('gian-hang hs_an000001', 5, () => entry('TT{other}'))).toBe(made);
    expect(store.size).toBe(1);
  });

  it('drops the least recently used state past its bound, not the one just used', () => {
    const store = new StateStore(2, 60_000);
    store.use('a', 0, () => entry('A'));
    store.use('b', 1_000, () => entry('B'));
    store.use('a', 2_000, () => entry('A2'));
    store.use('c', 3_000, () => entry('C'));
    expect(store.size).toBe(2);
    expect(store.use('a', 4_000, () => entry('new')).flag).toBe('A');
    expect(store.use('b', 5_000, () => entry('B again')).flag).toBe('B again');
  });

  it('sweeps states idle past the limit and keeps recent ones', () => {
    const store = new StateStore(100, 10_000);
    store.use('old', 0, () => entry('old'));
    store.use('recent', 9_000, () => entry('recent'));
    expect(store.sweep(11_500)).toBe(1);
    expect(store.size).toBe(1);
    expect(store.use('recent', 11_500, () => entry('x')).flag).toBe('recent');
  });

  it('forgets a deleted state, so the next use starts afresh', () => {
    const store = new StateStore(10, 60_000);
    store.use('k', 0, () => entry('first'));
    store.delete('k');
    expect(store.use('k', 1, () => entry('second')).flag).toBe('second');
  });
});
