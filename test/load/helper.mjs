// Hỏi Tỉnh Táo (issue: the awareness helper): the quality on the labelled sets, then the answer
// time of POST /api/helper/ask through the API on the demo province, without a language model:
// every message of the sets asked in turn by one student (sequential), then by 8 students at once.
// Target: p95 ≤ 200 ms on this machine.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { percentiles, pool, startBenchServer } from './bench-server.mjs';
import { HELPER_SETS, helperQuality } from './helper-quality.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const f = (ms) => ms.toFixed(1);

async function call(base, token, body) {
  const started = performance.now();
  const res = await fetch(`${base}/api/helper/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`ask: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return { ms, json };
}

const login = async (base, username) => {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  });
  return (await res.json()).accessToken;
};

export async function helper() {
  for (const set of HELPER_SETS) await helperQuality({ set });
  const texts = HELPER_SETS.flatMap((set) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'helper', set), 'utf8')).messages.map((m) => m.text));
  const server = await startBenchServer({ HELPER_ASKS_PER_MINUTE: '100000' });
  try {
    const base = server.url;
    const hs1 = await login(base, 'hs1');
    for (const text of texts.slice(0, 20)) await call(base, hs1, { text }); // warm the lesson index and the JIT
    const sequential = [];
    for (let round = 0; round < ROUNDS; round++) for (const text of texts) sequential.push((await call(base, hs1, { text })).ms);
    const p = percentiles(sequential);
    console.log(`helper ask, one student in turn: ${sequential.length} asks, p50 ${f(p.p50)} ms, p95 ${f(p.p95)} ms, p99 ${f(p.p99)} ms, max ${f(p.max)} ms`);

    const students = await Promise.all(Array.from({ length: 8 }, (_, i) => login(base, `hs${i + 1}`)));
    const jobs = [];
    for (let round = 0; round < ROUNDS; round++) texts.forEach((text, i) => jobs.push({ text, token: students[i % students.length] }));
    const started = performance.now();
    const concurrent = await pool(jobs, 8, async (job) => (await call(base, job.token, { text: job.text })).ms);
    const seconds = (performance.now() - started) / 1000;
    const q = percentiles(concurrent);
    console.log(
      `helper ask, 8 students at once: ${concurrent.length} asks in ${seconds.toFixed(1)} s (${(concurrent.length / seconds).toFixed(0)}/s), p50 ${f(q.p50)} ms, p95 ${f(q.p95)} ms, p99 ${f(q.p99)} ms, max ${f(q.max)} ms`,
    );
    // The longest message the API takes, 5,000 characters of Vietnamese with links.
    const long = 'Chúc mừng bạn trúng thưởng, nhận quà tại qua-tang.xyz ngay hôm nay! '.repeat(80).slice(0, 5000);
    const longTimes = [];
    for (let i = 0; i < 50; i++) longTimes.push((await call(base, hs1, { text: long })).ms);
    const l = percentiles(longTimes);
    console.log(`helper ask, 5,000 characters: p50 ${f(l.p50)} ms, p95 ${f(l.p95)} ms`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await helper();
