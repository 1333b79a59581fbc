import { schoolYearOf } from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';

let app: TestApp;
let anon: Api;
let db: pg.Client;
let gv1: Api;
let hs1: Api;
let lessonId: string;
let items: { id: string; kind: string }[];
let classId: string;
const year = schoolYearOf(testNow());
const hours = hoursFromNow;

const base = { feedback: 'Giải thích.', tags: { topics: ['kiểm thử'], techniques: [], difficulty: 'easy' } };
/** One item of every kind, with known keys. */
const ITEMS = [
  { kind: 'single_choice', prompt: 'Chọn một', options: ['a', 'b', 'c'], answer: [1], ...base },
  { kind: 'multi_choice', prompt: 'Chọn nhiều', options: ['a', 'b', 'c', 'd'], answer: [0, 2], ...base },
  { kind: 'true_false', prompt: 'Đúng hay sai', answer: [0], ...base },
  { kind: 'ordering', prompt: 'Sắp xếp', options: ['x', 'y', 'z'], answer: [2, 0, 1], ...base },
  {
    kind: 'claim_check',
    prompt: 'Kiểm tra',
    claim: { format: 'post', source: 'Trang lạ', text: 'Tin đồn' },
    options: ['e0', 'e1', 'e2'],
    answer: { verdict: 'false', evidence: [0, 2] },
    ...base,
    points: 2,
  },
  {
    kind: 'red_flags',
    prompt: 'Đánh dấu',
    message: { channel: 'sms', sender: 'BANK' },
    options: ['s0', 's1', 's2', 's3'],
    answer: { marked: [1, 3] },
    ...base,
    points: 2,
  },
  { kind: 'short_answer', prompt: 'Em sẽ làm gì?', answer: { text: 'Gọi lại cho người thân qua số quen.' }, ...base, points: 2 },
];
/** The responses of hs1, and what each earns: 1 + 0.5 + 0 + 0.33 + 1.67 + 2 = 5.5 of 10 before review. */
const RESPONSES: Record<string, unknown> = {
  single_choice: [1],
  multi_choice: [0],
  true_false: [1],
  ordering: [2, 1, 0],
  claim_check: { verdict: 'false', evidence: [0] },
  red_flags: { marked: [1, 3] },
  short_answer: { text: 'Em gọi điện cho mẹ để hỏi lại.' },
};
const EXPECTED: Record<string, { score: number | null; correct: boolean | null }> = {
  single_choice: { score: 1, correct: true },
  multi_choice: { score: 0.5, correct: false },
  true_false: { score: 0, correct: false },
  ordering: { score: 0.33, correct: false },
  claim_check: { score: 1.67, correct: false },
  red_flags: { score: 2, correct: true },
  short_answer: { score: null, correct: null },
};

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  const dept = await anon.signedIn('so-admin');
  gv1 = await anon.signedIn('gv1');
  hs1 = await anon.signedIn('hs1');
  // A lesson with one item of each kind, published in a THCS curriculum so that THCS schools may assign it.
  const lesson = await dept.post('/api/lessons', {
    title: 'Bài kiểm thử đủ loại câu hỏi',
    kind: 'SAFETY',
    level: 'THCS',
    gradeMin: 6,
    gradeMax: 9,
    durationMinutes: 20,
    objectives: ['Kiểm thử chấm điểm'],
    body: [{ type: 'paragraph', text: 'Nội dung.' }],
    items: ITEMS,
  });
  expect(lesson.status).toBe(201);
  lessonId = lesson.body.id;
  items = lesson.body.items;
  const curriculum = await dept.post('/api/curricula', { schoolYear: '2090-2091', level: 'THCS', kind: 'SAFETY' });
  await dept.put(`/api/curriculum-versions/${curriculum.body.draft.id}`, { lessons: [{ lessonId }] });
  expect((await dept.post(`/api/curriculum-versions/${curriculum.body.draft.id}/publish`)).status).toBe(200);
  classId = ((await gv1.get('/api/classes')).body as { id: string; name: string }[]).find((c) => c.name === '8A1')!.id;
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) process.stdout.write(app?.output() ?? '');
  await db?.end();
  await app?.stop();
});

const itemOf = (kind: string) => items.find((i) => i.kind === kind)!.id;
const assign = (api: Api, classIds: string[], opensAt = hours(-1), dueAt = hours(48), lesson = lessonId) =>
  api.post('/api/assignments', { lessonId: lesson, classIds, opensAt, dueAt });

describe('assigning', () => {
  it('shows an assignment to the students of the class and to nobody else', async () => {
    const created = await assign(gv1, [classId]);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ lessonId, classIds: [classId], title: 'Bài kiểm thử đủ loại câu hỏi', students: 30, submitted: 0 });

    const mine = (await hs1.get('/api/assignments')).body as { id: string; status: string; title: string }[];
    expect(mine.find((a) => a.id === created.body.id)).toMatchObject({ status: 'not_started', title: 'Bài kiểm thử đủ loại câu hỏi', overdue: false });
    const hs31 = await anon.signedIn('hs31');
    expect(((await hs31.get('/api/assignments')).body as { id: string }[]).map((a) => a.id)).not.toContain(created.body.id);
    expectProblem(await hs31.post(`/api/assignments/${created.body.id}/attempt`), 404);
    const gv2 = await anon.signedIn('gv2');
    expect(((await gv2.get('/api/assignments')).body as { id: string }[]).map((a) => a.id)).not.toContain(created.body.id);
  });

  it('refuses a class of another teacher, of another school, or one that does not exist, with 403 and writes nothing', async () => {
    const admin = await anon.signedIn('thcs1-admin');
    const schoolId = (await admin.get('/api/me')).body.schoolId;
    const other = await admin.post('/api/classes', { schoolId, name: '8A2', grade: 8, schoolYear: year });
    expect(other.status).toBe(201);
    const chiLang = ((await (await anon.signedIn('so-admin')).get('/api/classes')).body as { id: string; name: string }[]).find((c) => c.name === '7A1')!.id;
    const before = (await db.query('SELECT count(*)::int AS n FROM assignment')).rows[0].n;
    for (const ids of [[other.body.id], [chiLang], [classId, chiLang], ['00000000-0000-4000-8000-000000000000']])
      expectProblem(await assign(gv1, ids), 403, 'FORBIDDEN');
    expect((await db.query('SELECT count(*)::int AS n FROM assignment')).rows[0].n).toBe(before);
    // The school admin may assign to any class of the school.
    expect((await assign(admin, [other.body.id, classId])).status).toBe(201);
  });

  it('refuses a window that ends before it opens', async () => {
    const problem = expectProblem(await assign(gv1, [classId], hours(5), hours(1)), 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field)).toEqual(['dueAt']);
  });

  it('shows which classes still lack the required lessons of the year', async () => {
    type Row = { lessonId: string; required: boolean; classesMissing: { name: string }[]; classesAssigned: { name: string }[] };
    const plan = (await gv1.get(`/api/assignment-plan?schoolYear=${year}`)).body as Row[];
    expect(plan.length).toBeGreaterThanOrEqual(8);
    const assigned = new Set(((await gv1.get(`/api/assignments?classId=${classId}`)).body as { lessonId: string }[]).map((a) => a.lessonId));
    for (const row of plan) {
      const where = row.classesAssigned.some((c) => c.name === '8A1') ? 'assigned' : row.classesMissing.some((c) => c.name === '8A1') ? 'missing' : 'absent';
      expect({ lesson: row.lessonId, where }).toEqual({ lesson: row.lessonId, where: assigned.has(row.lessonId) ? 'assigned' : 'missing' });
    }
    // The demo assigned some of them already; the rest are still missing.
    expect(plan.some((r) => r.required && r.classesMissing.length > 0)).toBe(true);
  });
});

describe('doing an assignment', () => {
  let assignmentId: string;
  let attemptId: string;

  beforeAll(async () => {
    assignmentId = (await assign(gv1, [classId])).body.id;
  });

  it('starts, autosaves every kind, resumes after closing, and never shows a key before submitting', async () => {
    const started = await hs1.post(`/api/assignments/${assignmentId}/attempt`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', responses: {} });
    attemptId = started.body.attemptId;
    for (const [kind, response] of Object.entries(RESPONSES)) {
      const saved = await hs1.put(`/api/attempts/${attemptId}/responses/${itemOf(kind)}`, { response, seq: 1 });
      expect({ kind, status: saved.status }).toEqual({ kind, status: 200 });
      expect(Date.parse(saved.body.savedAt)).not.toBeNaN();
    }
    // A new sign-in (the tab was closed) resumes the same attempt with every answer.
    const again = await anon.signedIn('hs1');
    const resumed = await again.post(`/api/assignments/${assignmentId}/attempt`);
    expect(resumed.body.attemptId).toBe(attemptId);
    expect(resumed.body.responses).toEqual(Object.fromEntries(Object.entries(RESPONSES).map(([k, r]) => [itemOf(k), r])));
    expect(JSON.stringify(resumed.body)).not.toMatch(/"(answer|feedback)"/);
    expect(resumed.body.result).toBeUndefined();
  });

  it('refuses a response of the wrong shape or for an item not in the lesson, and changes nothing', async () => {
    expect(
      expectProblem(await hs1.put(`/api/attempts/${attemptId}/responses/${itemOf('claim_check')}`, { response: { verdict: 'maybe' } }), 400).errors?.[0].field,
    ).toBe('response.verdict');
    expectProblem(await hs1.put(`/api/attempts/${attemptId}/responses/00000000-0000-4000-8000-000000000000`, { response: [0] }), 404);
    const hs2 = await anon.signedIn('hs2');
    expectProblem(await hs2.put(`/api/attempts/${attemptId}/responses/${itemOf('single_choice')}`, { response: [0] }), 404);
    const stored = await db.query(`SELECT response FROM response WHERE attempt_id = $1 AND item_id = $2`, [attemptId, itemOf('claim_check')]);
    expect(stored.rows[0].response).toEqual(RESPONSES.claim_check);
  });

  it('stores a double-posted response once, and never lets an older save overwrite a newer one', async () => {
    const item = itemOf('single_choice');
    const results = await Promise.all([1, 2, 3, 4].map(() => hs1.put(`/api/attempts/${attemptId}/responses/${item}`, { response: [2], seq: 10 })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await hs1.put(`/api/attempts/${attemptId}/responses/${item}`, { response: [1], seq: 20 });
    // A retried older save arrives late: it is acknowledged and ignored.
    expect((await hs1.put(`/api/attempts/${attemptId}/responses/${item}`, { response: [0], seq: 15 })).status).toBe(200);
    const rows = await db.query(`SELECT response FROM response WHERE attempt_id = $1 AND item_id = $2`, [attemptId, item]);
    expect(rows.rows).toEqual([{ response: [1] }]);
  });

  it('refuses an autosave once the student logged out, with the access token still unexpired', async () => {
    const session = await anon.login('hs7');
    const hs7 = anon.as(session.accessToken);
    const attempt = (await hs7.post(`/api/assignments/${assignmentId}/attempt`)).body.attemptId;
    const item = itemOf('single_choice');
    expect((await hs7.put(`/api/attempts/${attempt}/responses/${item}`, { response: [1] })).status).toBe(200);
    expect((await hs7.post('/api/auth/logout', { refreshToken: session.refreshToken })).status).toBeLessThan(300);
    expectProblem(await hs7.put(`/api/attempts/${attempt}/responses/${item}`, { response: [2] }), 401, 'UNAUTHENTICATED');
    expectProblem(await hs7.put(`/api/attempts/${attempt}/responses/${itemOf('claim_check')}`, { response: { verdict: 'nope' } }), 401);
    const stored = await db.query(`SELECT response FROM response WHERE attempt_id = $1`, [attempt]);
    expect(stored.rows).toEqual([{ response: [1] }]);
  });

  it('grades every kind on the server with known scores, once', async () => {
    const result = await hs1.post(`/api/attempts/${attemptId}/submit`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ score: 5.5, maxScore: 10, percent: 55, late: false, passed: true, pendingReview: 1 });
    for (const [kind, expected] of Object.entries(EXPECTED)) {
      const item = result.body.items.find((i: { itemId: string }) => i.itemId === itemOf(kind));
      expect({ kind, score: item.score, correct: item.correct }).toEqual({ kind, ...expected });
      expect(item.feedback).toBe('Giải thích.');
    }
    expectProblem(await hs1.post(`/api/attempts/${attemptId}/submit`), 409, 'ALREADY_SUBMITTED');
    expectProblem(await hs1.put(`/api/attempts/${attemptId}/responses/${itemOf('true_false')}`, { response: [0], seq: 99 }), 409, 'ALREADY_SUBMITTED');
    const stored = await db.query(`SELECT response FROM response WHERE attempt_id = $1 AND item_id = $2`, [attemptId, itemOf('true_false')]);
    expect(stored.rows[0].response).toEqual([1]);
  });

  it("lets the teacher review the short answer, and the attempt's score follows", async () => {
    const queue = (await gv1.get('/api/reviews')).body as { responseId: string; text: string; studentName: string; modelAnswer: string; maxScore: number }[];
    const mine = queue.find((q) => q.text === 'Em gọi điện cho mẹ để hỏi lại.')!;
    expect(mine).toMatchObject({ maxScore: 2, modelAnswer: 'Gọi lại cho người thân qua số quen.' });
    const gv2 = await anon.signedIn('gv2');
    expectProblem(await gv2.post(`/api/reviews/${mine.responseId}`, { score: 2 }), 404);
    expect(expectProblem(await gv1.post(`/api/reviews/${mine.responseId}`, { score: 3 }), 400).errors?.[0].field).toBe('score');
    const reviewed = await gv1.post(`/api/reviews/${mine.responseId}`, { score: 1.5, comment: 'Tốt, nhưng nên nói thêm về việc không chuyển tiền.' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.attemptScore).toEqual({ score: 7, maxScore: 10, percent: 70, pendingReview: 0 });
    expect(((await gv1.get('/api/reviews')).body as { responseId: string }[]).map((q) => q.responseId)).not.toContain(mine.responseId);

    const own = ((await hs1.get('/api/assignments')).body as { id: string }[]).find((a) => a.id === assignmentId);
    expect(own).toMatchObject({ status: 'submitted', score: 7, maxScore: 10, percent: 70, late: false, pendingReview: 0 });
    const view = (await hs1.get(`/api/attempts/${attemptId}`)).body;
    expect(view.result.items.find((i: { itemId: string }) => i.itemId === itemOf('short_answer'))).toMatchObject({
      score: 1.5,
      reviewComment: 'Tốt, nhưng nên nói thêm về việc không chuyển tiền.',
    });
  });

  it('shows the class matrix with every enrolled student, and exports it to XLSX', async () => {
    const progress = (await gv1.get(`/api/classes/${classId}/progress`)).body;
    expect(progress.students).toHaveLength(30);
    expect(progress.lessons.map((l: { assignmentId: string }) => l.assignmentId)).toContain(assignmentId);
    const hs1Id = (await hs1.get('/api/me')).body.id;
    const hs1Row = progress.students.find((s: { id: string }) => s.id === hs1Id);
    expect(hs1Row.cells.find((c: { lessonId: string }) => c.lessonId === lessonId)).toEqual({ lessonId, status: 'passed', percent: 70, late: false });
    const statuses = progress.students.map((s: { cells: { lessonId: string; status: string }[] }) => s.cells.find((c) => c.lessonId === lessonId)!.status);
    // hs1 passed, hs7 began and logged out, the other 28 have not started.
    expect(statuses.filter((x: string) => x === 'not_started')).toHaveLength(28);
    expect(statuses.filter((x: string) => x === 'in_progress')).toHaveLength(1);
    const percents = progress.students.flatMap((s: { cells: { percent?: number }[] }) => s.cells.flatMap((c) => (c.percent === undefined ? [] : [c.percent])));
    expect(progress.average).toBe(Math.round((10 * percents.reduce((a: number, b: number) => a + b, 0)) / percents.length) / 10);
    // The demo's work is there too, graded: a lesson past due, with late work to nudge about.
    expect(percents.filter((x: number) => x > 0).length).toBeGreaterThan(20);
    expect(progress.lessons.length).toBeGreaterThanOrEqual(3);
    expect(progress.nudge.length).toBeGreaterThan(0);
    expectProblem(await hs1.get(`/api/classes/${classId}/progress`), 403);

    const res = await fetch(`${app.url}/api/classes/${classId}/progress?format=xlsx`, { headers: { authorization: `Bearer ${gv1.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('Tiến độ')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    // Each lesson's column is headed by its title and, on the next line, its due time in Vietnam time.
    expect(header.map((h) => String(h).split('\n')[0])).toContain('Bài kiểm thử đủ loại câu hỏi');
    const cells: string[] = [];
    sheet.eachRow((r) => cells.push(...(r.values as unknown[]).map(String)));
    expect(cells).toContain('Đạt 70%');
  });
});

describe('the window', () => {
  it('marks late work late, and refuses work once the teacher closed the assignment', async () => {
    const late = (await assign(gv1, [classId], hours(-48), hours(-1))).body;
    const hs3 = await anon.signedIn('hs3');
    const own = ((await hs3.get('/api/assignments')).body as { id: string; overdue: boolean }[]).find((a) => a.id === late.id);
    expect(own).toMatchObject({ status: 'not_started', overdue: true });
    const attempt = (await hs3.post(`/api/assignments/${late.id}/attempt`)).body;
    await hs3.put(`/api/attempts/${attempt.attemptId}/responses/${itemOf('single_choice')}`, { response: [1] });
    const result = (await hs3.post(`/api/attempts/${attempt.attemptId}/submit`)).body;
    expect(result).toMatchObject({ late: true, score: 1 });

    const closed = (await assign(gv1, [classId])).body;
    const hs4 = await anon.signedIn('hs4');
    const attempt4 = (await hs4.post(`/api/assignments/${closed.id}/attempt`)).body;
    const patched = await gv1.patch(`/api/assignments/${closed.id}`, { closed: true });
    expect(patched.body.closedAt).not.toBeNull();
    expectProblem(await hs4.put(`/api/attempts/${attempt4.attemptId}/responses/${itemOf('single_choice')}`, { response: [1] }), 409, 'ASSIGNMENT_CLOSED');
    expectProblem(await hs4.post(`/api/attempts/${attempt4.attemptId}/submit`), 409, 'ASSIGNMENT_CLOSED');
    expectProblem(await (await anon.signedIn('hs5')).post(`/api/assignments/${closed.id}/attempt`), 409, 'ASSIGNMENT_CLOSED');
    // Reopened with a later due date, the work goes on.
    const reopened = await gv1.patch(`/api/assignments/${closed.id}`, { closed: false, dueAt: hours(96) });
    expect(reopened.body.closedAt).toBeNull();
    expect(Date.parse(reopened.body.dueAt)).toBeGreaterThan(Date.parse(closed.dueAt));
    expect((await hs4.put(`/api/attempts/${attempt4.attemptId}/responses/${itemOf('single_choice')}`, { response: [1] })).status).toBe(200);
  });

  it('does not open an assignment before its time', async () => {
    const future = (await assign(gv1, [classId], hours(24), hours(48))).body;
    const hs6 = await anon.signedIn('hs6');
    expect(((await hs6.get('/api/assignments')).body as { id: string; status: string }[]).find((a) => a.id === future.id)?.status).toBe('upcoming');
    expectProblem(await hs6.post(`/api/assignments/${future.id}/attempt`), 409, 'ASSIGNMENT_NOT_OPEN');
  });
});
