import type { CoverageDto, CurriculumLevel, SchoolCoverageDetailDto } from '@tinhtao/shared';

import { http } from './http';

export const coverageApi = {
  /** The province's coverage of one level (a school admin gets the same shape holding only own school). */
  province: (year: string, level: CurriculumLevel) => http<CoverageDto>('/coverage', { query: { year, level } }),
  /** One school's coverage: per level, per class, per teacher. */
  school: (schoolId: string, year: string) => http<SchoolCoverageDetailDto>(`/coverage/schools/${schoolId}`, { query: { year } }),
};
