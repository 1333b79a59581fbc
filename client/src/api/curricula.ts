import type {
  CreateCurriculumBody,
  CurriculumDetailDto,
  CurriculumDto,
  CurriculumListQuery,
  CurriculumVersionDto,
  CurriculumVersionSummaryDto,
  UpdateCurriculumVersionBody,
} from '@tinhtao/shared';

import { http } from './http';

export const curriculaApi = {
  list: (query: Partial<CurriculumListQuery> = {}) => http<CurriculumDto[]>('/curricula', { query }),
  create: (body: CreateCurriculumBody) => http<CurriculumDetailDto>('/curricula', { method: 'POST', body }),
  get: (id: string) => http<CurriculumDetailDto>(`/curricula/${id}`),
  versions: (id: string) => http<CurriculumVersionSummaryDto[]>(`/curricula/${id}/versions`),
  /** The draft to edit: the one already open, or a copy of the published version. */
  openDraft: (id: string) => http<CurriculumVersionDto>(`/curricula/${id}/draft`, { method: 'POST' }),

  getVersion: (versionId: string) => http<CurriculumVersionDto>(`/curriculum-versions/${versionId}`),
  saveVersion: (versionId: string, body: UpdateCurriculumVersionBody) =>
    http<CurriculumVersionDto>(`/curriculum-versions/${versionId}`, { method: 'PUT', body }),
  publish: (versionId: string) => http<CurriculumVersionDto>(`/curriculum-versions/${versionId}/publish`, { method: 'POST' }),
  /** Throws a draft away; the published version is untouched. */
  discard: (versionId: string) => http<void>(`/curriculum-versions/${versionId}`, { method: 'DELETE' }),
};
