import { describe, expect, it } from '@jest/globals';
import type { StudentAssignmentDto } from '@tinhtao/shared';

import { assignmentState, groupAssignments } from './assignmentState';

const one = (id: string, status: StudentAssignmentDto['status'], dueAt: string, extra: Partial<StudentAssignmentDto> = {}): StudentAssignmentDto => ({
  id,
  lessonId: `lesson-${id}`,
  title: `Bài ${id}`,
  kind: 'SAFETY',
  opensAt: '2026-09-07T01:00:00Z',
  dueAt,
  closed: false,
  status,
  overdue: false,
  late: false,
  ...extra,
});

describe('assignmentState', () => {
  it("is the attempt's status while the assignment is open", () => {
    expect(assignmentState(one('a', 'in_progress', '2026-09-14T16:59:00Z'))).toBe('in_progress');
  });

  it('is closed when closed before the student handed in, and stays submitted after', () => {
    expect(assignmentState(one('a', 'not_started', '2026-09-14T16:59:00Z', { closed: true }))).toBe('closed');
    expect(assignmentState(one('a', 'in_progress', '2026-09-14T16:59:00Z', { closed: true }))).toBe('closed');
    expect(assignmentState(one('a', 'submitted', '2026-09-14T16:59:00Z', { closed: true }))).toBe('submitted');
  });
});

describe('groupAssignments', () => {
  it('lists open work by nearest due date, upcoming by opening, done and closed newest first', () => {
    const rows = [
      one('late-due', 'not_started', '2026-09-20T16:59:00Z'),
      one('soon-due', 'in_progress', '2026-09-10T16:59:00Z'),
      one('next-week', 'upcoming', '2026-09-30T16:59:00Z', { opensAt: '2026-09-21T01:00:00Z' }),
      one('tomorrow', 'upcoming', '2026-09-30T16:59:00Z', { opensAt: '2026-09-15T01:00:00Z' }),
      one('old-done', 'submitted', '2026-09-01T16:59:00Z'),
      one('closed', 'not_started', '2026-09-05T16:59:00Z', { closed: true }),
      one('new-done', 'submitted', '2026-09-08T16:59:00Z'),
    ];
    const { todo, upcoming, done } = groupAssignments(rows);
    expect(todo.map((row) => row.id)).toEqual(['soon-due', 'late-due']);
    expect(upcoming.map((row) => row.id)).toEqual(['tomorrow', 'next-week']);
    expect(done.map((row) => row.id)).toEqual(['new-done', 'closed', 'old-done']);
  });

  it('never loses or repeats a row, and leaves the list given alone', () => {
    const rows = Object.freeze([one('b', 'submitted', '2026-09-02T00:00:00Z'), one('a', 'not_started', '2026-09-01T00:00:00Z')]);
    const { todo, upcoming, done } = groupAssignments(rows);
    expect([...todo, ...upcoming, ...done].map((row) => row.id).sort()).toEqual(['a', 'b']);
    expect(rows.map((row) => row.id)).toEqual(['b', 'a']);
  });
});
