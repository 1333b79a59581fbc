/**
 * The practice range's HTTP server (issue 20, §2): plain node:http, no database, no app secret.
 * A student arrives at /<app>/?t=<token> from the challenge page; the range checks the token
 * with the app's public key, sets a session cookie for (app, studentRef) and drops the token from
 * the URL. Every later request of that student in that app finds their own state and their own flag.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { RANGE_TOKEN_PARAM, rangeFlag, type RangeTokenRefusal, verifyRangeToken } from '@tinhtao/shared/ctf';

import { type RangeApp, rangePage, type RangeReply, type RangeRequest } from './app-kit.js';
import { RANGE_APPS } from './apps/index.js';
import { robotsTxt } from './apps/robots.js';
import { parseRangeConfig, type RangeConfig } from './config.js';
import { parseCookies, SESSION_COOKIE, SessionSigner } from './session.js';
import { StateStore } from './states.js';

export interface RangeOptions {
  /** Milliseconds since 1970; the real clock by default. */
  now?: () => number;
  /** How long a session lasts after the token's visit. */
  sessionTtlSeconds?: number;
  /** Student × app states kept at most (least recently used out first). */
  maxStates?: number;
  /** A state unused this long is dropped. */
  idleMs?: number;
  apps?: readonly RangeApp[];
}

export interface RunningRange {
  url: string;
  port: number;
  states: StateStore;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024;
const SWEEP_EVERY_MS = 60_000;
const EMPTY_FORM = new URLSearchParams();
/** Requests are parsed against a fixed origin: the Host header is the client's to write. */
const ORIGIN = 'http://range.invalid';

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
const HEADERS_BY_TYPE = {
  html: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' },
  text: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
  js: { ...SECURITY_HEADERS, 'content-type': 'text/javascript; charset=utf-8' },
};

const REFUSALS: Record<RangeTokenRefusal | 'other_app' | 'no_session', { title: string; detail: string }> = {
  malformed: { title: 'Đường dẫn không hợp lệ', detail: 'Đường dẫn vào bài này không đúng hoặc đã bị sửa.' },
  bad_signature: { title: 'Đường dẫn không hợp lệ', detail: 'Đường dẫn vào bài này không đúng hoặc đã bị sửa.' },
  expired: { title: 'Đường dẫn đã hết hạn', detail: 'Đường dẫn vào bài chỉ dùng được trong ít phút.' },
  other_app: { title: 'Đường dẫn của bài khác', detail: 'Đường dẫn này dành cho một bài luyện tập khác.' },
  no_session: { title: 'Bạn chưa vào bài này', detail: 'Phiên luyện tập của bạn chưa có hoặc đã hết hạn.' },
};

function refusal(kind: keyof typeof REFUSALS): RangeReply {
  const { title, detail } = REFUSALS[kind];
  return rangePage(title, `<p>${detail}</p><p>Hãy quay lại trang thử thách của Tỉnh Táo và bấm <strong>Mở bài luyện tập</strong> một lần nữa.</p>`, 403);
}

const HOME = rangePage(
  'Sân tập Tỉnh Táo',
  '<p>Đây là sân tập các kỹ năng an toàn thông tin: những ứng dụng web nhỏ cố ý có lỗ hổng để bạn luyện tìm và hiểu chúng.</p>' +
    '<p>Hãy mở từng bài từ trang thử thách của Tỉnh Táo.</p>',
);
const UNKNOWN_APP = rangePage('Không có bài này', '<p>Sân tập không có bài luyện tập ở địa chỉ này.</p>', 404);
const METHOD_NOT_ALLOWED = rangePage('Không thực hiện được', '<p>Hãy dùng nút "Làm lại bài này từ đầu" ở cuối trang bài.</p>', 405);
const TOO_LARGE = rangePage('Dữ liệu gửi lên quá lớn', '<p>Biểu mẫu của sân tập không cần nhiều dữ liệu như vậy.</p>', 413);
const FAILED = rangePage('Sân tập gặp lỗi', '<p>Đã có lỗi bất ngờ. Hãy thử lại sau ít phút.</p>', 500);

class BodyTooLarge extends Error {}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return EMPTY_FORM;
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: http.ServerResponse, reply: RangeReply, extraCookies: readonly string[] = []): void {
  const cookies = [...extraCookies, ...(reply.setCookies ?? [])];
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (reply.location !== undefined) {
    // Apps redirect within the range only; a redirect elsewhere is a bug of ours, never a lesson.
    if (!reply.location.startsWith('/') || reply.location.startsWith('//') || reply.location.startsWith('/\\'))
      throw new Error(`off-site redirect: ${reply.location}`);
    res.setHeader('location', reply.location);
    res.writeHead(303, HEADERS_BY_TYPE.text);
    res.end();
    return;
  }
  res.writeHead(reply.status ?? 200, HEADERS_BY_TYPE[reply.type ?? 'html']);
  res.end(reply.body);
}

/** The request handler of a range with this configuration; its state store is returned to be swept and inspected. */
export function createRangeHandler(config: RangeConfig, options: RangeOptions = {}) {
  const now = options.now ?? Date.now;
  const sessionTtl = options.sessionTtlSeconds ?? 4 * 60 * 60;
  const states = new StateStore(options.maxStates ?? 20_000, options.idleMs ?? 2 * 60 * 60 * 1000);
  const signer = new SessionSigner(config.flagKey);
  const apps = new Map((options.apps ?? RANGE_APPS).map((app) => [app.manifest.slug, app]));
  const rootRobots = `${robotsTxt('/robots')}Disallow: /\n`;

  async function route(req: http.IncomingMessage): Promise<{ reply: RangeReply; cookies?: string[] }> {
    const url = new URL(req.url ?? '/', ORIGIN);
    const path = url.pathname;
    if (path === '/') return { reply: HOME };
    if (path === '/healthz') return { reply: { type: 'text', body: 'ok' } };
    if (path === '/robots.txt') return { reply: { type: 'text', body: rootRobots } };

    const slash = path.indexOf('/', 1);
    const slug = path.slice(1, slash === -1 ? undefined : slash);
    const app = apps.get(slug);
    if (!app) return { reply: UNKNOWN_APP };
    const base = `/${slug}`;
    if (slash === -1) return { reply: { body: '', location: `${base}/${url.search}` } };
    const rest = path.slice(slash);
    const cookiePath = `${base}/`;
    const at = now();

    const token = url.searchParams.get(RANGE_TOKEN_PARAM);
    if (token !== null && rest === '/') {
      const check = verifyRangeToken(config.tokenPublicKeyPem, token, new Date(at));
      if (!check.ok) return { reply: refusal(check.reason) };
      if (check.claims.app !== slug) return { reply: refusal('other_app') };
      const session = signer.issue(slug, check.claims.studentRef, Math.floor(at / 1000) + sessionTtl);
      return {
        reply: { body: '', location: cookiePath },
        cookies: [`${SESSION_COOKIE}=${session}; Path=${cookiePath}; Max-Age=${sessionTtl}; HttpOnly; SameSite=Lax`],
      };
    }

    const cookies = parseCookies(req.headers.cookie);
    const studentRef = signer.read(slug, cookies.get(SESSION_COOKIE), at);
    if (studentRef === null) return { reply: refusal('no_session') };
    const key = `${slug} ${studentRef}`;

    if (rest === '/reset') {
      if (req.method !== 'POST') return { reply: METHOD_NOT_ALLOWED };
      states.delete(key);
      return { reply: { body: '', location: cookiePath }, cookies: (app.cookies ?? []).map((name) => `${name}=; Path=${cookiePath}; Max-Age=0`) };
    }

    const form = req.method === 'POST' ? await readForm(req) : EMPTY_FORM;
    const entry = states.use(key, at, () => {
      const flag = rangeFlag(config.flagKey, slug, studentRef);
      return { flag, state: app.createState?.(flag), lastSeen: at };
    });
    const request: RangeRequest = { method: req.method ?? 'GET', path: rest, query: url.searchParams, headers: req.headers, cookies, form };
    return { reply: app.handle(request, { base, flag: entry.flag, state: entry.state, cookiePath }) };
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    route(req).then(
      ({ reply, cookies }) => send(res, reply, cookies),
      (error: unknown) => {
        if (error instanceof BodyTooLarge) {
          res.setHeader('connection', 'close');
          send(res, TOO_LARGE);
          return;
        }
        console.error('range: request failed', error);
        if (!res.headersSent) send(res, FAILED);
        else res.destroy();
      },
    );
  }

  return { handle, states, now };
}

/** Reads the configuration from `env` (refusing app secrets), then listens. Port 0 picks a free port. */
export async function startRange(env: Readonly<Record<string, string | undefined>>, options: RangeOptions = {}): Promise<RunningRange> {
  const config = parseRangeConfig(env);
  const { handle, states, now } = createRangeHandler(config, options);
  const server = http.createServer({ keepAliveTimeout: 10_000 }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const sweeper = setInterval(() => states.sweep(now()), SWEEP_EVERY_MS);
  sweeper.unref();
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    states,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(sweeper);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
