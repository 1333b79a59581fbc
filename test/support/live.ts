import { io, type Socket } from 'socket.io-client';

/** A real Socket.IO client on `/live`, connected (or rejected) like a phone would be. */
export function connectLive(url: string, token: string | undefined, extra: { origin?: string } = {}): Promise<Socket> {
  const socket = io(`${url}/live`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: extra.origin ? { origin: extra.origin } : undefined,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export type AckAnswer = { ok: true; [key: string]: any } | { ok: false; error: { code: string; message: string } };

/** Emits with an ack and resolves with it (fails after 10 s without one). */
export function ask(socket: Socket, event: string, payload?: unknown): Promise<AckAnswer> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<AckAnswer>;
}

/** The next `event` on the socket. */
export function next<T = any>(socket: Socket, event: string, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
