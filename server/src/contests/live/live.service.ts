import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import type { DataSource } from 'typeorm';
import {
  ANSWER_GRACE_MS,
  type AnswerPayload,
  type Effect,
  judgeAnswerTime,
  type MachineEvent,
  Permission,
  transition,
} from '@tinhtao/shared';
import { AccessService } from '../../access/access.service.js';
import { ItemsRepository } from '../../lessons/items.repository.js';
import type { AuthUser } from '../../platform/auth.decorators.js';
import { LOGGER } from '../../platform/logger.js';
import { ContestsRepository } from '../contests.repository.js';
import { AnswerWriter } from './answer-writer.js';
import { LiveError } from './live-errors.js';
import { LiveSession } from './live-session.js';

export const room = (sessionId: string) => `s:${sessionId}`;
const hostRoom = (sessionId: string) => `h:${sessionId}`;
const HOST_NOTICE_MS = 250;

/**
 * Drives live sessions on this node: the machine, the timer, fan-out and durable answers.
 * The server owns the clock: `receivedAt` is stamped by the gateway when the event arrives,
 * before any I/O, and every deadline is the server's.
 */
@Injectable()
export class LiveService implements OnModuleDestroy {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly loading = new Map<string, Promise<LiveSession>>();
  private readonly writer: AnswerWriter;
  private ns: Namespace | null = null;

  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    private readonly items: ItemsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    @InjectDataSource() db: DataSource,
  ) {
    this.writer = new AnswerWriter(db);
  }

  attach(ns: Namespace): void {
    this.ns = ns;
  }

  onModuleDestroy(): void {
    for (const s of this.sessions.values()) this.clearTimers(s);
  }

  // ── Players ──────────────────────────────────────────────────────────────

  async join(user: AuthUser, pin: string, socket: Socket) {
    const row = await this.contests.findRunningByPin(pin);
    if (!row) throw new LiveError('PIN_NOT_FOUND', 'No running session has this PIN');
    const session = await this.session(row.id);
    if (user.role !== 'student') throw new LiveError('NOT_ALLOWED', 'Students join with the PIN; hosts take the session back with host:attach');
    const contest = (await this.contests.findById(session.contestId))!;
    if (contest.provinceId !== user.provinceId || !(await this.contests.mayJoin(contest, user.userId)))
      throw new LiveError('NOT_ALLOWED', 'This contest is not open to you');
    const known = session.players.get(user.userId);
    if (known?.kicked) throw new LiveError('NOT_ALLOWED', 'The host removed you from this session');
    if (!known) {
      await this.contests.addParticipant(session.id, user.userId);
      const info = await this.contests.studentInfo(user.userId);
      session.players.set(user.userId, { studentId: user.userId, ...info, score: 0, totalTimeMs: 0, kicked: false });
      this.noticeHost(session);
    }
    socket.data.sessionId = session.id;
    await socket.join(room(session.id));
    return { state: session.snapshot(Date.now(), user.userId) };
  }

  async answer(user: AuthUser, socket: Socket, payload: AnswerPayload, receivedAt: number) {
    const sessionId = socket.data.sessionId as string | undefined;
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    const player = session?.players.get(user.userId);
    if (!session || !player || player.kicked) throw new LiveError('NOT_ALLOWED', 'Join the session first');
    const { questionIndex, choice } = payload;
    const key = `${questionIndex}:${user.userId}`;
    const earlier = session.answers.get(questionIndex)?.get(user.userId);
    // A retry of the same answer (its ack was lost) gets the same ack; a different one is refused.
    if (earlier) {
      if (JSON.stringify(earlier.choice) === JSON.stringify(choice)) return { accepted: true, receivedAt: earlier.receivedAt };
      throw new LiveError('ALREADY_ANSWERED');
    }
    if (session.pending.has(key)) throw new LiveError('ALREADY_ANSWERED');
    const verdict = judgeAnswerTime(session.state, questionIndex, receivedAt);
    if (!verdict.ok) throw new LiveError(verdict.code, verdict.code === 'TOO_LATE' ? 'The question is closed' : 'This question is not open');
    const item = session.items[questionIndex];
    if (choice.length === 0 || choice.some((i) => i >= item.options.length) || new Set(choice).size !== choice.length)
      throw new LiveError('BAD_PAYLOAD', `choose among options 0 to ${item.options.length - 1}`);
    const { correct, points } = session.grade(questionIndex, choice, verdict.elapsedMs);
    session.pending.add(key);
    try {
      const stored = await this.writer.write({ sessionId: session.id, questionIndex, studentId: user.userId, choice, receivedAt: new Date(receivedAt), elapsedMs: verdict.elapsedMs, correct, points });
      if (!stored) throw new LiveError('ALREADY_ANSWERED');
      session.record(questionIndex, user.userId, { choice, points, correct, elapsedMs: verdict.elapsedMs, receivedAt });
    } finally {
      session.pending.delete(key);
    }
    this.noticeHost(session);
    if (session.state.questionIndex === questionIndex && session.answeredCount() >= session.activePlayers().length)
      await this.apply(session, { type: 'allAnswered', questionIndex });
    return { accepted: true, receivedAt };
  }

  // ── Host ─────────────────────────────────────────────────────────────────

  async hostAttach(user: AuthUser, sessionId: string, socket: Socket) {
    const session = await this.hostSession(user, sessionId);
    await socket.join([room(session.id), hostRoom(session.id)]);
    return { state: { ...session.snapshot(Date.now()), pin: session.pin, title: session.title }, players: this.roster(session) };
  }

  async host(user: AuthUser, sessionId: string, event: MachineEvent) {
    const session = await this.hostSession(user, sessionId);
    await this.apply(session, event);
    return { state: session.snapshot(Date.now()) };
  }

  async kick(user: AuthUser, sessionId: string, studentId: string) {
    const session = await this.hostSession(user, sessionId);
    const player = session.players.get(studentId);
    if (!player) throw new LiveError('NOT_ALLOWED', 'No such player');
    player.kicked = true;
    await this.contests.kick(session.id, studentId);
    for (const socket of await this.ns!.in(room(session.id)).fetchSockets())
      if ((socket.data.user as AuthUser | undefined)?.userId === studentId) {
        socket.emit('session:kicked', { sessionId: session.id });
        socket.leave(room(session.id));
      }
    this.noticeHost(session);
    if (session.state.phase === 'question' && session.answeredCount() >= session.activePlayers().length)
      await this.apply(session, { type: 'allAnswered', questionIndex: session.state.questionIndex });
    return { players: this.roster(session) };
  }

  private async hostSession(user: AuthUser, sessionId: string): Promise<LiveSession> {
    const row = await this.contests.findSession(sessionId);
    if (!row) throw new LiveError('NOT_ALLOWED', 'No such session');
    try {
      await this.access.require(user, Permission.ContestManage, [row.contestId]);
    } catch {
      throw new LiveError('NOT_ALLOWED', 'Only the contest\'s host may do this');
    }
    return this.session(sessionId);
  }

  private roster(session: LiveSession) {
    return session.activePlayers().map((p) => ({ studentId: p.studentId, name: p.name, schoolName: p.schoolName, score: p.score }));
  }

  // ── The machine and its effects ──────────────────────────────────────────

  /** Feeds an event to the session's machine; stores the new state, then sends what it implies. */
  private async apply(session: LiveSession, event: MachineEvent): Promise<void> {
    const now = Date.now();
    const t = transition(session.state, event, now);
    if (!t.ok) {
      if (event.type === 'timeUp' || event.type === 'allAnswered') return;
      throw new LiveError('NOT_ALLOWED', `${event.type} is not possible in ${session.state.phase}`);
    }
    session.state = t.state;
    await this.contests.saveState(session.id, t.state);
    this.arm(session);
    for (const effect of t.effects) this.effect(session, effect, now);
    if (event.type === 'pause' || event.type === 'resume' || event.type === 'skip') this.ns?.to(room(session.id)).emit('session:state', session.snapshot(now));
  }

  private effect(session: LiveSession, effect: Effect, now: number): void {
    const ns = this.ns;
    if (!ns) return;
    switch (effect) {
      case 'questionStart':
        ns.to(room(session.id)).emit('question:start', session.question(now));
        return;
      case 'reveal': {
        ns.to(room(session.id)).emit('question:reveal', session.reveal());
        this.sendLeaderboards(session, 'leaderboard');
        return;
      }
      case 'ended':
        this.sendLeaderboards(session, 'session:ended');
        this.clearTimers(session);
        return;
    }
  }

  /** One message per player (it carries their own rank), and the top for the host: linear in players. */
  private sendLeaderboards(session: LiveSession, event: 'leaderboard' | 'session:ended'): void {
    const ranked = session.rank();
    const top = session.leaderboard(ranked);
    const body = event === 'leaderboard' ? { top } : { podium: top.slice(0, 3), top };
    void this.ns!.in(room(session.id))
      .fetchSockets()
      .then((sockets) => {
        for (const socket of sockets) {
          const user = socket.data.user as AuthUser | undefined;
          socket.emit(event, user?.role === 'student' ? { ...body, you: session.you(user.userId) } : body);
        }
      });
  }

  /** The timer closes the question at its end plus the stated grace. */
  private arm(session: LiveSession): void {
    if (session.timer) clearTimeout(session.timer);
    session.timer = null;
    const { phase, endsAt, questionIndex } = session.state;
    if (phase !== 'question' || endsAt === null) return;
    session.timer = setTimeout(() => {
      this.apply(session, { type: 'timeUp', questionIndex }).catch((error) => this.logger.error({ err: error, sessionId: session.id }, 'closing a question failed'));
    }, Math.max(0, endsAt + ANSWER_GRACE_MS - Date.now()));
  }

  /** The host hears the answered count at most every 250 ms; players never hear it per answer. */
  private noticeHost(session: LiveSession): void {
    if (session.hostNotice) return;
    session.hostNotice = setTimeout(() => {
      session.hostNotice = null;
      this.ns?.to(hostRoom(session.id)).emit('host:progress', { players: session.activePlayers().length, answered: session.answeredCount(), roster: this.roster(session) });
    }, HOST_NOTICE_MS);
  }

  private clearTimers(session: LiveSession): void {
    if (session.timer) clearTimeout(session.timer);
    if (session.hostNotice) clearTimeout(session.hostNotice);
    session.timer = session.hostNotice = null;
  }

  /** The session in memory, loaded from PostgreSQL the first time (after a restart it resumes where it was). */
  private async session(id: string): Promise<LiveSession> {
    const known = this.sessions.get(id);
    if (known) return known;
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  private async load(id: string): Promise<LiveSession> {
    const row = (await this.contests.findSession(id))!;
    const contest = (await this.contests.findById(row.contestId))!;
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const session = new LiveSession(row.id, contest.id, row.pin, contest.title, contest.itemIds.map((i) => bank.get(i)!), row.state);
    const data = await this.contests.sessionData(id);
    for (const p of data.participants) session.players.set(p.studentId, { ...p, score: 0, totalTimeMs: 0 });
    for (const a of data.answers)
      session.record(a.questionIndex, a.studentId, { choice: a.choice, points: a.points, correct: a.correct, elapsedMs: a.elapsedMs, receivedAt: a.receivedAt.getTime() });
    session.rank();
    this.sessions.set(id, session);
    // A question whose time ran out while no node drove it closes now; otherwise its timer is armed again.
    if (session.state.phase === 'question' && (session.state.endsAt ?? 0) + ANSWER_GRACE_MS < Date.now())
      await this.apply(session, { type: 'timeUp', questionIndex: session.state.questionIndex });
    else this.arm(session);
    return session;
  }
}
