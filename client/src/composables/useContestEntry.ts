import type { ContestEntryDto } from '@tinhtao/shared';
import { computed, type Ref, ref, shallowRef, watch } from 'vue';

import { type ApiError, isApiError } from '@/api/ApiError';
import { contestsApi } from '@/api/contests';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { useContestsStore } from '@/stores/contests';
import { notify } from '@/ui/notify';

import { useAutosave } from './useAutosave';
import { useLeaveGuard } from './useLeaveGuard';
import { useServerClock } from './useServerClock';

/** Where a scheduled contest's entry is: loading, not open to the student, answering, or handed in. */
export type EntryStage = 'loading' | 'unavailable' | 'answering' | 'result';

/** After the deadline the server waits this long (its grace) before it grades what was saved. */
const AFTER_DEADLINE_MS = 1500;

/**
 * A student's one entry in a scheduled contest: starts or resumes it, keeps the answers
 * (each autosaved), counts down to the server's deadline on the server's clock, and hands
 * in; at the deadline what was saved is graded by the server.
 */
export function useContestEntry(contestId: Ref<string>) {
  const stage = ref<EntryStage>('loading');
  const entry = shallowRef<ContestEntryDto | null>(null);
  const answers = ref<Record<number, number[]>>({});
  const problem = shallowRef<ApiError | null>(null);
  const submitting = ref(false);
  const deadline = ref<number | null>(null);
  const contests = useContestsStore();
  const clock = useServerClock(500);
  const remainingMs = clock.remaining(deadline);
  let finishing = false;

  const autosave = useAutosave<number[]>({
    save: (key, choice) => contestsApi.saveEntryAnswer(entry.value!.entryId, Number(key), choice),
    onRefused: (_key, error) => {
      if (error.code === 'TOO_LATE' || error.code === 'ALREADY_SUBMITTED') void finish();
      else notify.error(describeError(error));
    },
  });
  useLeaveGuard(() => autosave.hasUnsaved.value, autosave.saveAll);

  const questions = computed(() => entry.value?.questions ?? []);
  const answeredCount = computed(() => questions.value.filter((q) => (answers.value[q.questionIndex]?.length ?? 0) > 0).length);
  const unanswered = computed(() => questions.value.filter((q) => !answers.value[q.questionIndex]?.length).map((q) => q.position + 1));

  function apply(found: ContestEntryDto): void {
    entry.value = found;
    clock.sync(found.serverNow);
    deadline.value = Date.parse(found.deadline);
    answers.value = Object.fromEntries(Object.entries(found.answers).map(([key, choice]) => [Number(key), [...choice]]));
    if (found.result) {
      autosave.stop();
      stage.value = 'result';
      contests.noteEntry(found.contestId, { status: 'submitted', score: found.result.score });
    } else {
      stage.value = 'answering';
      contests.noteEntry(found.contestId, { status: 'in_progress' });
    }
  }

  async function load(): Promise<void> {
    problem.value = null;
    try {
      apply(await contestsApi.startEntry(contestId.value));
    } catch (error) {
      problem.value = isApiError(error) ? error : null;
      if (!problem.value) notify.error(describeError(error));
      stage.value = 'unavailable';
    }
  }

  function setAnswer(questionIndex: number, choice: number[]): void {
    if (stage.value !== 'answering') return;
    answers.value = { ...answers.value, [questionIndex]: [...choice] };
    autosave.queue(String(questionIndex), choice);
  }

  /** Time is up (or the server says so): the server grades what it has. */
  async function finish(): Promise<void> {
    if (finishing || stage.value !== 'answering') return;
    finishing = true;
    autosave.stop();
    notify.error(t('contest.entry.timeUp'));
    await new Promise((resolve) => setTimeout(resolve, AFTER_DEADLINE_MS));
    await load();
    finishing = false;
  }

  /** Saves what is pending (an untouched ordering counts as shown), then hands in. */
  async function submit(): Promise<boolean> {
    const current = entry.value;
    if (!current || submitting.value || stage.value !== 'answering') return false;
    submitting.value = true;
    try {
      for (const q of current.questions) {
        if (q.kind === 'ordering' && !answers.value[q.questionIndex])
          setAnswer(
            q.questionIndex,
            q.options.map((_, index) => index),
          );
      }
      if (!(await autosave.saveAll())) {
        notify.error(t('player.notAllSaved'));
        return false;
      }
      apply(await contestsApi.submitEntry(current.entryId));
      notify.success(t('contest.entry.submitted'));
      return true;
    } catch (error) {
      if (isApiError(error) && error.code === 'ALREADY_SUBMITTED') {
        await load();
        return true;
      }
      notify.error(describeError(error));
      return false;
    } finally {
      submitting.value = false;
    }
  }

  watch(remainingMs, (left) => {
    if (left === 0 && stage.value === 'answering') void finish();
  });

  return {
    stage,
    entry,
    questions,
    answers,
    answeredCount,
    unanswered,
    problem,
    submitting,
    remainingMs,
    saveStatus: autosave.status,
    lastSavedAt: autosave.lastSavedAt,
    load,
    setAnswer,
    submit,
  };
}
