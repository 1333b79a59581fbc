// Scheduled contests at national shape (issue: national scale): 20,000 students of one province
// start the same 20-question contest within one minute, answer with autosave spread over
// 15 minutes (444 saves/s at full strength) and submit, on one node. Measures entry start,
// autosave and submit latency, then checks that every acknowledged save is stored (in the
// item's own option indices, through the student's own order) and every entry handed in.
// Targets: start p99 ≤ 500 ms, autosave p99 ≤ 200 ms, submit p99 ≤ 300 ms, 0 lost answers.
//
//   node test/load/scheduled.mjs [--students N] [--start-seconds S] [--minutes M] [--nodes 1|2] [--only-starts]
//
// `--nodes 2` starts a second app node on the same PostgreSQL and Redis (REDIS_URL) and sends
// every other student to it; `--only-starts` measures the start minute alone (no answers).
//
// The students are made in SQL with a live session each and an access token signed with the
// bench server's secret: 20,000 logins would measure argon2, not the contest.
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import { entryOrder, toItemChoice } from '@tinhtao/shared';
import pg from 'pg';

import { BENCH_JWT_SECRET, cpuBetween, cpuByPid, percentiles, postgresPids, startBenchServer } from './bench-server.mjs';

const QUESTIONS = 20;
const f = (ms) => ms.toFixed(1);
const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An HS256 access token as the server signs them. */
function accessToken(claims) {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', BENCH_JWT_SECRET).update(head).digest('base64url')}`;
}

/** One call; a connection the overloaded server never accepted counts as a failed call (status 0), not a crash. */
async function call(base, method, path, token, body) {
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token}` },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    return { status: res.status, json, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, json: { error: String(error.cause?.code ?? error) }, ms: performance.now() - started };
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function scheduled({ students = 20_000, startSeconds = 60, minutes = 15, nodes = 1, onlyStarts = false } = {}) {
  if (nodes > 1 && !process.env.REDIS_URL) throw new Error('two nodes need REDIS_URL');
  const env = nodes > 1 || process.argv.includes('--redis') ? { REDIS_KEY_PREFIX: `tt-bench-scheduled-${Date.now()}:` } : { REDIS_URL: '' };
  const server = await startBenchServer(env);
  const others = [];
  for (let i = 1; i < nodes; i++) others.push(await startBenchServer(env, server));
  const bases = [server.url, ...others.map((o) => o.url)];
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const base = server.url;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'so-admin', password: 'Demo@2026' }),
    });
    const dept = (await login.json()).accessToken;
    const {
      rows: [{ province }],
    } = await db.query(`SELECT id AS province FROM province WHERE code = 'DEMO'`);
    const { rows: items } = await db.query(
      `SELECT i.id, i.kind, jsonb_array_length(i.content->'options') AS options FROM item i
        WHERE i.province_id = $1 AND i.kind = 'single_choice' AND i.locked_at IS NOT NULL ORDER BY i.id LIMIT ${QUESTIONS}`,
      [province],
    );
    const now = Date.now();
    const contest = (
      await call(base, 'POST', '/api/contests', dept, {
        title: 'Cuộc thi tìm hiểu an toàn thông tin toàn tỉnh',
        mode: 'scheduled',
        scope: { type: 'province', id: province },
        itemIds: items.map((i) => i.id),
        secondsPerQuestion: 90,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 6 * 3600_000).toISOString(),
      })
    ).json.id;

    let t = performance.now();
    const made = await db.query(
      `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash)
       SELECT $1, (SELECT id FROM school WHERE province_id = $1 ORDER BY ministry_code OFFSET (n % (SELECT count(*) FROM school WHERE province_id = $1)) LIMIT 1),
              'student', 'bench-sc-' || n, 'Học sinh ' || n, 'x'
         FROM generate_series(1, $2::int) n RETURNING id, school_id AS school`,
      [province, students],
    );
    const sessions = await db.query(`INSERT INTO auth_session (user_id) SELECT unnest($1::uuid[]) RETURNING id, user_id`, [made.rows.map((r) => r.id)]);
    const sessionOf = new Map(sessions.rows.map((r) => [r.user_id, r.id]));
    const people = made.rows.map((r) => ({ ...r, session: sessionOf.get(r.id) }));
    const exp = Math.floor(Date.now() / 1000) + 6 * 3600;
    const tokens = people.map((p) => accessToken({ sub: p.id, sid: p.session, role: 'student', prov: province, sch: p.school, iat: exp - 6 * 3600, exp }));
    console.log(`scheduled: ${students.toLocaleString('en')} students with a session each made in ${f((performance.now() - t) / 1000)} s`);

    const starts = [];
    const saves = [];
    const submits = [];
    const failures = [];
    /** The last acknowledged choice of each entry and question, as the item's own indices. */
    const acknowledged = new Map();
    const answerSpanMs = minutes * 60_000;
    const appPids = [server.pid, ...others.map((o) => o.pid)];
    const cpuBefore = { app: cpuByPid(appPids), db: cpuByPid(postgresPids()) };
    const t0 = performance.now();

    async function student(n) {
      await sleep((n / students) * startSeconds * 1000 - (performance.now() - t0));
      const home = bases[n % bases.length];
      const started = await call(home, 'POST', `/api/contests/${contest}/entries`, tokens[n]);
      starts.push(started.ms);
      if (started.status !== 200) return failures.push(`start ${started.status} ${JSON.stringify(started.json).slice(0, 200)}`);
      const entry = started.json;
      if (onlyStarts) return;
      const order = entryOrder(
        entry.entryId,
        items.map((i) => ({ kind: i.kind, optionCount: i.options })),
      );
      const begun = performance.now();
      // Twenty answers spread over the span, each question once, one with a changed mind.
      for (const [k, question] of entry.questions.entries()) {
        await sleep(begun + ((k + 1) / (QUESTIONS + 1)) * answerSpanMs * (0.8 + ((n * 13 + k) % 40) / 100) - performance.now());
        const choice = [(n + k) % question.options.length];
        const saved = await call(home, 'PUT', `/api/contest-entries/${entry.entryId}/answers/${question.questionIndex}`, tokens[n], { choice });
        saves.push(saved.ms);
        if (saved.status !== 200) failures.push(`save ${saved.status} ${JSON.stringify(saved.json).slice(0, 200)}`);
        else acknowledged.set(`${entry.entryId}:${question.questionIndex}`, toItemChoice(choice, order.options[question.questionIndex]));
      }
      const done = await call(home, 'POST', `/api/contest-entries/${entry.entryId}/submit`, tokens[n]);
      submits.push(done.ms);
      if (done.status !== 200) failures.push(`submit ${done.status} ${JSON.stringify(done.json).slice(0, 200)}`);
    }

    const progress = setInterval(
      () => console.log(`  … ${((performance.now() - t0) / 1000).toFixed(0)} s: ${starts.length} started, ${saves.length} saves, ${submits.length} submitted`),
      60_000,
    );
    await Promise.all(Array.from({ length: students }, (_, n) => student(n)));
    clearInterval(progress);
    const wall = (performance.now() - t0) / 1000;
    const cpu = { app: cpuBetween(cpuBefore.app, cpuByPid(appPids)), db: cpuBetween(cpuBefore.db, cpuByPid(postgresPids())) };

    // Every acknowledged save stored, every entry handed in.
    const stored = await db.query(`SELECT id, answers, submitted_at IS NOT NULL AS submitted FROM contest_entry WHERE contest_id = $1`, [contest]);
    let lost = 0;
    for (const row of stored.rows)
      for (let q = 0; q < QUESTIONS; q++) {
        const want = acknowledged.get(`${row.id}:${q}`);
        if (want && JSON.stringify(row.answers[String(q)]) !== JSON.stringify(want)) lost++;
      }
    const unsubmitted = onlyStarts ? 0 : stored.rows.filter((r) => !r.submitted).length;
    const line = (name, ms, target) => {
      const p = percentiles(ms);
      return `${name}: ${p.n.toLocaleString('en')}, p50 ${f(p.p50)} ms, p95 ${f(p.p95)} ms, p99 ${f(p.p99)} ms, max ${f(p.max)} ms (target p99 ≤ ${target} ms)`;
    };
    console.log(
      `scheduled: ${students.toLocaleString('en')} students on ${nodes} node(s), starts over ${startSeconds} s, ${onlyStarts ? 'no answers' : `answers over ${minutes} min`}, ${wall.toFixed(0)} s in all`,
    );
    const calls = starts.length + saves.length + submits.length;
    console.log(
      `  CPU: app ${cpu.app.toFixed(1)} s, PostgreSQL ${cpu.db.toFixed(1)} s over ${wall.toFixed(0)} s; per call ${((cpu.app * 1000) / calls).toFixed(2)} ms app + ${((cpu.db * 1000) / calls).toFixed(2)} ms PostgreSQL (${calls.toLocaleString('en')} calls)`,
    );
    console.log(`  ${line('entry start', starts, 500)}`);
    if (!onlyStarts) {
      console.log(`  ${line('autosave', saves, 200)}`);
      console.log(`  ${line('submit', submits, 300)}`);
    }
    console.log(
      `  entries ${stored.rows.length.toLocaleString('en')}, acknowledged saves ${acknowledged.size.toLocaleString('en')}, lost ${lost}, not handed in ${unsubmitted}, failed calls ${failures.length}${failures.length ? ` (first: ${failures[0]})` : ''}`,
    );
    // A start the overloaded server never accepted is a failed call, counted above; an acknowledged answer missing is a failure of the run.
    if (lost > 0) throw new Error(`lost ${lost} acknowledged answers`);
  } finally {
    await db.end();
    for (const o of others) await o.stop();
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  await scheduled({
    students: arg('--students', 20_000),
    startSeconds: arg('--start-seconds', 60),
    minutes: arg('--minutes', 15),
    nodes: arg('--nodes', 1),
    onlyStarts: process.argv.includes('--only-starts'),
  });
}
