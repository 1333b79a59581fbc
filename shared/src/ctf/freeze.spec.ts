import { canReveal, freezeMoment, freezeSnapshotDue, isFrozenFor, scoreboardSource, solvesBeforeFreeze, writeupVisible } from './freeze.js';
import { type ScoredChallenge, scoreEntrants, type SolveRecord } from './scoring.js';

// A contest from 10:00 to 12:00 (Vietnam time), frozen for the last 30 minutes: freeze at 11:30.
const endsAt = Date.parse('2026-11-20T12:00:00+07:00');
const freezeAt = Date.parse('2026-11-20T11:30:00+07:00');
const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00+07:00`);

describe(freezeMoment.name, () => {
  it('is freezeMinutes before the end, and null without an end or a freeze', () => {
    expect(freezeMoment(endsAt, 30)).toBe(freezeAt);
    expect(freezeMoment(endsAt, 0)).toBeNull();
    expect(freezeMoment(null, 30)).toBeNull();
  });
});

describe(scoreboardSource.name, () => {
  it('shows everyone the live board before the freeze', () => {
    for (const viewer of ['organiser', 'participant', 'public'] as const)
      expect(scoreboardSource(viewer, { now: at('11:29'), freezeAt, revealedAt: null })).toEqual({ source: 'live', revealed: false });
  });

  it('shows participants and the public the snapshot from the freeze moment on, after the end too', () => {
    for (const now of [freezeAt, at('11:59'), at('12:30')]) {
      expect(scoreboardSource('participant', { now, freezeAt, revealedAt: null })).toEqual({ source: 'freeze_snapshot', asOf: freezeAt });
      expect(isFrozenFor('public', { now, freezeAt, revealedAt: null })).toBe(true);
    }
  });

  it('always shows the organiser the live board', () => {
    expect(scoreboardSource('organiser', { now: at('11:45'), freezeAt, revealedAt: null })).toEqual({ source: 'live', revealed: false });
  });

  it('shows everyone the live board from the reveal on', () => {
    const revealedAt = at('12:05');
    expect(scoreboardSource('participant', { now: at('12:04'), freezeAt, revealedAt })).toEqual({ source: 'freeze_snapshot', asOf: freezeAt });
    expect(scoreboardSource('participant', { now: revealedAt, freezeAt, revealedAt })).toEqual({ source: 'live', revealed: true });
  });

  it('does not unfreeze on a reveal stamped before the freeze', () => {
    expect(isFrozenFor('participant', { now: at('11:45'), freezeAt, revealedAt: at('11:00') })).toBe(true);
  });

  it('never freezes a contest without a freeze moment', () => {
    expect(isFrozenFor('participant', { now: at('11:45'), freezeAt: null, revealedAt: null })).toBe(false);
  });
});

describe(solvesBeforeFreeze.name, () => {
  const challenges: ScoredChallenge[] = [{ id: 'A', rule: { type: 'dynamic', initial: 500, minimum: 100, decay: 20 } }];
  const before: SolveRecord[] = [
    { entrantId: 'an', challengeId: 'A', at: at('10:15') },
    { entrantId: 'binh', challengeId: 'A', at: at('11:00') },
  ];
  const after: SolveRecord[] = [
    { entrantId: 'chau', challengeId: 'A', at: freezeAt },
    { entrantId: 'dung', challengeId: 'A', at: at('11:50') },
  ];

  it('keeps the snapshot still while solves continue: values as they stood at the freeze, not the live ones', () => {
    const snapshot = scoreEntrants(challenges, solvesBeforeFreeze([...before, ...after], freezeAt));
    const live = scoreEntrants(challenges, [...before, ...after]);
    // Snapshot: 2 solves → 500 − 1² = 499 each. Live: 4 solves → 500 − 3² = 491 each; a filter of the live board would show An 491.
    expect(snapshot.map((s) => [s.entrantId, s.score])).toEqual([
      ['an', 499],
      ['binh', 499],
    ]);
    expect(live.find((s) => s.entrantId === 'an')?.score).toBe(491);
  });

  it('puts a solve received exactly at the freeze moment after it', () => {
    expect(solvesBeforeFreeze(after, freezeAt)).toEqual([]);
  });
});

describe(freezeSnapshotDue.name, () => {
  it('is due once, from the freeze moment on', () => {
    expect(freezeSnapshotDue(freezeAt - 1, freezeAt, false)).toBe(false);
    expect(freezeSnapshotDue(freezeAt, freezeAt, false)).toBe(true);
    expect(freezeSnapshotDue(at('11:45'), freezeAt, true)).toBe(false);
    expect(freezeSnapshotDue(at('11:45'), null, false)).toBe(false);
  });
});

describe(canReveal.name, () => {
  it('lets the organiser reveal once, after the end', () => {
    expect(canReveal(at('11:59'), endsAt, null)).toBe(false);
    expect(canReveal(endsAt, endsAt, null)).toBe(true);
    expect(canReveal(at('12:10'), endsAt, at('12:05'))).toBe(false);
    expect(canReveal(at('12:10'), null, null)).toBe(false);
  });
});

describe(writeupVisible.name, () => {
  it('opens write-ups of a timed contest at its end, and in practice once the challenge is solved', () => {
    expect(writeupVisible('timed', at('11:59'), endsAt, true)).toBe(false);
    expect(writeupVisible('timed', endsAt, endsAt, false)).toBe(true);
    expect(writeupVisible('practice', at('11:00'), null, false)).toBe(false);
    expect(writeupVisible('practice', at('11:00'), null, true)).toBe(true);
  });
});
