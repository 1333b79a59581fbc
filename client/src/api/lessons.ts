import type { LessonBodyInput, LessonDto, LessonListQuery, LessonSummaryDto, LibraryLessonDto, LibraryQuery, StudentLessonDto } from '@tinhtao/shared';

import { http } from './http';

export const lessonsApi = {
  /** Lessons of the published curricula the caller sees (DESIGN §4). */
  list: (query: Partial<LessonListQuery> = {}) => http<LessonSummaryDto[]>('/lessons', { query }),
  /** Staff get the answer keys and feedback; a student gets the lesson without them. */
  get: (id: string) => http<LessonDto | StudentLessonDto>(`/lessons/${id}`),
  /** The Department's authoring library: every lesson, drafts included. */
  library: (query: Partial<LibraryQuery> = {}) => http<LibraryLessonDto[]>('/library/lessons', { query }),
  create: (body: LessonBodyInput) => http<LessonDto>('/lessons', { method: 'POST', body }),
  update: (id: string, body: LessonBodyInput) => http<LessonDto>(`/lessons/${id}`, { method: 'PUT', body }),
  /** A new draft lesson copying a published one, swapped into the draft curricula. */
  revise: (id: string) => http<LessonDto>(`/lessons/${id}/revisions`, { method: 'POST' }),
  remove: (id: string) => http<void>(`/lessons/${id}`, { method: 'DELETE' }),
};
