import type {
  HelperAlertBody,
  HelperAlertDto,
  HelperAnswerDto,
  HelperAskBody,
  HelperListImportBody,
  HelperListImportDto,
  HelperListPageDto,
  HelperListQuery,
  HelperPatternBody,
  HelperPatternDto,
  HelperShareBody,
  HelperSharedMessageDto,
  HelperShareDto,
  HelperTrendsDto,
  HelperTrendsQuery,
} from '@tinhtao/shared';

import { http } from './http';

/** "Hỏi Tỉnh Táo" (DESIGN §4 "Awareness helper"), and the Department's lists and patterns for it. */
export const helperApi = {
  /** Any signed-in user; a 429 carries `Retry-After`. */
  ask: (body: HelperAskBody) => http<HelperAnswerDto>('/helper/ask', { method: 'POST', body }),
  /** A student shares the conversation's message with the teachers of their class. */
  share: (body: HelperShareBody) => http<HelperShareDto>('/helper/share', { method: 'POST', body }),
  /** A teacher: what the students of their classes shared, newest first. */
  shared: () => http<HelperSharedMessageDto[]>('/helper/shared'),
  /** Dept admin: weekly counts of asks, signs, domains and patterns (no message text). */
  trends: (query: HelperTrendsQuery = {}) => http<HelperTrendsDto>('/helper/trends', { query }),
  lists: (query: Partial<HelperListQuery> = {}) => http<HelperListPageDto>('/helper/lists', { query }),
  importList: (body: HelperListImportBody) => http<HelperListImportDto>('/helper/lists/import', { method: 'POST', body }),
  removeListEntry: (id: string) => http<void>(`/helper/lists/${id}`, { method: 'DELETE' }),
  patterns: () => http<HelperPatternDto[]>('/helper/patterns'),
  createPattern: (body: HelperPatternBody) => http<HelperPatternDto>('/helper/patterns', { method: 'POST', body }),
  removePattern: (id: string) => http<void>(`/helper/patterns/${id}`, { method: 'DELETE' }),
  /** Dept admin: a published lesson sent to the province's schools as an alert; 409 CONFLICT when no published curriculum has it. */
  sendAlert: (body: HelperAlertBody) => http<HelperAlertDto>('/helper/alerts', { method: 'POST', body }),
  /** Staff (not students): the Department's newest 20 alerts for the caller's levels. */
  alerts: () => http<HelperAlertDto[]>('/helper/alerts'),
};
