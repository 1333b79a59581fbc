import { randomUUID } from 'node:crypto';

import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  ANSWER_GRACE_MS,
  type Effect,
  type LiveServerEvents,
  type MachineEvent,
  type MachineState,
  revealDistribution,
  type RevealView,
  type SessionStateView,
  timeSavedMs,
  transition,
} from '@tinhtao/shared';
import type { Logger } from 'pino';
import type { Namespace } from 'socket.io';

import { ItemsRepository } from '../../lessons/items.repository.js';
import type { AuthUser } from '../../platform/auth.decorators.js';
import { Clock } from '../../platform/clock.js';
import { LOGGER } from '../../platform/logger.js';
import { ContestsRepository } from '../contests.repository.js';
import { AnswerWriter } from './answer-writer.service.js';
import { LiveError } from './live-errors.js';
import { LiveContext } from './live-session.js';
import { LIVE_STORE, type LiveStore, type Ranked } from './live-store.js';
import { warmAnswerChecks } from './warm.js';

/** `/live` as the driver sends on it: every event's payload typed by `shared`, so the client reads what is sent. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LiveNamespace = Namespace<Record<string, never>, LiveServerEvents, Record<string, (...args: any[]) => void>>;

/** What a `/live` socket carries: the caller (set at the handshake) and, once joined as a player, the session. */
export interface LiveSocketData {
  user: AuthUser;
  sessionId?: string;
}

/** Everyone in a session (players and host). */
export const room = (sessionId: string) => `s:${sessionId}`;
/** The session's host sockets. */
export const hostRoom = (sessionId: string) => `h:${sessionId}`;
/** One player's sockets in a session. */
export const playerRoom = (sessionId: string, studentId: string) => `p:${sessionId}:${studentId}`;
const HOST_NOTICE_MS = 250;
/** The timer node's lease: renewed every 1.5 s, lapses 5 s after its node died. */
const LEASE_MS = 5000;
const LEASE_RENEW_MS = 1500;
const TOP = 10;
const FORGET_ENDED_MS = 10 * 60 * 1000;

/** What one node tells the others (through the Socket.IO adapter) when it moved a session on. */
interface Boards {
  sessionId: string;
  event: 'leaderboard' | 'session:ended';
  top: { rank: number; name: string; schoolName: string; score: number }[];
  /** studentId → [rank, score]. */
  ranks: [string, number, number][];
}

/**
 * Drives live sessions: applies a transition, runs its effects, holds the timer lease. The
 * shared state lives in the LiveStore (this process, or Redis for several nodes); the machine
 * moves by compare-and-set, so a host's command, a timer and a last answer can meet on
 * different nodes and only one transition wins. One node holds a session's lease and runs its
 * timer; another takes over when the lease lapses. The server owns the clock.
 */
@Injectable()
export class LiveSessionDriver implements OnModuleDestroy {
  private readonly contexts = new Map<string, LiveContext>();
  private readonly loading = new Map<string, Promise<LiveContext>>();
  private readonly nodeId = randomUUID();
  /** Typed by `shared`'s LiveServerEvents: what the server sends is what the client reads. */
  private ns: LiveNamespace | null = null;
  private clustered = false;

  constructor(
    private readonly contests: ContestsRepository,
    private readonly items: ItemsRepository,
    @Inject(LIVE_STORE) private readonly store: LiveStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly writer: AnswerWriter,
  ) {}

  attach(ns: Namespace, clustered: boolean): void {
    // The gateway's namespace, typed by what this driver sends on it.
    this.ns = ns;
    this.clustered = clustered;
    if (!clustered) return;
    ns.on('live:state', (sessionId: string) => this.contexts.has(sessionId) && void this.rearm(this.contexts.get(sessionId)!));
    ns.on('live:boards', (boards: Boards) => void this.sendLocalBoards(boards));
  }

  onModuleDestroy(): void {
    for (const c of this.contexts.values()) this.stop(c);
  }

  /** The session's context if this node has loaded it. */
  loaded(sessionId: string): LiveContext | undefined {
    return this.contexts.get(sessionId);
  }

  /** A removed player hears so, and its sockets leave the session's room. */
  evict(ctx: LiveContext, studentId: string): void {
    this.ns?.to(playerRoom(ctx.id, studentId)).emit('session:kicked', { sessionId: ctx.id });
    this.ns?.in(playerRoom(ctx.id, studentId)).socketsLeave(room(ctx.id));
  }

  // ── The machine and its effects ──────────────────────────────────────────

  /** Moves the session by compare-and-set; the node whose write wins sends what it implies. */
  async apply(ctx: LiveContext, event: MachineEvent): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const now = this.clock.nowMs();
      const current = (await this.store.state(ctx.id))!;
      const t = transition(current.state, event, now);
      if (!t.ok) throw new LiveError('NOT_ALLOWED', `${event.type} is not possible in ${current.state.phase}`);
      if (!(await this.store.casState(ctx.id, current.version, t.state))) continue;
      await this.contests.saveState(ctx.id, t.state);
      if (this.clustered) this.ns?.serverSideEmit('live:state', ctx.id);
      await this.rearm(ctx, t.state);
      for (const effect of t.effects) await this.effect(ctx, effect, t.state, now);
      if (event.type === 'pause' || event.type === 'resume' || event.type === 'skip') this.ns?.to(room(ctx.id)).emit('session:state', await this.snapshot(ctx));
      return;
    }
    throw new LiveError('INTERNAL', 'The session is too busy; try again');
  }

  private async effect(ctx: LiveContext, effect: Effect, state: MachineState, now: number): Promise<void> {
    const ns = this.ns;
    if (!ns) return;
    switch (effect) {
      case 'questionStart': {
        const question = ctx.question(state, now);
        if (question) ns.to(room(ctx.id)).emit('question:start', question);
        // While the question travels, the pool opens what the answers' writes will need.
        void this.writer.warm().catch((error) => this.logger.warn({ err: error, sessionId: ctx.id }, 'opening database connections failed'));
        return;
      }
      case 'reveal': {
        ns.to(room(ctx.id)).emit('question:reveal', await this.revealOf(ctx, state.questionIndex));
        await this.sendBoards(ctx, 'leaderboard');
        return;
      }
      case 'ended':
        await this.sendBoards(ctx, 'session:ended');
        return;
    }
  }

  /**
   * Every player gets the top ten and their own rank: one message each, so fan-out stays
   * linear. Each node sends to its own sockets; the ranks travel once between nodes.
   */
  private async sendBoards(ctx: LiveContext, event: Boards['event']): Promise<void> {
    const ranking: Ranked[] = await this.store.ranking(ctx.id);
    const boards: Boards = {
      sessionId: ctx.id,
      event,
      top: ranking.slice(0, TOP).map((r) => ({ rank: r.rank, name: r.name, schoolName: r.schoolName, score: r.score })),
      ranks: ranking.map((r) => [r.studentId, r.rank, r.score]),
    };
    if (this.clustered) this.ns?.serverSideEmit('live:boards', boards);
    await this.sendLocalBoards(boards);
  }

  private async sendLocalBoards(boards: Boards): Promise<void> {
    if (!this.ns) return;
    const ranks = new Map(boards.ranks.map(([id, rank, score]) => [id, { rank, score }]));
    const body = boards.event === 'leaderboard' ? { top: boards.top } : { podium: boards.top.slice(0, 3), top: boards.top };
    for (const socket of await this.ns.local.in(room(boards.sessionId)).fetchSockets()) {
      // A player's socket is in its own player room (only `session:join` puts it there): it also hears its own rank.
      const { user } = socket.data as Partial<LiveSocketData>;
      const player = user !== undefined && socket.rooms.has(playerRoom(boards.sessionId, user.userId));
      socket.emit(boards.event, player ? { ...body, you: ranks.get(user.userId) ?? { rank: null, score: 0 } } : body);
    }
    if (boards.event === 'session:ended') {
      const ctx = this.contexts.get(boards.sessionId);
      if (ctx) this.stop(ctx);
      // Ended sessions leave this node's memory after a while; a late reload reloads them from PostgreSQL.
      setTimeout(() => {
        this.contexts.delete(boards.sessionId);
        void this.store.forget(boards.sessionId);
      }, FORGET_ENDED_MS).unref();
    }
  }

  async snapshot(ctx: LiveContext, studentId?: string): Promise<SessionStateView> {
    const now = this.clock.nowMs();
    const { state } = (await this.store.state(ctx.id))!;
    const view: SessionStateView = {
      sessionId: ctx.id,
      phase: state.phase,
      questionIndex: state.questionIndex,
      total: state.total,
      serverNow: now,
      players: await this.store.playerCount(ctx.id),
      answered: state.questionIndex >= 0 ? await this.store.answeredCount(ctx.id, state.questionIndex) : 0,
    };
    const question = ctx.question(state, now);
    if (question) view.question = question;
    if (state.phase === 'question' && state.endsAt !== null) view.endsAt = state.endsAt;
    if (state.phase === 'reveal') view.reveal = await this.revealOf(ctx, state.questionIndex);
    if (studentId) {
      const own = state.questionIndex >= 0 ? await this.store.answer(ctx.id, state.questionIndex, studentId) : null;
      // While the question is open, its points stay out of score and rank: they would tell whether the answer was right.
      const open = state.phase === 'question' || state.phase === 'paused';
      const standing = await this.store.standing(ctx.id, studentId, open ? state.questionIndex : undefined);
      view.you = { score: standing?.score ?? 0, rank: standing?.rank ?? null, answered: !!own, ...(own ? { choice: own.choice } : {}) };
      if (state.phase === 'reveal') view.you.points = own?.points ?? 0;
    }
    return view;
  }

  /** What `question:reveal` says, and a snapshot at reveal says the same. */
  private async revealOf(ctx: LiveContext, questionIndex: number): Promise<RevealView> {
    const item = ctx.items[questionIndex];
    const correct = [...(item.answer as number[])];
    return {
      questionIndex,
      kind: item.kind,
      correct,
      distribution: revealDistribution(item.kind, correct, item.options.length, await this.store.choices(ctx.id, questionIndex)),
    };
  }

  // ── Timers and the lease ─────────────────────────────────────────────────

  /** On the lease holder: a timer that closes the current question at its end plus the grace. */
  private async rearm(ctx: LiveContext, known?: MachineState): Promise<void> {
    if (ctx.timer) clearTimeout(ctx.timer);
    ctx.timer = null;
    if (!ctx.driving) return;
    const state = known ?? (await this.store.state(ctx.id))?.state;
    if (!state || state.phase !== 'question' || state.endsAt === null) return;
    const { questionIndex } = state;
    ctx.timer = setTimeout(
      () => {
        this.apply(ctx, { type: 'timeUp', questionIndex }).catch((error) => {
          if (!(error instanceof LiveError && error.code === 'NOT_ALLOWED')) this.logger.error({ err: error, sessionId: ctx.id }, 'closing a question failed');
        });
      },
      Math.max(0, state.endsAt + ANSWER_GRACE_MS - this.clock.nowMs()),
    );
  }

  private async renewLease(ctx: LiveContext): Promise<void> {
    const held = await this.store.holdLease(ctx.id, this.nodeId, LEASE_MS);
    if (held === ctx.driving) return;
    ctx.driving = held;
    if (held) this.logger.info({ sessionId: ctx.id, nodeId: this.nodeId }, 'driving the live session');
    await this.rearm(ctx);
  }

  /** The host hears the answered count at most every 250 ms; players never hear it per answer. */
  noticeHost(ctx: LiveContext): void {
    if (ctx.hostNotice) return;
    ctx.hostNotice = setTimeout(() => {
      ctx.hostNotice = null;
      void this.store.state(ctx.id).then(async (s) => {
        if (!s) return;
        const players = await this.store.playerCount(ctx.id);
        const answered = s.state.questionIndex >= 0 ? await this.store.answeredCount(ctx.id, s.state.questionIndex) : 0;
        this.ns?.to(hostRoom(ctx.id)).emit('host:progress', { players, answered });
      });
    }, HOST_NOTICE_MS);
  }

  private stop(ctx: LiveContext): void {
    for (const t of [ctx.timer, ctx.hostNotice]) if (t) clearTimeout(t);
    if (ctx.leaseLoop) clearInterval(ctx.leaseLoop);
    ctx.timer = ctx.hostNotice = ctx.leaseLoop = null;
    ctx.driving = false;
  }

  /** The session's context on this node; the first node to see it after a restart seeds the store from PostgreSQL. */
  async context(id: string): Promise<LiveContext> {
    const known = this.contexts.get(id);
    if (known) return known;
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  private async load(id: string): Promise<LiveContext> {
    const row = (await this.contests.findSession(id))!;
    const contest = (await this.contests.findById(row.contestId))!;
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const ctx = new LiveContext(
      row.id,
      contest.id,
      row.pin,
      contest.title,
      contest.itemIds.map((i) => bank.get(i)!),
    );
    if (!(await this.store.state(id))) {
      const data = await this.contests.sessionData(id);
      await this.store.seed(
        id,
        row.state,
        data.participants,
        data.answers.map((a) => ({
          questionIndex: a.questionIndex,
          studentId: a.studentId,
          answer: {
            choice: a.choice,
            points: a.points,
            correct: a.correct,
            elapsedMs: a.elapsedMs,
            savedMs: timeSavedMs(a.elapsedMs, row.state.durationMs),
            receivedAt: a.receivedAt.getTime(),
          },
        })),
      );
    }
    this.contexts.set(id, ctx);
    void warmAnswerChecks(ctx.items).catch((error) => this.logger.warn({ err: error, sessionId: id }, 'warming the answer checks failed'));
    const { state } = (await this.store.state(id))!;
    if (state.phase !== 'ended') {
      await this.renewLease(ctx);
      ctx.leaseLoop = setInterval(
        () => void this.renewLease(ctx).catch((error) => this.logger.warn({ err: error, sessionId: id }, 'lease renewal failed')),
        LEASE_RENEW_MS,
      );
      ctx.leaseLoop.unref();
      // A question whose time ran out while no node drove it closes now.
      if (ctx.driving && state.phase === 'question' && (state.endsAt ?? 0) + ANSWER_GRACE_MS < this.clock.nowMs())
        await this.apply(ctx, { type: 'timeUp', questionIndex: state.questionIndex }).catch(() => undefined);
    }
    return ctx;
  }
}
