import type { ReviewBody, ReviewedDto, ReviewQueueItemDto } from '@tinhtao/shared';
import { http } from './http';

export type { ReviewedDto };

export const reviewsApi = {
  /** The short answers of submitted attempts waiting for the caller (a teacher's classes, a school admin's school). */
  queue: () => http<ReviewQueueItemDto[]>('/reviews'),
  review: (responseId: string, body: ReviewBody) => http<ReviewedDto>(`/reviews/${responseId}`, { method: 'POST', body }),
};
