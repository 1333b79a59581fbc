import { entriesOpen, judgingOpen, roundPhase } from './rounds.js';

// Vietnam time: the school round takes entries 1-15 November, is judged 16-25 November.
const schoolRound = {
  submissionOpensAt: '2026-11-01T07:00:00+07:00',
  submissionClosesAt: '2026-11-15T17:00:00+07:00',
  judgingOpensAt: '2026-11-16T07:00:00+07:00',
  judgingClosesAt: '2026-11-25T17:00:00+07:00',
};
// The province round takes the promoted entries 26-28 November, is judged 1-10 December.
const provinceRound = {
  submissionOpensAt: null,
  submissionClosesAt: null,
  promotionOpensAt: '2026-11-26T07:00:00+07:00',
  promotionClosesAt: '2026-11-28T17:00:00+07:00',
  judgingOpensAt: '2026-12-01T07:00:00+07:00',
  judgingClosesAt: '2026-12-10T17:00:00+07:00',
};
const utc = (iso: string) => new Date(iso);

describe(roundPhase.name, () => {
  it('walks a school round through its windows, each shut at its closing instant', () => {
    expect(roundPhase(schoolRound, utc('2026-10-31T23:59:59Z'))).toBe('upcoming');
    expect(roundPhase(schoolRound, utc('2026-11-01T00:00:00Z'))).toBe('submission');
    expect(roundPhase(schoolRound, utc('2026-11-15T09:59:59.999Z'))).toBe('submission');
    expect(roundPhase(schoolRound, utc('2026-11-15T10:00:00Z'))).toBe('waiting');
    expect(roundPhase(schoolRound, utc('2026-11-16T00:00:00Z'))).toBe('judging');
    expect(roundPhase(schoolRound, utc('2026-11-25T10:00:00Z'))).toBe('closed');
  });

  it('walks a later round through promotion and judging', () => {
    expect(roundPhase(provinceRound, utc('2026-11-20T00:00:00Z'))).toBe('upcoming');
    expect(roundPhase(provinceRound, utc('2026-11-27T00:00:00Z'))).toBe('promotion');
    expect(roundPhase(provinceRound, utc('2026-11-29T00:00:00Z'))).toBe('waiting');
    expect(roundPhase(provinceRound, utc('2026-12-05T00:00:00Z'))).toBe('judging');
    expect(roundPhase(provinceRound, utc('2027-01-01T00:00:00Z'))).toBe('closed');
  });
});

describe(entriesOpen.name, () => {
  it('lets an entry be replaced until the window closes, and never after', () => {
    expect(entriesOpen(schoolRound, utc('2026-11-15T09:59:59Z'))).toBe(true);
    expect(entriesOpen(schoolRound, utc('2026-11-15T10:00:00Z'))).toBe(false);
    expect(entriesOpen(schoolRound, utc('2026-12-20T00:00:00Z'))).toBe(false);
    expect(entriesOpen(provinceRound, utc('2026-11-27T00:00:00Z'))).toBe(false);
  });
});

describe(judgingOpen.name, () => {
  it('opens scoring in the judging window only', () => {
    expect(judgingOpen(schoolRound, utc('2026-11-10T00:00:00Z'))).toBe(false);
    expect(judgingOpen(schoolRound, utc('2026-11-20T00:00:00Z'))).toBe(true);
    expect(judgingOpen(schoolRound, utc('2026-11-25T10:00:00Z'))).toBe(false);
  });
});
