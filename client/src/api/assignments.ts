import type {
  AssignmentDto,
  AssignmentListQuery,
  AssignmentPlanQuery,
  AttemptDto,
  CreateAssignmentBody,
  PlanRowDto,
  StudentAssignmentDto,
  UpdateAssignmentBody,
} from '@tinhtao/shared';

import { http } from './http';

export const assignmentsApi = {
  /** Staff: the assignments of the classes in their scope, with submitted/total counts. */
  list: (query: AssignmentListQuery = {}) => http<AssignmentDto[]>('/assignments', { query }),
  /** A student: own assignments with status, overdue/late marks and the score once submitted. */
  mine: () => http<StudentAssignmentDto[]>('/assignments'),
  /** Each lesson of the year's published curricula with the caller's classes that have it and lack it. */
  plan: (query: AssignmentPlanQuery = {}) => http<PlanRowDto[]>('/assignment-plan', { query }),
  get: (id: string) => http<AssignmentDto>(`/assignments/${id}`),
  create: (body: CreateAssignmentBody) => http<AssignmentDto>('/assignments', { method: 'POST', body }),
  /** Extend the due date, move the opening, or close to (and reopen for) late work. */
  update: (id: string, body: UpdateAssignmentBody) => http<AssignmentDto>(`/assignments/${id}`, { method: 'PATCH', body }),
  /** Starts the student's attempt, or resumes it; a submitted one comes with its result. */
  start: (id: string) => http<AttemptDto>(`/assignments/${id}/attempt`, { method: 'POST' }),
};
