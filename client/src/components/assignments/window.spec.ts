import { describe, expect, it } from '@jest/globals';
import type { PlanRowDto } from '@tinhtao/shared';

import { assignmentPhase, defaultWindow, extendedDue, gradeFits, groupPlan, lessonToChoose } from './window';

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe('assignmentPhase', () => {
  const window = { opensAt: '2026-09-07T01:00:00Z', dueAt: '2026-09-14T16:59:00Z', closedAt: null };

  it('is upcoming before it opens, open until due (both ends included), past after', () => {
    expect(assignmentPhase(window, at('2026-09-07T00:59:59Z'))).toBe('upcoming');
    expect(assignmentPhase(window, at('2026-09-07T01:00:00Z'))).toBe('open');
    expect(assignmentPhase(window, at('2026-09-14T16:59:00Z'))).toBe('open');
    expect(assignmentPhase(window, at('2026-09-14T16:59:00.001Z'))).toBe('past');
  });

  it('reads offsets: 08:00 in Vietnam is 01:00 UTC', () => {
    const vietnam = { opensAt: '2026-09-07T08:00:00+07:00', dueAt: '2026-09-14T23:59:00+07:00', closedAt: null };
    expect(assignmentPhase(vietnam, at('2026-09-07T00:30:00Z'))).toBe('upcoming');
    expect(assignmentPhase(vietnam, at('2026-09-07T01:30:00Z'))).toBe('open');
  });

  it('is closed once closed, whatever the dates', () => {
    expect(assignmentPhase({ ...window, closedAt: '2026-09-08T00:00:00Z' }, at('2026-09-01T00:00:00Z'))).toBe('closed');
    expect(assignmentPhase({ ...window, closedAt: '2026-09-08T00:00:00Z' }, at('2026-09-10T00:00:00Z'))).toBe('closed');
  });
});

describe('defaultWindow', () => {
  it('opens now, to the minute, and is due seven days later', () => {
    const { opensAt, dueAt } = defaultWindow(at('2026-09-05T08:30:59.999Z'));
    expect(new Date(opensAt).toISOString()).toBe('2026-09-05T08:30:00.000Z');
    expect(new Date(dueAt).toISOString()).toBe('2026-09-12T08:30:00.000Z');
  });

  it('keeps an exact minute as it is', () => {
    expect(defaultWindow(at('2026-12-31T17:00:00Z'))).toEqual({ opensAt: at('2026-12-31T17:00:00Z'), dueAt: at('2027-01-07T17:00:00Z') });
  });
});

describe('extendedDue', () => {
  it('adds the days to a due date still ahead', () => {
    expect(extendedDue('2026-09-14T16:59:00Z', 3, at('2026-09-10T00:00:00Z'))).toBe(at('2026-09-17T16:59:00Z'));
  });

  it('counts from now (to the minute) when the due date has passed', () => {
    expect(extendedDue('2026-09-14T16:59:00Z', 2, at('2026-09-20T10:15:42Z'))).toBe(at('2026-09-22T10:15:00Z'));
  });

  it('takes zero days as "no earlier than now"', () => {
    expect(extendedDue('2026-09-01T00:00:00Z', 0, at('2026-09-02T00:00:30Z')) - at('2026-09-02T00:00:00Z')).toBe(0);
    expect(extendedDue('2026-09-30T00:00:00Z', 0, at('2026-09-02T00:00:00Z'))).toBe(at('2026-09-30T00:00:00Z'));
    expect(extendedDue('2026-09-30T00:00:00Z', 1, at('2026-09-02T00:00:00Z')) - at('2026-09-30T00:00:00Z')).toBe(DAY);
  });
});

describe('gradeFits', () => {
  it('gives THCS lessons to grades 6-9 and THPT lessons to grades 10-12', () => {
    expect([6, 9, 10].map((grade) => gradeFits('THCS', grade))).toEqual([true, true, false]);
    expect([9, 10, 12].map((grade) => gradeFits('THPT', grade))).toEqual([false, true, true]);
  });
});

describe('groupPlan', () => {
  const row = (level: string, kind: string, title: string) => ({ level, kind, title }) as unknown as PlanRowDto;

  it('groups by level then program (safety before media literacy), each group in the order given', () => {
    const rows = [
      row('THPT', 'MEDIA_LITERACY', 'Tin giả trên mạng xã hội'),
      row('THCS', 'MEDIA_LITERACY', 'Ảnh bị cắt ghép'),
      row('THCS', 'SAFETY', 'Lừa đảo qua tin nhắn'),
      row('THPT', 'SAFETY', 'Mật khẩu mạnh'),
      row('THCS', 'SAFETY', 'Bắt nạt trên mạng'),
    ];
    const groups = groupPlan(rows);
    expect(groups.map((group) => group.key)).toEqual(['THCS-SAFETY', 'THCS-MEDIA_LITERACY', 'THPT-SAFETY', 'THPT-MEDIA_LITERACY']);
    expect(groups[0]!.rows.map((one) => (one as unknown as { title: string }).title)).toEqual(['Lừa đảo qua tin nhắn', 'Bắt nạt trên mạng']);
    expect(groups[3]).toMatchObject({ level: 'THPT', kind: 'MEDIA_LITERACY' });
  });

  it('is empty for no rows', () => {
    expect(groupPlan([])).toEqual([]);
  });
});

describe('lessonToChoose', () => {
  const klass = { id: 'k1', name: '8A1' };
  const plan = [
    { lessonId: 'otp', classesMissing: [klass], classesAssigned: [] },
    { lessonId: 'done', classesMissing: [], classesAssigned: [klass] },
    { lessonId: 'thpt', classesMissing: [], classesAssigned: [] },
  ];

  it('chooses a lesson of the plan that a class still lacks, or already has', () => {
    expect(lessonToChoose('otp', plan)).toBe('otp');
    expect(lessonToChoose(['done', 'otp'], plan)).toBe('done');
  });

  it('ignores a lesson outside the plan, one no class of the caller may take, and an empty or missing query', () => {
    expect([lessonToChoose('other', plan), lessonToChoose('thpt', plan), lessonToChoose('', plan), lessonToChoose(undefined, plan)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
