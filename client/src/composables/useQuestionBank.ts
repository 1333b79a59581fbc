import { type ItemDto, type LessonDto, type LessonSummaryDto, LIVE_ITEM_KINDS } from '@tinhtao/shared';
import { computed, ref, shallowRef } from 'vue';

import { lessonsApi } from '@/api/lessons';
import { loadQuietly } from '@/stores/feedback';

/** A published lesson with the items a contest can ask (one tap, graded at once). */
export interface BankLesson {
  lesson: LessonSummaryDto;
  items: ItemDto[];
}

/** Lessons are read a few at a time, so that a long list does not flood the server. */
const PARALLEL = 4;

/**
 * The question bank a contest draws on: the items of the published lessons the caller may
 * read (for a teacher, those of the school's level), kept to the kinds a contest can ask.
 */
export function useQuestionBank() {
  const lessons = shallowRef<BankLesson[]>([]);
  const loading = ref(false);

  const items = computed(() => new Map(lessons.value.flatMap((group) => group.items.map((item) => [item.id, { item, lesson: group.lesson }] as const))));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const list = (await loadQuietly(() => lessonsApi.list())) ?? [];
      const found = Array.from({ length: list.length }, (): BankLesson | null => null);
      let next = 0;
      const worker = async () => {
        while (next < list.length) {
          const position = next++;
          const summary = list[position]!;
          const lesson = (await loadQuietly(() => lessonsApi.get(summary.id))) as LessonDto | undefined;
          const usable = (lesson?.items ?? []).filter((item) => LIVE_ITEM_KINDS.includes(item.kind));
          if (usable.length > 0) found[position] = { lesson: summary, items: usable };
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, list.length) }, worker));
      lessons.value = found.filter((group): group is BankLesson => group !== null);
    } finally {
      loading.value = false;
    }
  }

  return { lessons, items, loading, load };
}
