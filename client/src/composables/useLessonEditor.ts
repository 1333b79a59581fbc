import type { LessonDto } from '@tinhtao/shared';
import { computed, ref } from 'vue';

import { draftFromLesson, lessonBodyOf, type LessonDraft, newLessonDraft } from '@/components/lessonEditor/draft';
import { itemProblemsOf, lessonProblemsOf, type Problem } from '@/components/lessonEditor/problems';
import { t } from '@/i18n';
import { useLessonsStore } from '@/stores/lessons';
import { notify } from '@/ui/notify';

import { useFieldErrors } from './useFieldErrors';

const SHOWN_FIELDS = [
  'title',
  'kind',
  'level',
  'gradeMin',
  'gradeMax',
  'durationMinutes',
  'summary',
  'objectives',
  'objectives.*',
  'body',
  'body.*',
  'items.*',
];

/**
 * The lesson editor's state: the draft, its live problems, the server's field errors,
 * and saving (POST for a new lesson, PUT for a draft). A published lesson is read-only.
 */
export function useLessonEditor() {
  const lessons = useLessonsStore();
  const draft = ref<LessonDraft>(newLessonDraft());
  const lesson = ref<LessonDto | null>(null);
  const loading = ref(false);
  const saved = ref('');
  const fields = useFieldErrors(SHOWN_FIELDS);

  const snapshot = () => JSON.stringify(lessonBodyOf(draft.value));
  const locked = computed(() => !!lesson.value?.lockedAt);
  const dirty = computed(() => snapshot() !== saved.value);
  const itemProblems = computed(() => new Map<string, Problem[]>(draft.value.items.map((item) => [item.key, itemProblemsOf(item)])));
  const problemCount = computed(
    () => [...itemProblems.value.values()].reduce((sum, list) => sum + list.length, 0) + Object.keys(lessonProblemsOf(draft.value)).length,
  );

  function accept(found: LessonDto | null): void {
    lesson.value = found;
    // Keys stay with their items across a save, so the preview keeps what the author tried.
    draft.value = found
      ? draftFromLesson(
          found,
          draft.value.items.map((item) => item.key),
        )
      : newLessonDraft();
    saved.value = snapshot();
    fields.clear();
  }

  async function load(id: string | null): Promise<void> {
    if (id !== null && id === lesson.value?.id) return;
    if (id === null) return accept(null);
    loading.value = true;
    try {
      const found = await lessons.fetch(id);
      accept(found && 'lockedAt' in found ? found : null);
    } finally {
      loading.value = false;
    }
  }

  const serverErrorsOfItem = (index: number) => fields.under(`items.${index}`);
  const blockError = (index: number) => fields.under(`body.${index}`).map(([, message]) => message)[0];

  /** Checks what the server would refuse first, so that the author reads every problem in words. */
  async function save(): Promise<LessonDto | null> {
    const lessonProblems = lessonProblemsOf(draft.value);
    const itemCount = [...itemProblems.value.values()].filter((list) => list.length > 0).length;
    if (Object.keys(lessonProblems).length > 0 || itemCount > 0) {
      fields.show(lessonProblems);
      notify.error(t('editor.fixFirst', { n: problemCount.value }));
      return null;
    }
    let result: LessonDto | null = null;
    await fields.save(async () => {
      result = await lessons.save(lesson.value?.id ?? null, lessonBodyOf(draft.value));
    });
    if (result) accept(result);
    return result;
  }

  return { draft, lesson, loading, locked, dirty, fields, itemProblems, problemCount, serverErrorsOfItem, blockError, load, save };
}
