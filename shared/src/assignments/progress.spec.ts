import { average, needsNudge, progressCell } from './progress.js';

const now = new Date('2026-11-20T08:00:00Z');
const future = new Date('2026-11-30T08:00:00Z');
const past = new Date('2026-11-10T08:00:00Z');

describe('progressCell', () => {
  it('passes at the pass mark and not below', () => {
    expect(progressCell({ attempt: { status: 'submitted', percent: 50, late: false }, dueAt: future, now, passMark: 50 })).toEqual({
      status: 'passed',
      percent: 50,
      late: false,
    });
    expect(progressCell({ attempt: { status: 'submitted', percent: 49.9, late: true }, dueAt: past, now, passMark: 50 })).toEqual({
      status: 'submitted',
      percent: 49.9,
      late: true,
    });
  });

  it('is late once the due time passed without a submission', () => {
    expect(progressCell({ attempt: null, dueAt: past, now, passMark: 50 })).toEqual({ status: 'late' });
    expect(progressCell({ attempt: { status: 'in_progress', percent: null, late: false }, dueAt: past, now, passMark: 50 })).toEqual({ status: 'late' });
  });

  it('is in progress or not started before the due time', () => {
    expect(progressCell({ attempt: { status: 'in_progress', percent: null, late: false }, dueAt: future, now, passMark: 50 })).toEqual({
      status: 'in_progress',
    });
    expect(progressCell({ attempt: null, dueAt: future, now, passMark: 50 })).toEqual({ status: 'not_started' });
  });
});

describe('average and needsNudge', () => {
  it('averages to a tenth and gives null for nothing', () => {
    expect(average([50, 75, 80])).toBe(68.3);
    expect(average([])).toBeNull();
  });

  it('nudges for late work or unstarted work due within two days', () => {
    expect(needsNudge([{ status: 'late' }], [past], now)).toBe(true);
    expect(needsNudge([{ status: 'not_started' }], [new Date('2026-11-21T08:00:00Z')], now)).toBe(true);
    expect(needsNudge([{ status: 'not_started' }], [future], now)).toBe(false);
    expect(needsNudge([{ status: 'passed' }], [past], now)).toBe(false);
  });
});
