import type { HelperAnswerDto, HelperShareDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { isApiError } from '@/api/ApiError';
import { helperApi } from '@/api/helper';
import { t } from '@/i18n';
import { formatWait } from '@/i18n/format';
import { describeError, fieldErrorsOf } from '@/i18n/problem';
import { notify } from '@/ui/notify';

/** One question and Tỉnh Táo's answer to it (null while it is being read). */
export interface HelperTurn {
  id: number;
  question: string;
  answer: HelperAnswerDto | null;
}

/**
 * "Hỏi Tỉnh Táo": the conversation on this page, held in memory only (a lesson opened from an
 * answer and closed again finds it as it was; signing out reloads the app and forgets it).
 */
export const useHelperStore = defineStore('helper', () => {
  const list = ref<HelperTurn[]>([]);
  const conversationId = ref<string | null>(null);
  /** What the person is typing: kept while they read a lesson. */
  const draft = ref('');
  const failure = ref<string | null>(null);
  const busy = ref(false);
  const sharing = ref(false);
  /** The conversation's message went to the teachers, from this turn (the server keeps one per conversation). */
  const sent = ref<{ turnId: number; share: HelperShareDto } | null>(null);
  let nextId = 1;

  const turns = computed(() => list.value);
  const asking = computed(() => busy.value);
  const problem = computed(() => failure.value);
  const shared = computed(() => sent.value);
  const sharingNow = computed(() => sharing.value);

  /** Sends the question; a follow-up keeps the conversation. False when it failed (the text stays in the box). */
  async function ask(text: string): Promise<boolean> {
    if (busy.value) return false;
    busy.value = true;
    failure.value = null;
    const id = nextId++;
    list.value = [...list.value, { id, question: text, answer: null }];
    try {
      const answer = await helperApi.ask({ text, ...(conversationId.value ? { conversationId: conversationId.value } : {}) });
      if (answer.conversationId !== conversationId.value) sent.value = null;
      conversationId.value = answer.conversationId;
      list.value = list.value.map((turn) => (turn.id === id ? { ...turn, answer } : turn));
      return true;
    } catch (error) {
      list.value = list.value.filter((turn) => turn.id !== id);
      failure.value = askProblem(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** A student sends the conversation's message to the teachers of their class. */
  async function share(turnId: number): Promise<void> {
    if (!conversationId.value || sharing.value) return;
    sharing.value = true;
    try {
      const share = await helperApi.share({ conversationId: conversationId.value });
      sent.value = { turnId, share };
      if (share.teacherCount > 0) notify.success(t('helper.share.done', { n: share.teacherCount }, share.teacherCount));
      else notify.error(t('helper.share.noTeacher'));
    } catch (error) {
      notify.error(describeError(error));
    } finally {
      sharing.value = false;
    }
  }

  /** A new message about something else: a new conversation. */
  function startOver(): void {
    list.value = [];
    conversationId.value = null;
    sent.value = null;
    failure.value = null;
  }

  return { turns, draft, asking, problem, shared, sharingNow, ask, share, startOver };
});

/** Too many questions says how long to wait; a refused text says what is wrong with it. */
function askProblem(error: unknown): string {
  if (isApiError(error) && error.code === 'TOO_MANY_ATTEMPTS' && error.retryAfterSeconds !== undefined) {
    return t('helper.ask.tooMany', { wait: formatWait(error.retryAfterSeconds) });
  }
  return fieldErrorsOf(error).text ?? describeError(error);
}
