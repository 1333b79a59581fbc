import type { AttemptDto, StudentItemDto, StudentLessonDto, SubmitResultDto, TrainingLessonDto } from '@tinhtao/shared';
import { computed, onBeforeUnmount, type Ref, ref, shallowRef } from 'vue';

import { type ApiError, isApiError } from '@/api/ApiError';
import { assignmentsApi } from '@/api/assignments';
import { attemptsApi } from '@/api/attempts';
import { lessonsApi } from '@/api/lessons';
import { emptyResponse, isAnswered, type ItemResponse, type ItemResult } from '@/components/lessons/responses';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { answerSaved, keepAnswer, openAssignment, refreshAttempt, submitOrQueue, waitingOf } from '@/offline/attempts';
import { onSync, type SyncEvent } from '@/offline/sync';
import { useAuthStore } from '@/stores/auth';
import { notify } from '@/ui/notify';

import { useAutosave } from './useAutosave';
import { useLeaveGuard } from './useLeaveGuard';

/** Where the player is: reading the lesson, answering items one by one, or looking at the result. */
export type PlayerStage = 'loading' | 'unavailable' | 'lesson' | 'items' | 'result';

/** A lesson as the person doing it reads it: a student's, or a staff lesson (no level or grades). */
export type PlayerLesson = StudentLessonDto | TrainingLessonDto;

/** How the player starts or resumes the attempt and finds its lesson. */
export type AttemptSource = (assignmentId: string) => Promise<{ attempt: AttemptDto; lesson: PlayerLesson }>;

/** A student's assignment: the attempt, then the lesson (the server sends a student no answer key). */
const studentSource = async (assignmentId: string) => {
  const attempt = await assignmentsApi.start(assignmentId);
  return { attempt, lesson: (await lessonsApi.get(attempt.lessonId)) as StudentLessonDto };
};

/**
 * The lesson player of one assignment: starts or resumes the attempt, keeps the answers
 * (autosaved as the student goes), moves through the items one at a time and submits once.
 * After a reload everything comes back from the server and the player resumes at the first
 * unanswered item; a submitted attempt opens straight on its result. A student's own assignment
 * also works offline once opened: the phone keeps a copy, and the answers and the hand-in made
 * with no network, until they can be sent (`offline/`).
 */
export function useAttempt(assignmentId: Ref<string>, source?: AttemptSource) {
  const attempt = shallowRef<AttemptDto | null>(null);
  const lesson = shallowRef<PlayerLesson | null>(null);
  const responses = ref<Record<string, ItemResponse | null>>({});
  const stage = ref<PlayerStage>('loading');
  const index = ref(0);
  const result = shallowRef<SubmitResultDto | null>(null);
  /** Why the assignment cannot be opened (not open yet, closed, not found). */
  const problem = shallowRef<ApiError | null>(null);
  const submitting = ref(false);
  /** "Nộp bài" pressed offline: the hand-in waits on the phone. */
  const submitQueued = ref(false);
  let endedElsewhere = false;
  /** The student whose answers the phone keeps offline; none for a staff lesson (its own source). */
  const offlineUser = source ? null : (useAuthStore().user?.id ?? null);

  const autosave = useAutosave<ItemResponse>({
    save: async (itemId, response, seq) => {
      const saved = await attemptsApi.saveResponse(attempt.value!.attemptId, itemId, { response, seq });
      if (offlineUser) answerSaved(offlineUser, attempt.value!, itemId, response, seq);
      return saved;
    },
    park: offlineUser ? (itemId, response, seq) => keepAnswer(offlineUser, attempt.value!, itemId, response, seq) : undefined,
    onRefused: (_itemId, error) => {
      if (error.code !== 'ALREADY_SUBMITTED' && error.code !== 'ASSIGNMENT_CLOSED') {
        notify.error(describeError(error));
        return;
      }
      // Handed in from another tab, or closed by the teacher: say it once, then show the result or why it is closed.
      if (endedElsewhere) return;
      endedElsewhere = true;
      autosave.stop();
      notify.error(describeError(error));
      void load();
    },
  });
  useLeaveGuard(() => autosave.hasUnsaved.value, autosave.saveAll);

  const items = computed<StudentItemDto[]>(() => lesson.value?.items ?? []);
  const total = computed(() => items.value.length);
  const current = computed<StudentItemDto | undefined>(() => items.value[index.value]);
  const answered = computed(() => new Set(items.value.filter((item) => isAnswered(item.kind, responses.value[item.id])).map((item) => item.id)));
  /** The items still without an answer, with their 1-based numbers, for the submit warning. */
  const unanswered = computed(() => items.value.flatMap((item, position) => (answered.value.has(item.id) ? [] : [{ item, number: position + 1 }])));
  const results = computed<Record<string, ItemResult>>(() => Object.fromEntries((result.value?.items ?? []).map((one) => [one.itemId, one])));

  function apply(started: AttemptDto, found: PlayerLesson): void {
    attempt.value = started;
    lesson.value = found;
    responses.value = { ...started.responses } as Record<string, ItemResponse>;
    if (started.status === 'submitted' && started.result) {
      autosave.stop();
      result.value = started.result;
      stage.value = 'result';
      return;
    }
    const firstOpen = found.items.findIndex((item) => !isAnswered(item.kind, responses.value[item.id]));
    index.value = firstOpen === -1 ? Math.max(0, found.items.length - 1) : firstOpen;
    // A fresh attempt starts with the lesson; a resumed one goes straight back to the questions.
    stage.value = Object.keys(started.responses).length > 0 ? 'items' : 'lesson';
  }

  async function load(): Promise<void> {
    problem.value = null;
    try {
      if (offlineUser) {
        const opened = await openAssignment(offlineUser, assignmentId.value, studentSource);
        apply(opened.attempt, opened.lesson);
        autosave.setParked(opened.waiting);
        submitQueued.value = opened.submitQueued && stage.value !== 'result';
        return;
      }
      const { attempt: started, lesson: found } = await (source ?? studentSource)(assignmentId.value);
      apply(started, found);
    } catch (error) {
      problem.value = isApiError(error) ? error : null;
      if (!problem.value) notify.error(describeError(error));
      stage.value = 'unavailable';
    }
  }

  function setResponse(itemId: string, response: ItemResponse | null): void {
    if (stage.value === 'result' || response === null) return;
    responses.value = { ...responses.value, [itemId]: response };
    autosave.queue(itemId, response);
  }

  /** Leaving an item saves it at once; an ordering the student has seen and left counts as its shown order. */
  function leaveCurrent(): void {
    const item = current.value;
    if (!item || stage.value !== 'items') return;
    if (item.kind === 'ordering' && !responses.value[item.id]) setResponse(item.id, emptyResponse('ordering', item));
    void autosave.flush(item.id);
  }

  function goTo(position: number): void {
    if (position < 0 || position >= total.value) return;
    leaveCurrent();
    index.value = position;
    stage.value = 'items';
  }
  const next = () => goTo(index.value + 1);
  const previous = () => goTo(index.value - 1);
  const begin = () => goTo(index.value);

  function showLesson(): void {
    leaveCurrent();
    stage.value = 'lesson';
  }

  /** Saves what is pending, then hands in; the server grades. False when it did not go through. */
  async function submit(): Promise<boolean> {
    if (!attempt.value || submitting.value) return false;
    leaveCurrent();
    submitting.value = true;
    try {
      if (!(await autosave.saveAll())) {
        notify.error(t('player.notAllSaved'));
        return false;
      }
      const handedIn = offlineUser ? await submitOrQueue(offlineUser, attempt.value) : await attemptsApi.submit(attempt.value.attemptId);
      if (handedIn === 'queued') {
        submitQueued.value = true;
        return true;
      }
      showResult(handedIn);
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

  function showResult(handedIn: SubmitResultDto): void {
    result.value = handedIn;
    submitQueued.value = false;
    autosave.stop();
    stage.value = 'result';
    notify.success(t('player.submitted'));
  }

  /** The phone's queue went out: show what the server now holds (a newer save from another device stands). */
  async function synced(event: SyncEvent): Promise<void> {
    const current = attempt.value;
    if (!offlineUser || !current || !lesson.value || stage.value === 'result') return;
    if (event.kind === 'submitted' && event.attemptId === current.attemptId) return showResult(event.result);
    if (event.kind === 'refused' && event.attemptId === current.attemptId) {
      submitQueued.value = false;
      return load();
    }
    if (event.kind !== 'saved' || !event.attemptIds.has(current.attemptId)) return;
    try {
      const fresh = await refreshAttempt(offlineUser, current.attemptId, lesson.value as StudentLessonDto);
      attempt.value = fresh;
      const mine = Object.entries(responses.value).filter(([itemId]) => autosave.isPending(itemId));
      responses.value = { ...responses.value, ...(fresh.responses as Record<string, ItemResponse>), ...Object.fromEntries(mine) };
      autosave.setParked((await waitingOf(offlineUser, current.attemptId)).waiting, new Date());
    } catch {
      // Offline again already: the next pass refreshes.
    }
  }
  const stopListening = onSync((event) => void synced(event));
  onBeforeUnmount(stopListening);

  return {
    attempt,
    lesson,
    items,
    total,
    index,
    current,
    responses,
    answered,
    unanswered,
    stage,
    result,
    results,
    problem,
    submitting,
    submitQueued,
    saveStatus: autosave.status,
    lastSavedAt: autosave.lastSavedAt,
    load,
    setResponse,
    goTo,
    next,
    previous,
    begin,
    showLesson,
    submit,
  };
}
