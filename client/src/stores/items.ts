import type { ItemDto, ItemListQuery } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { itemsApi, type ItemTagsDto } from '@/api/items';

import { loadQuietly } from './feedback';

export type ItemFilter = Omit<Partial<ItemListQuery>, 'limit' | 'offset'>;

/** The question bank, searched from the lesson editor. */
export const useItemsStore = defineStore('items', () => {
  const rows = ref<ItemDto[]>([]);
  const count = ref(0);
  const busy = ref(false);
  const knownTags = ref<ItemTagsDto>({ topics: [], techniques: [] });

  const items = computed(() => rows.value);
  const total = computed(() => count.value);
  const loading = computed(() => busy.value);
  const tags = computed(() => knownTags.value);

  async function search(filter: ItemFilter, limit = 20): Promise<void> {
    busy.value = true;
    try {
      const page = await loadQuietly(() => itemsApi.list({ ...filter, limit }));
      if (page) {
        rows.value = page.items;
        count.value = page.total;
      }
    } finally {
      busy.value = false;
    }
  }

  async function loadTags(): Promise<void> {
    const result = await loadQuietly(itemsApi.tags);
    if (result) knownTags.value = result;
  }

  return { items, total, loading, tags, search, loadTags };
});
