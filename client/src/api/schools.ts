import type { CreateSchoolBody, Page, SchoolDto, SchoolListQuery, UpdateSchoolBody } from '@tinhtao/shared';

import { http } from './http';

export const schoolsApi = {
  list: (query: Partial<SchoolListQuery> = {}) => http<Page<SchoolDto>>('/schools', { query }),
  get: (id: string) => http<SchoolDto>(`/schools/${id}`),
  create: (body: CreateSchoolBody) => http<SchoolDto>('/schools', { method: 'POST', body }),
  update: (id: string, body: UpdateSchoolBody) => http<SchoolDto>(`/schools/${id}`, { method: 'PATCH', body }),
  remove: (id: string) => http<void>(`/schools/${id}`, { method: 'DELETE' }),
};
