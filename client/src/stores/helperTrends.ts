import type { HelperTrendsDto, HelperTrendsQuery } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { helperApi } from '@/api/helper';
import { describeError, fieldErrorsOf } from '@/i18n/problem';

/** "Học sinh đang nhận gì" (dept admin): weekly counts of questions, signs, domains and the Department's patterns. */
export const useHelperTrendsStore = defineStore('helperTrends', () => {
  const shown = ref<HelperTrendsDto | null>(null);
  const busy = ref(false);
  const failure = ref<string | null>(null);
  /** Only the answer to the newest request is shown when the filters change quickly. */
  let latest = 0;

  const data = computed(() => shown.value);
  const loading = computed(() => busy.value);
  /** Why the last load failed, in words (a range over a year names its limit). */
  const problem = computed(() => failure.value);

  async function load(query: HelperTrendsQuery): Promise<void> {
    const ticket = ++latest;
    busy.value = true;
    try {
      const result = await helperApi.trends(query);
      if (ticket !== latest) return;
      shown.value = result;
      failure.value = null;
    } catch (error) {
      if (ticket !== latest) return;
      const fields = fieldErrorsOf(error);
      failure.value = fields.from ?? fields.to ?? describeError(error);
    } finally {
      if (ticket === latest) busy.value = false;
    }
  }

  return { data, loading, problem, load };
});
