import { randomUUID } from 'node:crypto';

import {
  type CoverageDto,
  daysUntil,
  projectedPercent,
  type SchoolCoverageDetailDto,
  type SchoolCoverageDto,
  schoolYearBounds,
  schoolYearOf,
} from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';

/**
 * A small province with known progress, built through the API in the second demo province:
 * three new THCS schools beside its own one, each with a class of five, four required
 * SAFETY lessons each. With a threshold of 80%:
 *   A: 16 of 20 pairs (80%, at the threshold: has the program; one student failed all four)
 *   B: 15 of 20 (75%, just under; one student failed the fourth, one did nothing)
 *   C: 20 of 20 (100%; one pass repeated on a second assignment of the same lesson counts once)
 *   Quang Trung (the demo's): 0 of 20.
 */
let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
let provinceId: string;
const year = schoolYearOf(testNow());
const PASSWORD = 'Kiemthu@2026';
const hours = hoursFromNow;

interface Lesson {
  id: string;
  lineageId?: string;
  items: { id: string; kind: string; points: number; answer: unknown }[];
}
interface School {
  id: string;
  code: string;
  name: string;
  classId: string;
  teacher: Api;
  students: Api[];
  studentIds: string[];
}
const schools = {} as Record<'A' | 'B' | 'C', School>;
let safety: Lesson[];
let media: Lesson[];
let quangTrung: string;
let areaT: string;
let areaQ: string;

const settings = (passMark: number) => ({
  targets: { SAFETY: { THCS: 50, THPT: 80 }, MEDIA_LITERACY: { THCS: 50, THPT: 50 } },
  studentsReachedTarget: 60,
  schoolThreshold: 80,
  passMark,
  reporting: 'annual',
  reportDeadline: `${year.slice(5)}-05-15`,
  planReference: 'Kế hoạch số 45/KH-UBND ngày 10/3/2026 của UBND tỉnh',
});

async function lessonsOf(kind: string): Promise<Lesson[]> {
  const list = (await dept.get('/api/curricula')).body as { id: string; schoolYear: string; level: string; kind: string }[];
  const c = list.find((x) => x.schoolYear === year && x.level === 'THCS' && x.kind === kind)!;
  const version = (await dept.get(`/api/curricula/${c.id}`)).body.published;
  const required = (version.lessons as { lessonId: string; required: boolean }[]).filter((l) => l.required);
  return Promise.all(required.map(async (l) => (await dept.get(`/api/lessons/${l.lessonId}`)).body as Lesson));
}

async function makeSchool(key: 'A' | 'B' | 'C', areaId: string): Promise<School> {
  const code = `6200090${'ABC'.indexOf(key) + 1}`;
  const school = await dept.post('/api/schools', { name: `Trường THCS Kiểm Thử ${key}`, level: 'THCS', ministryCode: code, areaId });
  expect(school.status).toBe(201);
  const user = async (username: string, role: string) => {
    const res = await dept.post('/api/users', { username, fullName: `Người ${username}`, role, schoolId: school.body.id, password: PASSWORD });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const teacherId = await user(`cov-gv-${key.toLowerCase()}`, 'teacher');
  const studentIds: string[] = [];
  for (let n = 0; n < 5; n++) studentIds.push(await user(`cov-hs-${key.toLowerCase()}${n}`, 'student'));
  const cls = await dept.post('/api/classes', { schoolId: school.body.id, name: '7A', grade: 7, schoolYear: year, teacherIds: [teacherId] });
  expect(cls.status).toBe(201);
  expect((await dept.post(`/api/classes/${cls.body.id}/students`, { studentIds })).status).toBe(200);
  return {
    id: school.body.id,
    code,
    name: school.body.name,
    classId: cls.body.id,
    teacher: await anon.signedIn(`cov-gv-${key.toLowerCase()}`, PASSWORD),
    students: await Promise.all(studentIds.map((_, n) => anon.signedIn(`cov-hs-${key.toLowerCase()}${n}`, PASSWORD))),
    studentIds,
  };
}

async function assign(s: School, lesson: Lesson): Promise<string> {
  const res = await s.teacher.post('/api/assignments', { lessonId: lesson.id, classIds: [s.classId], opensAt: hours(-1), dueAt: hours(48) });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** One student's attempt: every key answered (a pass) or nothing answered (0%). */
async function attempt(student: Api, assignmentId: string, lesson: Lesson, pass: boolean): Promise<number> {
  const started = await student.post(`/api/assignments/${assignmentId}/attempt`);
  expect(started.status).toBe(200);
  if (pass) {
    for (const [n, item] of lesson.items.entries()) {
      expect((await student.put(`/api/attempts/${started.body.attemptId}/responses/${item.id}`, { response: item.answer, seq: n + 1 })).status).toBe(200);
    }
  }
  const submitted = await student.post(`/api/attempts/${started.body.attemptId}/submit`);
  expect(submitted.status).toBe(200);
  if (pass) expect(submitted.body.percent).toBeGreaterThanOrEqual(50);
  else expect(submitted.body.percent).toBe(0);
  return submitted.body.percent;
}

const coverage = async (api: Api = dept) => {
  const res = await api.get(`/api/coverage?year=${year}&level=THCS`);
  expect(res.status).toBe(200);
  return res.body as CoverageDto;
};
const bySchool = (c: CoverageDto, id: string) => c.schools.find((s) => s.id === id) as SchoolCoverageDto;
const withoutClock = ({ generatedAt: _g, deadline: { daysLeft: _d, ...deadline }, ...rest }: CoverageDto) => ({ ...rest, deadline });

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so2-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  provinceId = (await dept.get('/api/province')).body.id;
  expect((await dept.put(`/api/province-years/${year}`, settings(50))).status).toBe(200);
  areaQ = ((await dept.get('/api/areas')).body as { id: string }[])[0].id;
  areaT = (await dept.post('/api/areas', { name: 'Xã Kiểm Thử' })).body.id;
  quangTrung = ((await dept.get('/api/schools')).body.items as { id: string }[])[0].id;
  safety = await lessonsOf('SAFETY');
  media = await lessonsOf('MEDIA_LITERACY');
  expect(safety).toHaveLength(4);
  schools.A = await makeSchool('A', areaT);
  schools.B = await makeSchool('B', areaT);
  schools.C = await makeSchool('C', areaQ);

  const work = async (s: School, plan: (student: number, lesson: number) => boolean | null) => {
    const assignments = await Promise.all(safety.map((l) => assign(s, l)));
    await Promise.all(
      s.students.map(async (student, n) => {
        for (const [j, lesson] of safety.entries()) {
          const pass = plan(n, j);
          if (pass !== null) await attempt(student, assignments[j], lesson, pass);
        }
      }),
    );
  };
  await work(schools.A, (n) => n < 4);
  await work(schools.B, (n, j) => (n < 3 ? true : n === 3 ? j < 3 : null));
  await work(schools.C, () => true);
  // C: the first lesson again on a second assignment, passed again by the first student; and one media lesson.
  await attempt(schools.C.students[0], await assign(schools.C, safety[0]), safety[0], true);
  const mediaAssignment = await assign(schools.C, media[0]);
  await attempt(schools.C.students[0], mediaAssignment, media[0], true);
  await attempt(schools.C.students[1], mediaAssignment, media[0], false);

  // A province-wide scheduled contest, entered by two students of C and handed in by one; and a live one nobody joined.
  const items = safety[0].items.filter((i) => Array.isArray(i.answer)).slice(0, 2);
  const contest = await dept.post('/api/contests', {
    title: 'Rung chuông an toàn',
    mode: 'scheduled',
    kind: 'SAFETY',
    scope: { type: 'province', id: provinceId },
    itemIds: items.map((i) => i.id),
    secondsPerQuestion: 30,
    opensAt: hours(-1),
    closesAt: hours(2),
  });
  expect(contest.status).toBe(201);
  for (const student of schools.C.students.slice(0, 2)) expect((await student.post(`/api/contests/${contest.body.id}/entries`)).status).toBe(200);
  const live = await dept.post('/api/contests', {
    title: 'Trực tiếp',
    mode: 'live',
    kind: 'SAFETY',
    scope: { type: 'province', id: provinceId },
    itemIds: [items[0].id],
    secondsPerQuestion: 20,
  });
  expect(live.status).toBe(201);
  expect((await dept.post(`/api/contests/${live.body.id}/sessions`)).status).toBe(201);
});

afterAll(async () => {
  await db?.end();
  if (process.env.SHOW_SERVER_LOG) process.stdout.write(app?.output() ?? '');
  await app?.stop();
});

describe('coverage', () => {
  it('gives each school its pairs, program, reach and missing lessons, kept current by the submits', async () => {
    const c = await coverage();
    expect(c.province.id).toBe(provinceId);
    expect(c.schools.map((s) => s.id).sort()).toEqual([schools.A.id, schools.B.id, schools.C.id, quangTrung].sort());
    const a = bySchool(c, schools.A.id);
    expect(a).toMatchObject({ students: 5, classes: 1, areaId: areaT });
    expect(a.kinds.SAFETY).toMatchObject({
      coverage: { done: 16, of: 20, percent: 80 },
      hasProgram: true,
      reached: { done: 4, of: 5, percent: 80 },
      classesLacking: 0,
      atRisk: false,
    });
    // 0% is "at risk" once lessons have run a day (no projection before): on the run's date, by the shared rule.
    const zeroAtRisk = projectedPercent(0, schoolYearBounds(year).lessonsStart, testNow(), new Date(c.deadline.date!)) !== null;
    expect(a.kinds.MEDIA_LITERACY).toMatchObject({ coverage: { done: 0, of: 20, percent: 0 }, hasProgram: false, classesLacking: 1, atRisk: zeroAtRisk });
    expect(bySchool(c, schools.B.id).kinds.SAFETY).toMatchObject({
      coverage: { done: 15, of: 20, percent: 75 },
      hasProgram: false,
      reached: { done: 4, of: 5, percent: 80 },
    });
    const cc = bySchool(c, schools.C.id);
    expect(cc.kinds.SAFETY).toMatchObject({ coverage: { done: 20, of: 20, percent: 100 }, hasProgram: true, reached: { done: 5, of: 5, percent: 100 } });
    expect(cc.kinds.MEDIA_LITERACY).toMatchObject({ coverage: { done: 1, of: 20, percent: 5 }, reached: { done: 1, of: 5, percent: 20 }, classesLacking: 1 });
    expect(cc.lastActivityAt).not.toBeNull();
    expect(bySchool(c, quangTrung).kinds.SAFETY).toMatchObject({ coverage: { done: 0, of: 20, percent: 0 }, hasProgram: false, classesLacking: 1 });

    // The province: 2 of 4 schools have SAFETY against a target of 50%, students reached 13 of 20 against 60%.
    expect(c.totals.SAFETY).toEqual({
      curriculumInForce: true,
      requiredLessons: 4,
      schools: { done: 2, of: 4, percent: 50, target: 50, met: true },
      reached: { done: 13, of: 20, percent: 65, target: 60, met: true },
      pairs: { done: 51, of: 80, percent: 63.8 },
      atRisk: c.schools.filter((s) => s.kinds.SAFETY.atRisk).length,
    });
    expect(c.totals.MEDIA_LITERACY.schools).toEqual({ done: 0, of: 4, percent: 0, target: 50, met: false });
    expect(c.settings).toMatchObject({ schoolThreshold: 80, passMark: 50, targets: { SAFETY: 50, MEDIA_LITERACY: 50 } });
    expect(c.deadline.date).toBe(`${year.slice(5)}-05-15`);
    expect(c.deadline.daysLeft).toBe(daysUntil(c.deadline.date!, testNow()));

    const t = c.areas.find((x) => x.id === areaT)!;
    expect(t).toMatchObject({
      schools: 2,
      students: 10,
      kinds: { SAFETY: { withProgram: { done: 1, of: 2, percent: 50 }, pairs: { done: 31, of: 40, percent: 77.5 } } },
    });
    expect(c.areas.find((x) => x.id === areaQ)).toMatchObject({
      schools: 2,
      kinds: { SAFETY: { withProgram: { done: 1, of: 2 }, pairs: { done: 20, of: 40 } } },
    });

    // The month by month trend ends where the schools stand now; every SAFETY submit is counted once.
    const last = c.trend.at(-1)!;
    expect(last.kinds.SAFETY.schoolsWithProgram).toEqual({ done: 2, of: 4, percent: 50 });
    expect(c.trend.reduce((n, p) => n + p.kinds.SAFETY.submitted, 0)).toBe(20 + 16 + 21);
    expect(c.trend.reduce((n, p) => n + p.kinds.MEDIA_LITERACY.submitted, 0)).toBe(2);
    // Contests: the scheduled one was taken (two entries), the live one ran a session nobody joined.
    expect(c.contests).toEqual({
      held: 1,
      sessions: 1,
      participants: 2,
      byKind: { SAFETY: { held: 1, participants: 2 }, MEDIA_LITERACY: { held: 0, participants: 0 } },
    });
  });

  it('drills into a school by class, lesson and teacher, with the required lessons not yet given', async () => {
    const res = await dept.get(`/api/coverage/schools/${schools.A.id}?year=${year}`);
    expect(res.status).toBe(200);
    const d = res.body as SchoolCoverageDetailDto;
    expect(d.levels.map((l) => l.level)).toEqual(['THCS']);
    expect(d.levels[0].kinds.SAFETY.coverage).toEqual({ done: 16, of: 20, percent: 80 });
    expect(d.levels[0].required).toHaveLength(8);
    const cls = d.classes[0];
    expect(cls).toMatchObject({
      id: schools.A.classId,
      students: 5,
      kinds: { SAFETY: { assigned: 4, required: 4, coverage: { percent: 80 } }, MEDIA_LITERACY: { assigned: 0, required: 4 } },
    });
    expect(cls.missing.map((m) => m.lessonId).sort()).toEqual(media.map((m) => m.id).sort());
    const safetyLineages = d.levels[0].required.filter((r) => r.kind === 'SAFETY').map((r) => r.lineageId);
    expect(safetyLineages.map((l) => cls.passed[l])).toEqual([4, 4, 4, 4]);
    expect(d.teachers).toEqual([
      expect.objectContaining({
        fullName: 'Người cov-gv-a',
        classes: 1,
        students: 5,
        kinds: expect.objectContaining({ SAFETY: { done: 16, of: 20, percent: 80 } }),
      }),
    ]);
  });

  it('agrees with a rebuild from the attempts themselves, and re-judges every attempt when the pass mark changes', async () => {
    const before = withoutClock(await coverage());
    await db.query('SELECT coverage_rebuild($1, $2)', [provinceId, year]);
    expect(withoutClock(await coverage())).toEqual(before);

    // At a pass mark of 0 every submitted attempt completes its lesson: A's failing student and B's fourth lesson count.
    expect((await dept.put(`/api/province-years/${year}`, settings(0))).status).toBe(200);
    const lenient = await coverage();
    expect(bySchool(lenient, schools.A.id).kinds.SAFETY.coverage).toEqual({ done: 20, of: 20, percent: 100 });
    expect(bySchool(lenient, schools.B.id).kinds.SAFETY).toMatchObject({ coverage: { done: 16, of: 20, percent: 80 }, hasProgram: true });
    expect(bySchool(lenient, schools.C.id).kinds.MEDIA_LITERACY.reached).toEqual({ done: 2, of: 5, percent: 40 });
    expect((await dept.put(`/api/province-years/${year}`, settings(50))).status).toBe(200);
    expect(withoutClock(await coverage())).toEqual(before);
  });

  it('follows a student out of a class and back in', async () => {
    const leaving = schools.A.studentIds[0];
    expect((await dept.delete(`/api/classes/${schools.A.classId}/students/${leaving}`)).status).toBe(204);
    expect(bySchool(await coverage(), schools.A.id).kinds.SAFETY).toMatchObject({
      coverage: { done: 12, of: 16, percent: 75 },
      hasProgram: false,
      reached: { done: 3, of: 4 },
    });
    expect((await dept.post(`/api/classes/${schools.A.classId}/students`, { studentIds: [leaving] })).status).toBe(200);
    expect(bySchool(await coverage(), schools.A.id).kinds.SAFETY).toMatchObject({ coverage: { done: 16, of: 20, percent: 80 }, hasProgram: true });
  });

  it('writes the annual report as a workbook of real numbers and as a PDF in Vietnamese', async () => {
    const token = randomUUID();
    const res = await fetch(`${app.url}/api/reports/annual?year=${year}&format=xlsx&progress=${token}`, { headers: { authorization: `Bearer ${dept.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    expect((await dept.get(`/api/reports/progress/${token}`)).body).toEqual({ percent: 100, phase: 'done' });
    expectProblem(await (await anon.signedIn('cov-gv-a', PASSWORD)).get(`/api/reports/progress/${token}`), 404);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Báo cáo',
      'Theo địa bàn',
      'Danh sách trường',
      'Dưới ngưỡng',
      'Cuộc thi',
      'Theo tháng',
      'Khảo sát trước – sau',
      'Cán bộ, giáo viên',
    ]);
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().filter(Boolean) as unknown[][];
    const summary = rows('Báo cáo').find((r) => r[1] === 'Trung học cơ sở' && String(r[2]).startsWith('An toàn'))!;
    expect(summary.slice(3, 12)).toEqual([4, 2, 50, 50, 'Đạt', 20, 13, 65, 60]);
    expect(rows('Báo cáo').some((r) => String(r[1]).includes('1907/QĐ-TTg'))).toBe(true);
    const listed = rows('Danh sách trường');
    const line = (code: string) => listed.find((r) => r[2] === code)!;
    expect(line(schools.A.code).slice(5, 10)).toEqual([5, 1, 80, 'Có', 0]);
    expect(line(schools.B.code).slice(7, 9)).toEqual([75, 'Chưa']);
    expect(line(schools.C.code).slice(7, 13)).toEqual([100, 'Có', 0, 5, 'Chưa', 1]);
    expect(rows('Dưới ngưỡng').map((r) => r[2])).toEqual(expect.arrayContaining([schools.B.code]));
    const area = rows('Theo địa bàn').find((r) => r[2] === 'Xã Kiểm Thử')!;
    expect(area.slice(3, 9)).toEqual([2, 10, 1, 50, 77.5, 8]);

    const pdf = await fetch(`${app.url}/api/reports/annual?year=${year}&format=pdf`, { headers: { authorization: `Bearer ${dept.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    const province = (await dept.get('/api/province')).body.name as string;
    for (const expected of [
      province,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Quyết định số 1907/QĐ-TTg',
      'Kế hoạch số 45/KH-UBND',
      schools.B.name,
      'GIÁM ĐỐC',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('shows a school admin only own school, and nobody another province', async () => {
    expect(
      (await dept.post('/api/users', { username: 'cov-bgh-a', fullName: 'Hiệu trưởng A', role: 'school_admin', schoolId: schools.A.id, password: PASSWORD }))
        .status,
    ).toBe(201);
    const head = await anon.signedIn('cov-bgh-a', PASSWORD);
    const own = await coverage(head);
    expect(own.schools.map((s) => s.id)).toEqual([schools.A.id]);
    expect(own.totals.SAFETY.schools).toMatchObject({ done: 1, of: 1 });
    expect(own.areas.map((a) => a.id)).toEqual([areaT]);
    expectProblem(await head.get(`/api/coverage/schools/${schools.B.id}?year=${year}`), 404);
    expect((await head.get(`/api/coverage/schools/${schools.A.id}?year=${year}`)).status).toBe(200);
    const report = await fetch(`${app.url}/api/reports/schools/${schools.A.id}?year=${year}&format=pdf`, {
      headers: { authorization: `Bearer ${head.token}` },
    });
    expect(report.status).toBe(200);
    expect(await pdfText(new Uint8Array(await report.arrayBuffer()))).toContain(schools.A.name);
    expectProblem(await head.get(`/api/reports/annual?year=${year}&format=xlsx`), 403);
    expectProblem(await head.get(`/api/reports/schools/${schools.B.id}?year=${year}&format=xlsx`), 404);
    expectProblem(await schools.A.teacher.get(`/api/coverage?year=${year}&level=THCS`), 403);
    expectProblem(await schools.A.students[0].get(`/api/coverage?year=${year}&level=THCS`), 403);

    const other = await anon.signedIn('so-admin');
    const theirs = await coverage(other);
    expect(theirs.province.id).not.toBe(provinceId);
    expect(theirs.schools.map((s) => s.id)).not.toEqual(expect.arrayContaining([schools.A.id]));
    expect(JSON.stringify(theirs)).not.toContain(schools.A.id);
    expectProblem(await other.get(`/api/coverage/schools/${schools.A.id}?year=${year}`), 404);
    expectProblem(await other.get(`/api/reports/schools/${schools.A.id}?year=${year}&format=pdf`), 404);
  });

  it("moves the counters when a teacher's review lifts an attempt over the pass mark", async () => {
    // B's last student answers just under half the points right, and a short answer the teacher then grades in full.
    const lesson = safety[3];
    const total = lesson.items.reduce((n, i) => n + i.points, 0);
    const open = lesson.items.filter((i) => i.kind === 'short_answer');
    const chosen: typeof lesson.items = [];
    for (const item of lesson.items.filter((i) => i.kind !== 'short_answer')) {
      if ((chosen.reduce((n, i) => n + i.points, 0) + item.points) * 2 < total) chosen.push(item);
    }
    const sure = chosen.reduce((n, i) => n + i.points, 0);
    expect(open.length).toBeGreaterThan(0);
    expect((sure + open[0].points) * 2).toBeGreaterThanOrEqual(total);
    const assignment = (await schools.B.teacher.get('/api/assignments')).body.find((a: { lessonId: string }) => a.lessonId === lesson.id);
    const student = schools.B.students[4];
    const started = await student.post(`/api/assignments/${assignment.id}/attempt`);
    for (const item of chosen) await student.put(`/api/attempts/${started.body.attemptId}/responses/${item.id}`, { response: item.answer });
    await student.put(`/api/attempts/${started.body.attemptId}/responses/${open[0].id}`, {
      response: { text: 'Em không bấm vào đường link và báo cho thầy cô.' },
    });
    const submitted = await student.post(`/api/attempts/${started.body.attemptId}/submit`);
    expect(submitted.body.percent).toBeLessThan(50);
    expect(bySchool(await coverage(), schools.B.id).kinds.SAFETY.coverage.done).toBe(15);

    const queue = (await schools.B.teacher.get('/api/reviews')).body as { responseId: string; attemptId: string; maxScore: string }[];
    const mine = queue.find((r) => r.attemptId === started.body.attemptId)!;
    expect((await schools.B.teacher.post(`/api/reviews/${mine.responseId}`, { score: Number(mine.maxScore), comment: 'Tốt.' })).status).toBe(200);
    const after = await coverage();
    expect(bySchool(after, schools.B.id).kinds.SAFETY).toMatchObject({
      coverage: { done: 16, of: 20, percent: 80 },
      hasProgram: true,
      reached: { done: 5, of: 5 },
    });
    expect(after.totals.SAFETY.schools).toMatchObject({ done: 3, of: 4 });
    await db.query('SELECT coverage_rebuild($1, $2)', [provinceId, year]);
    expect(withoutClock(await coverage())).toEqual(withoutClock(after));
  });

  // Last: it changes the province's curriculum.
  it('counts the required lessons of the version in force: a revised lesson keeps the work done on it, an optional one stops counting', async () => {
    const curriculumId = ((await dept.get('/api/curricula')).body as { id: string; schoolYear: string; level: string; kind: string }[]).find(
      (x) => x.schoolYear === year && x.level === 'THCS' && x.kind === 'SAFETY',
    )!.id;
    const draft = await dept.post(`/api/curricula/${curriculumId}/draft`);
    expect(draft.status).toBe(200);
    const revision = await dept.post(`/api/lessons/${safety[0].id}/revisions`);
    expect(revision.status).toBe(201);
    const lessons = (
      (await dept.get(`/api/curriculum-versions/${draft.body.id}`)).body.lessons as { lessonId: string; required: boolean; suggestedMonth: number | null }[]
    ).map((l) => ({
      lessonId: l.lessonId,
      required: l.lessonId === safety[3].id ? false : l.required,
      suggestedMonth: l.suggestedMonth,
    }));
    expect(lessons.map((l) => l.lessonId)).toContain(revision.body.id);
    expect((await dept.put(`/api/curriculum-versions/${draft.body.id}`, { lessons, note: 'Bài 4 thành tự chọn' })).status).toBe(200);
    expect((await dept.post(`/api/curriculum-versions/${draft.body.id}/publish`)).status).toBe(200);

    const c = await coverage();
    expect(c.totals.SAFETY).toMatchObject({ requiredLessons: 3, schools: { done: 3, of: 4 } });
    expect(bySchool(c, schools.A.id).kinds.SAFETY).toMatchObject({ coverage: { done: 12, of: 15, percent: 80 }, hasProgram: true, classesLacking: 0 });
    expect(bySchool(c, schools.B.id).kinds.SAFETY).toMatchObject({ coverage: { done: 12, of: 15, percent: 80 }, hasProgram: true });
    expect(bySchool(c, schools.C.id).kinds.SAFETY.coverage).toEqual({ done: 15, of: 15, percent: 100 });
    const before = withoutClock(c);
    await db.query('SELECT coverage_rebuild($1, $2)', [provinceId, year]);
    expect(withoutClock(await coverage())).toEqual(before);
  });

  it('refuses a malformed year or level with problem details', async () => {
    expectProblem(await dept.get('/api/coverage?year=2026&level=THCS'), 400, 'VALIDATION_FAILED');
    expectProblem(await dept.get(`/api/coverage?year=${year}&level=TH`), 400, 'VALIDATION_FAILED');
    expectProblem(await dept.get(`/api/reports/annual?year=${year}&format=docx`), 400, 'VALIDATION_FAILED');
    expectProblem(await dept.get(`/api/coverage/schools/not-an-id?year=${year}`), 400, 'VALIDATION_FAILED');
  });
});
