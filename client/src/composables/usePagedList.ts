import type { PaginationProps } from 'naive-ui';
import { computed, reactive, type Ref, ref, toRaw, type UnwrapRef, watch } from 'vue';

import { useI18n } from '@/i18n';

type Loader<F> = (filter: F, page: number, pageSize: number) => Promise<void>;

/** Filter + page state of a server-paged table; a filter change goes back to page 1. */
export function usePagedList<F extends object>(initial: F, load: Loader<UnwrapRef<F>>, total: Ref<number>) {
  const { t } = useI18n();
  const filter = reactive({ ...initial });
  const page = ref(1);
  const pageSize = ref(20);

  const reload = () => load(toRaw(filter) as UnwrapRef<F>, page.value, pageSize.value);

  const pagination = computed<PaginationProps>(() => ({
    page: page.value,
    pageSize: pageSize.value,
    itemCount: total.value,
    pageSizes: [10, 20, 50, 100],
    showSizePicker: true,
    prefix: ({ itemCount }) => t('common.total', { n: itemCount ?? 0 }),
  }));

  function setPage(next: number): void {
    page.value = next;
    void reload();
  }

  function setPageSize(next: number): void {
    pageSize.value = next;
    page.value = 1;
    void reload();
  }

  watch(
    () => ({ ...filter }),
    () => {
      page.value = 1;
      void reload();
    },
    { deep: true },
  );

  return { filter, pagination, reload, setPage, setPageSize };
}
