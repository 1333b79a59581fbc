import type { ClassDto, ClassListQuery, CreateClassBody, EnrollBody, UpdateClassBody, UserDto } from '@tinhtao/shared';

import { download, http } from './http';

export const classesApi = {
  list: (query: ClassListQuery = {}) => http<ClassDto[]>('/classes', { query }),
  get: (id: string) => http<ClassDto>(`/classes/${id}`),
  create: (body: CreateClassBody) => http<ClassDto>('/classes', { method: 'POST', body }),
  update: (id: string, body: UpdateClassBody) => http<ClassDto>(`/classes/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => http<void>(`/classes/${id}`, { method: 'DELETE' }),

  students: (id: string) => http<UserDto[]>(`/classes/${id}/students`),
  enroll: (id: string, body: EnrollBody) => http<UserDto[]>(`/classes/${id}/students`, { method: 'POST', body }),
  unenroll: (id: string, studentId: string) => http<void>(`/classes/${id}/students/${studentId}`, { method: 'DELETE' }),

  /** Printable login cards (name, class, username, one-time password, QR), one PDF per class. */
  loginCards: (id: string) => download(`/classes/${id}/login-cards`),
};
