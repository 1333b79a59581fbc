import type { QuestionView, RevealView, SessionStateView } from '@tinhtao/shared';
import { computed, onBeforeUnmount, onMounted, type Ref, ref, shallowRef } from 'vue';

import { contestsApi } from '@/api/contests';
import { connectLive, type EndedView, type LiveConnection, type LivePlayer, type LiveRequests, type RankedRow } from '@/api/live';
import { describeLiveError } from '@/i18n/problem';
import { notify } from '@/ui/notify';

import { useServerClock } from './useServerClock';

/** Where the projector is: attaching, the lobby, a question (or paused), its reveal, the end; or refused. */
export type HostStage = 'connecting' | 'lobby' | 'question' | 'paused' | 'reveal' | 'ended' | 'unavailable';
export type HostCommand = 'host:start' | 'host:next' | 'host:reveal' | 'host:end' | 'host:skip' | 'host:pause' | 'host:resume';

/** The question on screen at reveal: from `question:start`, or after a reload from the results. */
export interface ShownQuestion {
  text: string;
  options: string[];
  kind?: string;
}

/**
 * The host's side of a live session (the projector): takes the session (`host:attach`, again
 * after every reconnection or reload), follows its phases, the answered count and the joined
 * players, and sends the host's commands. After a reload during a reveal or at the end, the
 * chart, the leaderboard and the podium come back from the session's results.
 */
export function useLiveHost(contestId: Ref<string>, sessionId: Ref<string>) {
  const stage = ref<HostStage>('connecting');
  const problem = ref<string | null>(null);
  const reconnecting = ref(false);
  const pin = ref('');
  const title = ref('');
  const total = ref(0);
  const questionIndex = ref(-1);
  const players = ref<LivePlayer[]>([]);
  const playerCount = ref(0);
  const answered = ref(0);
  const question = shallowRef<QuestionView | null>(null);
  const endsAt = ref<number | null>(null);
  const pausedRemainingMs = ref<number | null>(null);
  const reveal = shallowRef<RevealView | null>(null);
  const revealed = shallowRef<ShownQuestion | null>(null);
  const board = shallowRef<RankedRow[]>([]);
  const ended = shallowRef<EndedView | null>(null);
  /** At reveal: the chart first, then (on the host's word) the leaderboard. */
  const showingBoard = ref(false);
  const busy = ref<HostCommand | 'host:kick' | null>(null);
  let connection: LiveConnection | null = null;
  let refreshingPlayers = false;

  const clock = useServerClock();
  const running = clock.remaining(endsAt);
  const remainingMs = computed(() => (stage.value === 'paused' ? pausedRemainingMs.value : running.value));
  const isLast = computed(() => questionIndex.value >= total.value - 1);

  function apply(state: SessionStateView): void {
    clock.sync(state.serverNow);
    total.value = state.total;
    questionIndex.value = state.questionIndex;
    playerCount.value = state.players;
    answered.value = state.answered;
    if (state.pin) pin.value = state.pin;
    if (state.title) title.value = state.title;
    if (reveal.value?.questionIndex !== state.questionIndex) reveal.value = null;
    switch (state.phase) {
      case 'lobby':
        stage.value = 'lobby';
        return;
      case 'question':
        if (state.question) question.value = state.question;
        endsAt.value = state.endsAt ?? state.question?.endsAt ?? null;
        pausedRemainingMs.value = null;
        stage.value = 'question';
        return;
      case 'paused':
        if (state.question) question.value = state.question;
        pausedRemainingMs.value = state.question ? Math.max(0, state.question.endsAt - state.question.serverNow) : null;
        stage.value = 'paused';
        return;
      case 'reveal':
        if (state.reveal) reveal.value = state.reveal;
        if (state.question) {
          question.value = state.question;
          revealed.value = { text: state.question.text, options: state.question.options, kind: state.question.kind };
        }
        stage.value = 'reveal';
        if (!revealed.value || !board.value.length) void restoreFromResults();
        return;
      case 'ended':
        stage.value = 'ended';
        if (!ended.value) void restoreFromResults();
        return;
    }
  }

  /** After a reload the snapshot has the question and its reveal, but not the boards: the session's results have them. */
  async function restoreFromResults(): Promise<void> {
    try {
      const results = await contestsApi.results(contestId.value, sessionId.value);
      const top = results.standings.slice(0, 10).map(({ rank, name, schoolName, score }) => ({ rank, name, schoolName, score }));
      board.value = top;
      const shown = results.questions[questionIndex.value];
      if (stage.value === 'reveal' && shown) {
        reveal.value ??= { questionIndex: shown.questionIndex, kind: shown.kind, correct: shown.correct, distribution: shown.distribution };
        revealed.value ??= { text: shown.prompt, options: shown.options, kind: shown.kind };
      }
      if (stage.value === 'ended' && !ended.value) ended.value = { podium: top.slice(0, 3), top };
    } catch {
      // The screen still shows the phase; the charts come with the next event.
    }
  }

  function listen(live: LiveConnection): void {
    live.on('question:start', (next) => {
      clock.sync(next.serverNow);
      question.value = next;
      questionIndex.value = next.questionIndex;
      total.value = next.total;
      endsAt.value = next.endsAt;
      pausedRemainingMs.value = null;
      reveal.value = null;
      revealed.value = null;
      showingBoard.value = false;
      answered.value = 0;
      stage.value = 'question';
    });
    live.on('question:reveal', (shown) => {
      reveal.value = shown;
      const asked = question.value;
      revealed.value = asked && asked.questionIndex === shown.questionIndex ? { text: asked.text, options: asked.options, kind: asked.kind } : revealed.value;
      showingBoard.value = false;
      stage.value = 'reveal';
    });
    live.on('leaderboard', (next) => {
      board.value = next.top;
    });
    live.on('session:ended', (last) => {
      ended.value = last;
      board.value = last.top;
      stage.value = 'ended';
    });
    live.on('session:state', apply);
    live.on('host:progress', (progress) => {
      playerCount.value = progress.players;
      answered.value = progress.answered;
      if (progress.players !== players.value.length) void refreshPlayers();
    });
    live.onStatus((status, reason) => {
      reconnecting.value = status === 'reconnecting';
      if (status === 'refused') {
        problem.value = describeLiveError(reason === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : 'REFUSED');
        stage.value = 'unavailable';
      }
    });
    live.onConnected(() => void attach());
  }

  async function attach(): Promise<void> {
    const live = connection;
    if (!live) return;
    const ack = await live.request('host:attach', { sessionId: sessionId.value });
    if (live !== connection) return;
    if (!ack.ok) {
      if (ack.error.code === 'OFFLINE') return;
      problem.value = describeLiveError(ack.error.code);
      stage.value = 'unavailable';
      return;
    }
    problem.value = null;
    players.value = ack.players;
    apply(ack.state);
  }

  /** The lobby's names: the progress notice only counts them. */
  async function refreshPlayers(): Promise<void> {
    if (!connection || refreshingPlayers) return;
    refreshingPlayers = true;
    try {
      const ack = await connection.request('host:attach', { sessionId: sessionId.value });
      if (ack.ok) players.value = ack.players;
    } finally {
      refreshingPlayers = false;
    }
  }

  async function command(name: HostCommand): Promise<void> {
    if (!connection || busy.value) return;
    busy.value = name;
    try {
      const ack = await connection.request(name, { sessionId: sessionId.value } as LiveRequests[typeof name][0]);
      if (ack.ok) apply(ack.state);
      else notify.error(describeLiveError(ack.error.code));
    } finally {
      busy.value = null;
    }
  }

  async function kick(player: LivePlayer): Promise<void> {
    if (!connection) return;
    busy.value = 'host:kick';
    try {
      const ack = await connection.request('host:kick', { sessionId: sessionId.value, studentId: player.studentId });
      if (ack.ok) {
        players.value = ack.players;
        playerCount.value = ack.players.length;
      } else notify.error(describeLiveError(ack.error.code));
    } finally {
      busy.value = null;
    }
  }

  onMounted(() => {
    connection = connectLive();
    listen(connection);
  });
  onBeforeUnmount(() => {
    connection?.close();
    connection = null;
  });

  return {
    stage,
    problem,
    reconnecting,
    pin,
    title,
    total,
    questionIndex,
    players,
    playerCount,
    answered,
    question,
    remainingMs,
    reveal,
    revealed,
    board,
    ended,
    showingBoard,
    busy,
    isLast,
    start: () => command('host:start'),
    next: () => command('host:next'),
    showAnswer: () => command('host:reveal'),
    pause: () => command('host:pause'),
    resume: () => command('host:resume'),
    skip: () => command('host:skip'),
    end: () => command('host:end'),
    showBoard: () => (showingBoard.value = true),
    kick,
  };
}
