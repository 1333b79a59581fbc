import type { RolloverBody, RolloverPreviewDto, RolloverQuery, RolloverResultDto } from '@tinhtao/shared';

import { http } from './http';

export type { RolloverResultDto };

/** The new school year: classes move up a grade, the last grade leaves (issue: bulk import). */
export const rolloverApi = {
  preview: (query: RolloverQuery) => http<RolloverPreviewDto>('/rollover', { query: { ...query } }),
  run: (body: RolloverBody) => http<RolloverResultDto>('/rollover', { method: 'POST', body }),
};
