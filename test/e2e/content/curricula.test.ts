import { schoolYearOf } from '@tinhtao/shared';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';

let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
const year = schoolYearOf(testNow());
const nextYear = `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(0, 4)) + 2}`;

const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;

const claimCheck = {
  kind: 'claim_check',
  prompt: 'Bài đăng này nói thật không? Chọn nhận định và bằng chứng.',
  feedback: 'Trang chính thức của Sở không có thông báo nào như vậy.',
  claim: { format: 'post', source: 'Hội phụ huynh toàn quốc (trang không chính thức)', text: 'KHẨN: Toàn tỉnh nghỉ học hết tuần sau!' },
  options: ['Trang web của Sở GD&ĐT không có thông báo này', 'Bài đăng có nhiều lượt chia sẻ', 'Báo chính thống không đưa tin'],
  answer: { verdict: 'false', evidence: [0, 2] },
  tags: { topics: ['tin giả'], techniques: ['tạo khẩn cấp'], difficulty: 'easy' },
  points: 2,
};

const lessonBody = (title: string, items: unknown[] = [claimCheck]) => ({
  title,
  kind: 'MEDIA_LITERACY',
  level: 'THCS',
  gradeMin: 6,
  gradeMax: 9,
  durationMinutes: 30,
  summary: 'Kiểm tra một thông báo nghỉ học lan truyền trên mạng.',
  objectives: ['Tìm nguồn chính thức trước khi tin'],
  body: [
    { type: 'heading', text: 'Thông báo nghỉ học giả' },
    { type: 'quote', format: 'post', author: 'Hội phụ huynh', text: 'KHẨN: nghỉ học!' },
  ],
  items,
});

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
});

describe('the starter library in the demo province', () => {
  it("is published as this year's four curricula, and schools see those of their level", async () => {
    const all = (await dept.get(`/api/curricula?year=${year}`)).body as { level: string; kind: string; published: { lessonCount: number; version: number } }[];
    expect(all.map((c) => `${c.level} ${c.kind}`).sort()).toEqual(['THCS MEDIA_LITERACY', 'THCS SAFETY', 'THPT MEDIA_LITERACY', 'THPT SAFETY']);
    for (const c of all) expect(c.published).toMatchObject({ version: 1, lessonCount: expect.any(Number) });
    expect(all.every((c) => c.published.lessonCount >= 4)).toBe(true);

    const gv1 = await anon.signedIn('gv1');
    const thcs = (await gv1.get(`/api/curricula?year=${year}`)).body as { level: string; draft: unknown }[];
    expect(thcs.map((c) => c.level)).toEqual(['THCS', 'THCS']);
    expect(thcs.every((c) => c.draft === null)).toBe(true);
    const gv3 = await anon.signedIn('gv3');
    expect(((await gv3.get(`/api/curricula?year=${year}`)).body as { level: string }[]).map((c) => c.level)).toEqual(['THPT', 'THPT']);

    const lessons = (await gv1.get(`/api/lessons?year=${year}&kind=SAFETY`)).body as { level: string; kind: string; itemCount: number }[];
    expect(lessons.length).toBeGreaterThanOrEqual(4);
    expect(lessons.every((l) => l.level === 'THCS' && l.kind === 'SAFETY' && l.itemCount >= 6)).toBe(true);
  });

  it('shows a student a lesson without any answer key or feedback, in the raw JSON', async () => {
    const hs1 = await anon.signedIn('hs1');
    const list = (await hs1.get(`/api/lessons?year=${year}`)).body as { id: string }[];
    expect(list.length).toBeGreaterThanOrEqual(8);
    for (const { id } of list) {
      const raw = await fetch(`${app.url}/api/lessons/${id}`, { headers: { authorization: `Bearer ${hs1.token}` } });
      expect(raw.status).toBe(200);
      const text = await raw.text();
      expect(text).not.toMatch(/"(answer|feedback|verdict|marked|evidence)"/);
      const staff = (await dept.get(`/api/lessons/${id}`)).body as { items: { id: string; answer: unknown }[] };
      const student = JSON.parse(text) as { items: { id: string; options: string[] }[] };
      expect(student.items.map((i) => i.id)).toEqual(staff.items.map((i) => i.id));
      expect(staff.items.every((i) => i.answer !== undefined)).toBe(true);
    }
    // Nor by the question bank's route.
    const lesson = (await dept.get(`/api/lessons/${list[0].id}`)).body as { items: { id: string }[] };
    expectProblem(await hs1.get(`/api/items/${lesson.items[0].id}`), 404, 'NOT_FOUND');
    expectProblem(await hs1.get('/api/library/lessons'), 403, 'FORBIDDEN');
  });
});

describe('authoring and publishing', () => {
  let lessonId: string;
  let curriculumId: string;
  let draftId: string;

  it('refuses an ungradable item and writes nothing', async () => {
    const before = await rows(`SELECT count(*)::int AS n FROM lesson`);
    const noEvidence = { ...claimCheck, answer: { verdict: 'false', evidence: [] } };
    const problem = expectProblem(await dept.post('/api/lessons', lessonBody('Bài thiếu bằng chứng', [noEvidence])), 400, 'VALIDATION_FAILED');
    expect(problem.errors?.map((e) => e.field)).toEqual(['items.0.answer.evidence']);
    const noFlags = {
      kind: 'red_flags',
      prompt: 'Đánh dấu',
      feedback: 'F',
      message: { channel: 'sms', sender: 'X' },
      options: ['a', 'b'],
      answer: { marked: [] },
    };
    expect(expectProblem(await dept.post('/api/lessons', lessonBody('Bài thiếu dấu hiệu', [noFlags])), 400).errors?.map((e) => e.field)).toEqual([
      'items.0.answer.marked',
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM lesson`)).toEqual(before);
  });

  it("creates a lesson and next year's curriculum, which starts from this year's lessons", async () => {
    const created = await dept.post('/api/lessons', lessonBody('Thông báo nghỉ học giả'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Thông báo nghỉ học giả',
      lockedAt: null,
      items: [{ kind: 'claim_check', answer: { verdict: 'false', evidence: [0, 2] } }],
    });
    lessonId = created.body.id;

    const curriculum = await dept.post('/api/curricula', { schoolYear: nextYear, level: 'THCS', kind: 'MEDIA_LITERACY' });
    expect(curriculum.status).toBe(201);
    expect(curriculum.body.published).toBeNull();
    expect(curriculum.body.draft).toMatchObject({ version: 1, status: 'draft', note: `Bắt đầu từ chương trình năm học ${year}` });
    expect(curriculum.body.draft.lessons.length).toBeGreaterThanOrEqual(4);
    curriculumId = curriculum.body.id;
    draftId = curriculum.body.draft.id;
    expectProblem(await dept.post('/api/curricula', { schoolYear: nextYear, level: 'THCS', kind: 'MEDIA_LITERACY' }), 409, 'CURRICULUM_EXISTS');
  });

  it('keeps a draft from schools, and refuses a lesson of another level', async () => {
    const gv1 = await anon.signedIn('gv1');
    expectProblem(await gv1.get(`/api/lessons/${lessonId}`), 404);
    expectProblem(await gv1.get(`/api/curricula/${curriculumId}`), 404);
    expect((await gv1.get(`/api/lessons?year=${nextYear}`)).body).toEqual([]);

    const thpt = (await dept.get(`/api/lessons?year=${year}&level=THPT`)).body as { id: string }[];
    const misfit = await dept.put(`/api/curriculum-versions/${draftId}`, { lessons: [{ lessonId: thpt[0].id }] });
    expect(expectProblem(misfit, 422, 'LESSON_DOES_NOT_FIT').errors?.map((e) => e.field)).toEqual(['lessons.0.lessonId']);
  });

  it('publishes: a teacher of the level sees the lesson with its key, a teacher of the other level does not', async () => {
    const draft = (await dept.get(`/api/curriculum-versions/${draftId}`)).body as {
      lessons: { lessonId: string; required: boolean; suggestedMonth: number | null }[];
    };
    const lessons = [
      ...draft.lessons.map(({ lessonId: id, required, suggestedMonth }) => ({ lessonId: id, required, suggestedMonth })),
      { lessonId, required: true, suggestedMonth: 3 },
    ];
    const saved = await dept.put(`/api/curriculum-versions/${draftId}`, { note: 'Thêm bài về thông báo nghỉ học giả', lessons });
    expect(saved.status).toBe(200);
    expect(saved.body.lessons.at(-1)).toMatchObject({ lessonId, required: true, suggestedMonth: 3, position: lessons.length - 1 });

    const published = await dept.post(`/api/curriculum-versions/${draftId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', version: 1, publishedByName: 'Lương Thị Thanh Hà' });

    const gv1 = await anon.signedIn('gv1');
    const listed = (await gv1.get(`/api/lessons?year=${nextYear}&level=THCS&kind=MEDIA_LITERACY`)).body as { id: string; itemCount: number }[];
    expect(listed.find((l) => l.id === lessonId)).toMatchObject({ itemCount: 1 });
    const seen = await gv1.get(`/api/lessons/${lessonId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.items[0].answer).toEqual({ verdict: 'false', evidence: [0, 2] });
    expect(seen.body.lockedAt).not.toBeNull();

    const gv3 = await anon.signedIn('gv3');
    expectProblem(await gv3.get(`/api/lessons/${lessonId}`), 404);
    expect(((await gv3.get(`/api/lessons?year=${nextYear}`)).body as { id: string }[]).map((l) => l.id)).not.toContain(lessonId);
    const thcsAdmin = await anon.signedIn('thcs1-admin');
    expect((await thcsAdmin.get(`/api/curricula/${curriculumId}`)).body.published.lessons.map((l: { lessonId: string }) => l.lessonId)).toContain(lessonId);

    const audit = await rows(
      `SELECT a.action, u.username, a.detail FROM audit_event a JOIN app_user u ON u.id = a.actor_id WHERE a.entity_id = $1 ORDER BY a.id`,
      [curriculumId],
    );
    expect(audit.map((a) => a.action)).toEqual(['curriculum.created', 'curriculum.draft_updated', 'curriculum.published']);
    expect(audit.every((a) => a.username === 'so-admin')).toBe(true);
    expect(audit[2].detail).toMatchObject({ version: 1, lessonIds: lessons.map((l) => l.lessonId) });
  });

  it('refuses to change anything published with 409 and leaves the rows untouched', async () => {
    const snapshot = async () => ({
      version: await rows(`SELECT * FROM curriculum_version WHERE id = $1`, [draftId]),
      lessons: await rows(`SELECT * FROM curriculum_lesson WHERE version_id = $1 ORDER BY position`, [draftId]),
      lesson: await rows(`SELECT * FROM lesson WHERE id = $1`, [lessonId]),
      items: await rows(`SELECT i.* FROM item i JOIN lesson_item li ON li.item_id = i.id WHERE li.lesson_id = $1`, [lessonId]),
    });
    const before = await snapshot();
    expectProblem(await dept.put(`/api/curriculum-versions/${draftId}`, { note: 'sửa', lessons: [] }), 409, 'CONTENT_LOCKED');
    expectProblem(await dept.post(`/api/curriculum-versions/${draftId}/publish`), 409, 'CONTENT_LOCKED');
    expectProblem(await dept.delete(`/api/curriculum-versions/${draftId}`), 409, 'CONTENT_LOCKED');
    expectProblem(await dept.put(`/api/lessons/${lessonId}`, lessonBody('Tên mới')), 409, 'CONTENT_LOCKED');
    expectProblem(await dept.put(`/api/items/${before.items[0].id}`, { ...claimCheck, prompt: 'Câu hỏi mới?' }), 409, 'CONTENT_LOCKED');
    expectProblem(await dept.delete(`/api/lessons/${lessonId}`), 409, 'CONTENT_IN_USE');
    expect(await snapshot()).toEqual(before);
    // The database refuses it too, whoever asks.
    await expect(db.query(`UPDATE lesson SET title = 'x' WHERE id = $1`, [lessonId])).rejects.toThrow(/is published/);
    await expect(db.query(`DELETE FROM curriculum_lesson WHERE version_id = $1`, [draftId])).rejects.toThrow(/is published/);
  });

  it('edits through a new draft and a revised lesson; schools keep the published version until the next is published', async () => {
    const draft = await dept.post(`/api/curricula/${curriculumId}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    expect((await dept.post(`/api/curricula/${curriculumId}/draft`)).body.id).toBe(draft.body.id);

    const revision = await dept.post(`/api/lessons/${lessonId}/revisions`);
    expect(revision.status).toBe(201);
    expect(revision.body).toMatchObject({ revisesId: lessonId, lockedAt: null });
    const revisedId = revision.body.id as string;
    const v2 = (await dept.get(`/api/curriculum-versions/${draft.body.id}`)).body as { lessons: { lessonId: string }[] };
    expect(v2.lessons.map((l) => l.lessonId)).toContain(revisedId);
    expect(v2.lessons.map((l) => l.lessonId)).not.toContain(lessonId);
    const revised = await rows(`SELECT detail FROM audit_event WHERE action = 'lesson.revised' AND entity_id = $1`, [revisedId]);
    expect(revised[0].detail).toEqual({ revises: lessonId, draftVersions: [draft.body.id] });

    // Changing the published item inside the draft lesson copies it; the published item stays.
    const oldItem = revision.body.items[0];
    const edited = await dept.put(
      `/api/lessons/${revisedId}`,
      lessonBody('Thông báo nghỉ học giả (bản 2)', [{ ...claimCheck, id: oldItem.id, prompt: 'Thông báo này thật hay giả?' }]),
    );
    expect(edited.status).toBe(200);
    expect(edited.body.items[0]).toMatchObject({ prompt: 'Thông báo này thật hay giả?', revisesId: oldItem.id, lockedAt: null });
    expect(edited.body.items[0].id).not.toBe(oldItem.id);
    expect((await dept.get(`/api/items/${oldItem.id}`)).body.prompt).toBe(claimCheck.prompt);

    const gv1 = await anon.signedIn('gv1');
    const seen = (await gv1.get(`/api/curricula/${curriculumId}`)).body;
    expect(seen.published.version).toBe(1);
    expect(seen.draft).toBeNull();
    expect(seen.published.lessons.map((l: { lessonId: string }) => l.lessonId)).toContain(lessonId);
    expectProblem(await gv1.get(`/api/lessons/${revisedId}`), 404);

    expect((await dept.post(`/api/curriculum-versions/${draft.body.id}/publish`)).status).toBe(200);
    const after = (await gv1.get(`/api/curricula/${curriculumId}`)).body;
    expect(after.published.version).toBe(2);
    expect(after.published.lessons.map((l: { lessonId: string }) => l.lessonId)).toContain(revisedId);
    expect((await gv1.get(`/api/lessons/${revisedId}`)).body.title).toBe('Thông báo nghỉ học giả (bản 2)');
    // The first version is kept as history, and its lesson stays readable for work done on it.
    const history = (await gv1.get(`/api/curricula/${curriculumId}/versions`)).body as { version: number; status: string }[];
    expect(history.map((v) => `${v.version} ${v.status}`)).toEqual(['2 published', '1 superseded']);
    expect((await gv1.get(`/api/lessons/${lessonId}`)).status).toBe(200);
  });

  it('keeps another province out', async () => {
    const so2 = await anon.signedIn('so2-admin');
    expectProblem(await so2.get(`/api/lessons/${lessonId}`), 404);
    expectProblem(await so2.put(`/api/curriculum-versions/${draftId}`, { lessons: [] }), 404);
    const problem = expectProblem(
      await so2.post('/api/lessons', lessonBody('Mượn câu hỏi', [{ ...claimCheck, id: (await dept.get(`/api/lessons/${lessonId}`)).body.items[0].id }])),
      422,
      'INVALID_REFERENCE',
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['items.0.id']);
  });
});
