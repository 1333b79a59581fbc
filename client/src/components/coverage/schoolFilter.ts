import type { SchoolCoverageDto } from '@tinhtao/shared';
import { reactive } from 'vue';

import { foldForSearch } from '@/components/contests/search';

import { PROGRAM_KINDS } from './look';

/** The value the area filter uses for schools outside every area. */
export const NO_AREA = '__none__';

export interface SchoolFilter {
  /** An area id, {@link NO_AREA}, or null for every area. */
  areaId: string | null;
  /** Part of the name or the ministry code, tone marks optional. */
  q: string;
  /** Only schools under the school threshold in at least one program. */
  belowThreshold: boolean;
  /** Only schools that will miss the threshold at their pace in at least one program. */
  atRisk: boolean;
}

export const emptySchoolFilter = (): SchoolFilter => ({ areaId: null, q: '', belowThreshold: false, atRisk: false });

let shared: SchoolFilter | null = null;

/** The province table's filters, one set for the tab: coming back from a school finds the table as it was left. */
export function useSchoolFilter(): SchoolFilter {
  shared ??= reactive(emptySchoolFilter());
  return shared;
}

export const isBelowThreshold = (school: SchoolCoverageDto, threshold: number): boolean =>
  PROGRAM_KINDS.some((kind) => (school.kinds[kind].coverage.percent ?? 0) < threshold);

export const isAtRisk = (school: SchoolCoverageDto): boolean => PROGRAM_KINDS.some((kind) => school.kinds[kind].atRisk);

export function filterSchools(schools: readonly SchoolCoverageDto[], filter: SchoolFilter, threshold: number): SchoolCoverageDto[] {
  const q = foldForSearch(filter.q);
  return schools.filter(
    (school) =>
      (filter.areaId === null || (school.areaId ?? NO_AREA) === filter.areaId) &&
      (!q || foldForSearch(school.name).includes(q) || foldForSearch(school.ministryCode).includes(q)) &&
      (!filter.belowThreshold || isBelowThreshold(school, threshold)) &&
      (!filter.atRisk || isAtRisk(school)),
  );
}
