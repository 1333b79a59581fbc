import { Inject, Injectable } from '@nestjs/common';
import { type MachineEvent, Permission } from '@tinhtao/shared';
import type { Socket } from 'socket.io';

import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../platform/auth.decorators.js';
import { ContestsRepository } from '../contests.repository.js';
import { LiveError } from './live-errors.js';
import { hostRoom, LiveSessionDriver, room } from './live-session.driver.js';
import type { LiveContext } from './live-session.js';
import { LIVE_STORE, type LiveStore } from './live-store.js';

/** The host's side of a live session (DESIGN §4): attach, the machine's commands, removing a player. */
@Injectable()
export class LiveHostService {
  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    @Inject(LIVE_STORE) private readonly store: LiveStore,
    private readonly driver: LiveSessionDriver,
  ) {}

  async hostAttach(user: AuthUser, sessionId: string, socket: Socket) {
    return this.attachHost(await this.hostContext(user, sessionId), socket);
  }

  /** The host's socket hears the session and the host's own news; the ack has the host's snapshot and the players. */
  async attachHost(ctx: LiveContext, socket: Socket) {
    await socket.join([room(ctx.id), hostRoom(ctx.id)]);
    return { state: { ...(await this.driver.snapshot(ctx)), pin: ctx.pin, title: ctx.title }, players: await this.store.players(ctx.id) };
  }

  async host(user: AuthUser, sessionId: string, event: MachineEvent) {
    const ctx = await this.hostContext(user, sessionId);
    await this.driver.apply(ctx, event);
    return { state: await this.driver.snapshot(ctx) };
  }

  async kick(user: AuthUser, sessionId: string, studentId: string) {
    const ctx = await this.hostContext(user, sessionId);
    if ((await this.store.playerStatus(ctx.id, studentId)) !== 'active') throw new LiveError('NOT_ALLOWED', 'No such player');
    await this.contests.kick(ctx.id, studentId);
    await this.store.kick(ctx.id, studentId);
    this.driver.evict(ctx, studentId);
    this.driver.noticeHost(ctx);
    const { state } = (await this.store.state(ctx.id))!;
    if (state.phase === 'question' && (await this.store.answeredCount(ctx.id, state.questionIndex)) >= (await this.store.playerCount(ctx.id)))
      await this.driver.apply(ctx, { type: 'allAnswered', questionIndex: state.questionIndex }).catch(() => undefined);
    return { players: await this.store.players(ctx.id) };
  }

  /** The session's context, for a user who may host the contest's sessions. */
  private async hostContext(user: AuthUser, sessionId: string): Promise<LiveContext> {
    const row = await this.contests.findSession(sessionId);
    if (!row) throw new LiveError('NOT_ALLOWED', 'No such session');
    try {
      await this.access.require(user, Permission.ContestManage, [row.contestId]);
    } catch {
      throw new LiveError('NOT_ALLOWED', "Only the contest's host may do this");
    }
    return this.driver.context(sessionId);
  }
}
