import type { ImportAction, ImportPreviewDto, ImportRowDto } from '@tinhtao/shared';
import { computed, onBeforeUnmount, type Ref, ref, shallowRef, watch } from 'vue';

import { importsApi } from '@/api/imports';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';

export type ImportRowFilter = ImportAction | 'all';
export const IMPORT_ACTIONS: readonly ImportAction[] = ['create', 'update', 'unchanged', 'error'];

/**
 * The preview's rows, a page at a time, filtered by action. A small file's preview holds
 * every row and is paged here; a big one's holds a sample, and pages come from `/rows`.
 */
export function useImportRows(preview: Ref<ImportPreviewDto | null>) {
  const filter = ref<ImportRowFilter>('all');
  const page = ref(1);
  const pageSize = ref(50);
  const remoteRows = shallowRef<ImportRowDto[]>([]);
  const remoteTotal = ref(0);
  const loading = ref(false);
  let inFlight: AbortController | null = null;

  const totalRows = computed(() => {
    const counts = preview.value?.counts;
    return counts ? counts.create + counts.update + counts.unchanged + counts.error : 0;
  });
  /** True when the preview holds every row of the file. */
  const complete = computed(() => (preview.value ? preview.value.rows.length >= totalRows.value : true));

  const localMatches = computed(() => {
    const rows = preview.value?.rows ?? [];
    return filter.value === 'all' ? rows : rows.filter((row) => row.action === filter.value);
  });

  const rows = computed(() => {
    if (!complete.value) return remoteRows.value;
    const start = (page.value - 1) * pageSize.value;
    return localMatches.value.slice(start, start + pageSize.value);
  });
  const total = computed(() => (complete.value ? localMatches.value.length : remoteTotal.value));

  async function loadRemote(): Promise<void> {
    const id = preview.value?.importId;
    if (!id || complete.value) return;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    const action = filter.value === 'all' ? undefined : filter.value;
    try {
      const result = await importsApi.rows(id, { action, offset: (page.value - 1) * pageSize.value, limit: pageSize.value }, controller.signal);
      if (controller.signal.aborted) return;
      remoteRows.value = result.items;
      remoteTotal.value = result.total;
    } catch (error) {
      // A newer page was asked for: its answer is the one that counts.
      if (!controller.signal.aborted) notify.error(describeError(error));
    } finally {
      if (inFlight === controller) loading.value = false;
    }
  }

  function setFilter(next: ImportRowFilter): void {
    filter.value = next;
    page.value = 1;
    void loadRemote();
  }
  function setPage(next: number): void {
    page.value = next;
    void loadRemote();
  }
  function setPageSize(next: number): void {
    pageSize.value = next;
    page.value = 1;
    void loadRemote();
  }

  // A new preview starts over on the first page of every row.
  watch(
    () => preview.value?.importId,
    () => {
      filter.value = 'all';
      page.value = 1;
      remoteRows.value = [];
      remoteTotal.value = 0;
      void loadRemote();
    },
    { immediate: true },
  );

  onBeforeUnmount(() => inFlight?.abort());

  return { filter, page, pageSize, rows, total, loading, complete, setFilter, setPage, setPageSize };
}
