import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { ImportPreviewDto, ImportStatusDto } from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';
import yauzl from 'yauzl';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { SERVER_CLI } from '../../support/database.js';

/**
 * Issue 16 §1: an imported XLSX stored "Tr���n Khánh An" where the file said "Trần Khánh An",
 * and importing the file again called the row unchanged. exceljs's streaming reader decoded each
 * inflated chunk alone, so a character split between two chunks was lost. Here 100,000 students
 * whose names are all multi-byte Vietnamese go through the public API as XLSX and as CSV, with
 * characters split at the reader's chunk boundaries, and every stored name is compared with the
 * file byte for byte. A cell that holds U+FFFD is refused as ENCODING, and `cli check-names`
 * finds the names that older imports damaged.
 */
let app: TestApp;
let dept: Api;
let db: pg.Client;
let dir: string;
const ROWS = 100_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['Lớp', 'Khối', 'Họ và tên', 'Mã định danh'];
/** What readers.ts reads a CSV in (its CSV_CHUNK_BYTES): the file is built so that each of its boundaries falls inside a character. */
const CSV_CHUNK_BYTES = 64 * 1024;

// Every word has a letter of two or three bytes in UTF-8 (ầ, ữ are three; Đ, ă are two).
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lò',
  'Hà',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Quốc', 'Thùy', 'Bảo', 'Xuân', 'Mạnh', 'Diệu', 'Phước'];
const SECOND = ['Khánh', 'Hoài', 'Gia', 'Nhật', 'Thiên', 'Mỹ', 'Trúc', 'Tường', 'Quỳnh', 'Hải', 'Thế', 'Ánh'];
const GIVEN = [
  'Ầu',
  'Đạt',
  'Dũng',
  'Phương',
  'Quân',
  'Trường',
  'Hà',
  'Tú',
  'Thảo',
  'Hiền',
  'Nguyệt',
  'Tuấn',
  'Yến',
  'Sơn',
  'Hải',
  'Thư',
  'Đăng',
  'Lĩnh',
  'Ữ',
  'Hằng',
  'Ngân',
  'Mười',
  'Lộc',
  'Tâm',
  'Nhân',
  'Vỹ',
  'Oanh',
  'Châu',
  'Khuê',
  'Thoại',
  'Uyên',
  'Tiến',
  'Đào',
  'Sương',
  'Huệ',
  'Bích',
];

/** 20 × 12 × 12 × 36 = 103,680 different names: the XLSX's shared-strings table holds each, so it is megabytes of them. */
function nameOf(n: number): string {
  const k = (n * 7919) % (FAMILY.length * MIDDLE.length * SECOND.length * GIVEN.length);
  const given = k % GIVEN.length;
  const second = Math.floor(k / GIVEN.length) % SECOND.length;
  const middle = Math.floor(k / GIVEN.length / SECOND.length) % MIDDLE.length;
  const family = Math.floor(k / GIVEN.length / SECOND.length / MIDDLE.length);
  return `${FAMILY[family]} ${MIDDLE[middle]} ${SECOND[second]} ${GIVEN[given]}`.normalize('NFC');
}

interface Student {
  className: string;
  grade: number;
  name: string;
  code: string;
}

/** Classes named by their subject, as specialised classes are ("6 Toán1"): Vietnamese there too. */
const SUBJECTS = ['Toán', 'Văn', 'Lý', 'Hóa', 'Sử', 'Địa'];

function studentOf(n: number, prefix: string, name = nameOf(n)): Student {
  const grade = 6 + (n % 4);
  return {
    className: `${grade} ${SUBJECTS[Math.floor(n / 4) % 6]}${1 + (Math.floor(n / 24) % 8)}`,
    grade,
    name,
    code: `${prefix}${String(n).padStart(6, '0')}`,
  };
}

async function writeXlsx(file: string, students: Student[]): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(HEADERS).commit();
  for (const s of students) sheet.addRow([s.className, s.grade, s.name, s.code]).commit();
  await book.commit();
}

/**
 * A CSV whose every 64 KiB boundary falls inside a character: where a boundary would fall on a
 * character's first byte or between two lines, that row takes another name, one that puts a
 * character's second or third byte there or ends the row before the boundary.
 */
function csvStudents(prefix: string): { content: Buffer; students: Student[] } {
  const lines: Buffer[] = [Buffer.from(`\uFEFF${CSV_HEADERS.join(',')}\n`)];
  let offset = lines[0].length;
  const students: Student[] = [];
  for (let n = 0; n < ROWS; n++) {
    const boundary = Math.ceil((offset + 1) / CSV_CHUNK_BYTES) * CSV_CHUNK_BYTES;
    const fits = (line: Buffer) =>
      offset + line.length < boundary ? true : offset + line.length === boundary ? false : isContinuation(line[boundary - offset]);
    let student = studentOf(n, prefix);
    for (let attempt = 1; !fits(csvLine(student)); attempt++) {
      if (attempt > 1000) throw new Error(`no name puts a character on the boundary at ${boundary}`);
      student = studentOf(n, prefix, nameOf(n + attempt * 104));
    }
    students.push(student);
    lines.push(csvLine(student));
    offset += lines.at(-1)!.length;
  }
  return { content: Buffer.concat(lines), students };
}

/** The name first, and a short ASCII tail, so that some name always reaches a boundary; the grade comes from the class name. */
const CSV_HEADERS = ['Họ và tên', 'Lớp', 'Mã định danh'];
const csvLine = (s: Student) => Buffer.from(`${s.name},${s.className},${s.code}\n`);
/** The second or third byte of a UTF-8 character: a cut before it splits the character. */
const isContinuation = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** The boundaries between the inflated chunks of an XLSX part as yauzl gives them to the reader, and how many fall inside a character. */
async function splitBoundaries(file: string, part: string): Promise<{ boundaries: number; inside: number }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== part) continue;
      let boundaries = 0;
      let inside = 0;
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) {
        if (boundaries++ > 0 && isContinuation(chunk[0])) inside++;
      }
      return { boundaries: boundaries - 1, inside };
    }
    throw new Error(`${part} is not in ${file}`);
  } finally {
    zip.close();
  }
}

async function newSchool(name: string, ministryCode: string): Promise<string> {
  const res = await dept.post('/api/schools', { name, level: 'THCS', ministryCode });
  if (res.status !== 201 && res.status !== 200) throw new Error(`school: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function preview(file: { name: string; content: Uint8Array; type?: string }, schoolId: string): Promise<ImportPreviewDto> {
  const res = await dept.upload(`/api/imports?type=students&schoolId=${schoolId}`, file);
  if (res.status !== 200) throw new Error(`preview: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

async function confirm(importId: string): Promise<ImportStatusDto> {
  expect((await dept.post(`/api/imports/${importId}/confirm`)).status).toBe(202);
  for (;;) {
    const status = (await dept.get(`/api/imports/${importId}`)).body as ImportStatusDto;
    if (status.status === 'done' || status.status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every stored name of the school against the file's, as bytes: the rows that differ (at most five shown). */
async function storedAgainstFile(schoolId: string, students: Student[]): Promise<{ stored: number; differ: number; examples: string[] }> {
  const { rows } = await db.query<{ student_code: string; full_name: string }>(
    `SELECT student_code, full_name FROM app_user WHERE school_id = $1 AND role = 'student'`,
    [schoolId],
  );
  const byCode = new Map(rows.map((r) => [r.student_code, r.full_name]));
  const differ = students.filter((s) => !Buffer.from(byCode.get(s.code) ?? '', 'utf8').equals(Buffer.from(s.name, 'utf8')));
  return { stored: rows.length, differ: differ.length, examples: differ.slice(0, 5).map((s) => `${s.code}: file ${s.name}, stored ${byCode.get(s.code)}`) };
}

/** One class's roster as the API gives it (the progress matrix lists every enrolled student), against the file. */
async function rosterThroughApi(schoolId: string, students: Student[]): Promise<{ names: string[]; expected: string[] }> {
  const cls = (await db.query(`SELECT id, name FROM school_class WHERE school_id = $1 ORDER BY name LIMIT 1`, [schoolId])).rows[0];
  const progress = await dept.get(`/api/classes/${cls.id}/progress`);
  expect(progress.status).toBe(200);
  const names = (progress.body.students as { fullName: string }[]).map((s) => Buffer.from(s.fullName).toString('hex')).sort();
  const expected = students
    .filter((s) => s.className === cls.name)
    .map((s) => Buffer.from(s.name).toString('hex'))
    .sort();
  return { names, expected };
}

const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
const phases = (started: number, written: number, previewed: number, imported: number) =>
  `file ${seconds(started, written)}, preview ${seconds(written, previewed)}, import ${seconds(previewed, imported)}, compared ${seconds(imported, performance.now())}; ${seconds(started, performance.now())} in all`;

const cli = (args: string[]) =>
  promisify(execFile)(process.execPath, [SERVER_CLI, ...args], {
    env: { ...process.env, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

beforeAll(async () => {
  app = await startApp();
  dept = await new Api(app.url).signedIn('so-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'encoding-e2e-'));
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('100,000 Vietnamese names through the import, byte for byte', () => {
  it('stores every name of a 100,000-row XLSX exactly as the file holds it', async () => {
    const started = performance.now();
    const students = Array.from({ length: ROWS }, (_, n) => studentOf(n, 'EX'));
    expect(students.every((s) => s.name === s.name.normalize('NFC') && Buffer.byteLength(s.name) > s.name.length)).toBe(true);
    const file = path.join(dir, 'hoc-sinh.xlsx');
    await writeXlsx(file, students);
    // The premise: the reader gets the shared strings in chunks, and dozens of chunks start inside a character.
    const split = await splitBoundaries(file, 'xl/sharedStrings.xml');
    expect(split.boundaries).toBeGreaterThan(100);
    expect(split.inside).toBeGreaterThan(20);

    const written = performance.now();
    const schoolId = await newSchool('Trường THCS Thử chữ XLSX', '99000101');
    const shown = await preview({ name: 'hoc-sinh.xlsx', content: fs.readFileSync(file), type: XLSX }, schoolId);
    expect(shown.counts).toEqual({ create: ROWS, update: 0, unchanged: 0, error: 0 });
    const previewed = performance.now();
    expect((await confirm(shown.importId)).status).toBe('done');
    const imported = performance.now();
    expect(await storedAgainstFile(schoolId, students)).toEqual({ stored: ROWS, differ: 0, examples: [] });
    const roster = await rosterThroughApi(schoolId, students);
    expect(roster.names).toEqual(roster.expected);
    expect(roster.names.length).toBeGreaterThan(100);
    console.log(
      `encoding e2e: XLSX, ${ROWS.toLocaleString('en')} rows (${split.inside} of ${split.boundaries} chunk boundaries inside a character), ${phases(started, written, previewed, imported)}`,
    );
  });

  it('stores every name of a 100,000-row CSV whose every chunk boundary falls inside a character', async () => {
    const started = performance.now();
    const { content, students } = csvStudents('EC');
    const boundaries = Math.floor((content.length - 1) / CSV_CHUNK_BYTES);
    expect(boundaries).toBeGreaterThan(50);
    for (let b = 1; b <= boundaries; b++)
      expect({ at: b * CSV_CHUNK_BYTES, inside: isContinuation(content[b * CSV_CHUNK_BYTES]) }).toEqual({ at: b * CSV_CHUNK_BYTES, inside: true });
    expect(students.every((s) => s.name === s.name.normalize('NFC'))).toBe(true);

    const written = performance.now();
    const schoolId = await newSchool('Trường THCS Thử chữ CSV', '99000102');
    const shown = await preview({ name: 'hoc-sinh.csv', content, type: 'text/csv' }, schoolId);
    expect(shown.counts).toEqual({ create: ROWS, update: 0, unchanged: 0, error: 0 });
    const previewed = performance.now();
    expect((await confirm(shown.importId)).status).toBe('done');
    const imported = performance.now();
    expect(await storedAgainstFile(schoolId, students)).toEqual({ stored: ROWS, differ: 0, examples: [] });
    const roster = await rosterThroughApi(schoolId, students);
    expect(roster.names).toEqual(roster.expected);
    console.log(
      `encoding e2e: CSV, ${ROWS.toLocaleString('en')} rows (${boundaries} chunk boundaries, each inside a character), ${phases(started, written, previewed, imported)}`,
    );
  });
});

describe('a cell that holds U+FFFD', () => {
  const codes = async (schoolId: string) =>
    (await db.query(`SELECT student_code FROM app_user WHERE school_id = $1 ORDER BY 1`, [schoolId])).rows.map((r) => r.student_code);

  it('is an ENCODING error row naming its column, and is never stored (XLSX)', async () => {
    const schoolId = await newSchool('Trường THCS Thử lỗi phông XLSX', '99000103');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRows([
      HEADERS,
      ['8A1', 8, 'Trần Khánh An', 'FFFD0001'],
      ['8A1', 8, 'Tr\uFFFD\uFFFD\uFFFDn Khánh An', 'FFFD0002'],
      ['8A1', 8, 'Đặng Hữu Ầu', 'FFFD0003'],
    ]);
    const shown = await preview({ name: 'lop.xlsx', content: new Uint8Array(await book.xlsx.writeBuffer()), type: XLSX }, schoolId);
    expect(shown.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 1 });
    const refused = shown.rows.filter((r) => r.action === 'error');
    expect(refused.map((r) => ({ row: r.row, errors: r.errors.map((e) => [e.column, e.code]) }))).toEqual([{ row: 3, errors: [['Họ và tên', 'ENCODING']] }]);
    expect(refused[0].errors[0].message).toContain('U+FFFD');
    expect((await confirm(shown.importId)).status).toBe('done');
    expect(await codes(schoolId)).toEqual(['FFFD0001', 'FFFD0003']);
  });

  it('is an ENCODING error row when a CSV has bytes that are not UTF-8 past its first 4 KiB, and is never stored', async () => {
    const schoolId = await newSchool('Trường THCS Thử lỗi phông CSV', '99000104');
    const good = Array.from({ length: 120 }, (_, n) => csvLine(studentOf(n, 'FFCS')));
    // "Trần" with the last byte of ầ (E1 BA A7) missing: what a file cut by a broken tool holds.
    const broken = Buffer.concat([Buffer.from('Tr'), Buffer.from([0xe1, 0xba]), Buffer.from('n Khánh An,8A1,FFFDCSV1\n')]);
    const content = Buffer.concat([Buffer.from(`${CSV_HEADERS.join(',')}\n`), ...good, broken]);
    expect(content.indexOf(Buffer.from([0x72, 0xe1, 0xba, 0x6e]))).toBeGreaterThan(4096);
    const shown = await preview({ name: 'lop.csv', content, type: 'text/csv' }, schoolId);
    expect(shown.counts).toEqual({ create: 120, update: 0, unchanged: 0, error: 1 });
    expect(shown.rows.filter((r) => r.action === 'error').map((r) => ({ row: r.row, errors: r.errors.map((e) => [e.column, e.code]) }))).toEqual([
      { row: 122, errors: [['Họ và tên', 'ENCODING']] },
    ]);
    expect((await confirm(shown.importId)).status).toBe('done');
    const stored = await codes(schoolId);
    expect(stored).toHaveLength(120);
    expect(stored).not.toContain('FFFDCSV1');
  });
});

describe('cli check-names', () => {
  it('finds nothing after the imports above, then lists the names and lesson texts that hold U+FFFD, with their ids, and exits 2', async () => {
    const clean = await cli(['check-names']);
    expect(clean).toMatchObject({ code: 0, stdout: 'No stored name or lesson text holds U+FFFD.\n' });

    // What an import through the old reader left behind, put there with the test's database client.
    const user = (
      await db.query(`UPDATE app_user SET full_name = 'Tr' || chr(65533) || chr(65533) || chr(65533) || 'n Khánh An' WHERE username = 'hs3' RETURNING id`)
    ).rows[0].id;
    const cls = (
      await db.query(`UPDATE school_class SET name = '8A' || chr(65533) WHERE id = (SELECT id FROM school_class ORDER BY name, id LIMIT 1) RETURNING id`)
    ).rows[0].id;
    const school = (await db.query(`UPDATE school SET name = 'Trường THCS ' || chr(65533) || 'ông Kinh' WHERE ministry_code = '99000104' RETURNING id`)).rows[0]
      .id;
    // A lesson draft through the API, its title, a paragraph, an item's prompt and an option damaged the same way.
    const lesson = await dept.post('/api/lessons', {
      title: 'Nh\uFFFDn diện tin nhắn lừa đảo',
      kind: 'SAFETY',
      level: 'THCS',
      gradeMin: 6,
      gradeMax: 9,
      durationMinutes: 30,
      objectives: ['Nhận ra tin nhắn lừa đảo'],
      body: [{ type: 'paragraph', text: 'Đừng bấm vào đường link l\uFFFD.' }],
      items: [
        {
          kind: 'single_choice',
          prompt: 'Tin nhắn nào đáng ng\uFFFD?',
          feedback: 'Đúng vậy.',
          options: ['Nh\uFFFDn quà miễn phí', 'Lịch học tuần sau'],
          answer: [0],
        },
      ],
    });
    expect(lesson.status).toBe(201);
    const item = (await db.query(`SELECT item_id FROM lesson_item WHERE lesson_id = $1`, [lesson.body.id])).rows[0].item_id;

    const found = await cli(['check-names']);
    expect(found.code).toBe(2);
    const lines = found.stdout.split('\n');
    expect(lines[0]).toBe('kind\tid\tfield\tprovince\ttext');
    expect(lines).toContain(`user\t${user}\tfull_name\tDEMO\tTr\uFFFD\uFFFD\uFFFDn Khánh An`);
    expect(lines.some((l) => l.startsWith(`class\t${cls}\tname\t`) && l.endsWith('\t8A\uFFFD'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`school\t${school}\tname\t`) && l.endsWith('\tTrường THCS \uFFFDông Kinh'))).toBe(true);
    expect(lines).toContain(`lesson\t${lesson.body.id}\ttitle\tDEMO\tNh\uFFFDn diện tin nhắn lừa đảo`);
    expect(lines.some((l) => l.startsWith(`lesson\t${lesson.body.id}\tbody\tDEMO\t`) && l.includes('đường link l\uFFFD.'))).toBe(true);
    expect(lines).toContain(`item\t${item}\tprompt\tDEMO\tTin nhắn nào đáng ng\uFFFD?`);
    expect(lines.some((l) => l.startsWith(`item\t${item}\tcontent\tDEMO\t`) && l.includes('Nh\uFFFDn quà miễn phí'))).toBe(true);
    expect(lines.at(-2)).toBe('7 stored text(s) hold U+FFFD (\uFFFD), a character lost when a file was read: correct them, or import the file again.');
  });
});
