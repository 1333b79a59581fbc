import { schoolYearOf } from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';

/**
 * Lists of people, schools and classes come in Vietnamese order (ICU `vi`: base letters first,
 * Đ after D, tones second), never in byte order. Every fixture below is one that byte order
 * gets wrong: "Hoàng" < "Hà" and "Vy" < "Đạt" in UTF-8 bytes.
 */
let app: TestApp;
let dept: Api;
let gv: Api;
let classId: string;
let schoolId: string;
const year = schoolYearOf(testNow());

const STUDENTS = ['Hoàng Thị Mai', 'Bùi Gia Vy', 'Nguyễn Thị Hà', 'Đỗ Văn An', 'Hà Thị Mai', 'Lê Minh Hoàng', 'Bùi Gia Đạt', 'Dương Văn An'];
/** By full name, the way a directory lists people. */
const BY_FULL_NAME = ['Bùi Gia Đạt', 'Bùi Gia Vy', 'Dương Văn An', 'Đỗ Văn An', 'Hà Thị Mai', 'Hoàng Thị Mai', 'Lê Minh Hoàng', 'Nguyễn Thị Hà'];
/** By given name (the last word), then full name, the way a class list is read out. */
const BY_GIVEN_NAME = ['Dương Văn An', 'Đỗ Văn An', 'Bùi Gia Đạt', 'Nguyễn Thị Hà', 'Lê Minh Hoàng', 'Hà Thị Mai', 'Hoàng Thị Mai', 'Bùi Gia Vy'];
const byBytes = (names: string[]) => [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
const givenThenFull = (a: string, b: string) => {
  const given = (n: string) => Buffer.from(n.split(' ').pop()!);
  return Buffer.compare(given(a), given(b)) || Buffer.compare(Buffer.from(a), Buffer.from(b));
};

beforeAll(async () => {
  app = await startApp();
  const anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  const areas = (await dept.get('/api/areas')).body as { id: string }[];
  const school = await dept.post('/api/schools', { name: 'Trường THCS Hoàng Hoa Thám', level: 'THCS', ministryCode: '20000917', areaId: areas[0].id });
  expect(school.status).toBe(201);
  schoolId = school.body.id;
  expect((await dept.post('/api/schools', { name: 'Trường THCS Hà Huy Tập', level: 'THCS', ministryCode: '20000918', areaId: areas[0].id })).status).toBe(201);
  const teacher = await dept.post('/api/users', { username: 'gv.hht', fullName: 'Phạm Thu Hà', role: 'teacher', schoolId, password: 'Matkhau2026' });
  expect(teacher.status).toBe(201);
  for (const name of ['6E', '6Đ']) {
    const c = await dept.post('/api/classes', { schoolId, name, grade: 6, schoolYear: year, teacherIds: [teacher.body.id] });
    expect(c.status).toBe(201);
    if (name === '6Đ') classId = c.body.id;
  }
  const ids: string[] = [];
  for (const [i, fullName] of STUDENTS.entries()) {
    const s = await dept.post('/api/users', { username: `hht.hs${i + 1}`, fullName, role: 'student', schoolId, password: 'Matkhau2026' });
    expect(s.status).toBe(201);
    ids.push(s.body.id);
  }
  expect((await dept.post(`/api/classes/${classId}/students`, { studentIds: ids })).status).toBe(200);
  gv = await anon.signedIn('gv.hht', 'Matkhau2026');
});
afterAll(async () => {
  await app?.stop();
});

it('the fixtures are ones byte order gets wrong', () => {
  expect(byBytes(STUDENTS)).not.toEqual(BY_FULL_NAME);
  expect([...STUDENTS].sort(givenThenFull)).not.toEqual(BY_GIVEN_NAME);
  // ICU's vi in Node agrees with the hand-written lists.
  const vi = new Intl.Collator('vi');
  expect([...STUDENTS].sort(vi.compare)).toEqual(BY_FULL_NAME);
});

it('the users list sorts people by full name in Vietnamese order', async () => {
  const res = await dept.get(`/api/users?schoolId=${schoolId}&role=student&limit=100`);
  expect(res.status).toBe(200);
  expect(res.body.items.map((u: { fullName: string }) => u.fullName)).toEqual(BY_FULL_NAME);
});

it('the class roster and the progress matrix list students by given name, then full name, in Vietnamese order', async () => {
  const roster = await gv.get(`/api/classes/${classId}/students`);
  expect(roster.status).toBe(200);
  expect(roster.body.map((u: { fullName: string }) => u.fullName)).toEqual(BY_GIVEN_NAME);
  const progress = await gv.get(`/api/classes/${classId}/progress`);
  expect(progress.status).toBe(200);
  expect(progress.body.students.map((s: { fullName: string }) => s.fullName)).toEqual(BY_GIVEN_NAME);
});

it('the progress workbook lists the students in the same order', async () => {
  const res = await fetch(`${app.url}/api/classes/${classId}/progress?format=xlsx`, { headers: { authorization: `Bearer ${gv.token}` } });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const sheet = book.getWorksheet('Tiến độ')!;
  const names = BY_GIVEN_NAME.map((_, i) => sheet.getRow(i + 2).getCell(2).value);
  expect(names).toEqual(BY_GIVEN_NAME);
});

it('schools and classes come in Vietnamese order: Hà before Hoàng, 6Đ before 6E', async () => {
  const schools = (await dept.get('/api/schools?limit=100')).body.items.map((s: { name: string }) => s.name);
  expect(schools.indexOf('Trường THCS Hà Huy Tập')).toBeGreaterThanOrEqual(0);
  expect(schools.indexOf('Trường THCS Hà Huy Tập')).toBeLessThan(schools.indexOf('Trường THCS Hoàng Hoa Thám'));
  const classes = (await gv.get('/api/classes')).body.map((c: { name: string }) => c.name);
  expect(classes).toEqual(['6Đ', '6E']);
});
