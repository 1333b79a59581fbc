import type { AreaDto, CreateAreaBody, UpdateAreaBody } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { areasApi } from '@/api/areas';
import { t } from '@/i18n';
import { compareText } from '@/i18n/collate';

import { loadQuietly, withFeedback } from './feedback';

const byName = (a: AreaDto, b: AreaDto) => compareText(a.name, b.name);

export const useAreasStore = defineStore('areas', () => {
  const list = ref<AreaDto[]>([]);
  const busy = ref(false);

  const items = computed(() => list.value);
  const loading = computed(() => busy.value);
  const nameOf = computed(() => new Map(list.value.map((area) => [area.id, area.name])));

  async function load(): Promise<void> {
    busy.value = true;
    try {
      list.value = ((await loadQuietly(areasApi.list)) ?? list.value).slice().sort(byName);
    } finally {
      busy.value = false;
    }
  }

  async function create(body: CreateAreaBody): Promise<AreaDto> {
    const area = await withFeedback(
      () => areasApi.create(body),
      (created) => t('areas.created', { name: created.name }),
    );
    list.value = [...list.value, area].sort(byName);
    return area;
  }

  async function update(id: string, body: UpdateAreaBody): Promise<AreaDto> {
    const area = await withFeedback(
      () => areasApi.update(id, body),
      () => t('common.saved'),
    );
    list.value = list.value.map((existing) => (existing.id === id ? area : existing)).sort(byName);
    return area;
  }

  async function remove(area: AreaDto): Promise<void> {
    await withFeedback(
      () => areasApi.remove(area.id),
      () => t('areas.deleted', { name: area.name }),
    );
    list.value = list.value.filter((existing) => existing.id !== area.id);
  }

  return { items, loading, nameOf, load, create, update, remove };
});
