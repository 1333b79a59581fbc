import { Inject } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import {
  AnswerPayload,
  describeIssue,
  findUnsafeText,
  HostPayload,
  JoinPayload,
  KickPayload,
  type LiveClientEvent,
  type LiveErrorCode,
  type MachineEvent,
  validationMessage,
} from '@tinhtao/shared';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import type { z } from 'zod';

import { AccessTokenVerifier } from '../../auth/access-token.service.js';
import { CONFIG, type Config } from '../../config/config.js';
import { Clock } from '../../platform/clock.js';
import { LOGGER } from '../../platform/logger.js';
import { isRedisDown } from '../../platform/problem.filter.js';
import { REDIS } from '../../platform/redis.js';
import { LiveError, RateLimiter } from './live-errors.js';
import { LiveHostService } from './live-host.service.js';
import { LivePlayerService } from './live-player.service.js';
import { LiveSessionDriver, type LiveSocketData } from './live-session.driver.js';

type AckFn = (answer: unknown) => void;
const HOST_EVENTS: Record<Exclude<LiveClientEvent, 'session:join' | 'answer:submit' | 'host:attach' | 'host:kick'>, MachineEvent['type']> = {
  'host:start': 'start',
  'host:next': 'next',
  'host:reveal': 'reveal',
  'host:end': 'end',
  'host:skip': 'skip',
  'host:pause': 'pause',
  'host:resume': 'resume',
};

/**
 * Socket.IO namespace `/live` (DESIGN §4). The handshake is checked in middleware (token,
 * live session, Origin), so a refused client gets a connect error. Every event answers
 * through its ack, `{ok:true,…}` or `{ok:false,error:{code,message}}`; garbage never throws.
 */
@WebSocketGateway({ namespace: '/live', cors: { origin: true }, maxHttpBufferSize: 16_384 })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  constructor(
    private readonly players: LivePlayerService,
    private readonly hosts: LiveHostService,
    private readonly driver: LiveSessionDriver,
    private readonly tokens: AccessTokenVerifier,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly clock: Clock,
  ) {}

  afterInit(ns: Namespace): void {
    this.driver.attach(ns, this.redis !== null);
    ns.use((socket, next) => {
      if (!this.originAllowed(socket)) return next(new Error('ORIGIN_NOT_ALLOWED'));
      this.tokens
        .verify((socket.handshake.auth as { token?: unknown } | undefined)?.token)
        .then((user) => {
          if (!user) return next(new Error('UNAUTHENTICATED'));
          (socket.data as LiveSocketData).user = user;
          next();
        })
        .catch(() => next(new Error('UNAUTHENTICATED')));
    });
  }

  handleConnection(socket: Socket): void {
    const { user } = socket.data as LiveSocketData;
    const limiter = new RateLimiter(10, 20);
    const on = <S extends z.ZodType>(event: LiveClientEvent, schema: S, handle: (payload: z.infer<S>, receivedAt: number) => Promise<object>) => {
      socket.on(event, (payload: unknown, ack?: unknown) => {
        // Stamped before any I/O, so that waiting behind a database write never costs points.
        const receivedAt = this.clock.nowMs();
        const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => {};
        if (!limiter.take()) return reply(failure('RATE_LIMITED', 'Too many events; slow down'));
        const unsafe = findUnsafeText(payload);
        if (unsafe) return reply(failure('BAD_PAYLOAD', `${unsafe.path.join('.') || 'payload'}: ${validationMessage(unsafe.code, {}, 'en')}`));
        const parsed = schema.safeParse(payload);
        if (!parsed.success)
          return reply(
            failure('BAD_PAYLOAD', parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${describeIssue(i, 'en').message}`).join('; ')),
          );
        handle(parsed.data, receivedAt).then(
          (result) => reply({ ok: true, ...result }),
          (error: unknown) => {
            if (error instanceof LiveError) return reply(failure(error.code, error.message));
            if (isRedisDown(error)) return reply(failure('UNAVAILABLE', 'Live contests are unavailable for a moment; try again'));
            this.logger.error({ err: error, event }, 'live event failed');
            reply(failure('INTERNAL', 'Something went wrong on our side'));
          },
        );
      });
    };
    on('session:join', JoinPayload, (p) => this.players.join(user, p.pin, socket));
    on('answer:submit', AnswerPayload, (p, receivedAt) => this.players.answer(user, socket, p, receivedAt));
    on('host:attach', HostPayload, (p) => this.hosts.hostAttach(user, p.sessionId, socket));
    on('host:kick', KickPayload, (p) => this.hosts.kick(user, p.sessionId, p.studentId));
    for (const [event, type] of Object.entries(HOST_EVENTS))
      on(event as LiveClientEvent, HostPayload, (p) => this.hosts.host(user, p.sessionId, { type } as MachineEvent));
  }

  /** Browsers send Origin: it must be the app's own or on the allow-list. Clients without one (apps, tests) pass. */
  private originAllowed(socket: Socket): boolean {
    const origin = socket.handshake.headers.origin;
    if (!origin) return true;
    const host = socket.handshake.headers.host;
    return origin === `http://${host}` || origin === `https://${host}` || this.config.corsOrigins.includes(origin);
  }
}

const failure = (code: LiveErrorCode, message: string) => ({ ok: false as const, error: { code, message } });
