import { type CoverageDto, daysUntil, schoolYearOf } from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';

/**
 * A province that reports every quarter (the second demo province), with work spread over the
 * school year's months. The work is done through the API, then each attempt is dated in the month
 * chosen for it and the roll-ups are rebuilt from the attempts (the same rebuild a new pass mark
 * runs), so that nothing depends on today's date. Four required SAFETY lessons, threshold 50%,
 * THCS SAFETY target 50%, quarterly reports due on the 10th:
 *
 *   Quý Một (4 students):  Sep: students 0,1 pass lessons 0,1 (4 pairs)
 *                          Nov: students 0,1 pass lessons 2,3 (4 pairs); student 2 fails lesson 0
 *                          Dec: students 2,3 pass all four (8 pairs)
 *   Quý Hai (4 students):  Nov: student 0 passes lesson 0 (1 pair)
 *                          Feb: students 1,2,3 pass lessons 0,1,2 (9 pairs)
 *   Quang Trung (5 students, the demo's): nothing.
 *   A contest of Quý Một's, created in November, entered by one student.
 *
 * Q1 (1 Sep – 30 Nov), at its end: Quý Một 8/16 = 50% (has the program, new in the quarter),
 *   Quý Hai 1/16 = 6.3%, Quang Trung 0/20: schools with the program 0 → 1 of 3 (33.3%, target not
 *   met); students reached 3 of 13, all 3 in the quarter; lessons done 4 + 6 = 10; pairs 9/52 = 17.3%.
 *   At risk (SAFETY): Quý Hai, projected from 5 Sep over 87 days to 31 May (268 days):
 *   6.3 × 268 / 87 = 19.4%; and Quang Trung (0%). Contests: 1 held, 1 participation.
 * Q2 (1 Dec – end of Feb): Quý Một 16/16, Quý Hai 10/16 = 62.5% (new), Quang Trung 0: 1 → 2 of 3
 *   (66.7%, met); reached 3 → 8 (5 in the quarter); lessons done 8 + 9 = 17; pairs 26/52 = 50%;
 *   at risk (SAFETY): Quang Trung alone. No contest.
 */
let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
let provinceId: string;
const year = schoolYearOf(testNow());
const first = Number(year.slice(0, 4));
const PASSWORD = 'Kiemthu@2026';
const SAFETY = 'An toàn thông tin trên không gian mạng';
const MEDIA = 'Đọc hiểu tin tức, tư duy phản biện trước thông tin sai lệch';

interface Lesson {
  id: string;
  items: { id: string; answer: unknown }[];
}
interface School {
  id: string;
  name: string;
  code: string;
  classId: string;
  teacher: Api;
  students: Api[];
}
let safety: Lesson[];

/** 10:00 in Vietnam on a day of the school year. */
const on = (month: number, day: number) =>
  new Date(`${month >= 8 ? first : first + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+07:00`);

async function lessonsOf(kind: string): Promise<Lesson[]> {
  const list = (await dept.get('/api/curricula')).body as { id: string; schoolYear: string; level: string; kind: string }[];
  const c = list.find((x) => x.schoolYear === year && x.level === 'THCS' && x.kind === kind)!;
  const version = (await dept.get(`/api/curricula/${c.id}`)).body.published;
  const required = (version.lessons as { lessonId: string; required: boolean }[]).filter((l) => l.required);
  return Promise.all(required.map(async (l) => (await dept.get(`/api/lessons/${l.lessonId}`)).body as Lesson));
}

async function makeSchool(key: string, name: string, code: string): Promise<School> {
  const school = await dept.post('/api/schools', { name, level: 'THCS', ministryCode: code });
  expect(school.status).toBe(201);
  const user = async (username: string, role: string) => {
    const res = await dept.post('/api/users', { username, fullName: `Người ${username}`, role, schoolId: school.body.id, password: PASSWORD });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const teacherId = await user(`quy-gv-${key}`, 'teacher');
  const studentIds: string[] = [];
  for (let n = 0; n < 4; n++) studentIds.push(await user(`quy-hs-${key}${n}`, 'student'));
  const cls = await dept.post('/api/classes', { schoolId: school.body.id, name: '8A', grade: 8, schoolYear: year, teacherIds: [teacherId] });
  expect(cls.status).toBe(201);
  expect((await dept.post(`/api/classes/${cls.body.id}/students`, { studentIds })).status).toBe(200);
  return {
    id: school.body.id,
    name,
    code,
    classId: cls.body.id,
    teacher: await anon.signedIn(`quy-gv-${key}`, PASSWORD),
    students: await Promise.all(studentIds.map((_, n) => anon.signedIn(`quy-hs-${key}${n}`, PASSWORD))),
  };
}

async function assign(s: School, lesson: Lesson): Promise<string> {
  const res = await s.teacher.post('/api/assignments', { lessonId: lesson.id, classIds: [s.classId], opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Attempts dated later in SQL: [attempt id, when]. */
const dated: [string, Date][] = [];

/** One student's attempt, every key answered (a pass) or nothing (0%), to be dated `at`. */
async function attempt(student: Api, assignmentId: string, lesson: Lesson, pass: boolean, at: Date): Promise<void> {
  const started = await student.post(`/api/assignments/${assignmentId}/attempt`);
  expect(started.status).toBe(200);
  if (pass) {
    for (const [n, item] of lesson.items.entries()) {
      expect((await student.put(`/api/attempts/${started.body.attemptId}/responses/${item.id}`, { response: item.answer, seq: n + 1 })).status).toBe(200);
    }
  }
  const submitted = await student.post(`/api/attempts/${started.body.attemptId}/submit`);
  expect(submitted.status).toBe(200);
  expect(submitted.body.percent >= 50).toBe(pass);
  dated.push([started.body.attemptId, at]);
}

async function download(api: Api, path: string): Promise<Buffer> {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${api.token}` } });
  if (res.status !== 200) throw new Error(`expected 200 for ${path}, got ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

async function workbook(quarter: number): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await download(dept, `/api/reports/quarterly?year=${year}&quarter=${quarter}&format=xlsx`)) as unknown as ArrayBuffer);
  return book;
}

const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);
/** The rows of a sheet as arrays of values, the header row left out. */
const rows = (sheet: ExcelJS.Worksheet) => (sheet.getRows(2, Math.max(0, sheet.rowCount - 1)) ?? []).map(values);
/** The summary's line for a level and program: [schools, with program at start, at end, %, target, verdict, students, reached, new in quarter, lessons done, pairs %]. */
function summaryRow(book: ExcelJS.Workbook, level: string, program: string): unknown[] {
  const sheet = book.getWorksheet('Báo cáo')!;
  const found = sheet
    .getRows(1, sheet.rowCount)!
    .map(values)
    .find((v) => v[0] === level && v[1] === program);
  if (!found) throw new Error(`no summary row for ${level} / ${program}`);
  return found.slice(2);
}
const lines = (book: ExcelJS.Workbook) =>
  (book.getWorksheet('Báo cáo')!.getSheetValues().flat() as unknown[]).filter((v): v is string => typeof v === 'string');

const schools = {} as Record<'one' | 'two', School>;

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so2-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  provinceId = (await dept.get('/api/province')).body.id;
  const settings = {
    targets: { SAFETY: { THCS: 50, THPT: 80 }, MEDIA_LITERACY: { THCS: 50, THPT: 50 } },
    studentsReachedTarget: 60,
    schoolThreshold: 50,
    passMark: 50,
    reporting: 'quarterly',
    reportDeadline: null,
    quarterReportDay: 10,
    planReference: 'Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh',
  };
  const saved = await dept.put(`/api/province-years/${year}`, settings);
  expect(saved.status).toBe(200);
  expect(saved.body.quarterReportDay).toBe(10);
  safety = await lessonsOf('SAFETY');
  expect(safety).toHaveLength(4);
  schools.one = await makeSchool('a', 'Trường THCS Quý Một', '62000801');
  schools.two = await makeSchool('b', 'Trường THCS Quý Hai', '62000802');

  const one = await Promise.all(safety.map((l) => assign(schools.one, l)));
  const failed = await assign(schools.one, safety[0]);
  const two = await Promise.all(safety.map((l) => assign(schools.two, l)));
  const [s1, s2] = [schools.one.students, schools.two.students];
  for (const n of [0, 1]) for (const j of [0, 1]) await attempt(s1[n], one[j], safety[j], true, on(9, 20));
  for (const n of [0, 1]) for (const j of [2, 3]) await attempt(s1[n], one[j], safety[j], true, on(11, 15));
  await attempt(s1[2], failed, safety[0], false, on(11, 16));
  for (const n of [2, 3]) for (const j of [0, 1, 2, 3]) await attempt(s1[n], one[j], safety[j], true, on(12, 10));
  await attempt(s2[0], two[0], safety[0], true, on(11, 20));
  for (const n of [1, 2, 3]) for (const j of [0, 1, 2]) await attempt(s2[n], two[j], safety[j], true, on(2, 20));
  expect(dated).toHaveLength(4 + 4 + 1 + 8 + 1 + 9);

  // A contest of Quý Một, created in November (Q1) and entered by one student.
  const items = safety[0].items.filter((i) => Array.isArray(i.answer)).slice(0, 2);
  const contest = await dept.post('/api/contests', {
    title: 'Rung chuông quý một',
    mode: 'scheduled',
    kind: 'SAFETY',
    scope: { type: 'school', id: schools.one.id },
    itemIds: items.map((i) => i.id),
    secondsPerQuestion: 30,
    opensAt: hoursFromNow(-1),
    closesAt: hoursFromNow(2),
  });
  expect(contest.status).toBe(201);
  expect((await s1[0].post(`/api/contests/${contest.body.id}/entries`)).status).toBe(200);

  for (const [id, at] of dated) await db.query(`UPDATE attempt SET submitted_at = $2 WHERE id = $1`, [id, at]);
  await db.query(`UPDATE contest SET created_at = $2 WHERE id = $1`, [contest.body.id, on(11, 25)]);
  await db.query('SELECT coverage_rebuild($1, $2)', [provinceId, year]);
});

afterAll(async () => {
  await db?.end();
  await app?.stop();
});

describe('the quarterly report of a province that reports every quarter', () => {
  it('gives the first quarter’s figures at its end and what changed in it, in the workbook', async () => {
    const book = await workbook(1);
    expect(summaryRow(book, 'Trung học cơ sở', SAFETY)).toEqual([3, 0, 1, 33.3, 50, 'Chưa đạt', 13, 3, 3, 10, 17.3]);
    expect(summaryRow(book, 'Trung học cơ sở', MEDIA)).toEqual([3, 0, 0, 0, 50, 'Chưa đạt', 13, 0, 0, 0, 0]);
    // No THPT school: no share (an empty cell), nothing reached.
    const thpt = summaryRow(book, 'Trung học phổ thông', SAFETY);
    expect([...thpt.slice(0, 3), thpt[3] ?? null, ...thpt.slice(4, 10)]).toEqual([0, 0, 0, null, 80, 'Chưa đạt', 0, 0, 0, 0]);
    const text = lines(book);
    expect(text).toContain(
      `Kết quả triển khai chương trình an toàn thông tin và đọc hiểu tin tức, tư duy phản biện quý I năm học ${year} (từ 01/09/${first} đến 30/11/${first})`,
    );
    expect(text).toContain(`Hạn nộp báo cáo quý II năm học ${year}: ngày 10/03/${first + 1}.`);
    expect(text).toContain('II. Trường mới có chương trình trong quý: 1 (xem trang “Trường mới đạt”).');
    expect(text).toContain('III. Trường có nguy cơ không đạt vào cuối quý: 3 (xem trang “Nguy cơ”).');
    expect(text).toContain('IV. Cuộc thi tổ chức trong quý: 1, 1 lượt học sinh tham gia (xem trang “Cuộc thi”).');
    expect(text).toContain(
      `Trường có nguy cơ không đạt: dưới ngưỡng 50% vào cuối quý và, giữ nhịp độ từ ngày 05/09/${first} đến cuối quý, dự kiến đến ngày 31/05/${first + 1} vẫn chưa đạt ngưỡng. Tỷ lệ tính trên sĩ số hiện tại.`,
    );

    expect(rows(book.getWorksheet('Trường mới đạt')!)).toEqual([['Trung học cơ sở', SAFETY, '62000801', 'Trường THCS Quý Một', '', 50]]);
    // Every school is at risk in the media program (nothing done); in SAFETY, Quý Hai (6.3% → 19.4%) and Quang Trung.
    const risk = rows(book.getWorksheet('Nguy cơ')!).map((r) => [r[2], r[4], r[5], r[6]]);
    expect(risk).toEqual([
      ['Trường THCS Quang Trung', 0, 0, 'Có'],
      ['Trường THCS Quý Hai', 6.3, 19.4, 'Có'],
      ['Trường THCS Quý Một', 50, 100, 'Không'],
    ]);
    expect(rows(book.getWorksheet('Cuộc thi')!).slice(0, 3)).toEqual([
      ['Trung học cơ sở', SAFETY, 1, 1],
      ['Trung học cơ sở', MEDIA, 0, 0],
      ['Trung học cơ sở', 'Cộng', 1, 1],
    ]);
  });

  it('gives the second quarter’s figures, counting from the first quarter’s end', async () => {
    const book = await workbook(2);
    expect(summaryRow(book, 'Trung học cơ sở', SAFETY)).toEqual([3, 1, 2, 66.7, 50, 'Đạt', 13, 8, 5, 17, 50]);
    const text = lines(book);
    const lastFeb = new Date(Date.UTC(first + 1, 2, 0)).getUTCDate();
    expect(text).toContain(
      `Kết quả triển khai chương trình an toàn thông tin và đọc hiểu tin tức, tư duy phản biện quý II năm học ${year} (từ 01/12/${first} đến ${lastFeb}/02/${first + 1})`,
    );
    expect(text).toContain(`Hạn nộp báo cáo quý III năm học ${year}: ngày 10/06/${first + 1}.`);
    expect(text).toContain('IV. Cuộc thi tổ chức trong quý: 0, 0 lượt học sinh tham gia (xem trang “Cuộc thi”).');
    expect(rows(book.getWorksheet('Trường mới đạt')!)).toEqual([['Trung học cơ sở', SAFETY, '62000802', 'Trường THCS Quý Hai', '', 62.5]]);
    const safetyAtRisk = rows(book.getWorksheet('Nguy cơ')!)
      .filter((r) => r[6] === 'Có')
      .map((r) => r[2]);
    expect(safetyAtRisk).toEqual(['Trường THCS Quang Trung']);
  });

  it('says the same in the PDF', async () => {
    const q1 = (await pdfText(new Uint8Array(await download(dept, `/api/reports/quarterly?year=${year}&quarter=1&format=pdf`)))).replace(/\s+/g, ' ');
    expect(q1).toContain(`quý I năm học ${year} (từ 01/09/${first} đến 30/11/${first})`);
    expect(q1).toContain('I. KẾT QUẢ ĐẾN CUỐI QUÝ SO VỚI CHỈ TIÊU');
    expect(q1).toContain(`Trung học cơ sở ${SAFETY} 3 0 1 33,3% 50% Chưa đạt 3 3 10`);
    expect(q1).toContain('II. TRƯỜNG MỚI CÓ CHƯƠNG TRÌNH TRONG QUÝ (1 trường)');
    expect(q1).toContain(`62000801 Trường THCS Quý Một ${SAFETY} 50%`);
    expect(q1).toContain('III. TRƯỜNG CÓ NGUY CƠ KHÔNG ĐẠT NGƯỠNG 50% (3 trường)');
    expect(q1).toContain('62000802 Trường THCS Quý Hai 6,3% 19,4% 0% 0%');
    expect(q1).toContain(`Hạn nộp báo cáo quý II năm học ${year}: ngày 10/03/${first + 1}.`);
    expect(q1).toContain('Kế hoạch số 12/KH-UBND ngày 05/01/2026 của UBND tỉnh');

    const q2 = (await pdfText(new Uint8Array(await download(dept, `/api/reports/quarterly?year=${year}&quarter=2&format=pdf`)))).replace(/\s+/g, ' ');
    expect(q2).toContain(`Trung học cơ sở ${SAFETY} 3 1 2 66,7% 50% Đạt 8 5 17`);
    expect(q2).toContain('II. TRƯỜNG MỚI CÓ CHƯƠNG TRÌNH TRONG QUÝ (1 trường)');
    expect(q2).toContain(`62000802 Trường THCS Quý Hai ${SAFETY} 62,5%`);
    expect(q2).not.toContain(`62000801 Trường THCS Quý Một ${SAFETY}`);
    expect(q2).toContain(`Hạn nộp báo cáo quý III năm học ${year}: ngày 10/06/${first + 1}.`);
  });

  it('shows the next quarterly report due on the dashboard, with its days left', async () => {
    const coverage = (await dept.get<CoverageDto>(`/api/coverage?year=${year}&level=THCS`)).body;
    const vn = new Date(testNow().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const deadlines = [`${first}-12-10`, `${first + 1}-03-10`, `${first + 1}-06-10`, `${first + 1}-09-10`];
    const next = deadlines.findIndex((d) => d >= vn);
    const quarter = next < 0 ? 4 : next + 1;
    expect(coverage.deadline.quarter).toBe(quarter);
    expect(coverage.deadline.date).toBe(deadlines[quarter - 1]);
    expect(coverage.deadline.daysLeft).toBe(daysUntil(deadlines[quarter - 1], testNow()));
  });

  it('is the Department’s alone, and each Department’s own', async () => {
    for (const username of ['qt-admin', 'gv-qt1', 'qt-hs1']) {
      expectProblem(await (await anon.signedIn(username)).get(`/api/reports/quarterly?year=${year}&quarter=1`), 403, 'FORBIDDEN');
    }
    // The first demo province reports yearly: its admin is told so, and never gets this province's report.
    const other = await anon.signedIn('so-admin');
    const refused = expectProblem(await other.get(`/api/reports/quarterly?year=${year}&quarter=1`), 409, 'NOT_QUARTERLY');
    expect(refused.detail).toContain('annual report');
    // Reporting quarterly too, it gets its own province's report, without this one's schools.
    const own = (await other.get(`/api/province-years/${year}`)).body as Record<string, unknown>;
    const { provinceId: _p, schoolYear: _y, ...body } = own;
    expect((await other.put(`/api/province-years/${year}`, { ...body, reporting: 'quarterly', reportDeadline: null })).status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(other, `/api/reports/quarterly?year=${year}&quarter=1`)) as unknown as ArrayBuffer);
    const names = rows(book.getWorksheet('Danh sách trường')!).map((r) => r[2]);
    expect(names.length).toBeGreaterThan(0);
    expect(names).not.toContain('Trường THCS Quý Một');
    expect(names).not.toContain('Trường THCS Quang Trung');
    expect((await other.put(`/api/province-years/${year}`, body)).status).toBe(200);
  });

  it('refuses a quarter that does not exist, and a year that is not one', async () => {
    for (const query of [`year=${year}&quarter=5`, `year=${year}&quarter=0`, `year=${year}`, `year=${year}&quarter=1&format=doc`, `year=2026&quarter=1`]) {
      expectProblem(await dept.get(`/api/reports/quarterly?${query}`), 400, 'VALIDATION_FAILED');
    }
  });
});
