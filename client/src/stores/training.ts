import type {
  MyTrainingDto,
  TrainingAssignBody,
  TrainingAssignmentDto,
  TrainingCoverageDto,
  TrainingLessonSummaryDto,
  TrainingProgramBody,
  TrainingProgramDto,
  TrainingTargetsBody,
} from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';

import { trainingApi } from '@/api/training';
import { currentSchoolYear } from '@/composables/schoolYears';
import { t } from '@/i18n';

import { loadQuietly, withFeedback } from './feedback';

/** The staff program: my lessons, and for those who give them the year's program, what was given and the figures. */
export const useTrainingStore = defineStore('training', () => {
  const year = ref(currentSchoolYear());
  const mine = ref<MyTrainingDto[]>([]);
  const lessons = ref<TrainingLessonSummaryDto[]>([]);
  const program = shallowRef<TrainingProgramDto | null>(null);
  const given = ref<TrainingAssignmentDto[]>([]);
  const coverage = shallowRef<TrainingCoverageDto | null>(null);
  const busy = ref(0);
  const loading = computed(() => busy.value > 0);

  async function track<T>(work: () => Promise<T>): Promise<T> {
    busy.value++;
    try {
      return await work();
    } finally {
      busy.value--;
    }
  }

  const loadMine = () =>
    track(async () => {
      const found = await loadQuietly(trainingApi.mine);
      if (found) mine.value = found;
    });
  const loadCoverage = async () => {
    const found = await loadQuietly(() => trainingApi.coverage(year.value));
    if (found) coverage.value = found;
  };

  /** What those who give lessons see: the lessons, the year's program, what was given and the figures. */
  const loadManaged = () =>
    track(async () => {
      const [l, p, g, c] = await Promise.all([
        loadQuietly(trainingApi.lessons),
        loadQuietly(() => trainingApi.program(year.value)),
        loadQuietly(() => trainingApi.assignments(year.value)),
        loadQuietly(() => trainingApi.coverage(year.value)),
      ]);
      if (l) lessons.value = l;
      if (p) program.value = p;
      if (g) given.value = g;
      if (c) coverage.value = c;
    });

  /** Errors are rethrown for the form to show under its fields. */
  async function give(body: TrainingAssignBody): Promise<TrainingAssignmentDto> {
    const made = await withFeedback(
      () => trainingApi.assign(body),
      (a) => t('training.give.done', { title: a.title, n: a.staff }),
    );
    given.value = [made, ...given.value];
    await Promise.all([loadMine(), loadCoverage()]);
    return made;
  }

  async function saveProgram(body: TrainingProgramBody): Promise<void> {
    program.value = await withFeedback(
      () => trainingApi.saveProgram(body),
      () => t('training.program.saved', { year: body.year }),
    );
    await loadCoverage();
  }

  async function saveTargets(body: TrainingTargetsBody): Promise<void> {
    program.value = await withFeedback(
      () => trainingApi.saveTargets(body),
      () => t('training.program.targetsSaved', { year: body.year }),
    );
    await loadCoverage();
  }

  return { year, mine, lessons, program, given, coverage, loading, loadMine, loadManaged, give, saveProgram, saveTargets };
});
