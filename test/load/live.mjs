// Live contest load (issue: live contests). Worker threads run real Socket.IO clients that join
// one session and play 5 questions; the same generator then plays against a bare Socket.IO
// server with the same fan-out and no work, the limit of this machine. Reports, per N: the
// answer ack latency (p50/p99), question:start reaching every player (p99 from host:next), the
// leaderboard reaching every player (p99 from the first reveal), and acknowledged answers lost.
// Setup writes the players and their sessions straight into the database, and signs their
// tokens with the bench server's secret: thousands of argon2 logins are not what is measured.
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import jwt from 'jsonwebtoken';
import pg from 'pg';
import { io } from 'socket.io-client';

import { BENCH_JWT_SECRET, percentiles, startBenchServer } from './bench-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const QUESTIONS = 5;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const ANSWER_WITHIN_MS = Number(process.env.BENCH_ANSWER_WITHIN_MS ?? 2000);
// The lobby waits before the first question, as a class waits for its host: longer than a database connection stays idle.
const LOBBY_MS = Number(process.env.BENCH_LOBBY_MS ?? 15_000);

const call = async (base, method, p, token, body) => {
  const res = await fetch(base + p, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

function connect(url, token) {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Plays five questions with `tokens.length` players, worker w on node w mod nodes; `host(event)` moves the session on. */
async function play(urls, tokens, pin, host) {
  const slices = Array.from({ length: WORKERS }, (_, w) => tokens.filter((_, i) => i % WORKERS === w));
  const workers = slices.map(
    (slice, w) =>
      new Worker(path.join(here, 'live-players.mjs'), { workerData: { url: urls[w % urls.length], tokens: slice, pin, answerWithinMs: ANSWER_WITHIN_MS } }),
  );
  const inbox = workers.map((w) => {
    const queue = [];
    const waiters = [];
    w.on('message', (m) => (waiters.length ? waiters.shift()(m) : queue.push(m)));
    w.on('error', (e) => {
      console.error('worker failed', e);
      process.exit(1);
    });
    return () => new Promise((resolve) => (queue.length ? resolve(queue.shift()) : waiters.push(resolve)));
  });
  const joins = (await Promise.all(inbox.map((next) => next()))).flatMap((m) => m.joins);
  await new Promise((resolve) => setTimeout(resolve, LOBBY_MS));
  const starts = [];
  const ackByQuestion = [];
  const boards = [];
  const acks = [];
  let accepted = 0;
  const refused = {};
  for (let q = 0; q < QUESTIONS; q++) {
    const sent = Date.now();
    const replies = Promise.all(inbox.map((next) => next()));
    await host(q === 0 ? 'host:start' : 'host:next');
    const results = (await replies).map((m) => m.timings);
    const firstReveal = Math.min(...results.flatMap((t) => t.reveals));
    ackByQuestion.push(percentiles(results.flatMap((t) => t.acks)));
    for (const t of results) {
      starts.push(...t.starts.map((x) => x - sent));
      boards.push(...t.boards.map((x) => x - firstReveal));
      acks.push(...t.acks);
      accepted += t.accepted;
      for (const [k, v] of Object.entries(t.refused)) refused[k] = (refused[k] ?? 0) + v;
    }
  }
  for (const w of workers) w.postMessage('close');
  await Promise.all(inbox.map((next) => next()));
  await Promise.all(workers.map((w) => w.terminate()));
  return { join: percentiles(joins), ack: percentiles(acks), ackByQuestion, start: percentiles(starts), board: percentiles(boards), accepted, refused };
}

/** `nodes` app processes on one database (and, for two, one Redis); players spread over them. */
async function ours(n, nodes = 1) {
  const env = { ACCESS_TOKEN_TTL_SECONDS: '7200', ...(nodes > 1 ? { REDIS_KEY_PREFIX: `tt-bench-live-${Date.now()}:` } : { REDIS_URL: '' }) };
  if (nodes > 1 && !process.env.REDIS_URL) throw new Error('two nodes need REDIS_URL');
  const server = await startBenchServer(env);
  const others = [];
  for (let i = 1; i < nodes; i++) others.push(await startBenchServer(env, server));
  const urls = [server.url, ...others.map((o) => o.url)];
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const [{ province_id: prov, school_id: sch, password_hash: hash }] = (
      await db.query(`SELECT province_id, school_id, password_hash FROM app_user WHERE username = 'hs1'`)
    ).rows;
    const users = (
      await db.query(
        `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash)
         SELECT $1, $2, 'student', 'live' || g, 'Người chơi ' || g, $3 FROM generate_series(1, $4) g RETURNING id`,
        [prov, sch, hash, n],
      )
    ).rows.map((r) => r.id);
    const sessions = (await db.query(`INSERT INTO auth_session (user_id) SELECT unnest($1::uuid[]) RETURNING id, user_id`, [users])).rows;
    const tokens = sessions.map((s) =>
      jwt.sign({ sub: s.user_id, sid: s.id, role: 'student', prov, sch }, BENCH_JWT_SECRET, { algorithm: 'HS256', expiresIn: 7200 }),
    );

    const admin = (await call(server.url, 'POST', '/api/auth/login', null, { username: 'so-admin', password: 'Demo@2026' })).accessToken;
    const itemIds = [];
    for (const lesson of await call(server.url, 'GET', '/api/lessons?level=THCS', admin)) {
      for (const item of (await call(server.url, 'GET', `/api/lessons/${lesson.id}`, admin)).items)
        if (['single_choice', 'true_false', 'multi_choice'].includes(item.kind) && itemIds.length < QUESTIONS) itemIds.push(item.id);
      if (itemIds.length === QUESTIONS) break;
    }
    const contest = await call(server.url, 'POST', '/api/contests', admin, {
      title: 'Cuộc thi toàn tỉnh',
      mode: 'live',
      scope: { type: 'province', id: prov },
      itemIds,
      secondsPerQuestion: 60,
    });
    const { sessionId, pin } = await call(server.url, 'POST', `/api/contests/${contest.id}/sessions`, admin);
    const host = await connect(server.url, admin);
    await host.emitWithAck('host:attach', { sessionId });
    const result = await play(urls, tokens, pin, async (event) => {
      const ack = await host.timeout(60_000).emitWithAck(event, { sessionId });
      if (!ack.ok) throw new Error(`${event}: ${JSON.stringify(ack)}`);
    });
    host.close();
    const [{ n: stored, least }] = (
      await db.query(`SELECT count(*)::int AS n, min(points) FILTER (WHERE correct)::int AS least FROM contest_answer WHERE session_id = $1`, [sessionId])
    ).rows;
    return { ...result, lost: result.accepted - stored, stored, leastCorrectPoints: least };
  } finally {
    await db.end();
    for (const o of others) await o.stop();
    await server.stop();
  }
}

async function bare(n) {
  const child = fork(path.join(here, 'bare-live.mjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}`;
  try {
    const host = await connect(url, 'x');
    const result = await play(
      [url],
      Array.from({ length: n }, () => 'x'),
      '000000',
      async () => {
        await host.emitWithAck('host:next', {});
      },
    );
    host.close();
    return result;
  } finally {
    child.kill();
  }
}

const fmt = (p) => `p50 ${p.p50.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms, max ${p.max.toFixed(0)} ms`;

export async function live(counts = (process.env.BENCH_PLAYERS ?? '1000,2000,5000').split(',').map(Number), nodes = Number(process.env.BENCH_NODES ?? 1)) {
  console.log(
    `live: ${nodes} app node(s), ${WORKERS} generator threads on the same ${os.cpus().length}-core machine; players answer within ${ANSWER_WITHIN_MS} ms, the lobby waits ${LOBBY_MS} ms`,
  );
  for (const n of counts) {
    const o = await ours(n, nodes);
    const b = await bare(n);
    const ratio = o.board.p99 / Math.max(1, b.board.p99);
    console.log(
      `live N=${n} ours (${nodes} node${nodes > 1 ? 's' : ''}): ack ${fmt(o.ack)}; question:start ${fmt(o.start)}; leaderboard ${fmt(o.board)}; acked ${o.accepted}, stored ${o.stored}, lost ${o.lost}; refused ${JSON.stringify(o.refused)}`,
    );
    console.log(
      `live N=${n} ours: join ${fmt(o.join)}; ack p95 by question ${o.ackByQuestion.map((p) => p.p95.toFixed(0)).join(' / ')} ms; least points for a right answer ${o.leastCorrectPoints}`,
    );
    console.log(
      `live N=${n} bare: join ${fmt(b.join)}; ack ${fmt(b.ack)}; question:start ${fmt(b.start)}; leaderboard ${fmt(b.board)}; ack p95 by question ${b.ackByQuestion.map((p) => p.p95.toFixed(0)).join(' / ')} ms`,
    );
    console.log(`live N=${n} leaderboard p99 ours/bare ${ratio.toFixed(2)}× (target ≤ 1.5×; ack p99 ≤ 200 ms, fan-out p99 ≤ 500 ms, 0 lost)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await live();
