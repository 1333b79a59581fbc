import type { ProvinceYearBody, ProvinceYearDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { isApiError } from '@/api/ApiError';
import { provinceYearsApi } from '@/api/provinceYears';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';

import { loadQuietly, withFeedback } from './feedback';

export const useProvinceYearsStore = defineStore('provinceYears', () => {
  const years = ref<ProvinceYearDto[]>([]);
  const selected = ref<ProvinceYearDto | null>(null);
  const busy = ref(false);

  const list = computed(() => years.value);
  const current = computed(() => selected.value);
  const loading = computed(() => busy.value);

  async function loadList(): Promise<void> {
    const result = await loadQuietly(provinceYearsApi.list);
    if (result) years.value = result.slice().sort((a, b) => b.schoolYear.localeCompare(a.schoolYear));
  }

  /** A year not set up yet is not an error: `current` is then null and the form offers defaults. */
  async function load(year: string): Promise<ProvinceYearDto | null> {
    busy.value = true;
    try {
      selected.value = await provinceYearsApi.get(year);
    } catch (error) {
      selected.value = null;
      if (!(isApiError(error) && error.status === 404)) notify.error(describeError(error));
    } finally {
      busy.value = false;
    }
    return selected.value;
  }

  async function save(year: string, body: ProvinceYearBody): Promise<ProvinceYearDto> {
    const saved = await withFeedback(
      () => provinceYearsApi.put(year, body),
      () => t('year.saved', { year }),
    );
    selected.value = saved;
    years.value = [saved, ...years.value.filter((existing) => existing.schoolYear !== year)].sort((a, b) => b.schoolYear.localeCompare(a.schoolYear));
    return saved;
  }

  return { list, current, loading, loadList, load, save };
});
