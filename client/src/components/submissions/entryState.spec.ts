import { describe, expect, it } from '@jest/globals';
import type { RoundPhase } from '@tinhtao/shared';

import { entryState, intakeState, votingState } from './entryState';

describe('entryState', () => {
  it('shows a sent entry as waiting for the teacher', () => {
    expect(entryState({ status: 'submitted', stage: 'school' }, 'school')).toBe('awaiting');
  });

  it('tells a confirmed entry of the first round from one that went on', () => {
    expect(entryState({ status: 'confirmed', stage: 'school' }, 'school')).toBe('confirmed');
    expect(entryState({ status: 'confirmed', stage: 'area' }, 'school')).toBe('promoted');
    expect(entryState({ status: 'confirmed', stage: 'province' }, 'school')).toBe('promoted');
  });

  it('shows returned and withdrawn entries as they are', () => {
    expect(entryState({ status: 'returned', stage: 'school' }, 'school')).toBe('returned');
    expect(entryState({ status: 'withdrawn', stage: 'school' }, 'school')).toBe('withdrawn');
  });
});

describe('intakeState', () => {
  const contest = (phase: RoundPhase) => ({ rounds: [{ phase }] }) as never;

  it('takes entries only in the first round’s submission window', () => {
    expect(intakeState(contest('submission'))).toBe('open');
    expect(intakeState(contest('upcoming'))).toBe('upcoming');
    for (const phase of ['waiting', 'judging', 'closed', 'promotion'] as const) expect(intakeState(contest(phase))).toBe('closed');
    expect(intakeState({ rounds: [] })).toBe('closed');
  });
});

describe('votingState', () => {
  const window = { opensAt: '2026-12-01T01:00:00+07:00', closesAt: '2026-12-10T17:00:00+07:00' };
  const at = (iso: string) => Date.parse(iso);

  it('opens at the opening instant and closes at the closing instant itself', () => {
    expect(votingState(window, at('2026-12-01T00:59:59+07:00'))).toBe('upcoming');
    expect(votingState(window, at('2026-12-01T01:00:00+07:00'))).toBe('open');
    expect(votingState(window, at('2026-12-10T16:59:59+07:00'))).toBe('open');
    expect(votingState(window, at('2026-12-10T17:00:00+07:00'))).toBe('closed');
  });

  it('is none for a contest without a people’s choice', () => {
    expect(votingState(null, 0)).toBe('none');
  });
});
