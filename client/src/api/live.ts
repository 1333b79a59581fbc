import type { LiveErrorCode, LiveRequests, LiveServerEvents } from '@tinhtao/shared';
import type { Socket } from 'socket.io-client';

import { socketAccessToken } from './http';

// The events' payloads are typed once, in `shared`, where the server takes them from too.
export type { EndedView, LivePlayer, LiveRequests, LiveServerEvents, RankedRow } from '@tinhtao/shared';

/** The server's codes, plus two of the client's own: no connection now, and no ack in time. */
export type LiveFailureCode = LiveErrorCode | 'OFFLINE' | 'TIMEOUT';
export type LiveAck<T> = ({ ok: true } & T) | { ok: false; error: { code: LiveFailureCode; message: string } };

/** connecting → connected ⇄ reconnecting; `refused` when the server will not take us (origin, account); `closed` by us. */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'closed';

export interface LiveConnection {
  /** Sends one event and waits for its ack. Refused at once while disconnected, so that nothing is sent twice later. */
  request<E extends keyof LiveRequests>(event: E, payload: LiveRequests[E][0]): Promise<LiveAck<LiveRequests[E][1]>>;
  on<E extends keyof LiveServerEvents>(event: E, handler: LiveServerEvents[E]): void;
  /** Called on the first connection and on every reconnection: the place to join (or attach) again. */
  onConnected(handler: () => void): void;
  onStatus(handler: (status: LiveStatus, reason?: string) => void): void;
  close(): void;
}

const ACK_TIMEOUT_MS = 10_000;
/** A refused handshake (an expired token) is retried with a fresh token this many times. */
const MAX_REFUSALS = 3;

/**
 * socket.io-client (13 KB of brotli) is fetched when a student joins, not with the PIN page: a
 * phone shows the form at once. {@link preloadLive} starts the download while the PIN is typed.
 */
const loadClient = () => import('socket.io-client');

export function preloadLive(): void {
  void loadClient().catch(() => {
    // Offline now: the join fetches it again, and says so if it still cannot.
  });
}

/**
 * One Socket.IO connection to the `/live` namespace. The handshake carries the access token
 * (a fresh one on every reconnection); socket.io reconnects by itself after a network drop,
 * and a handshake the server refused for the token is retried once the token is refreshed.
 */
export function connectLive(): LiveConnection {
  let forceRefresh = false;
  let refusals = 0;
  let closed = false;
  const connectedHandlers: (() => void)[] = [];
  const statusHandlers: ((status: LiveStatus, reason?: string) => void)[] = [];
  const setStatus = (status: LiveStatus, reason?: string) => statusHandlers.forEach((handler) => handler(status, reason));

  const serverHandlers: [string, (...args: unknown[]) => void][] = [];
  let socket: Socket | null = null;

  const open = (io: (typeof import('socket.io-client'))['io']): Socket => {
    const socket: Socket = io('/live', {
      transports: ['websocket', 'polling'],
      auth: (send) => {
        void socketAccessToken(forceRefresh).then((token) => {
          forceRefresh = false;
          send({ token });
        });
      },
    });

    socket.on('connect', () => {
      refusals = 0;
      setStatus('connected');
      connectedHandlers.forEach((handler) => handler());
    });
    socket.on('disconnect', (reason) => {
      if (closed) return;
      setStatus('reconnecting', reason);
      // The server dropped us on purpose (a restart): socket.io leaves reconnecting to us.
      if (reason === 'io server disconnect') setTimeout(() => !closed && socket.connect(), 1000);
    });
    socket.on('connect_error', (error) => {
      if (closed || socket.active) {
        if (!closed) setStatus('reconnecting', error.message);
        return;
      }
      // The middleware refused the handshake: with a fresh token it may pass; a wrong origin never will.
      if (error.message === 'UNAUTHENTICATED' && refusals < MAX_REFUSALS) {
        refusals++;
        forceRefresh = true;
        setStatus('reconnecting', error.message);
        setTimeout(() => !closed && socket.connect(), 500 * refusals);
        return;
      }
      setStatus('refused', error.message);
    });
    for (const [event, handler] of serverHandlers) socket.on(event, handler);
    return socket;
  };

  loadClient().then(
    ({ io }) => {
      if (!closed) socket = open(io);
    },
    () => !closed && setStatus('reconnecting', 'OFFLINE'),
  );

  return {
    async request(event, payload) {
      if (!socket?.connected) return { ok: false, error: { code: 'OFFLINE', message: 'not connected' } };
      try {
        return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as LiveAck<LiveRequests[typeof event][1]>;
      } catch {
        return { ok: false, error: { code: 'TIMEOUT', message: 'no answer in time' } };
      }
    },
    on(event, handler) {
      // socket.io types listeners by its own event map; ours are typed by LiveServerEvents above.
      serverHandlers.push([event as string, handler as (...args: unknown[]) => void]);
      socket?.on(event as string, handler as (...args: unknown[]) => void);
    },
    onConnected(handler) {
      connectedHandlers.push(handler);
    },
    onStatus(handler) {
      statusHandlers.push(handler);
    },
    close() {
      if (closed) return;
      closed = true;
      socket?.removeAllListeners();
      socket?.close();
      setStatus('closed');
    },
  };
}
