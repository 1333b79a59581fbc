import type { SubmissionContestBody, SubmissionContestDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { submissionsApi } from '@/api/submissions';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

/** The submission contests the caller may see (every role), and the organiser's create and edit. */
export const useSubmissionsStore = defineStore('submissions', () => {
  const rows = ref<SubmissionContestDto[]>([]);
  const busy = ref(false);
  const loaded = ref(false);

  const items = computed(() => rows.value);
  const loading = computed(() => busy.value);
  const ready = computed(() => loaded.value);

  function put(one: SubmissionContestDto): void {
    const at = rows.value.findIndex((existing) => existing.id === one.id);
    if (at >= 0) rows.value.splice(at, 1, one);
    else rows.value = [one, ...rows.value];
  }

  async function load(): Promise<void> {
    busy.value = true;
    try {
      const found = await loadQuietly(submissionsApi.list);
      if (found) {
        rows.value = found;
        loaded.value = true;
      }
    } finally {
      busy.value = false;
    }
  }

  /** One contest, fresh from the server (its rounds' phases are the server's, at its own clock). */
  async function fetch(id: string): Promise<SubmissionContestDto | undefined> {
    const found = await loadQuietly(() => submissionsApi.get(id));
    if (found) put(found);
    return found;
  }

  /** Errors are rethrown for the form to show under its fields. */
  async function create(body: SubmissionContestBody): Promise<SubmissionContestDto> {
    const made = await withFeedback(
      () => submissionsApi.create(body),
      (one) => t('subsAdmin.saved', { title: one.title }),
    );
    put(made);
    return made;
  }

  async function update(id: string, body: SubmissionContestBody): Promise<SubmissionContestDto> {
    const saved = await withFeedback(
      () => submissionsApi.update(id, body),
      (one) => t('subsAdmin.saved', { title: one.title }),
    );
    put(saved);
    return saved;
  }

  return { items, loading, ready, load, fetch, put, create, update };
});
