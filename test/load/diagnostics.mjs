// Diagnostics results at the size of Hà Nội (issue: pre/post diagnostics): 1,000 THCS schools,
// 20,000 classes, 500,000 students with a pre and a post test, made by diagnostics-gen.mjs.
// Target: GET /api/diagnostics/:id/results at province scope p95 ≤ 300 ms, from the roll-ups.
// Measures the province page (dept admin) one at a time and four at once, and the school page
// (?schoolId=); then checks the figures: the class sums against studentContribution over every
// student row, and every group the API shows (province, areas, schools, the classes of a few
// schools) against summarize()/visibleSummary() over those sums, all computed here in JS with
// the built shared package; and times each query of the page, with EXPLAIN ANALYZE of schoolSums.
//
//   node test/load/diagnostics.mjs                         generate into a fresh database, measure, drop it
//   BENCH_KEEP=1 node test/load/diagnostics.mjs            keep the database (its URL is printed)
//   BENCH_DIAGNOSTICS_DB=<url> node test/load/diagnostics.mjs   measure a database generated before
//   BENCH_SCHOOLS=40 node test/load/diagnostics.mjs        a smaller province, for a quick look
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { addSums, DIAGNOSTIC_SUM_KEYS, emptySums, studentContribution, summarize, visibleSummary } from '@tinhtao/shared';
import pg from 'pg';

import { databaseUrl, SERVER_CLI, SERVER_DIST, uniqueDatabaseName, withAdmin } from '../support/db-admin.mjs';
import { percentiles, pool, startBenchServer } from './bench-server.mjs';
import { BENCH_PASSWORD, checkDiagnosticsProvince, generateDiagnosticsProvince, sumColumn } from './diagnostics-gen.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 10;
/** Schools whose school page (every class) is checked against the student rows. */
const CHECKED_SCHOOLS = 5;
const TOLERANCE = 1e-6;
const round = (ms) => Math.round(ms * 10) / 10;
const fmt = (p) => `p50 ${round(p.p50)} ms, p95 ${round(p.p95)} ms, p99 ${round(p.p99)} ms, max ${round(p.max)} ms (n=${p.n})`;
const log = (...args) => console.log('diagnostics:', ...args);

async function call(base, method, url, token, body) {
  const res = await fetch(base + url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

async function prepare() {
  if (process.env.BENCH_DIAGNOSTICS_DB) return { url: process.env.BENCH_DIAGNOSTICS_DB, drop: async () => {} };
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = uniqueDatabaseName('tt_bench_diag');
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(adminUrl, name);
  const drop = async () => {
    if (process.env.BENCH_KEEP) return log(`kept ${url}`);
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate'], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' } });
    const started = Date.now();
    const generated = await generateDiagnosticsProvince(url, { schools: Number(process.env.BENCH_SCHOOLS ?? 1000) });
    log(`generated in ${round((Date.now() - started) / 1000)} s: ${JSON.stringify(generated.counts)}`);
    log(`phases (ms) ${JSON.stringify(generated.timings)}`);
    log(`database size ${(generated.databaseBytes / 2 ** 30).toFixed(2)} GiB`);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

/** Compares two figures trees: numbers within TOLERANCE (relative above 1), everything else exactly. */
function compare(expected, actual, where, out) {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    const diff = Math.abs(expected - actual) / scale;
    out.maxDiff = Math.max(out.maxDiff, diff);
    out.numbers++;
    if (!(diff <= TOLERANCE)) out.bad.push(`${where}: expected ${expected}, got ${actual}`);
  } else if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) compare(expected[k], actual[k], `${where}.${k}`, out);
  } else if (expected !== actual) out.bad.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** What the API shows for a group (service.ts toGroup): computed here from JS sums. */
const expectedGroup = (sums) => ({ students: Math.max(sums.preN, sums.postN), summary: visibleSummary(sums) });

/**
 * The figures, from scratch: every student row through studentContribution, added per class, school,
 * area and province; compared with the stored class sums and with what the API returns.
 */
async function verify(client, base, token, diagnosticId) {
  const { rows: schools } = await client.query(
    `SELECT s.id, COALESCE(s.area_id::text, '') AS area FROM school s JOIN diagnostic d ON d.province_id = s.province_id WHERE d.id = $1 ORDER BY s.id`,
    [diagnosticId],
  );
  const classSums = new Map();
  const classSchool = new Map();
  let students = 0;
  for (let i = 0; i < schools.length; i += 100) {
    const { rows } = await client.query(
      `SELECT ds.class_id AS "classId", c.school_id AS "schoolId", ds.pre, ds.post
         FROM diagnostic_student ds JOIN school_class c ON c.id = ds.class_id WHERE ds.diagnostic_id = $1 AND c.school_id = ANY($2)`,
      [diagnosticId, schools.slice(i, i + 100).map((s) => s.id)],
    );
    for (const r of rows) {
      classSums.set(r.classId, addSums(classSums.get(r.classId) ?? emptySums(), studentContribution(r.pre, r.post)));
      classSchool.set(r.classId, r.schoolId);
    }
    students += rows.length;
  }
  const bySchool = new Map();
  for (const [classId, sums] of classSums) bySchool.set(classSchool.get(classId), addSums(bySchool.get(classSchool.get(classId)) ?? emptySums(), sums));
  const byArea = new Map();
  for (const s of schools) if (bySchool.has(s.id)) byArea.set(s.area, addSums(byArea.get(s.area) ?? emptySums(), bySchool.get(s.id)));
  const province = [...bySchool.values()].reduce(addSums, emptySums());

  // 1. The stored class sums (CLASS_SUMS_SQL) against studentContribution, key by key.
  const stored = { maxDiff: 0, numbers: 0, bad: [] };
  const { rows: sumRows } = await client.query(
    `SELECT class_id AS "classId", ${DIAGNOSTIC_SUM_KEYS.map((k) => `${sumColumn(k)} AS "${k}"`).join(', ')} FROM diagnostic_class_sums WHERE diagnostic_id = $1`,
    [diagnosticId],
  );
  if (sumRows.length !== classSums.size) stored.bad.push(`${sumRows.length} class sums rows for ${classSums.size} classes with students`);
  for (const r of sumRows) {
    const { classId, ...sums } = r;
    compare(classSums.get(classId) ?? null, sums, `class ${classId}`, stored);
  }

  // 2. The province page: total, areas, schools.
  const api = { maxDiff: 0, numbers: 0, bad: [] };
  const page = await (await call(base, 'GET', `/api/diagnostics/${diagnosticId}/results`, token)).json();
  const groups = (list) => new Map(list.map((g) => [g.id, { students: g.students, summary: g.summary }]));
  compare(expectedGroup(province), { students: page.total.students, summary: page.total.summary }, 'province', api);
  const apiAreas = groups(page.areas);
  const apiSchools = groups(page.schools);
  if (apiAreas.size !== byArea.size) api.bad.push(`${apiAreas.size} areas shown, ${byArea.size} expected`);
  if (apiSchools.size !== bySchool.size) api.bad.push(`${apiSchools.size} schools shown, ${bySchool.size} expected`);
  for (const [area, sums] of byArea) compare(expectedGroup(sums), apiAreas.get(area) ?? null, `area ${area}`, api);
  for (const [school, sums] of bySchool) compare(expectedGroup(sums), apiSchools.get(school) ?? null, `school ${school}`, api);

  // 3. A few school pages: each class and the school's total.
  const ids = [...bySchool.keys()].sort();
  const picked = [
    ...new Set([0, ids.length - 1, Math.floor(ids.length / 2), Math.floor(ids.length / 3), Math.floor((2 * ids.length) / 3)].map((i) => ids[i])),
  ].slice(0, CHECKED_SCHOOLS);
  let classesChecked = 0;
  let classesFullyShown = 0;
  for (const schoolId of picked) {
    const school = await (await call(base, 'GET', `/api/diagnostics/${diagnosticId}/results?schoolId=${schoolId}`, token)).json();
    compare(expectedGroup(bySchool.get(schoolId)), { students: school.total.students, summary: school.total.summary }, `school page ${schoolId}`, api);
    const apiClasses = groups(school.classes);
    for (const [classId, sums] of classSums) {
      if (classSchool.get(classId) !== schoolId) continue;
      compare(expectedGroup(sums), apiClasses.get(classId) ?? null, `class ${classId}`, api);
      // Every class checked here is over MIN_GROUP_SIZE, so what is shown is summarize() itself.
      compare({ summary: summarize(sums) }, { summary: apiClasses.get(classId)?.summary ?? null }, `class ${classId} (summarize)`, api);
      classesChecked++;
      if (JSON.stringify(visibleSummary(sums)) === JSON.stringify(summarize(sums))) classesFullyShown++;
    }
  }
  return {
    students,
    classes: classSums.size,
    schools: bySchool.size,
    areas: byArea.size,
    stored,
    api,
    picked,
    classesChecked,
    classesFullyShown,
    province: summarize(province),
  };
}

/** The SQL of the results page's repository calls, taken from the server's own DiagnosticsRepository. */
async function pageQueries(d) {
  const { DiagnosticsRepository } = await import(path.join(SERVER_DIST, 'diagnostics/diagnostics.repository.js'));
  let captured;
  const repo = new DiagnosticsRepository({ query: async (sql, params) => ((captured = { sql, params }), []) });
  const take = async (name, work) => (await work(), { name, ...captured });
  return [
    await take('list (rounds)', () => repo.list(d.provinceId, [d.level], null, d.id)),
    await take('schoolSums', () => repo.schoolSums(d.id, null)),
    await take('tagTallies', () => repo.tagTallies(d.id, null)),
    await take('itemSums', () => repo.itemSums(d.id, null)),
    await take('items', () => repo.items(d.id)),
  ];
}

export async function diagnostics() {
  const db = await prepare();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  let server;
  try {
    const {
      rows: [d],
    } = await client.query(`SELECT id, province_id AS "provinceId", level FROM diagnostic ORDER BY created_at LIMIT 1`);
    const {
      rows: [sizes],
    } = await client.query(
      `SELECT (SELECT count(*) FROM school)::int AS schools, (SELECT count(*) FROM school_class)::int AS classes,
              (SELECT count(*) FROM diagnostic_student WHERE diagnostic_id = $1)::int AS students,
              (SELECT count(*) FROM diagnostic_student WHERE diagnostic_id = $1 AND pre IS NOT NULL AND post IS NOT NULL)::int AS paired,
              pg_database_size(current_database()) AS bytes`,
      [d.id],
    );
    log(
      `${sizes.schools} schools, ${sizes.classes} classes, ${sizes.students} students (${sizes.paired} with pre and post), ${(sizes.bytes / 2 ** 30).toFixed(2)} GiB`,
    );
    const { checks } = await checkDiagnosticsProvince(db.url, d.id);
    for (const c of checks) log(`check ${c.ok ? 'ok' : 'FAILED'}: ${c.check} (${c.detail})`);

    server = await startBenchServer({}, { databaseUrl: db.url });
    const base = server.url;
    const { rows: depts } = await client.query(`SELECT username FROM app_user WHERE role = 'dept_admin' AND province_id = $1 LIMIT 1`, [d.provinceId]);
    const token = (await (await call(base, 'POST', '/api/auth/login', null, { username: depts[0].username, password: BENCH_PASSWORD })).json()).accessToken;
    const { rows: schoolRows } = await client.query(`SELECT id FROM school WHERE province_id = $1 ORDER BY hashtext(id::text) LIMIT $2`, [
      d.provinceId,
      REQUESTS,
    ]);
    const province = `/api/diagnostics/${d.id}/results`;
    const school = (i) => `${province}?schoolId=${schoolRows[i % schoolRows.length].id}`;
    const timed = async (url) => {
      const t0 = performance.now();
      const bytes = (await (await call(base, 'GET', url, token)).arrayBuffer()).byteLength;
      return { ms: performance.now() - t0, bytes };
    };

    for (let i = 0; i < WARMUP; i++) {
      await timed(province);
      await timed(school(i));
    }
    const one = [];
    let bytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await timed(province);
      one.push(r.ms);
      bytes = r.bytes;
    }
    const p1 = percentiles(one);
    log(`GET ${province.replace(d.id, ':id')} (province, dept admin), sequential: ${fmt(p1)}; ${(bytes / 1024).toFixed(0)} KiB of JSON`);
    const four = await pool([...Array(REQUESTS).keys()], 4, async () => (await timed(province)).ms);
    log(`the same, 4 at once: ${fmt(percentiles(four))}`);
    const schoolMs = [];
    let schoolBytes = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const r = await timed(school(i));
      schoolMs.push(r.ms);
      schoolBytes = r.bytes;
    }
    log(`?schoolId= (${schoolRows.length} different schools), sequential: ${fmt(percentiles(schoolMs))}; ${(schoolBytes / 1024).toFixed(0)} KiB`);
    log(`target p95 ≤ 300 ms: ${p1.p95 <= 300 ? 'met' : 'NOT MET'} (province p95 ${round(p1.p95)} ms)`);

    // Where the time goes: each query of the province page alone (median of 20), and schoolSums' plan.
    for (const query of await pageQueries(d)) {
      const ms = [];
      let rowCount = 0;
      for (let i = 0; i < 21; i++) {
        const t0 = performance.now();
        rowCount = (await client.query(query.sql, query.params)).rowCount;
        if (i > 0) ms.push(performance.now() - t0);
      }
      log(`query ${query.name}: median ${round(percentiles(ms).p50)} ms, ${rowCount} rows`);
      if (query.name === 'schoolSums') {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
        const plan = rows.map((r) => r['QUERY PLAN']);
        if (query.name === 'schoolSums' || process.env.BENCH_PLANS) console.log(plan.map((l) => `    ${l}`).join('\n'));
        else log(`  ${plan.filter((l) => /Execution Time|Planning Time/.test(l)).join(', ')}`);
      }
    }

    // The figures, checked from the student rows (after the timing, so that it does not disturb it).
    const t0 = performance.now();
    const v = await verify(client, base, token, d.id);
    log(
      `verified in ${round((performance.now() - t0) / 1000)} s: ${v.students} student rows through studentContribution into ${v.classes} classes, ${v.schools} schools, ${v.areas} areas`,
    );
    log(
      `  stored class sums vs JS: ${v.stored.numbers} numbers, max relative difference ${v.stored.maxDiff.toExponential(2)}, ${v.stored.bad.length} over ${TOLERANCE}`,
    );
    log(
      `  API vs summarize()/visibleSummary() of the JS sums: province, ${v.areas} areas, ${v.schools} schools, and ${v.classesChecked} classes of ${v.picked.length} schools ` +
        `(${v.classesFullyShown} of them with every figure shown, = summarize()): ${v.api.numbers} numbers, max difference ${v.api.maxDiff.toExponential(2)}, ${v.api.bad.length} over ${TOLERANCE}`,
    );
    for (const line of [...v.stored.bad, ...v.api.bad].slice(0, 10)) log(`  MISMATCH ${line}`);
    const p = v.province;
    const f = (x, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
    log(
      `  province figures: pre ${f(p.pre?.mean)}% (sd ${f(p.pre?.sd)}), post ${f(p.post?.mean)}%, gain ${f(p.gain?.mean)} [${f(p.gain?.low)}, ${f(p.gain?.high)}] points, ` +
        `normalised gain ${f(p.normalizedGain?.mean, 3)}, improved ${f(100 * p.improvedShare, 1)}%, discernment ${f(p.discernment?.pre, 3)} → ${f(p.discernment?.post, 3)}, ` +
        `skepticism ${f(p.skepticism?.pre, 3)} → ${f(p.skepticism?.post, 3)}`,
    );
    if (checks.some((c) => !c.ok) || v.stored.bad.length > 0 || v.api.bad.length > 0) {
      process.exitCode = 1;
      log('FAILED: the figures do not match');
    }
  } finally {
    if (server) await server.stop();
    await client.end();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await diagnostics();
