import { Inject, Injectable } from '@nestjs/common';
import { type AnswerPayload, answerPoints, gradeItem, judgeAnswerTime, Permission, timeSavedMs } from '@tinhtao/shared';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';

import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../platform/auth.decorators.js';
import { Batched } from '../../platform/batched.js';
import { LOGGER } from '../../platform/logger.js';
import { ContestsRepository, type SessionRow } from '../contests.repository.js';
import { AnswerWriter } from './answer-writer.service.js';
import { LiveError } from './live-errors.js';
import { LiveHostService } from './live-host.service.js';
import { LiveSessionDriver, type LiveSocketData, playerRoom, room } from './live-session.driver.js';
import type { LiveContext } from './live-session.js';
import { LIVE_STORE, type LiveStore, type Recorded } from './live-store.js';

/** How long a running session found by its PIN is remembered: a class joining at once asks the database once. */
const PIN_MEMORY_MS = 1000;

/** A wrong PIN, and any PIN whose session the caller may not join: the same words, so that nothing tells them apart. */
const pinNotFound = () => new LiveError('PIN_NOT_FOUND', 'No running session has this PIN');

/**
 * The players' side of a live session (DESIGN §4): joining by PIN and answering. The server
 * owns the clock: `receivedAt` is stamped by the gateway when the event arrives.
 */
@Injectable()
export class LivePlayerService {
  private readonly pending = new Set<string>();
  private readonly pins = new Map<string, { at: number; row: Promise<SessionRow | null> }>();
  /** Players joining together are stored by one INSERT, which also reads their names. */
  private readonly joining: Batched<{ sessionId: string; studentId: string }, { name: string; schoolName: string }>;

  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    @Inject(LIVE_STORE) private readonly store: LiveStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly driver: LiveSessionDriver,
    private readonly hosts: LiveHostService,
    private readonly writer: AnswerWriter,
  ) {
    this.joining = new Batched((rows) => this.contests.addParticipants(rows));
  }

  /**
   * `session:join {pin}` (DESIGN §4): a student of the contest's scope joins as a player; the
   * session's host takes it (as `host:attach` does). Anyone else gets what a wrong PIN gets, so
   * that nobody can scan PINs for running sessions outside their scope.
   */
  async join(user: AuthUser, pin: string, socket: Socket) {
    const row = await this.runningByPin(pin);
    if (!row) throw pinNotFound();
    const allowed = await this.access.allowedOn(user, [Permission.ContestManage, Permission.ContestJoin], row.contestId);
    if (allowed.has(Permission.ContestManage)) return this.hosts.attachHost(await this.driver.context(row.id), socket);
    if (!allowed.has(Permission.ContestJoin)) throw pinNotFound();
    const ctx = await this.driver.context(row.id);
    if ((await this.store.state(ctx.id))?.state.phase === 'ended') {
      this.pins.delete(pin);
      throw pinNotFound();
    }
    const status = await this.store.playerStatus(ctx.id, user.userId);
    if (status === 'kicked') throw new LiveError('NOT_ALLOWED', 'The host removed you from this session');
    if (status === null) {
      const info = await this.joining.submit({ sessionId: ctx.id, studentId: user.userId });
      await this.store.addPlayer(ctx.id, { studentId: user.userId, ...info });
      this.driver.noticeHost(ctx);
    }
    (socket.data as LiveSocketData).sessionId = ctx.id;
    await socket.join([room(ctx.id), playerRoom(ctx.id, user.userId)]);
    return { state: await this.driver.snapshot(ctx, user.userId) };
  }

  /** The running session with this PIN; one lookup serves every join of the same second (a miss is not remembered). */
  private runningByPin(pin: string): Promise<SessionRow | null> {
    const now = performance.now();
    const known = this.pins.get(pin);
    if (known && now - known.at < PIN_MEMORY_MS) return known.row;
    if (this.pins.size > 10_000) this.pins.clear();
    const row = this.contests.findRunningByPin(pin);
    this.pins.set(pin, { at: now, row });
    row.then(
      (found) => found || this.pins.delete(pin),
      () => this.pins.delete(pin),
    );
    return row;
  }

  async answer(user: AuthUser, socket: Socket, payload: AnswerPayload, receivedAt: number) {
    const { sessionId } = socket.data as LiveSocketData;
    const ctx = sessionId ? this.driver.loaded(sessionId) : undefined;
    if (!ctx) throw new LiveError('NOT_ALLOWED', 'Join the session first');
    const { questionIndex, choice } = payload;
    const key = `${ctx.id}:${questionIndex}:${user.userId}`;
    if (this.pending.has(key)) throw new LiveError('ALREADY_ANSWERED');
    const current = (await this.store.state(ctx.id))!;
    const verdict = judgeAnswerTime(current.state, questionIndex, receivedAt);
    if (!verdict.ok) {
      // A retry of an answer whose ack was lost, after the question closed, still gets its ack.
      const earlier = await this.store.answer(ctx.id, questionIndex, user.userId);
      if (earlier) return this.sameOrRefuse(earlier, choice);
      throw new LiveError(verdict.code, verdict.code === 'TOO_LATE' ? 'The question is closed' : 'This question is not open');
    }
    const item = ctx.items[questionIndex];
    if (choice.length === 0 || choice.some((i) => i >= item.options.length) || new Set(choice).size !== choice.length)
      throw new LiveError('BAD_PAYLOAD', `choose among options 0 to ${item.options.length - 1}`);
    const correct = gradeItem(item, choice).correct === true;
    const points = answerPoints(correct, verdict.elapsedMs, current.state.durationMs);
    const answer = { choice, points, correct, elapsedMs: verdict.elapsedMs, savedMs: timeSavedMs(verdict.elapsedMs, current.state.durationMs), receivedAt };
    this.pending.add(key);
    let recorded: Recorded;
    try {
      // Durable first: the ack goes out only once PostgreSQL has the row; its key makes a second answer a no-op.
      const stored = await this.writer.write({
        sessionId: ctx.id,
        questionIndex,
        studentId: user.userId,
        choice,
        receivedAt: new Date(receivedAt),
        elapsedMs: verdict.elapsedMs,
        correct,
        points,
      });
      if (!stored) {
        const earlier = await this.store.answer(ctx.id, questionIndex, user.userId);
        if (earlier) return this.sameOrRefuse(earlier, choice);
        throw new LiveError('ALREADY_ANSWERED');
      }
      recorded = await this.store.recordAnswer(ctx.id, questionIndex, user.userId, answer);
    } finally {
      this.pending.delete(key);
    }
    if (recorded === 'kicked') throw new LiveError('NOT_ALLOWED', 'The host removed you from this session');
    if (recorded === 'duplicate') throw new LiveError('ALREADY_ANSWERED');
    this.driver.noticeHost(ctx);
    // The last answer closes the question, after its own ack: the fan-out never delays it.
    if (recorded.answered >= recorded.players) void this.closeIfAllAnswered(ctx, questionIndex);
    return { accepted: true, receivedAt };
  }

  private async closeIfAllAnswered(ctx: LiveContext, questionIndex: number): Promise<void> {
    try {
      await this.driver.apply(ctx, { type: 'allAnswered', questionIndex });
    } catch (error) {
      if (!(error instanceof LiveError)) this.logger.error({ err: error, sessionId: ctx.id }, 'closing a question failed');
    }
  }

  private sameOrRefuse(earlier: { choice: number[]; receivedAt: number }, choice: number[]) {
    if (JSON.stringify(earlier.choice) === JSON.stringify(choice)) return { accepted: true, receivedAt: earlier.receivedAt };
    throw new LiveError('ALREADY_ANSWERED');
  }
}
