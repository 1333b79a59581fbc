import type { ReviewBody, ReviewedDto, ReviewQueueItemDto, ReviewQueueQuery, ReviewSummaryDto } from '@tinhtao/shared';

import { http } from './http';

export type { ReviewedDto };

export type ReviewFilters = Partial<Pick<ReviewQueueQuery, 'classId' | 'lessonId'>>;

export const reviewsApi = {
  /** A page of the short answers waiting for the caller (a teacher's classes, a school admin's school), grouped by question. */
  queue: (query: ReviewFilters & { limit: number; offset: number }) => http<ReviewQueueItemDto[]>('/reviews', { query: { ...query } }),
  /** How many wait under the filters, and per class and lesson. */
  summary: (query: ReviewFilters) => http<ReviewSummaryDto>('/reviews/summary', { query: { ...query } }),
  review: (responseId: string, body: ReviewBody) => http<ReviewedDto>(`/reviews/${responseId}`, { method: 'POST', body }),
};
