import type { LeaderboardView, QuestionView, RevealView, SessionStateView } from '@tinhtao/shared';
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';

import { connectLive, type EndedView, type LiveConnection } from '@/api/live';
import { t } from '@/i18n';
import { describeLiveError } from '@/i18n/problem';

import { useServerClock } from './useServerClock';

/** Where a player is: typing the PIN, joining, waiting, answering, seeing the answer, at the end, or removed. */
export type PlayStage = 'join' | 'joining' | 'lobby' | 'question' | 'paused' | 'reveal' | 'ended' | 'kicked';

/** The player's answer to the current question, and whether the server has it. */
export interface OwnAnswer {
  questionIndex: number;
  choice: number[];
  status: 'sending' | 'sent' | 'late' | 'failed';
}

/** Kept for this tab only: a reload joins the same session again, or shows how it ended. */
interface StoredPlay {
  pin: string;
  ended?: EndedView;
}
const STORAGE_KEY = 'tt.live.play';
const REJOIN_RETRY_MS = 2000;

function readStored(): StoredPlay | null {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as StoredPlay | null;
    return parsed && typeof parsed.pin === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
function writeStored(value: StoredPlay | null): void {
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: a reload asks for the PIN again.
  }
}

export const isPin = (value: string): boolean => /^\d{6}$/.test(value);

/**
 * A student's live contest (DESIGN §3-4): joins with the PIN, follows the server's phases,
 * answers on the server's clock, and after a dropped connection or a reload joins again and
 * shows exactly what the server's snapshot says (phase, time left, own answer, score, rank).
 * Correctness is only known from `question:reveal`.
 */
export function useLiveSession() {
  const stage = ref<PlayStage>('join');
  const pin = ref('');
  /** Why joining or answering failed, in words. */
  const problem = ref<string | null>(null);
  const reconnecting = ref(false);
  const questionIndex = ref(-1);
  const total = ref(0);
  const question = shallowRef<QuestionView | null>(null);
  const endsAt = ref<number | null>(null);
  const pausedRemainingMs = ref<number | null>(null);
  const answer = ref<OwnAnswer | null>(null);
  const reveal = shallowRef<RevealView | null>(null);
  const board = shallowRef<LeaderboardView | null>(null);
  const ended = shallowRef<EndedView | null>(null);
  const you = ref<{ score: number; rank: number | null }>({ score: 0, rank: null });
  /** Points this question earned, once the leaderboard after its reveal arrived. */
  const gained = ref<number | null>(null);
  let scoreBefore = 0;
  let connection: LiveConnection | null = null;
  let joined = false;

  const clock = useServerClock();
  const running = clock.remaining(endsAt);
  const remainingMs = computed(() => (stage.value === 'paused' ? pausedRemainingMs.value : running.value));
  /** The current answer, if it belongs to the current question. */
  const currentAnswer = computed(() => (answer.value?.questionIndex === questionIndex.value ? answer.value : null));

  function applySnapshot(state: SessionStateView): void {
    clock.sync(state.serverNow);
    total.value = state.total;
    questionIndex.value = state.questionIndex;
    if (state.you) {
      you.value = { score: state.you.score, rank: state.you.rank };
      const sending = answer.value?.questionIndex === state.questionIndex && answer.value.status === 'sending';
      if (state.you.answered) answer.value = { questionIndex: state.questionIndex, choice: state.you.choice ?? [], status: 'sent' };
      else if (!sending) answer.value = null;
    } else if (answer.value && answer.value.questionIndex !== state.questionIndex) {
      answer.value = null;
    }
    if (reveal.value?.questionIndex !== state.questionIndex) reveal.value = null;
    switch (state.phase) {
      case 'lobby':
        stage.value = 'lobby';
        return;
      case 'question':
        if (state.question) question.value = state.question;
        endsAt.value = state.endsAt ?? state.question?.endsAt ?? null;
        pausedRemainingMs.value = null;
        if (stage.value !== 'question') scoreBefore = you.value.score;
        stage.value = 'question';
        return;
      case 'paused':
        if (state.question) question.value = state.question;
        pausedRemainingMs.value = state.question ? Math.max(0, state.question.endsAt - state.question.serverNow) : null;
        stage.value = 'paused';
        return;
      case 'reveal':
        // After a reload: the question to show the key with, and what it earned (no leaderboard comes until the next reveal).
        if (state.question) question.value = state.question;
        if (state.reveal) reveal.value = state.reveal;
        if (state.you?.points !== undefined) gained.value = state.you.points;
        stage.value = 'reveal';
        return;
      case 'ended':
        stage.value = 'ended';
        return;
    }
  }

  function listen(live: LiveConnection): void {
    live.on('question:start', (next) => {
      clock.sync(next.serverNow);
      questionIndex.value = next.questionIndex;
      total.value = next.total;
      question.value = next;
      endsAt.value = next.endsAt;
      pausedRemainingMs.value = null;
      reveal.value = null;
      gained.value = null;
      if (answer.value?.questionIndex !== next.questionIndex) answer.value = null;
      scoreBefore = you.value.score;
      stage.value = 'question';
    });
    live.on('question:reveal', (shown) => {
      reveal.value = shown;
      questionIndex.value = shown.questionIndex;
      stage.value = 'reveal';
    });
    live.on('leaderboard', (next) => {
      board.value = next;
      if (next.you) {
        gained.value = next.you.score - scoreBefore;
        you.value = { ...next.you };
      }
    });
    live.on('session:state', applySnapshot);
    live.on('session:ended', (last) => {
      ended.value = last;
      if (last.you) you.value = { ...last.you };
      stage.value = 'ended';
      writeStored({ pin: pin.value, ended: last });
      close();
    });
    live.on('session:kicked', () => {
      stage.value = 'kicked';
      writeStored(null);
      close();
    });
    live.onStatus((status, reason) => {
      reconnecting.value = status === 'reconnecting' && joined;
      // Not in yet and the server cannot be reached: say so while socket.io keeps trying.
      if (status === 'reconnecting' && !joined) problem.value = describeLiveError('OFFLINE');
      if (status !== 'refused') return;
      problem.value = describeLiveError(reason === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : 'REFUSED');
      if (!joined) stage.value = 'join';
      close();
    });
    live.onConnected(() => void sendJoin());
  }

  /** Joins (or, after a reconnection, joins again): the ack's snapshot is the truth. */
  async function sendJoin(): Promise<void> {
    const live = connection;
    if (!live) return;
    const ack = await live.request('session:join', { pin: pin.value });
    if (live !== connection) return;
    if (ack.ok) {
      joined = true;
      reconnecting.value = false;
      problem.value = null;
      writeStored({ pin: pin.value });
      applySnapshot(ack.state);
      return;
    }
    const code = ack.error.code;
    if (code === 'OFFLINE' || code === 'TIMEOUT' || code === 'RATE_LIMITED' || code === 'INTERNAL') {
      // socket.io calls again on reconnection; a slow or busy server gets another try.
      if (code !== 'OFFLINE') setTimeout(() => live === connection && void sendJoin(), REJOIN_RETRY_MS);
      return;
    }
    if (!joined) {
      problem.value = describeLiveError(code);
      stage.value = 'join';
      writeStored(null);
      close();
      return;
    }
    // The session ended (or we were removed) while we were away.
    close();
    if (code === 'PIN_NOT_FOUND') {
      stage.value = ended.value ? 'ended' : 'join';
      if (!ended.value) problem.value = t('live.play.sessionOver');
      writeStored(ended.value ? { pin: pin.value, ended: ended.value } : null);
    } else {
      stage.value = 'kicked';
      writeStored(null);
    }
  }

  function join(value: string): void {
    const typed = value.trim();
    if (!isPin(typed)) {
      problem.value = t('live.play.pinInvalid');
      return;
    }
    close();
    pin.value = typed;
    problem.value = null;
    joined = false;
    ended.value = null;
    board.value = null;
    reveal.value = null;
    answer.value = null;
    you.value = { score: 0, rank: null };
    stage.value = 'joining';
    connection = connectLive();
    listen(connection);
  }

  /**
   * After a reload: the same session again (or how it ended). Otherwise the PIN from the link:
   * joined at once when the student typed it just before (`joinNow`), else shown to confirm.
   */
  function resume(linkPin: string | null, joinNow = false): void {
    const stored = readStored();
    if (stored && (!linkPin || linkPin === stored.pin)) {
      if (stored.ended) {
        pin.value = stored.pin;
        ended.value = stored.ended;
        if (stored.ended.you) you.value = { ...stored.ended.you };
        stage.value = 'ended';
      } else {
        join(stored.pin);
      }
      return;
    }
    pin.value = linkPin && isPin(linkPin) ? linkPin : '';
    if (joinNow && pin.value) join(pin.value);
  }

  async function submit(choice: number[]): Promise<void> {
    const live = connection;
    const current = question.value;
    if (!live || stage.value !== 'question' || !current || choice.length === 0) return;
    const index = current.questionIndex;
    if (currentAnswer.value && currentAnswer.value.status !== 'failed') return;
    answer.value = { questionIndex: index, choice: [...choice], status: 'sending' };
    problem.value = null;
    const ack = await live.request('answer:submit', { questionIndex: index, choice: [...choice] });
    if (answer.value?.questionIndex !== index) return;
    if (ack.ok) {
      answer.value = { ...answer.value, status: 'sent' };
      return;
    }
    switch (ack.error.code) {
      case 'ALREADY_ANSWERED':
        // Sent from another tab, or the ack was lost: the snapshot says what the server has.
        answer.value = { ...answer.value, status: 'sent' };
        void sendJoin();
        return;
      case 'TOO_LATE':
        answer.value = { ...answer.value, status: 'late' };
        return;
      default:
        answer.value = { ...answer.value, status: 'failed' };
        problem.value = describeLiveError(ack.error.code);
    }
  }

  function close(): void {
    connection?.close();
    connection = null;
    reconnecting.value = false;
  }

  /** Leaves for good (another game, or back home). */
  function leave(): void {
    close();
    writeStored(null);
    joined = false;
    ended.value = null;
    problem.value = null;
    stage.value = 'join';
  }

  onBeforeUnmount(close);

  return {
    stage,
    pin,
    problem,
    reconnecting,
    questionIndex,
    total,
    question,
    remainingMs,
    answer: currentAnswer,
    reveal,
    board,
    ended,
    you,
    gained,
    join,
    resume,
    submit,
    leave,
  };
}
