// Coverage at the size of Hà Nội (issue: coverage): 1,000 schools, 25,000 classes, 1,000,000
// students, 16 required lessons, about 10 million submitted attempts, made by coverage-gen.mjs.
// Measures: GET /api/coverage (p50/p95/p99 over both levels), the annual report as XLSX and as
// PDF, and what the roll-up adds to one submit: the roll-up code itself, timed inside rolled-back
// transactions on real attempts, and whole submits through the API beside it.
//
//   node test/load/coverage.mjs                      generate into a fresh database, measure, drop it
//   BENCH_KEEP=1 node test/load/coverage.mjs         keep the database (its URL is printed)
//   BENCH_COVERAGE_DB=<url> node test/load/coverage.mjs   measure a database generated before
//   BENCH_SCHOOLS=40 node test/load/coverage.mjs     a smaller province, for a quick look
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

import { databaseUrl, SERVER_CLI, SERVER_DIST, uniqueDatabaseName, withAdmin } from '../support/db-admin.mjs';
import { percentiles, pool, startBenchServer } from './bench-server.mjs';
import { generateCoverageProvince } from './coverage-gen.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 200);
const PASSWORD = 'Bench@2026';
const round = (ms) => Math.round(ms * 10) / 10;
const fmt = (p) => `p50 ${round(p.p50)} ms, p95 ${round(p.p95)} ms, p99 ${round(p.p99)} ms, max ${round(p.max)} ms (n=${p.n})`;

async function call(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

async function prepare() {
  if (process.env.BENCH_COVERAGE_DB) return { url: process.env.BENCH_COVERAGE_DB, drop: async () => {} };
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = uniqueDatabaseName('tt_bench_cov');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(adminUrl, name);
  await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate'], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' } });
  const schools = Number(process.env.BENCH_SCHOOLS ?? 1000);
  const started = Date.now();
  const generated = await generateCoverageProvince(url, { schools });
  console.log(`coverage: generated in ${round((Date.now() - started) / 1000)} s: ${JSON.stringify(generated.counts)}`);
  console.log(`coverage: phases ${JSON.stringify(generated.timings)}`);
  console.log(`coverage: database size ${(generated.databaseBytes / 2 ** 30).toFixed(2)} GiB`);
  return {
    url,
    drop: async () => {
      if (process.env.BENCH_KEEP) return console.log(`coverage: kept ${url}`);
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The roll-up of one submit, alone: the server's own code on a real attempt, in a transaction rolled back. */
async function rollupAlone(url, attempts) {
  const { CoverageRollupsRepository } = await import(path.join(SERVER_DIST, 'rollups/coverage-rollups.repository.js'));
  const rollups = new CoverageRollupsRepository();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tx = { query: async (sql, params) => (await client.query(sql, params)).rows };
  const ms = [];
  try {
    for (const a of attempts) {
      await client.query('BEGIN');
      const t0 = performance.now();
      await rollups.submitted(tx, a.id, Number(a.percent));
      ms.push(performance.now() - t0);
      await client.query('ROLLBACK');
    }
  } finally {
    await client.end();
  }
  return percentiles(ms.slice(10));
}

export async function coverage() {
  const db = await prepare();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const server = await startBenchServer({}, { databaseUrl: db.url });
  const base = server.url;
  try {
    const { rows: sizes } = await client.query(
      `SELECT (SELECT count(*) FROM school)::int AS schools, (SELECT count(*) FROM attempt)::int AS attempts, pg_database_size(current_database()) AS bytes`,
    );
    console.log(`coverage: ${sizes[0].schools} schools, ${sizes[0].attempts} attempts, ${(sizes[0].bytes / 2 ** 30).toFixed(2)} GiB`);
    const { rows: depts } = await client.query(`SELECT username FROM app_user WHERE role = 'dept_admin' AND username LIKE 'bench%' LIMIT 1`);
    const token = (await (await call(base, 'POST', '/api/auth/login', null, { username: depts[0].username, password: PASSWORD })).json()).accessToken;
    const { rows: years } = await client.query(`SELECT DISTINCT school_year FROM school_class`);
    const year = years[0].school_year;

    // GET /api/coverage, both levels, one after another (what one Department user sees), then four at once.
    const levels = ['THCS', 'THPT'];
    for (let i = 0; i < 6; i++) await (await call(base, 'GET', `/api/coverage?year=${year}&level=${levels[i % 2]}`, token)).arrayBuffer();
    const one = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      bytes = (await (await call(base, 'GET', `/api/coverage?year=${year}&level=${levels[i % 2]}`, token)).arrayBuffer()).byteLength;
      one.push(performance.now() - t0);
    }
    console.log(`coverage: GET /api/coverage, sequential: ${fmt(percentiles(one))}; ${(bytes / 1024).toFixed(0)} KiB`);
    const four = [];
    await pool([...Array(REQUESTS).keys()], 4, async (i) => {
      const t0 = performance.now();
      await (await call(base, 'GET', `/api/coverage?year=${year}&level=${levels[i % 2]}`, token)).arrayBuffer();
      four.push(performance.now() - t0);
    });
    console.log(`coverage: GET /api/coverage, 4 at once: ${fmt(percentiles(four))}`);

    // The annual report, three times each way, with the progress token the client passes.
    for (const format of ['xlsx', 'pdf']) {
      const times = [];
      let size = 0;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        size = (await (await call(base, 'GET', `/api/reports/annual?year=${year}&format=${format}&progress=${randomUUID()}`, token)).arrayBuffer()).byteLength;
        times.push(performance.now() - t0);
      }
      console.log(`coverage: annual report ${format}: ${times.map((t) => `${round(t / 1000)} s`).join(', ')}; ${(size / 1024).toFixed(0)} KiB`);
    }

    // One submit's roll-up, alone, on real attempts of random students.
    const { rows: sample } = await client.query(`SELECT id, percent FROM attempt TABLESAMPLE SYSTEM (0.1) WHERE status = 'submitted' LIMIT $1`, [SUBMITS + 10]);
    console.log(`coverage: roll-up of one submit, alone: ${fmt(await rollupAlone(db.url, sample))}`);

    // Whole submits through the API: a new optional lesson for 100 classes, their students answer nothing and hand in.
    const { rows: students } = await client.query(
      `SELECT u.username, e.class_id AS "classId", c.school_id AS "schoolId", class_level(c.grade) AS level
         FROM app_user u JOIN enrollment e ON e.student_id = u.id JOIN school_class c ON c.id = e.class_id
        WHERE u.role = 'student' AND u.username LIKE 'b%' ORDER BY random() LIMIT $1`,
      [SUBMITS],
    );
    const { rows: lessons } = await client.query(
      `SELECT DISTINCT ON (c.level) c.level, l.id FROM curriculum c JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
         JOIN curriculum_lesson cl ON cl.version_id = v.id JOIN lesson l ON l.id = cl.lesson_id ORDER BY c.level, cl.required, cl.position DESC`,
    );
    const lessonOf = Object.fromEntries(lessons.map((l) => [l.level, l.id]));
    const assignmentOf = new Map();
    for (const s of students) {
      if (assignmentOf.has(s.classId)) continue;
      const { rows } = await client.query(
        `WITH a AS (INSERT INTO assignment (school_id, lesson_id, opens_at, due_at) VALUES ($1, $2, now() - interval '1 hour', now() + interval '7 days') RETURNING id)
         INSERT INTO assignment_class (assignment_id, class_id) SELECT id, $3 FROM a RETURNING assignment_id`,
        [s.schoolId, lessonOf[s.level], s.classId],
      );
      assignmentOf.set(s.classId, rows[0].assignment_id);
    }
    const ready = await pool(students, 4, async (s) => {
      const t = (await (await call(base, 'POST', '/api/auth/login', null, { username: s.username, password: PASSWORD })).json()).accessToken;
      const attempt = await (await call(base, 'POST', `/api/assignments/${assignmentOf.get(s.classId)}/attempt`, t)).json();
      return { token: t, attemptId: attempt.attemptId };
    });
    const submits = [];
    for (const r of ready) {
      const t0 = performance.now();
      await (await call(base, 'POST', `/api/attempts/${r.attemptId}/submit`, r.token)).arrayBuffer();
      submits.push(performance.now() - t0);
    }
    console.log(`coverage: POST /api/attempts/:id/submit (roll-up included), sequential: ${fmt(percentiles(submits))}`);
  } finally {
    await server.stop();
    await client.end();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await coverage();
