// 100,000 students in one file (issue: bulk import): preview ≤ 20 s, import ≤ 60 s, memory
// bounded, and no name damaged on the way (issue 16: it counts stored names holding U+FFFD). Writes the file with exceljs's streaming writer (and the same rows as CSV), uploads it
// through the public API to a built server on a fresh database with the demo data, as the dept
// admin into one school, and follows the import to the end. The server's peak RSS is read from
// /proc while it works.
//
//   node test/load/imports.mjs            both formats
//   BENCH_ROWS=20000 node test/load/imports.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import pg from 'pg';

import { startBenchServer } from './bench-server.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức', 'Thu', 'Quang', 'Hoài', 'Gia', 'Bảo'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Khánh',
  'Linh',
  'Nam',
  'Phương',
  'Quân',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
  'Sơn',
  'Hải',
  'Lan',
  'Mai',
  'Long',
];
const HEADERS = ['STT', 'Lớp', 'Khối', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Mã định danh'];
const round = (n) => Math.round(n * 10) / 10;

function student(n, year, prefix) {
  const grade = 6 + (n % 4);
  return [
    n + 1,
    `${grade}A${1 + (Math.floor(n / 4) % 60)}`,
    grade,
    `${FAMILY[n % 16]} ${MIDDLE[Math.floor(n / 16) % 10]} ${GIVEN[Math.floor(n / 160) % 20]}`,
    `${String(1 + (n % 28)).padStart(2, '0')}/${String(1 + (n % 12)).padStart(2, '0')}/${year - 6 - grade}`,
    n % 2 ? 'Nam' : 'Nữ',
    `${prefix}${String(n).padStart(8, '0')}`,
  ];
}

async function writeFiles(dir) {
  const year = new Date().getUTCFullYear();
  const xlsx = path.join(dir, `hoc-sinh-${ROWS}.xlsx`);
  const csv = path.join(dir, `hoc-sinh-${ROWS}.csv`);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(HEADERS).commit();
  const out = fs.createWriteStream(csv);
  out.write('\uFEFF' + HEADERS.join(',') + '\n');
  for (let n = 0; n < ROWS; n++) {
    // The two files name different students: each run imports 100,000 new ones.
    sheet.addRow(student(n, year, '0010')).commit();
    if (!out.write(student(n, year, '0011').join(',') + '\n')) await new Promise((r) => out.once('drain', r));
  }
  await book.commit();
  await new Promise((r) => out.end(r));
  return { xlsx, csv };
}

/** The server's resident memory, sampled every 100 ms until stopped: the peak. */
function watchRss(pid) {
  let peak = 0;
  const read = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // the process is gone: keep the last reading
    }
  };
  read();
  const timer = setInterval(read, 100);
  return { stop: () => (clearInterval(timer), read(), peak), now: () => (read(), peak) };
}

async function call(base, method, url, token, body) {
  const res = await fetch(base + url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

async function once(format, file, server) {
  const base = server.url;
  const login = await (
    await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'so-admin', password: 'Demo@2026' }),
    })
  ).json();
  const token = login.accessToken;
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  // A fresh school per run, so that each format imports 100,000 new students.
  const school = await call(base, 'POST', '/api/schools', token, {
    name: `Trường THCS Thử tải ${format.toUpperCase()}`,
    level: 'THCS',
    ministryCode: `9900${format === 'csv' ? 1 : 2}`,
  });
  const rss = watchRss(server.pid);
  const idle = rss.now();
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const t0 = performance.now();
  const res = await fetch(`${base}/api/imports?type=students&schoolId=${school.id}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const preview = await res.json();
  if (res.status !== 200) throw new Error(`preview: ${res.status} ${JSON.stringify(preview).slice(0, 300)}`);
  const previewMs = performance.now() - t0;
  const t1 = performance.now();
  await call(base, 'POST', `/api/imports/${preview.importId}/confirm`, token);
  let status;
  let polls = 0;
  for (;;) {
    status = await call(base, 'GET', `/api/imports/${preview.importId}`, token);
    polls++;
    if (status.status === 'done' || status.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const importMs = performance.now() - t1;
  const peak = rss.stop();
  if (status.status !== 'done') throw new Error(`import failed: ${status.error}`);
  const { rows } = await db.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE strpos(full_name, chr(65533)) > 0)::int AS broken FROM app_user WHERE school_id = $1`,
    [school.id],
  );
  await db.end();
  console.log(
    `imports: ${format} ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB, ${ROWS.toLocaleString('en')} rows: preview ${round(previewMs / 1000)} s (${JSON.stringify(preview.counts)}), ` +
      `import ${round(importMs / 1000)} s (${polls} polls, ${rows[0].n.toLocaleString('en')} accounts, ${rows[0].broken} names with U+FFFD), server RSS idle ${Math.round(idle / 2 ** 20)} MiB, peak ${Math.round(peak / 2 ** 20)} MiB`,
  );
}

export async function imports() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-import-bench-'));
  const started = performance.now();
  const files = await writeFiles(dir);
  console.log(`imports: wrote ${ROWS.toLocaleString('en')} rows as XLSX and CSV in ${round((performance.now() - started) / 1000)} s`);
  const server = await startBenchServer();
  try {
    await once('xlsx', files.xlsx, server);
    await once('csv', files.csv, server);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await imports();
