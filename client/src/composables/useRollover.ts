import type { RolloverPreviewDto } from '@tinhtao/shared';
import { computed, readonly, type Ref, ref, shallowRef, watch } from 'vue';

import { rolloverApi, type RolloverResultDto } from '@/api/rollover';
import { currentSchoolYear } from '@/composables/schoolYears';
import { t } from '@/i18n';
import { loadQuietly, withFeedback } from '@/stores/feedback';

/**
 * The end of a school year: what moving every class up a grade would do, then doing it.
 * `schoolId` null rolls the caller's whole scope (a school admin's school, a dept admin's province).
 */
export function useRollover(schoolId: Ref<string | null>) {
  const fromYear = ref(currentSchoolYear());
  const preview = shallowRef<RolloverPreviewDto | null>(null);
  const result = shallowRef<RolloverResultDto | null>(null);
  const loading = ref(false);
  const running = ref(false);
  let asked = 0;

  const query = computed(() => ({ fromYear: fromYear.value, schoolId: schoolId.value ?? undefined }));
  /** Something would move: classes with students, or classes to create. */
  const hasWork = computed(() => !!preview.value && preview.value.counts.classes > 0);

  async function load(): Promise<void> {
    const mine = ++asked;
    loading.value = true;
    preview.value = null;
    const found = await loadQuietly(() => rolloverApi.preview(query.value));
    if (mine !== asked) return;
    preview.value = found ?? null;
    loading.value = false;
  }

  async function run(): Promise<void> {
    running.value = true;
    try {
      result.value = await withFeedback(
        () => rolloverApi.run(query.value),
        (done) => t('rollover.done.toast', { from: done.fromYear, to: done.toYear }),
      );
    } finally {
      running.value = false;
    }
  }

  /** After a rollover, look again: the same year now shows its students already there. */
  function again(): void {
    result.value = null;
    void load();
  }

  watch(
    query,
    () => {
      result.value = null;
      void load();
    },
    { immediate: true },
  );

  return {
    fromYear,
    preview: computed(() => preview.value),
    result: computed(() => result.value),
    loading: readonly(loading),
    running: readonly(running),
    hasWork,
    run,
    again,
  };
}
