import type { StudentAssignmentDto } from '@tinhtao/shared';

/** What a student's assignment shows: its attempt's status, or closed when it takes no more work. */
export type AssignmentState = StudentAssignmentDto['status'] | 'closed';

export function assignmentState(one: StudentAssignmentDto): AssignmentState {
  return one.closed && one.status !== 'submitted' ? 'closed' : one.status;
}

/** Open work first (the nearest due date on top), then what opens later, then what is done or closed (newest first). */
export function groupAssignments(rows: readonly StudentAssignmentDto[]) {
  const byDue = (a: StudentAssignmentDto, b: StudentAssignmentDto) => a.dueAt.localeCompare(b.dueAt);
  const todo = rows.filter((one) => ['not_started', 'in_progress'].includes(assignmentState(one))).sort(byDue);
  const upcoming = rows.filter((one) => assignmentState(one) === 'upcoming').sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const done = rows.filter((one) => ['submitted', 'closed'].includes(assignmentState(one))).sort((a, b) => byDue(b, a));
  return { todo, upcoming, done };
}
