import { describe, expect, it } from '@jest/globals';
import type { ContestDto } from '@tinhtao/shared';

import { studentContestState } from './contestState';

type Window = Pick<ContestDto, 'opensAt' | 'closesAt' | 'entry'>;
const at = (iso: string) => Date.parse(iso);
const contest = (entry?: ContestDto['entry']): Window => ({ opensAt: '2026-11-01T01:00:00Z', closesAt: '2026-11-20T16:59:00Z', entry });
const entry = (status: 'in_progress' | 'submitted'): ContestDto['entry'] => ({ status });

describe('studentContestState', () => {
  it('is upcoming before it opens and open from the opening instant', () => {
    expect(studentContestState(contest(), at('2026-11-01T00:59:59Z'))).toBe('upcoming');
    expect(studentContestState(contest(), at('2026-11-01T01:00:00Z'))).toBe('open');
  });

  it('closes at the closing instant itself', () => {
    expect(studentContestState(contest(), at('2026-11-20T16:58:59Z'))).toBe('open');
    expect(studentContestState(contest(), at('2026-11-20T16:59:00Z'))).toBe('closed');
  });

  it('shows an entry under way while open, and closed once closed', () => {
    expect(studentContestState(contest(entry('in_progress')), at('2026-11-10T00:00:00Z'))).toBe('in_progress');
    expect(studentContestState(contest(entry('in_progress')), at('2026-11-21T00:00:00Z'))).toBe('closed');
  });

  it('shows a submitted entry as submitted, even after closing', () => {
    expect(studentContestState(contest(entry('submitted')), at('2026-12-01T00:00:00Z'))).toBe('submitted');
  });

  it('is open without dates', () => {
    expect(studentContestState({ opensAt: null, closesAt: null }, at('2026-11-10T00:00:00Z'))).toBe('open');
  });
});
