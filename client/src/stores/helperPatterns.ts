import type { HelperPatternBody, HelperPatternDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { helperApi } from '@/api/helper';
import { t } from '@/i18n';
import { compareText } from '@/i18n/collate';

import { loadQuietly, withFeedback } from './feedback';

const byPhrase = (a: HelperPatternDto, b: HelperPatternDto) => compareText(a.phrase, b.phrase);

/** The Department's own warning patterns: a phrase in circulation and the sign it shows. */
export const useHelperPatternsStore = defineStore('helperPatterns', () => {
  const list = ref<HelperPatternDto[]>([]);
  const busy = ref(false);

  const items = computed(() => list.value);
  const loading = computed(() => busy.value);

  async function load(): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(helperApi.patterns);
      if (result) list.value = result.slice().sort(byPhrase);
    } finally {
      busy.value = false;
    }
  }

  /** Errors are rethrown for the form to show under its fields. */
  async function create(body: HelperPatternBody): Promise<HelperPatternDto> {
    const created = await withFeedback(
      () => helperApi.createPattern(body),
      (pattern) => t('helper.patterns.added', { phrase: pattern.phrase }),
    );
    list.value = [...list.value, created].sort(byPhrase);
    return created;
  }

  async function remove(pattern: HelperPatternDto): Promise<void> {
    await withFeedback(
      () => helperApi.removePattern(pattern.id),
      () => t('helper.patterns.deleted', { phrase: pattern.phrase }),
    );
    list.value = list.value.filter((one) => one.id !== pattern.id);
  }

  return { items, loading, load, create, remove };
});
