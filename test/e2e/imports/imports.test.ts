import { type ImportPreviewDto, type ImportStatusDto, type RolloverPreviewDto, schoolYearOf } from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';

/**
 * A generated 2,000-student workbook for THCS Đông Kinh with seven bad rows at known places:
 * the preview's counts and reasons are exact; confirming writes the rest in one go; the same
 * file again changes nothing; an edited file changes only what it edits.
 */
let app: TestApp;
let anon: Api;
let admin: Api;
let dept: Api;
let db: pg.Client;
let schoolId: string;
const year = schoolYearOf(testNow());
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['STT', 'Lớp', 'Khối', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Mã định danh'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Nam', 'Phương', 'Quân', 'Trang'];

type Cell = string | number | Date | { formula: string } | null;
interface Student {
  className: string;
  grade: number;
  name: string;
  birth: string | Date;
  gender: string;
  code: string;
}

function students(count: number): Student[] {
  return Array.from({ length: count }, (_, n) => {
    const grade = 6 + (n % 4);
    const day = 1 + (n % 28);
    const birthYear = testNow().getUTCFullYear() - 6 - grade;
    return {
      className: `${grade}A${1 + (Math.floor(n / 4) % 12)}`,
      grade,
      name: `${FAMILY[n % 8]} ${MIDDLE[n % 5]} ${GIVEN[n % 12]}`,
      // Every third birth date is a real date cell; the others are text as dd/mm/yyyy.
      birth: n % 3 === 0 ? new Date(Date.UTC(birthYear, n % 12, day)) : `${String(day).padStart(2, '0')}/${String(1 + (n % 12)).padStart(2, '0')}/${birthYear}`,
      gender: n % 2 ? 'Nam' : 'Nữ',
      code: `0012${String(100000 + n).padStart(8, '0')}`,
    };
  });
}

async function workbook(rows: Cell[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const row = (s: Student, n: number): Cell[] => [n, s.className, s.grade, s.name, s.birth, s.gender, s.code];
const BASE = students(2000);
/** The seven bad rows, by their place in the data (sheet row = index + 2), and what each must say. */
const BAD: Record<number, { cells: Partial<Record<number, Cell>>; column: string; code: string }> = {
  10: { cells: { 3: '' }, column: 'Họ và tên', code: 'REQUIRED' },
  200: { cells: { 4: '31/02/2012' }, column: 'Ngày sinh', code: 'DATE_NOT_EXIST' },
  333: { cells: { 1: '10A1', 2: 10 }, column: 'Khối', code: 'GRADE_NOT_IN_LEVEL' },
  500: { cells: { 6: BASE[5].code }, column: 'Mã định danh', code: 'DUPLICATE_IN_FILE' },
  777: { cells: { 3: { formula: 'HYPERLINK("http://lua.dao","Bấm vào đây")' } }, column: 'Họ và tên', code: 'FORMULA' },
  1200: { cells: { 5: 'X' }, column: 'Giới tính', code: 'GENDER_UNKNOWN' },
  1999: { cells: { 6: 'CL0000032' }, column: 'Mã định danh', code: 'ENROLLED_ELSEWHERE' },
};
function rowsOf(list: Student[]): Cell[][] {
  return list.map((s, i) => {
    const cells = row(s, i + 1);
    for (const [at, value] of Object.entries(BAD[i]?.cells ?? {})) cells[Number(at)] = value as Cell;
    return cells;
  });
}

async function preview(api: Api, file: Uint8Array, name = 'danh-sach.xlsx', query = ''): Promise<ImportPreviewDto> {
  const res = await api.upload(`/api/imports?type=students${query}`, { name, content: file, type: XLSX });
  if (res.status !== 200) throw new Error(`preview: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function confirm(api: Api, importId: string): Promise<ImportStatusDto> {
  const started = await api.post(`/api/imports/${importId}/confirm`);
  expect(started.status).toBe(202);
  expect(['running', 'done']).toContain(started.body.status);
  for (;;) {
    const status = (await api.get(`/api/imports/${importId}`)).body as ImportStatusDto;
    if (status.status === 'done' || status.status === 'failed') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const countStudents = async () => Number((await db.query(`SELECT count(*) FROM app_user WHERE school_id = $1 AND role = 'student'`, [schoolId])).rows[0].count);

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  admin = await anon.signedIn('thcs1-admin');
  dept = await anon.signedIn('so-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  schoolId = (await admin.get('/api/me')).body.schoolId;
  // A student of THCS Chi Lăng known to the province by a code the file reuses.
  await db.query(`UPDATE app_user SET student_code = 'CL0000032' WHERE username = 'hs32'`);
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
});

describe('importing students', () => {
  let first: ImportPreviewDto;
  const file = () => workbook(rowsOf(BASE));

  it('previews a 2,000-row workbook with exact counts and a reason per bad cell, writing nothing', async () => {
    const before = await countStudents();
    first = await preview(admin, await file());
    expect(first.counts).toEqual({ create: 1993, update: 0, unchanged: 0, error: 7 });
    const errors = first.rows.filter((r) => r.action === 'error');
    expect(errors.map((r) => ({ row: r.row, errors: r.errors.map((e) => [e.column, e.code]) }))).toEqual(
      Object.entries(BAD).map(([i, bad]) => ({ row: Number(i) + 2, errors: [[bad.column, bad.code]] })),
    );
    expect(errors.find((r) => r.row === 502)!.errors[0].message).toBe('the same code as row 7');
    expect(first.rows).toHaveLength(7 + 500);
    // 4 grades × 12 classes, of which the demo's 8A1 exists already.
    expect(first.creates.classes).toHaveLength(47);
    expect(await countStudents()).toBe(before);
    // Every row can be paged through.
    const page = await admin.get(`/api/imports/${first.importId}/rows?action=create&offset=1990&limit=100`);
    expect(page.body.total).toBe(1993);
    expect(page.body.items).toHaveLength(3);
  });

  it('writes the preview on confirm: accounts, classes, enrolments, one-time passwords on the login cards', async () => {
    const before = await countStudents();
    const done = await confirm(admin, first.importId);
    expect(done).toMatchObject({ status: 'done', progress: 100, counts: first.counts });
    expect(await countStudents()).toBe(before + 1993);
    const made = (
      await db.query(`SELECT username, must_change_password, password_hash FROM app_user WHERE school_id = $1 AND student_code LIKE '0012%'`, [schoolId])
    ).rows;
    expect(made).toHaveLength(1993);
    expect(made.every((u) => /^[a-z]+[0-9]*$/.test(u.username) && u.must_change_password && u.password_hash.startsWith('otp$'))).toBe(true);
    expect(new Set(made.map((u) => u.username)).size).toBe(1993);
    const enrolled = (
      await db.query(
        `SELECT c.name, count(*)::int AS n FROM enrollment e JOIN school_class c ON c.id = e.class_id JOIN app_user u ON u.id = e.student_id WHERE u.student_code LIKE '0012%' GROUP BY c.name`,
      )
    ).rows;
    expect(enrolled.reduce((n, r) => n + r.n, 0)).toBe(1993);
    expectProblem(await admin.post(`/api/imports/${first.importId}/confirm`), 409, 'IMPORT_NOT_PENDING');
    const audit = (await db.query(`SELECT detail FROM audit_event WHERE action = 'import.students' AND entity_id = $1`, [first.importId])).rows;
    expect(audit[0].detail.counts.create).toBe(1993);

    // The login cards of one class: each student's name, username and one-time password, which signs in once.
    const cls = (await db.query(`SELECT id FROM school_class WHERE school_id = $1 AND name = '6A1' AND school_year = $2`, [schoolId, year])).rows[0].id;
    const cards = await fetch(`${app.url}/api/classes/${cls}/login-cards`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(cards.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await cards.arrayBuffer()));
    const someone = (
      await db.query(
        `SELECT u.username, u.full_name FROM app_user u JOIN enrollment e ON e.student_id = u.id WHERE e.class_id = $1 ORDER BY u.full_name LIMIT 1`,
        [cls],
      )
    ).rows[0];
    expect(text).toContain(someone.full_name);
    const password = new RegExp(`Tên đăng nhập:\\s+${someone.username}\\s+Mật khẩu lần đầu:\\s+(\\S+)`).exec(text)?.[1];
    expect(password).toBeDefined();
    const login = await anon.post('/api/auth/login', { username: someone.username, password });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
  });

  it('changes nothing when the same file comes again', async () => {
    const again = await preview(admin, await file());
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 1993, error: 7 });
    const before = (await db.query(`SELECT max(updated_at) AS at, count(*)::int AS n FROM app_user WHERE school_id = $1`, [schoolId])).rows[0];
    expect((await confirm(admin, again.importId)).status).toBe('done');
    expect((await db.query(`SELECT max(updated_at) AS at, count(*)::int AS n FROM app_user WHERE school_id = $1`, [schoolId])).rows[0]).toEqual(before);
  });

  it('updates only what an edited file changes', async () => {
    const edited = BASE.map((s) => ({ ...s }));
    edited[20].name = 'Nguyễn Thị Mai Anh';
    edited[21].className = edited[25].className; // the same grade (21 and 25 are both grade 7)
    edited.push({ className: '6A1', grade: 6, name: 'Lò Văn Mới', birth: '01/02/2014', gender: 'Nam', code: '001299999999' });
    const next = await preview(admin, await workbook(rowsOf(edited)));
    expect(next.counts).toEqual({ create: 1, update: 2, unchanged: 1991, error: 7 });
    expect(next.rows.filter((r) => r.action === 'update').map((r) => [r.row, r.changes])).toEqual([
      [22, ['fullName']],
      [23, ['className']],
    ]);
    const at = testNow();
    expect((await confirm(admin, next.importId)).status).toBe('done');
    const touched = (
      await db.query(`SELECT student_code FROM app_user WHERE school_id = $1 AND (updated_at >= $2 OR created_at >= $2) ORDER BY 1`, [schoolId, at])
    ).rows;
    expect(touched.map((r) => r.student_code)).toEqual(['001299999999', BASE[20].code].sort());
    const moved = (
      await db.query(
        `SELECT c.name FROM enrollment e JOIN school_class c ON c.id = e.class_id JOIN app_user u ON u.id = e.student_id WHERE u.student_code = $1`,
        [BASE[21].code],
      )
    ).rows;
    expect(moved).toEqual([{ name: BASE[25].className }]);
  });

  it('reads CSV in UTF-8 with or without a byte order mark, with commas or semicolons', async () => {
    const lines = ['Lớp;Khối;Họ và tên;Ngày sinh;Giới tính;Mã định danh', '7A20;7;Hà Thị Thu;03/04/2013;Nữ;CSV0000001'];
    const withoutBom = await admin.upload('/api/imports?type=students', { name: 'lop.csv', content: lines.join('\r\n'), type: 'text/csv' });
    expect(withoutBom.status).toBe(200);
    expect(withoutBom.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 0 });
    expect(withoutBom.body.rows[0].values).toMatchObject({ 'Họ và tên': 'Hà Thị Thu', 'Ngày sinh': '03/04/2013' });
    const withBom = await admin.upload('/api/imports?type=students', {
      name: 'lop.csv',
      content: '\uFEFF' + lines.map((l) => l.replaceAll(';', ',')).join('\n'),
      type: 'text/csv',
    });
    expect(withBom.body.counts.create).toBe(1);
  });

  it('refuses bad files with a clear problem and writes nothing', async () => {
    const jobs = async () => Number((await db.query(`SELECT count(*) FROM import_job`)).rows[0].count);
    const before = await jobs();
    const huge = new Uint8Array(21 * 1024 * 1024).fill(65);
    expectProblem(await admin.upload('/api/imports?type=students', { name: 'to.csv', content: huge }), 413, 'FILE_TOO_LARGE');
    expectProblem(
      await admin.upload('/api/imports?type=students', {
        name: 'anh.xlsx',
        content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
      }),
      415,
      'UNSUPPORTED_FILE',
    );
    expectProblem(
      await admin.upload('/api/imports?type=students', { name: 'latin1.csv', content: new Uint8Array([0x4c, 0xe1, 0x70, 0x2c, 0x48, 0xf4, 0x0a]) }),
      415,
      'UNSUPPORTED_FILE',
    );
    const headers = expectProblem(
      await admin.upload('/api/imports?type=students', { name: 'lop.csv', content: 'Họ tên,Ngày sinh\nAn,01/01/2012\n' }),
      400,
      'IMPORT_HEADERS',
    );
    expect(headers.errors?.map((e) => e.field)).toEqual(['Lớp', 'Mã định danh']);
    expectProblem(await admin.post('/api/imports?type=students', { file: 'x' }), 415, 'UNSUPPORTED_FILE');
    expect(await jobs()).toBe(before);
  });

  it('keeps each school to its own: a school admin naming another school gets 403, a teacher 403, another province 404', async () => {
    const other = (await dept.get('/api/schools?q=Chi Lăng')).body.items[0].id as string;
    const small = await workbook([row(BASE[0], 1)]);
    expectProblem(await admin.upload(`/api/imports?type=students&schoolId=${other}`, { name: 'a.xlsx', content: small }), 403, 'FORBIDDEN');
    expectProblem(await (await anon.signedIn('gv1')).upload('/api/imports?type=students', { name: 'a.xlsx', content: small }), 403, 'FORBIDDEN');
    expectProblem(await admin.upload('/api/imports?type=schools', { name: 'a.xlsx', content: small }), 403, 'FORBIDDEN');
    const qt = (await (await anon.signedIn('so2-admin')).get('/api/schools')).body.items[0].id as string;
    expectProblem(await dept.upload(`/api/imports?type=students&schoolId=${qt}`, { name: 'a.xlsx', content: small }), 404);
    // The dept admin may import into any school of the province.
    expect((await dept.upload(`/api/imports?type=students&schoolId=${other}`, { name: 'a.xlsx', content: small, type: XLSX })).status).toBe(200);
  });
});

describe('importing schools', () => {
  it('creates and updates schools by their ministry code, with the areas they name', async () => {
    const csv = [
      'Mã trường,Tên trường,Cấp học,Xã/Phường',
      '20000101,Trường THCS Đông Kinh,THCS,Phường Đông Kinh',
      '20000901,Trường THCS Na Dương,Trung học cơ sở,Xã Na Dương',
      '20000201,Trường THPT Việt Bắc mới,THPT,Phường Đông Kinh',
      '20000902,Trường Tiểu học Kim Đồng,Tiểu học,',
    ].join('\n');
    const res = await dept.upload('/api/imports?type=schools', { name: 'truong.csv', content: csv, type: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 1 });
    expect(res.body.creates.areas).toEqual(['Xã Na Dương']);
    expect((await confirm(dept, res.body.importId)).status).toBe('done');
    const schools = (await dept.get('/api/schools?limit=100')).body.items as { name: string; ministryCode: string }[];
    expect(schools.find((s) => s.ministryCode === '20000901')?.name).toBe('Trường THCS Na Dương');
    expect(schools.find((s) => s.ministryCode === '20000201')?.name).toBe('Trường THPT Việt Bắc mới');
  });
});

describe('a new school year', () => {
  it('previews and moves classes up a grade with their students; the last grade leaves; running it again changes nothing', async () => {
    const next = `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(5)) + 1}`;
    const plan = (await admin.get(`/api/rollover?fromYear=${year}`)).body as RolloverPreviewDto;
    expect(plan.toYear).toBe(next);
    const eight = plan.classes.find((c) => c.name === '8A1')!;
    expect(eight.to).toEqual({ name: '9A1', grade: 9, exists: false });
    expect(plan.classes.filter((c) => c.grade === 9).every((c) => c.to === null)).toBe(true);
    expect(plan.counts.leaving).toBe(plan.classes.filter((c) => c.grade === 9).reduce((n, c) => n + c.students, 0));

    const done = await admin.post('/api/rollover', { fromYear: year });
    expect(done.status).toBe(200);
    expect(done.body.counts.enrolled).toBe(plan.counts.moving);
    const nineA1 = (
      await db.query(`SELECT id, grade, student_count FROM school_class WHERE school_id = $1 AND school_year = $2 AND name = '9A1'`, [schoolId, next])
    ).rows[0];
    expect(nineA1).toMatchObject({ grade: 9, student_count: eight.students });
    // Last year's class keeps its students and its work.
    expect((await admin.get(`/api/classes/${eight.id}/progress`)).body.students).toHaveLength(eight.students);
    const again = await admin.post('/api/rollover', { fromYear: year });
    expect(again.body.counts).toMatchObject({ enrolled: 0, alreadyThere: plan.classes.filter((c) => c.to).length });
  });
});

describe('password resets', () => {
  it('gives the student a new one-time password that the class login cards show, audited', async () => {
    const gv1 = await anon.signedIn('gv1');
    const hs5 = (await gv1.get('/api/users?q=hs5&role=student')).body.items.find((u: { username: string }) => u.username === 'hs5');
    const reset = await gv1.post(`/api/users/${hs5.id}/reset-password`);
    expect(reset.status).toBe(200);
    const cls = (await db.query(`SELECT e.class_id FROM enrollment e WHERE e.student_id = $1 AND e.school_year = $2`, [hs5.id, year])).rows[0].class_id;
    const text = await pdfText(
      new Uint8Array(await (await fetch(`${app.url}/api/classes/${cls}/login-cards`, { headers: { authorization: `Bearer ${gv1.token}` } })).arrayBuffer()),
    );
    expect(text).toMatch(new RegExp(`hs5\\s+Mật khẩu lần đầu:\\s+${reset.body.temporaryPassword}`));
    expect((await anon.post('/api/auth/login', { username: 'hs5', password: reset.body.temporaryPassword })).body.user.mustChangePassword).toBe(true);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'user.password_reset' AND entity_id = $1`, [hs5.id])).rows[0].n).toBe(1);
  });
});
