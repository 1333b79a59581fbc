import type { CurriculumLevel } from '@tinhtao/shared';
import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

import { currentSchoolYear, nearbySchoolYears } from './schoolYears';

const YEAR = /^(\d{4})-(\d{4})$/;
const LEVELS: readonly CurriculumLevel[] = ['THCS', 'THPT'];

const validYear = (value: unknown): value is string => {
  const match = typeof value === 'string' ? YEAR.exec(value) : null;
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
};

/**
 * The school year and level a coverage page shows, kept in the address (`?year=&level=`),
 * so that a reload, a shared link or the back button shows the same figures.
 */
export function useCoverageQuery() {
  const route = useRoute();
  const router = useRouter();
  const page = route.name;
  /** False once the address has moved to another page (the view is about to go): nothing to load then. */
  const active = computed(() => route.name === page);

  const year = computed<string>({
    get: () => (validYear(route.query.year) ? route.query.year : currentSchoolYear()),
    set: (value) => void router.replace({ query: { ...route.query, year: value } }),
  });
  const level = computed<CurriculumLevel>({
    get: () => (LEVELS.includes(route.query.level as CurriculumLevel) ? (route.query.level as CurriculumLevel) : 'THCS'),
    set: (value) => void router.replace({ query: { ...route.query, level: value } }),
  });
  /** This year, its neighbours and the one shown, newest first. */
  const yearOptions = computed(() =>
    [...new Set([...nearbySchoolYears(), year.value])].sort((a, b) => b.localeCompare(a)).map((value) => ({ label: value, value })),
  );

  return { year, level, yearOptions, levels: LEVELS, active };
}
