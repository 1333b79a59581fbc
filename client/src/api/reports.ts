import type { Quarter, ReportFormat, ReportProgressDto } from '@tinhtao/shared';

import { download, http } from './http';

/** `progress` is a token the client makes up to follow the build at {@link reportsApi.progress}. */
export const reportsApi = {
  annual: (year: string, format: ReportFormat, progress: string) => download('/reports/annual', { query: { year, format, progress } }),
  /** A quarterly province's report for one quarter; 409 NOT_QUARTERLY for a province reporting yearly. */
  quarterly: (year: string, quarter: Quarter, format: ReportFormat, progress: string) =>
    download('/reports/quarterly', { query: { year, quarter: String(quarter), format, progress } }),
  school: (schoolId: string, year: string, format: ReportFormat, progress: string) =>
    download(`/reports/schools/${schoolId}`, { query: { year, format, progress } }),
  /** 404 until the server has seen the token. */
  progress: (token: string, signal?: AbortSignal) => http<ReportProgressDto>(`/reports/progress/${token}`, { signal }),
};
