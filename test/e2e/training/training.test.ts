import { readFileSync } from 'node:fs';

import {
  type AttemptDto,
  type CoverageDto,
  type MyTrainingDto,
  schoolYearOf,
  type SubmitResultDto,
  type TrainingAssignmentDto,
  type TrainingCoverageDto,
  type TrainingLessonDto,
  type TrainingLessonSummaryDto,
  type TrainingProgramDto,
  type TrainingUnitDto,
} from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';

/**
 * The Department's program for its own officials and the schools' teachers and leaders:
 * staff lessons given to two schools' staff and the Department, done by teachers in the
 * students' player, counted per school and for the Department against the year's targets,
 * in the dashboard's figures and the annual report, and never in the students' coverage.
 */
let app: TestApp;
let anon: Api;
let db: pg.Client;
let dept: Api;
const year = schoolYearOf(testNow());
const SCHOOL_1 = 'Trường THCS Đông Kinh';
const SCHOOL_2 = 'Trường THCS Chi Lăng';
const LIBRARY = new URL('../../../server/content/staff-library/', import.meta.url);
const libraryTitles = ['1', '2', '3', '4', '5', '6'].map((n) => {
  const file = readFileSync(new URL('program.json', LIBRARY), 'utf8');
  const slug = (JSON.parse(file) as { slug: string }[])[Number(n) - 1].slug;
  return (JSON.parse(readFileSync(new URL(`lessons/${slug}.json`, LIBRARY), 'utf8')) as { title: string }).title;
});

let program: TrainingProgramDto;
let schoolIds: Record<string, string>;

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  dept = await anon.signedIn('so-admin');
  program = (await dept.get<TrainingProgramDto>(`/api/training/program?year=${year}`)).body;
  const schools = await db.query<{ id: string; name: string }>(`SELECT id, name FROM school WHERE name = ANY($1)`, [[SCHOOL_1, SCHOOL_2]]);
  schoolIds = Object.fromEntries(schools.rows.map((r) => [r.name, r.id]));
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) process.stdout.write(app?.output() ?? '');
  await db?.end();
  await app?.stop();
});

/** The active staff of a school (null: the Department's officials), counted in the database. */
async function staffOf(schoolName: string | null): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    schoolName === null
      ? `SELECT count(*)::int AS n FROM app_user u JOIN province p ON p.id = u.province_id WHERE p.code = 'DEMO' AND u.role = 'dept_admin' AND u.active`
      : `SELECT count(*)::int AS n FROM app_user u JOIN school s ON s.id = u.school_id WHERE s.name = $1 AND u.role IN ('teacher', 'school_admin') AND u.active`,
    schoolName === null ? [] : [schoolName],
  );
  return rows[0].n;
}

/** The answer key of every item of a lesson, read from the database (the API never gives it to the person doing it). */
async function keysOf(lessonId: string): Promise<Map<string, unknown>> {
  const { rows } = await db.query<{ id: string; answer: unknown }>(
    `SELECT i.id, i.answer FROM lesson_item li JOIN item i ON i.id = li.item_id WHERE li.lesson_id = $1`,
    [lessonId],
  );
  return new Map(rows.map((r) => [r.id, r.answer]));
}

/** Starts the caller's attempt at the staff assignment of this lesson, answers every item (rightly or not) and hands in. */
async function doLesson(api: Api, lessonId: string, right: boolean): Promise<SubmitResultDto> {
  const mine = (await api.get<MyTrainingDto[]>('/api/training/mine')).body.find((m) => m.lessonId === lessonId && m.status !== 'submitted');
  expect(mine).toBeDefined();
  const started = await api.post<{ attempt: AttemptDto; lesson: TrainingLessonDto }>(`/api/training/assignments/${mine!.id}/attempt`);
  expect(started.status).toBe(200);
  const keys = await keysOf(lessonId);
  for (const item of started.body.lesson.items) {
    const key = keys.get(item.id) as number[] | { verdict: string; evidence: number[] } | { marked: number[] };
    const wrong =
      item.kind === 'ordering'
        ? [...(key as number[])].reverse()
        : Array.isArray(key)
          ? [item.options.findIndex((_, i) => !key.includes(i))]
          : 'verdict' in key
            ? { verdict: key.verdict === 'true' ? 'false' : 'true', evidence: [] }
            : { marked: [] };
    const saved = await api.put(`/api/attempts/${started.body.attempt.attemptId}/responses/${item.id}`, { response: right ? key : wrong, seq: 1 });
    expect({ kind: item.kind, status: saved.status, body: saved.status === 200 ? null : saved.body }).toEqual({ kind: item.kind, status: 200, body: null });
  }
  const submitted = await api.post<SubmitResultDto>(`/api/attempts/${started.body.attempt.attemptId}/submit`);
  expect(submitted.status).toBe(200);
  return submitted.body;
}

const unit = (c: TrainingCoverageDto, name: string): TrainingUnitDto => [...c.units, ...(c.department ? [c.department] : [])].find((u) => u.name === name)!;
const studentsCoverage = async () => {
  const all = await Promise.all(['THCS', 'THPT'].map(async (level) => (await dept.get<CoverageDto>(`/api/coverage?year=${year}&level=${level}`)).body));
  return all.map(({ generatedAt: _g, ...rest }) => rest);
};

describe('staff lessons', () => {
  it('come from the staff library in Vietnamese, byte for byte, apart from the students’ lessons', async () => {
    const lessons = await dept.get<TrainingLessonSummaryDto[]>('/api/training/lessons');
    expect(lessons.status).toBe(200);
    expect(lessons.body.map((l) => Buffer.from(l.title).toString('hex')).sort()).toEqual(
      libraryTitles.map((t) => Buffer.from(t.normalize('NFC')).toString('hex')).sort(),
    );
    // Never in the students' library, and not a students' lesson by id.
    const library = await dept.get<{ id: string }[]>('/api/library/lessons');
    expect(library.body.filter((l) => lessons.body.some((s) => s.id === l.id))).toEqual([]);
    expectProblem(await dept.get(`/api/lessons/${lessons.body[0].id}`), 404);
    expectProblem(await (await anon.signedIn('gv1')).get(`/api/lessons/${lessons.body[0].id}`), 404);
  });

  it('make up the demo year’s program: four required, two optional, with the year’s targets', () => {
    expect(program.lessons.map((l) => l.title)).toEqual(libraryTitles);
    expect(program.lessons.map((l) => l.required)).toEqual([true, true, true, true, false, false]);
    expect({ staffTarget: program.staffTarget, staffReachedTarget: program.staffReachedTarget }).toEqual({ staffTarget: 100, staffReachedTarget: 100 });
  });

  it('refuses a program holding a students’ lesson or a lesson twice, and changes nothing', async () => {
    const studentLesson = (await dept.get<{ id: string }[]>('/api/library/lessons')).body[0].id;
    const bad = await dept.put('/api/training/program', { year, lessons: [{ lessonId: program.lessons[0].id }, { lessonId: studentLesson }] });
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'lessons.1.lessonId', code: 'training.notStaffLesson' })]);
    expectProblem(await dept.put('/api/training/program', { year, lessons: [{ lessonId: program.lessons[0].id }, { lessonId: program.lessons[0].id }] }), 400);
    expect((await dept.get<TrainingProgramDto>(`/api/training/program?year=${year}`)).body).toEqual(program);
  });

  it('let the Department set the targets and save another year’s program; nobody else', async () => {
    const saved = await dept.put<TrainingProgramDto>('/api/training/targets', { year, staffTarget: 75, staffReachedTarget: 90 });
    expect(saved.status).toBe(200);
    expect({ t: saved.body.staffTarget, r: saved.body.staffReachedTarget }).toEqual({ t: 75, r: 90 });
    expectProblem(await dept.put('/api/training/targets', { year: '2091-2092', staffTarget: 75, staffReachedTarget: 90 }), 409);
    const next = await dept.put<TrainingProgramDto>('/api/training/program', {
      year: '2091-2092',
      lessons: [{ lessonId: program.lessons[5].id, required: true }],
    });
    expect(next.body.lessons.map((l) => [l.id, l.required])).toEqual([[program.lessons[5].id, true]]);
    for (const who of ['thcs1-admin', 'gv1', 'hs1', 'so2-admin']) {
      const api = await anon.signedIn(who);
      const expected = who === 'so2-admin' ? 400 : 403;
      expectProblem(await api.put('/api/training/program', { year: '2091-2092', lessons: [{ lessonId: program.lessons[0].id }] }), expected);
      // Another province's Department sets its own province's targets.
      const targets = await api.put('/api/training/targets', { year, staffTarget: 1, staffReachedTarget: 1 });
      if (who === 'so2-admin') expect(targets.status).toBe(200);
      else expectProblem(targets, 403);
    }
  });
});

describe('giving and doing a staff lesson', () => {
  let third: string;
  let given: TrainingAssignmentDto;
  let before: Awaited<ReturnType<typeof studentsCoverage>>;

  beforeAll(async () => {
    third = program.lessons[2].id;
    before = await studentsCoverage();
  });

  it('gives the third lesson to two schools’ staff and to the Department, counting who it went to', async () => {
    const res = await dept.post<TrainingAssignmentDto>('/api/training/assignments', {
      lessonId: third,
      schoolIds: [schoolIds[SCHOOL_1], schoolIds[SCHOOL_2]],
      department: true,
      opensAt: hoursFromNow(-1),
      dueAt: hoursFromNow(24 * 14),
    });
    expect(res.status).toBe(201);
    given = res.body;
    expect(given).toMatchObject({ lessonId: third, title: libraryTitles[2], schools: 2, department: true, submitted: 0, passed: 0 });
    expect(given.staff).toBe((await staffOf(SCHOOL_1)) + (await staffOf(SCHOOL_2)) + (await staffOf(null)));
    const audit = await db.query(`SELECT detail FROM audit_event WHERE action = 'training.assigned' AND entity_id = $1`, [given.id]);
    expect(audit.rows[0].detail).toMatchObject({ lessonId: third, schools: 2, department: true });
  });

  it('lets a school admin give to their own school only, never to another or to the Department', async () => {
    const admin = await anon.signedIn('thcs1-admin');
    const body = { lessonId: program.lessons[4].id, opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) };
    const own = await admin.post<TrainingAssignmentDto>('/api/training/assignments', { ...body, schoolIds: [schoolIds[SCHOOL_1]] });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ schools: 1, department: false, staff: await staffOf(SCHOOL_1) });
    expectProblem(await admin.post('/api/training/assignments', { ...body, schoolIds: [schoolIds[SCHOOL_2]] }), 404);
    expectProblem(await admin.post('/api/training/assignments', { ...body, department: true }), 403);
    expectProblem(await admin.post('/api/training/assignments', { ...body, allSchools: true }), 403);
    expectProblem(await (await anon.signedIn('gv1')).post('/api/training/assignments', { ...body, schoolIds: [schoolIds[SCHOOL_1]] }), 403);
    // Another province's Department: the school is not found, and its own lessons are not these.
    expectProblem(await (await anon.signedIn('so2-admin')).post('/api/training/assignments', { ...body, schoolIds: [schoolIds[SCHOOL_1]] }), 404);
    // A school admin's list holds their school's part only.
    const list = (await admin.get<TrainingAssignmentDto[]>(`/api/training/assignments?year=${year}`)).body;
    expect(list.find((a) => a.id === given.id)).toMatchObject({ schools: 1, department: false, staff: await staffOf(SCHOOL_1) });
  });

  it('shows it to those it was given to, and to no student', async () => {
    for (const who of ['gv1', 'thcs1-admin', 'gv2', 'so-admin']) {
      const mine = (await (await anon.signedIn(who)).get<MyTrainingDto[]>('/api/training/mine')).body;
      expect({ who, status: mine.find((m) => m.lessonId === third)?.status }).toEqual({ who, status: 'not_started' });
    }
    expect((await (await anon.signedIn('gv3')).get<MyTrainingDto[]>('/api/training/mine')).body.some((m) => m.lessonId === third)).toBe(false);
    expect((await (await anon.signedIn('hs1')).get('/api/training/mine')).body).toEqual([]);
  });

  it('opens the lesson without its answer key, to its own staff only', async () => {
    const gv1 = await anon.signedIn('gv1');
    const row = (await gv1.get<MyTrainingDto[]>('/api/training/mine')).body.find((m) => m.lessonId === third)!;
    const started = await gv1.post<{ attempt: AttemptDto; lesson: TrainingLessonDto }>(`/api/training/assignments/${row.id}/attempt`);
    expect(started.status).toBe(200);
    expect(started.body.lesson.title).toBe(libraryTitles[2]);
    for (const item of started.body.lesson.items) {
      expect(item).not.toHaveProperty('answer');
      expect(item).not.toHaveProperty('feedback');
    }
    // Another school's teacher, a student, another province: not found; the Department sees it but does not do it.
    for (const who of ['gv3', 'hs1', 'gv-qt1']) expectProblem(await (await anon.signedIn(who)).post(`/api/training/assignments/${row.id}/attempt`), 404);
    expectProblem(await dept.post(`/api/training/assignments/${row.id}/attempt`), 403);
    // Nobody writes into gv1's attempt but gv1: the school's leader sees it (403), others do not (404).
    const itemId = started.body.lesson.items[0].id;
    const write = async (who: string) =>
      (await anon.signedIn(who)).put(`/api/attempts/${started.body.attempt.attemptId}/responses/${itemId}`, { response: [0] });
    expectProblem(await write('thcs1-admin'), 403);
    for (const who of ['gv2', 'hs1', 'gv-qt1']) expectProblem(await write(who), 404);
  });

  it('grades the attempts, and a second submit is refused', async () => {
    const gv1 = await anon.signedIn('gv1');
    const right = await doLesson(gv1, third, true);
    expect({ percent: right.percent, passed: right.passed }).toEqual({ percent: 100, passed: true });
    expect((await doLesson(await anon.signedIn('thcs1-admin'), third, true)).passed).toBe(true);
    const wrong = await doLesson(await anon.signedIn('gv2'), third, false);
    expect(wrong.passed).toBe(false);
    const attempt = (await gv1.get<MyTrainingDto[]>('/api/training/mine')).body.find((m) => m.lessonId === third)!;
    expect(attempt).toMatchObject({ status: 'submitted', percent: 100, passed: true });
    const again = await gv1.post<{ attempt: AttemptDto }>(`/api/training/assignments/${attempt.id}/attempt`);
    expectProblem(await gv1.post(`/api/attempts/${again.body.attempt.attemptId}/submit`), 409);
    const list = (await dept.get<TrainingAssignmentDto[]>(`/api/training/assignments?year=${year}`)).body.find((a) => a.id === given.id)!;
    expect({ submitted: list.submitted, passed: list.passed }).toEqual({ submitted: 3, passed: 2 });
  });

  it('counts each school and the Department against the program, and leaves the students’ coverage as it was', async () => {
    const coverage = (await dept.get<TrainingCoverageDto>(`/api/training/coverage?year=${year}`)).body;
    expect(coverage.requiredLessons).toBe(4);
    // THCS Đông Kinh: the demo's thcs1-admin (lesson 1) and gv1 (lessons 1 and 2), and now both the third: 5 pairs.
    const staff1 = await staffOf(SCHOOL_1);
    expect(unit(coverage, SCHOOL_1)).toMatchObject({ staff: staff1, coverage: { done: 5, of: staff1 * 4 }, reached: { done: 2, of: staff1 } });
    // The Department: so-admin did lesson 1 in the demo.
    const officials = await staffOf(null);
    expect(coverage.department).toMatchObject({ schoolId: null, name: 'Sở Giáo dục và Đào tạo', staff: officials, coverage: { done: 1, of: officials * 4 } });
    // Every school is listed once, the Department apart.
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM school s JOIN province p ON p.id = s.province_id WHERE p.code = 'DEMO'`);
    expect(coverage.units.length).toBe(rows[0].n);
    expect(coverage.schools.of).toBe(rows[0].n);
    expect(coverage.schools.target).toBe(75);
    const everyone = [...coverage.units, coverage.department!];
    expect(coverage.staffReached).toMatchObject({
      done: everyone.reduce((s, u) => s + u.reached.done, 0),
      of: everyone.reduce((s, u) => s + u.staff, 0),
      target: 90,
    });
    expect(await studentsCoverage()).toEqual(before);
  });

  it('shows a school admin their own school only, and nobody else anything', async () => {
    const own = (await (await anon.signedIn('thcs1-admin')).get<TrainingCoverageDto>(`/api/training/coverage?year=${year}`)).body;
    expect(own.units.map((u) => u.name)).toEqual([SCHOOL_1]);
    expect(own.department).toBeNull();
    expect(own.schools.of).toBe(1);
    for (const who of ['gv1', 'hs1']) expectProblem(await (await anon.signedIn(who)).get(`/api/training/coverage?year=${year}`), 403);
    const other = (await (await anon.signedIn('so2-admin')).get<TrainingCoverageDto>(`/api/training/coverage?year=${year}`)).body;
    expect(other.units.some((u) => u.name === SCHOOL_1)).toBe(false);
  });

  it('puts the staff figures in the annual report, as a section of their own', async () => {
    const coverage = (await dept.get<TrainingCoverageDto>(`/api/training/coverage?year=${year}`)).body;
    const xlsx = await dept.request('GET', `/api/reports/annual?year=${year}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const raw = await fetch(`${app.url}/api/reports/annual?year=${year}&format=xlsx`, { headers: { authorization: `Bearer ${dept.token}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await raw.arrayBuffer()) as never);
    const sheet = book.getWorksheet('Cán bộ, giáo viên')!;
    expect(sheet).toBeDefined();
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const row = (name: string) => rows.find((r) => r[1] === name)!;
    const u1 = unit(coverage, SCHOOL_1);
    expect(row(SCHOOL_1).slice(1, 9)).toEqual([
      SCHOOL_1,
      'Phường Đông Kinh',
      u1.staff,
      5,
      u1.staff * 4,
      u1.coverage.percent,
      u1.hasProgram ? 'Đạt' : 'Chưa đạt',
      2,
    ]);
    expect(row('Sở Giáo dục và Đào tạo').slice(3, 6)).toEqual([coverage.department!.staff, 1, coverage.department!.staff * 4]);
    const pdf = await fetch(`${app.url}/api/reports/annual?year=${year}&format=pdf`, { headers: { authorization: `Bearer ${dept.token}` } });
    const text = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('VI. BỒI DƯỠNG CÁN BỘ, GIÁO VIÊN');
    expect(text).toContain(`${coverage.schools.done}/${coverage.schools.of}`);
    expect(text).toContain(`${coverage.staffReached.done}/${coverage.staffReached.of}`);
  });
});
