import type { AttemptDto, SavedDto, SaveResponseBody, SubmitResultDto } from '@tinhtao/shared';

import { http } from './http';

export const attemptsApi = {
  get: (id: string) => http<AttemptDto>(`/attempts/${id}`),
  /** The autosave: idempotent; `seq` only grows, so an older retry never overwrites a newer answer. */
  saveResponse: (id: string, itemId: string, body: SaveResponseBody) => http<SavedDto>(`/attempts/${id}/responses/${itemId}`, { method: 'PUT', body }),
  /** Grades on the server; a second submit is 409 ALREADY_SUBMITTED. */
  submit: (id: string) => http<SubmitResultDto>(`/attempts/${id}/submit`, { method: 'POST' }),
};
