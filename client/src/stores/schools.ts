import type { CreateSchoolBody, SchoolDto, SchoolListQuery, UpdateSchoolBody } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { schoolsApi } from '@/api/schools';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

export type SchoolFilter = Omit<Partial<SchoolListQuery>, 'limit' | 'offset'>;

export const useSchoolsStore = defineStore('schools', () => {
  const rows = ref<SchoolDto[]>([]);
  const count = ref(0);
  const busy = ref(false);
  /** Every school of the province, for pickers (the API pages at most 500). */
  const all = ref<SchoolDto[]>([]);
  const known = ref(new Map<string, SchoolDto>());

  const items = computed(() => rows.value);
  const total = computed(() => count.value);
  const loading = computed(() => busy.value);
  const options = computed(() => all.value);
  const nameOf = (id: string | null): string | undefined => (id ? known.value.get(id)?.name : undefined);

  function remember(schools: SchoolDto[]): void {
    for (const school of schools) known.value.set(school.id, school);
  }

  async function load(filter: SchoolFilter, page: number, pageSize: number): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => schoolsApi.list({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }));
      if (result) {
        rows.value = result.items;
        count.value = result.total;
        remember(result.items);
      }
    } finally {
      busy.value = false;
    }
  }

  async function loadOptions(): Promise<void> {
    const result = await loadQuietly(() => schoolsApi.list({ limit: 500 }));
    if (result) {
      all.value = result.items;
      remember(result.items);
    }
  }

  /** One school, from what we already hold or from the server. */
  async function fetch(id: string): Promise<SchoolDto | undefined> {
    const cached = known.value.get(id);
    if (cached) return cached;
    const school = await loadQuietly(() => schoolsApi.get(id));
    if (school) remember([school]);
    return school;
  }

  async function create(body: CreateSchoolBody): Promise<SchoolDto> {
    const school = await withFeedback(
      () => schoolsApi.create(body),
      (created) => t('schools.created', { name: created.name }),
    );
    remember([school]);
    all.value = [...all.value, school];
    return school;
  }

  async function update(id: string, body: UpdateSchoolBody): Promise<SchoolDto> {
    const school = await withFeedback(
      () => schoolsApi.update(id, body),
      () => t('common.saved'),
    );
    remember([school]);
    rows.value = rows.value.map((row) => (row.id === id ? school : row));
    all.value = all.value.map((row) => (row.id === id ? school : row));
    return school;
  }

  async function remove(school: SchoolDto): Promise<void> {
    await withFeedback(
      () => schoolsApi.remove(school.id),
      () => t('schools.deleted', { name: school.name }),
    );
    known.value.delete(school.id);
    rows.value = rows.value.filter((row) => row.id !== school.id);
    all.value = all.value.filter((row) => row.id !== school.id);
    count.value = Math.max(0, count.value - 1);
  }

  return { items, total, loading, options, nameOf, load, loadOptions, fetch, create, update, remove };
});
