import type { HelperSharedMessageDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { helperApi } from '@/api/helper';

import { loadQuietly } from './feedback';

/** A teacher's "Tin nhắn học sinh gửi": what the students of their classes shared from Hỏi Tỉnh Táo, newest first. */
export const useHelperInboxStore = defineStore('helperInbox', () => {
  const list = ref<HelperSharedMessageDto[]>([]);
  const busy = ref(false);
  const done = ref(false);

  const items = computed(() => list.value);
  const loading = computed(() => busy.value);
  const loaded = computed(() => done.value);

  async function load(): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(helperApi.shared);
      if (result) list.value = result;
      done.value = true;
    } finally {
      busy.value = false;
    }
  }

  return { items, loading, loaded, load };
});
