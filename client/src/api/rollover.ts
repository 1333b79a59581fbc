import type { RolloverBody, RolloverPreviewDto, RolloverQuery } from '@tinhtao/shared';
import { http } from './http';

/** What a rollover did: the counts of its preview, now done. */
export type RolloverResultDto = Pick<RolloverPreviewDto, 'fromYear' | 'toYear' | 'counts'>;

/** The new school year: classes move up a grade, the last grade leaves (issue: bulk import). */
export const rolloverApi = {
  preview: (query: RolloverQuery) => http<RolloverPreviewDto>('/rollover', { query: { ...query } }),
  run: (body: RolloverBody) => http<RolloverResultDto>('/rollover', { method: 'POST', body }),
};
