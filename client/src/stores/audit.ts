import type { AuditEventDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { auditApi, type AuditListQuery } from '@/api/audit';

import { loadQuietly } from './feedback';

/** Selects cleared to null (naive-ui treats an undefined value as uncontrolled). */
export type AuditFilter = Omit<AuditListQuery, 'limit' | 'offset' | 'q'> & { q?: string };

/** The province's audit log, one page at a time (dept admin). */
export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditEventDto[]>([]);
  const count = ref(0);
  /** The names of the ids the page's details mention. */
  const idNames = ref<Record<string, string>>({});
  const busy = ref(false);
  /** Only the answer to the newest request is shown when filters change quickly. */
  let latest = 0;

  const items = computed(() => rows.value);
  const total = computed(() => count.value);
  const loading = computed(() => busy.value);
  const names = computed(() => idNames.value);

  async function load(filter: AuditFilter, page: number, pageSize: number): Promise<void> {
    const ticket = ++latest;
    busy.value = true;
    try {
      const result = await loadQuietly(() => auditApi.list({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }));
      if (result && ticket === latest) {
        rows.value = result.items;
        count.value = result.total;
        idNames.value = result.names;
      }
    } finally {
      if (ticket === latest) busy.value = false;
    }
  }

  return { items, total, names, loading, load };
});
