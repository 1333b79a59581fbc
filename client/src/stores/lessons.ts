import type { LessonBodyInput, LessonDto, LibraryLessonDto, LibraryQuery, StudentLessonDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { lessonsApi } from '@/api/lessons';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

export type LibraryFilter = Partial<LibraryQuery>;

/** The Department's lesson library and the lessons opened for editing or preview. */
export const useLessonsStore = defineStore('lessons', () => {
  const rows = ref<LibraryLessonDto[]>([]);
  const busy = ref(false);

  const library = computed(() => rows.value);
  const loading = computed(() => busy.value);

  async function loadLibrary(filter: LibraryFilter = {}): Promise<void> {
    busy.value = true;
    try {
      const result = await loadQuietly(() => lessonsApi.library(filter));
      if (result) rows.value = result;
    } finally {
      busy.value = false;
    }
  }

  /** A search of the library for pickers; nothing is kept. */
  async function findInLibrary(filter: LibraryFilter): Promise<LibraryLessonDto[]> {
    return (await loadQuietly(() => lessonsApi.library(filter))) ?? [];
  }

  /** One lesson as the caller may read it: staff with answer keys, students without. */
  function fetch(id: string): Promise<LessonDto | StudentLessonDto | undefined> {
    return loadQuietly(() => lessonsApi.get(id));
  }

  /** Errors are rethrown for the editor to show under its fields. */
  function save(id: string | null, body: LessonBodyInput): Promise<LessonDto> {
    return withFeedback(
      () => (id ? lessonsApi.update(id, body) : lessonsApi.create(body)),
      (saved) => t('lessons.saved', { title: saved.title }),
    );
  }

  async function revise(lesson: Pick<LibraryLessonDto, 'id' | 'title'>): Promise<LessonDto> {
    return withFeedback(
      () => lessonsApi.revise(lesson.id),
      () => t('lessons.revised', { title: lesson.title }),
    );
  }

  async function remove(lesson: LibraryLessonDto): Promise<void> {
    await withFeedback(
      () => lessonsApi.remove(lesson.id),
      () => t('lessons.deleted', { title: lesson.title }),
    );
    rows.value = rows.value.filter((row) => row.id !== lesson.id);
  }

  return { library, loading, loadLibrary, findInLibrary, fetch, save, revise, remove };
});
