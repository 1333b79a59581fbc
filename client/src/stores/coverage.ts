import type { CoverageDto, CurriculumLevel, SchoolCoverageDetailDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { coverageApi } from '@/api/coverage';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';

const LEVELS: readonly CurriculumLevel[] = ['THCS', 'THPT'];

/**
 * The coverage dashboards: the province's figures for one year and level, and one school's
 * drill-down. A newer request wins, so that flipping the year quickly never shows a stale answer.
 */
export const useCoverageStore = defineStore('coverage', () => {
  const provinceData = ref<CoverageDto | null>(null);
  const schoolData = ref<SchoolCoverageDetailDto | null>(null);
  const provinceBusy = ref(false);
  const schoolBusy = ref(false);
  const summaryData = ref<CoverageDto[]>([]);
  const provinceProblem = ref<string | null>(null);
  const schoolProblem = ref<string | null>(null);
  let provinceRequest = 0;
  let schoolRequest = 0;

  const province = computed(() => provinceData.value);
  const summary = computed(() => summaryData.value);
  const school = computed(() => schoolData.value);
  const loadingProvince = computed(() => provinceBusy.value);
  const loadingSchool = computed(() => schoolBusy.value);
  const provinceError = computed(() => provinceProblem.value);
  const schoolError = computed(() => schoolProblem.value);

  async function loadProvince(year: string, level: CurriculumLevel): Promise<void> {
    const request = ++provinceRequest;
    provinceBusy.value = true;
    provinceProblem.value = null;
    if (provinceData.value && (provinceData.value.year !== year || provinceData.value.level !== level)) provinceData.value = null;
    try {
      const result = await coverageApi.province(year, level);
      if (request === provinceRequest) provinceData.value = result;
    } catch (error) {
      if (request !== provinceRequest) return;
      provinceProblem.value = describeError(error);
      notify.error(provinceProblem.value);
    } finally {
      if (request === provinceRequest) provinceBusy.value = false;
    }
  }

  /** Both levels of a year for the home page, quietly: the home page stays useful when coverage cannot load. */
  async function loadSummary(year: string): Promise<void> {
    const results = await Promise.allSettled(LEVELS.map((level) => coverageApi.province(year, level)));
    summaryData.value = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** `quiet`: a failure leaves the figures out without a message (the school's home page). */
  async function loadSchool(schoolId: string, year: string, { quiet = false } = {}): Promise<void> {
    const request = ++schoolRequest;
    schoolBusy.value = true;
    schoolProblem.value = null;
    if (schoolData.value && (schoolData.value.school.id !== schoolId || schoolData.value.year !== year)) schoolData.value = null;
    try {
      const result = await coverageApi.school(schoolId, year);
      if (request === schoolRequest) schoolData.value = result;
    } catch (error) {
      if (request !== schoolRequest) return;
      schoolProblem.value = describeError(error);
      if (!quiet) notify.error(schoolProblem.value);
    } finally {
      if (request === schoolRequest) schoolBusy.value = false;
    }
  }

  return { province, summary, school, loadingProvince, loadingSchool, provinceError, schoolError, loadProvince, loadSummary, loadSchool };
});
