import type { HelperList, HelperListEntryDto, HelperListImportBody, HelperListImportDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { helperApi } from '@/api/helper';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

/** `list` null: both lists. */
export interface HelperListFilter {
  list: HelperList | null;
  q: string;
}

/** The Department's block and allow lists of domains and phone numbers, one page at a time. */
export const useHelperListsStore = defineStore('helperLists', () => {
  const rows = ref<HelperListEntryDto[]>([]);
  const count = ref(0);
  const busy = ref(false);
  let latest = 0;

  const items = computed(() => rows.value);
  const total = computed(() => count.value);
  const loading = computed(() => busy.value);

  async function load(filter: HelperListFilter, page: number, pageSize: number): Promise<void> {
    const ticket = ++latest;
    busy.value = true;
    try {
      const result = await loadQuietly(() =>
        helperApi.lists({ list: filter.list ?? undefined, q: filter.q || undefined, limit: pageSize, offset: (page - 1) * pageSize }),
      );
      if (result && ticket === latest) {
        rows.value = result.items;
        count.value = result.total;
      }
    } finally {
      if (ticket === latest) busy.value = false;
    }
  }

  /** Adds (or with `replace`, replaces) a list from CSV text; what was rejected comes back line by line. */
  function importCsv(body: HelperListImportBody): Promise<HelperListImportDto> {
    return withFeedback(
      () => helperApi.importList(body),
      (result) => t('helper.lists.imported', { list: t(`helper.lists.names.${result.list}`) }),
    );
  }

  async function remove(entry: HelperListEntryDto): Promise<void> {
    await withFeedback(
      () => helperApi.removeListEntry(entry.id),
      () => t('helper.lists.deleted', { value: entry.value }),
    );
    rows.value = rows.value.filter((row) => row.id !== entry.id);
    count.value = Math.max(0, count.value - 1);
  }

  return { items, total, loading, load, importCsv, remove };
});
