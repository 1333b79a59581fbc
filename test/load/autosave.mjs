// 500 students of one school autosaving at once (issue: assignments). Everything is set up
// through the public API: 500 accounts in one school, one class, an assignment, 500 logins
// and attempts. Then: (a) bursts, where all 500 save the same item at the same moment, one
// burst per item of the lesson; (b) a sustained minute-like run where every student saves
// every 1-3 s. Reports p50/p95/p99/max of the save call, then counts the stored rows.
import pg from 'pg';

import { percentiles, pool, startBenchServer } from './bench-server.mjs';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 500);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PASSWORD = 'Matkhau@2026';

async function call(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return json;
}
const login = async (base, username, password = 'Demo@2026') => (await call(base, 'POST', '/api/auth/login', null, { username, password })).accessToken;

/** A response for the item, different for each round so that every save really writes. */
function responseFor(item, round) {
  const pick = (n) => round % Math.max(1, n);
  switch (item.kind) {
    case 'single_choice':
    case 'true_false':
      return [pick(item.options.length)];
    case 'multi_choice':
      return [pick(item.options.length)];
    case 'ordering':
      return item.options.map((_, i) => (i + round) % item.options.length);
    case 'claim_check':
      return { verdict: ['true', 'false', 'misleading', 'unverifiable'][round % 4], evidence: [pick(item.options.length)] };
    case 'red_flags':
      return { marked: [pick(item.options.length)] };
    default:
      return { text: `Câu trả lời lần ${round}` };
  }
}

export async function autosave() {
  const server = await startBenchServer();
  const base = server.url;
  try {
    const admin = await login(base, 'thcs1-admin');
    const me = await call(base, 'GET', '/api/me', admin);
    const gv1Id = (await call(base, 'GET', '/api/users?q=gv1&role=teacher', admin)).items.find((u) => u.username === 'gv1').id;
    const year = (await call(base, 'GET', '/api/classes', admin))[0].schoolYear;
    const cls = await call(base, 'POST', '/api/classes', admin, { schoolId: me.schoolId, name: '9B', grade: 9, schoolYear: year, teacherIds: [gv1Id] });
    console.log(`autosave: creating ${STUDENTS} students…`);
    const ids = await pool(
      [...Array(STUDENTS).keys()],
      8,
      async (n) =>
        (
          await call(base, 'POST', '/api/users', admin, {
            username: `bench${n}`,
            fullName: `Học Sinh ${n}`,
            role: 'student',
            schoolId: me.schoolId,
            password: PASSWORD,
          })
        ).id,
    );
    for (let i = 0; i < ids.length; i += 200) await call(base, 'POST', `/api/classes/${cls.id}/students`, admin, { studentIds: ids.slice(i, i + 200) });
    const gv1 = await login(base, 'gv1');
    const lesson = (await call(base, 'GET', `/api/lessons?year=${year}&kind=SAFETY`, gv1))[0];
    const now = Date.now();
    const assignment = await call(base, 'POST', '/api/assignments', gv1, {
      lessonId: lesson.id,
      classIds: [cls.id],
      opensAt: new Date(now - 3600_000).toISOString(),
      dueAt: new Date(now + 86_400_000).toISOString(),
    });
    console.log('autosave: signing in and starting attempts…');
    const students = await pool(ids, 8, async (_, n) => {
      const token = await login(base, `bench${n}`, PASSWORD);
      const attempt = await call(base, 'POST', `/api/assignments/${assignment.id}/attempt`, token);
      return { token, attemptId: attempt.attemptId, last: new Map() };
    });
    const items = (await call(base, 'GET', `/api/lessons/${lesson.id}`, students[0].token)).items;

    let seq = 0;
    const save = async (s, item, round) => {
      const response = responseFor(item, round);
      const body = { response, seq: ++seq };
      const started = performance.now();
      await call(base, 'PUT', `/api/attempts/${s.attemptId}/responses/${item.id}`, s.token, body);
      s.last.set(item.id, response);
      return performance.now() - started;
    };

    // (a) Bursts: all students at once, one item after another.
    const burst = [];
    for (const [round, item] of items.entries()) burst.push(...(await Promise.all(students.map((s) => save(s, item, round)))));
    const b = percentiles(burst);

    // (b) Sustained: each student saves a random item every 1-3 s.
    const sustained = [];
    const until = performance.now() + SUSTAINED_SECONDS * 1000;
    await Promise.all(
      students.map(async (s, n) => {
        await new Promise((r) => setTimeout(r, Math.random() * 2000));
        for (let round = items.length; performance.now() < until; round++) {
          sustained.push(await save(s, items[(n + round) % items.length], round));
          await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
        }
      }),
    );
    const su = percentiles(sustained);

    // Nothing lost: one row per student × item, each holding the last acknowledged save.
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const rows = (await db.query(`SELECT attempt_id, item_id, response FROM response WHERE attempt_id = ANY($1)`, [students.map((s) => s.attemptId)])).rows;
    await db.end();
    const stored = new Map(rows.map((r) => [`${r.attempt_id}:${r.item_id}`, JSON.stringify(r.response)]));
    let lost = 0;
    for (const s of students) for (const [itemId, response] of s.last) if (stored.get(`${s.attemptId}:${itemId}`) !== JSON.stringify(response)) lost++;
    const expected = students.length * items.length;

    const fmt = (p) => `n=${p.n} p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`;
    console.log(`autosave burst (${STUDENTS} at once × ${items.length} items): ${fmt(b)}`);
    console.log(
      `autosave sustained (${STUDENTS} students, one save every 1-3 s each, ${SUSTAINED_SECONDS} s, ${(su.n / SUSTAINED_SECONDS).toFixed(0)} saves/s): ${fmt(su)}`,
    );
    console.log(`autosave rows: ${rows.length} of ${expected} expected; ${lost} not holding the last acknowledged save (target p99 < 150 ms, none lost)`);
    return { burst: b, sustained: su, rows: rows.length, expected, lost };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await autosave();
