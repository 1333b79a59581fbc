import { randomUUID } from 'node:crypto';

import { schoolYearOf } from '@tinhtao/shared';
import sharp from 'sharp';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';
import { tusUpload } from '../../support/tus.js';

/**
 * The cross-tenant matrix: every route × every role × a target in the caller's own school,
 * another school of the province, and another province. Callers are the demo accounts of
 * THCS Đông Kinh (province 1). For content (curricula, lessons, items), which belongs to
 * the province, "own" is published content of the caller's level (THCS) and "other school"
 * is the province's THPT content. Exact statuses: a row the caller may not even see is
 * 404, a row seen but not changeable is 403, published content that cannot change is 409.
 */
type Actor = 'so-admin' | 'thcs1-admin' | 'gv1' | 'hs1';
const ACTORS: Actor[] = ['so-admin', 'thcs1-admin', 'gv1', 'hs1'];
type Where = 'own' | 'otherSchool' | 'otherProvince';
const WHERE: Where[] = ['own', 'otherSchool', 'otherProvince'];

interface Ids {
  school: Record<Where, string>;
  cls: Record<Where, string>;
  student: Record<Where, string>;
  /** A student of the class in `cls`, removed and put back by the unenroll row. */
  enrolled: Record<Where, string>;
  area: Record<Where, string>;
  /** Published content: lessons, one of their items, curricula and their published versions. */
  lesson: Record<Where, string>;
  item: Record<Where, string>;
  curriculum: Record<Where, string>;
  version: Record<Where, string>;
  /** An assignment of each school's class, a student's submitted attempt at it, and its short answer. */
  assignment: Record<Where, string>;
  attempt: Record<Where, string>;
  shortAnswerItem: Record<Where, string>;
  response: Record<Where, string>;
  /** A class contest of each school's class. */
  contest: Record<Where, string>;
  liveItem: Record<Where, string>;
  /** hs2's, hs32's and qt-hs2's entries in a scheduled class contest. */
  entry: Record<Where, string>;
  /** A students import of each school, previewed and confirmed already. */
  importJob: Record<Where, string>;
  /** A student of each school in no class, for the erasure row. */
  victim: Record<Where, string>;
  /** Pre/post diagnostics, like content: the province's THCS one, its THPT one, and province 2's THCS one; none has a round open. */
  diagnostic: Record<Where, string>;
  /** Eight true/false bank items of the province (own and other school: province 1's), for building a diagnostic. */
  diagnosticItems: Record<Where, string[]>;
  /** The awareness helper's block-list entries and warning patterns (own and other school: two of province 1's). */
  helperEntry: Record<Where, string>;
  helperPattern: Record<Where, string>;
  /** The staff program's last lesson (own and other school: province 1's), and its staff assignment to each school, as its staff see it. */
  staffLesson: Record<Where, string>;
  staffAssignment: Record<Where, string>;
  /** A poster contest of province 1 (own and other school) and of province 2, open for entries, its body as made. */
  subContest: Record<Where, string>;
  subContestBody: Record<Where, object>;
  /** hs2's, hs32's and qt-hs2's confirmed entries in it, and their pictures. */
  subEntry: Record<Where, string>;
  subFile: Record<Where, string>;
  /** A picture hs1 uploaded to province 1's contest, for the entry row. */
  hs1Upload: string;
  /** Three judges of province 1: its dept admin, gv1 and gv2. */
  subJudges: string[];
}

interface Row {
  route: string;
  call: (api: Api, ids: Ids, where: Where, n: number) => ReturnType<Api['get']>;
  /** Statuses for own, other school, other province. */
  expect: Record<Actor, [number, number, number]>;
  /** Puts back what an allowed call changed, as the province's admin. */
  restore?: (admin: Api, ids: Ids, where: Where) => Promise<unknown>;
}

const same = (s: [number, number, number]): Record<Actor, [number, number, number]> => ({ 'so-admin': s, 'thcs1-admin': s, gv1: s, hs1: s });

const year = schoolYearOf(testNow());

const newLesson = (n: number) => ({
  title: `Bài học thử ${n}`,
  kind: 'SAFETY',
  level: 'THCS',
  gradeMin: 6,
  gradeMax: 9,
  durationMinutes: 30,
  objectives: ['Nhận ra tin nhắn lừa đảo'],
  body: [{ type: 'paragraph', text: 'Đừng bấm vào đường link lạ.' }],
  items: [{ kind: 'true_false', prompt: 'Ngân hàng không bao giờ hỏi mã OTP.', feedback: 'Đúng vậy.', answer: [0] }],
});
const staffOnly = (ok: number): Record<Actor, [number, number, number]> => ({
  'so-admin': [ok, ok, ok],
  'thcs1-admin': [403, 403, 403],
  gv1: [403, 403, 403],
  hs1: [403, 403, 403],
});
/** Reading published content: the dept admin reads the province's, schools read their level's. */
const readContent = (student: [number, number, number] = [200, 404, 404]): Record<Actor, [number, number, number]> => ({
  'so-admin': [200, 200, 404],
  'thcs1-admin': [200, 404, 404],
  gv1: [200, 404, 404],
  hs1: student,
});
/** Changing published content: 409 for its dept admin, 403 for schools that see it, 404 for the rest. */
const changeContent = (ok = 409): Record<Actor, [number, number, number]> => ({
  'so-admin': [ok, ok, 404],
  'thcs1-admin': [403, 404, 404],
  gv1: [403, 404, 404],
  hs1: [403, 404, 404],
});
/** Rows of a school: its province's dept admin and its own staff and students see them. */
const readClass: Record<Actor, [number, number, number]> = {
  'so-admin': [200, 200, 404],
  'thcs1-admin': [200, 404, 404],
  gv1: [200, 404, 404],
  hs1: [200, 404, 404],
};
/** Answering an attempt: only its own student; those who see it get 403, the rest 404. */
const writeAttempt: Record<Actor, [number, number, number]> = {
  'so-admin': [403, 403, 404],
  'thcs1-admin': [403, 404, 404],
  gv1: [403, 404, 404],
  hs1: [404, 404, 404],
};
/** The staff program: the Department and school leaders give lessons and follow them; teachers and students do not. */
const giveTraining = (ok: number): Record<Actor, [number, number, number]> => ({ ...staffOnly(ok), 'thcs1-admin': [ok, ok, ok] });
/** The helper's lists and patterns: the province's dept admin only; another province's is not found. */
const manageHelper = (ok: number): Record<Actor, [number, number, number]> => ({ ...staffOnly(ok), 'so-admin': [ok, ok, 404] });
let helperEntries = 0;
const newHelperEntry = async (admin: Api) => {
  const domain = `lua-dao-${++helperEntries}-${randomUUID().slice(0, 8)}.xyz`;
  await admin.post('/api/helper/lists/import', { list: 'block', csv: domain });
  return { status: 200, id: (await admin.get(`/api/helper/lists?q=${domain}`)).body.items[0].id as string };
};
const newHelperPattern = async (admin: Api) => {
  const res = await admin.post('/api/helper/patterns', { sign: 'PRIZE_OR_REFUND', phrase: `quà tri ân ${++helperEntries} ${randomUUID().slice(0, 6)}` });
  return { status: res.status, id: res.body.id as string };
};

const discardDraft = async (admin: Api, ids: Ids, where: Where) => {
  const draft = (await admin.get(`/api/curricula/${ids.curriculum[where]}`)).body.draft;
  return admin.delete(`/api/curriculum-versions/${draft.id}`);
};

/** A school's coverage and report: the province's dept admin and the school's admin; those who see the school get 403. */
const readCoverage: Record<Actor, [number, number, number]> = {
  'so-admin': [200, 200, 404],
  'thcs1-admin': [200, 404, 404],
  gv1: [403, 404, 404],
  hs1: [403, 404, 404],
};

/** Importing into a school, or rolling it over: its admins and the province's; school staff naming another school get 403. */
const importIntoSchool = (ok: number): Record<Actor, [number, number, number]> => ({
  'so-admin': [ok, ok, 404],
  'thcs1-admin': [ok, 403, 403],
  gv1: [403, 403, 403],
  hs1: [403, 403, 403],
});
/** An import job: seen by those who may import into its school; school staff who see the school get 403. */
const readImport = (ok: number): Record<Actor, [number, number, number]> => ({
  'so-admin': [ok, ok, 404],
  'thcs1-admin': [ok, 404, 404],
  gv1: [403, 404, 404],
  hs1: [403, 404, 404],
});
/** Two 4-item forms of the items given, genuine and false in turn. */
const diagnosticBody = (itemIds: string[], level = 'THCS') => {
  const form = (ids: string[]) => ids.map((itemId, n) => ({ itemId, measures: 'conspiracy', genuine: n % 2 === 0 }));
  return { title: 'Khảo sát đầu năm', schoolYear: year, level, kind: 'MEDIA_LITERACY', forms: { A: form(itemIds.slice(0, 4)), B: form(itemIds.slice(4, 8)) } };
};
/** A round is opened for a class with a diagnostic of its level: the province's THCS one for both schools of province 1, province 2's for its class. */
const diagnosticFor = (i: Ids, w: Where) => i.diagnostic[w === 'otherProvince' ? 'otherProvince' : 'own'];
const STUDENTS_CSV = '\uFEFFLớp,Khối,Họ và tên,Ngày sinh,Giới tính,Mã định danh\n8A9,8,Học Sinh Mới,05/09/2012,Nam,MX000001\n';
/** The Department manages its contests; those of the province who see them get 403, another province's is not found. */
const manageSubmissions = (ok: number): Record<Actor, [number, number, number]> => ({
  'so-admin': [ok, ok, 404],
  'thcs1-admin': [403, 403, 404],
  gv1: [403, 403, 404],
  hs1: [403, 403, 404],
});
/** Confirming an entry, sending it back, recording consent: its students' teachers and the school's admin; the province's admin sees it (403). */
const confirmEntry: Record<Actor, [number, number, number]> = {
  'so-admin': [403, 403, 404],
  'thcs1-admin': [200, 404, 404],
  gv1: [200, 404, 404],
  hs1: [404, 404, 404],
};
const submissionContestBody = () => ({
  title: 'Áp phích “An toàn trên mạng”',
  kinds: [{ kind: 'poster', mediaTypes: ['image/png'], maxBytes: 2_000_000, maxFiles: 1 }],
  levels: ['THCS'],
  themes: ['Lừa đảo trực tuyến'],
  rules: 'Mỗi học sinh một tác phẩm.',
  entryMode: 'individual',
  rounds: [
    {
      stage: 'school',
      submissionOpensAt: hoursFromNow(-1),
      submissionClosesAt: hoursFromNow(24),
      judgingOpensAt: hoursFromNow(24),
      judgingClosesAt: hoursFromNow(48),
      advance: { per: 'school', top: 1 },
    },
    {
      stage: 'province',
      promotionOpensAt: hoursFromNow(49),
      promotionClosesAt: hoursFromNow(50),
      judgingOpensAt: hoursFromNow(50),
      judgingClosesAt: hoursFromNow(72),
    },
  ],
  peoplesChoice: { stage: 'school', opensAt: hoursFromNow(24), closesAt: hoursFromNow(48) },
});
const picture = (hue: number) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: hue, g: 90, b: 200 } } })
    .png()
    .toBuffer();

const ROWS: Row[] = [
  {
    route: 'GET /api/schools/:id',
    call: (a, i, w) => a.get(`/api/schools/${i.school[w]}`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [200, 404, 404] },
  },
  {
    route: 'PATCH /api/schools/:id',
    call: (a, i, w) => a.patch(`/api/schools/${i.school[w]}`, { address: 'Số 1, đường Trần Phú' }),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [403, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'DELETE /api/schools/:id',
    call: (a, i, w) => a.delete(`/api/schools/${i.school[w]}`),
    expect: { 'so-admin': [409, 409, 404], 'thcs1-admin': [403, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'POST /api/classes',
    call: (a, i, w, n) => a.post('/api/classes', { schoolId: i.school[w], name: `M${n}`, grade: 8, schoolYear: year }),
    expect: { 'so-admin': [201, 201, 404], 'thcs1-admin': [201, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'GET /api/classes/:id',
    call: (a, i, w) => a.get(`/api/classes/${i.cls[w]}`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [200, 404, 404] },
  },
  {
    route: 'PATCH /api/classes/:id',
    call: (a, i, w) => a.patch(`/api/classes/${i.cls[w]}`, {}),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'DELETE /api/classes/:id',
    call: (a, i, w) => a.delete(`/api/classes/${i.cls[w]}`),
    expect: { 'so-admin': [409, 409, 404], 'thcs1-admin': [409, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'GET /api/classes/:id/students',
    call: (a, i, w) => a.get(`/api/classes/${i.cls[w]}/students`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'POST /api/classes/:id/students',
    call: (a, i, w) => a.post(`/api/classes/${i.cls[w]}/students`, { studentIds: [i.enrolled[w]] }),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'DELETE /api/classes/:id/students/:studentId',
    call: (a, i, w) => a.delete(`/api/classes/${i.cls[w]}/students/${i.enrolled[w]}`),
    expect: { 'so-admin': [204, 204, 404], 'thcs1-admin': [204, 404, 404], gv1: [204, 404, 404], hs1: [403, 404, 404] },
    restore: (admin, i, w) => admin.post(`/api/classes/${i.cls[w]}/students`, { studentIds: [i.enrolled[w]] }),
  },
  {
    route: 'GET /api/users/:id',
    call: (a, i, w) => a.get(`/api/users/${i.student[w]}`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [404, 404, 404] },
  },
  {
    route: 'PATCH /api/users/:id',
    call: (a, i, w) => a.patch(`/api/users/${i.student[w]}`, { gender: 'F' }),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [403, 404, 404], hs1: [404, 404, 404] },
  },
  {
    route: 'DELETE /api/users/:id',
    call: (a, i, w) => a.delete(`/api/users/${i.student[w]}`),
    expect: { 'so-admin': [204, 204, 404], 'thcs1-admin': [204, 404, 404], gv1: [403, 404, 404], hs1: [404, 404, 404] },
    restore: (admin, i, w) => admin.patch(`/api/users/${i.student[w]}`, { active: true }),
  },
  {
    route: 'POST /api/users/:id/reset-password',
    call: (a, i, w) => a.post(`/api/users/${i.student[w]}/reset-password`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [404, 404, 404] },
  },
  {
    route: 'POST /api/users',
    call: (a, i, w, n) => a.post('/api/users', { username: `matrix-${n}`, fullName: 'Giáo viên Mới', role: 'teacher', schoolId: i.school[w] }),
    expect: { 'so-admin': [201, 201, 404], 'thcs1-admin': [201, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  // Areas belong to the province: "own" and "other school" are both the caller's province.
  {
    route: 'PATCH /api/areas/:id',
    call: (a, i, w) => a.patch(`/api/areas/${i.area[w]}`, { code: 'DK' }),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [403, 403, 404], gv1: [403, 403, 404], hs1: [403, 403, 404] },
  },
  {
    route: 'DELETE /api/areas/:id',
    call: (a, i, w) => a.delete(`/api/areas/${i.area[w]}`),
    expect: { 'so-admin': [409, 409, 404], 'thcs1-admin': [403, 403, 404], gv1: [403, 403, 404], hs1: [403, 403, 404] },
  },
  // Routes without a target id act in the caller's own province or school.
  { route: 'GET /api/schools', call: (a) => a.get('/api/schools'), expect: same([200, 200, 200]) },
  {
    route: 'POST /api/schools',
    call: (a, _i, _w, n) => a.post('/api/schools', { name: `Trường THCS Mới ${n}`, level: 'THCS', ministryCode: `9${String(n).padStart(7, '0')}` }),
    expect: { 'so-admin': [201, 201, 201], 'thcs1-admin': [403, 403, 403], gv1: [403, 403, 403], hs1: [403, 403, 403] },
  },
  { route: 'GET /api/classes', call: (a) => a.get('/api/classes'), expect: same([200, 200, 200]) },
  { route: 'GET /api/users', call: (a) => a.get('/api/users'), expect: same([200, 200, 200]) },
  { route: 'GET /api/areas', call: (a) => a.get('/api/areas'), expect: same([200, 200, 200]) },
  {
    route: 'POST /api/areas',
    call: (a, _i, _w, n) => a.post('/api/areas', { name: `Xã Mới ${n}` }),
    expect: { 'so-admin': [201, 201, 201], 'thcs1-admin': [403, 403, 403], gv1: [403, 403, 403], hs1: [403, 403, 403] },
  },
  { route: 'GET /api/province', call: (a) => a.get('/api/province'), expect: same([200, 200, 200]) },
  {
    route: 'GET /api/province-years',
    call: (a) => a.get('/api/province-years'),
    expect: { 'so-admin': [200, 200, 200], 'thcs1-admin': [200, 200, 200], gv1: [200, 200, 200], hs1: [403, 403, 403] },
  },
  {
    route: 'GET /api/province-years/:year',
    call: (a) => a.get(`/api/province-years/${year}`),
    expect: { 'so-admin': [200, 200, 200], 'thcs1-admin': [200, 200, 200], gv1: [200, 200, 200], hs1: [403, 403, 403] },
  },
  {
    route: 'PUT /api/province-years/:year',
    call: (a) =>
      a.put(`/api/province-years/${year}`, {
        targets: { SAFETY: { THCS: 100, THPT: 100 }, MEDIA_LITERACY: { THCS: 100, THPT: 100 } },
        studentsReachedTarget: 100,
        schoolThreshold: 80,
        passMark: 50,
        reporting: 'annual',
        reportDeadline: null,
      }),
    expect: { 'so-admin': [200, 200, 200], 'thcs1-admin': [403, 403, 403], gv1: [403, 403, 403], hs1: [403, 403, 403] },
  },
  // Content: the question bank, lessons and curricula.
  { route: 'GET /api/lessons', call: (a) => a.get('/api/lessons'), expect: same([200, 200, 200]) },
  { route: 'GET /api/lessons/:id', call: (a, i, w) => a.get(`/api/lessons/${i.lesson[w]}`), expect: readContent() },
  { route: 'POST /api/lessons', call: (a, _i, _w, n) => a.post('/api/lessons', newLesson(n)), expect: staffOnly(201) },
  { route: 'PUT /api/lessons/:id', call: (a, i, w, n) => a.put(`/api/lessons/${i.lesson[w]}`, newLesson(n)), expect: changeContent() },
  { route: 'POST /api/lessons/:id/revisions', call: (a, i, w) => a.post(`/api/lessons/${i.lesson[w]}/revisions`), expect: changeContent(201) },
  { route: 'DELETE /api/lessons/:id', call: (a, i, w) => a.delete(`/api/lessons/${i.lesson[w]}`), expect: changeContent() },
  { route: 'GET /api/library/lessons', call: (a) => a.get('/api/library/lessons'), expect: staffOnly(200) },
  { route: 'GET /api/items', call: (a) => a.get('/api/items'), expect: staffOnly(200) },
  { route: 'GET /api/items/tags', call: (a) => a.get('/api/items/tags'), expect: staffOnly(200) },
  // A student never reads an item by id: it carries the answer key.
  { route: 'GET /api/items/:id', call: (a, i, w) => a.get(`/api/items/${i.item[w]}`), expect: readContent([404, 404, 404]) },
  { route: 'POST /api/items', call: (a) => a.post('/api/items', newLesson(0).items[0]), expect: staffOnly(201) },
  { route: 'PUT /api/items/:id', call: (a, i, w) => a.put(`/api/items/${i.item[w]}`, newLesson(0).items[0]), expect: changeContent() },
  { route: 'DELETE /api/items/:id', call: (a, i, w) => a.delete(`/api/items/${i.item[w]}`), expect: changeContent() },
  { route: 'GET /api/curricula', call: (a) => a.get('/api/curricula'), expect: same([200, 200, 200]) },
  {
    route: 'POST /api/curricula',
    call: (a, _i, _w, n) => a.post('/api/curricula', { schoolYear: `${2100 + n}-${2101 + n}`, level: 'THCS', kind: 'SAFETY' }),
    expect: staffOnly(201),
  },
  { route: 'GET /api/curricula/:id', call: (a, i, w) => a.get(`/api/curricula/${i.curriculum[w]}`), expect: readContent() },
  { route: 'GET /api/curricula/:id/versions', call: (a, i, w) => a.get(`/api/curricula/${i.curriculum[w]}/versions`), expect: readContent() },
  {
    route: 'POST /api/curricula/:id/draft',
    call: (a, i, w) => a.post(`/api/curricula/${i.curriculum[w]}/draft`),
    expect: changeContent(200),
    restore: discardDraft,
  },
  { route: 'GET /api/curriculum-versions/:id', call: (a, i, w) => a.get(`/api/curriculum-versions/${i.version[w]}`), expect: readContent() },
  { route: 'PUT /api/curriculum-versions/:id', call: (a, i, w) => a.put(`/api/curriculum-versions/${i.version[w]}`, { lessons: [] }), expect: changeContent() },
  {
    route: 'POST /api/curriculum-versions/:id/publish',
    call: (a, i, w) => a.post(`/api/curriculum-versions/${i.version[w]}/publish`),
    expect: changeContent(),
  },
  { route: 'DELETE /api/curriculum-versions/:id', call: (a, i, w) => a.delete(`/api/curriculum-versions/${i.version[w]}`), expect: changeContent() },
  // Assignments, attempts, reviews and progress.
  {
    route: 'POST /api/assignments',
    call: (a, i, w) => a.post('/api/assignments', { lessonId: i.lesson.own, classIds: [i.cls[w]], opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) }),
    expect: { 'so-admin': [403, 403, 403], 'thcs1-admin': [201, 403, 403], gv1: [201, 403, 403], hs1: [403, 403, 403] },
  },
  { route: 'GET /api/assignments', call: (a) => a.get('/api/assignments'), expect: same([200, 200, 200]) },
  { route: 'GET /api/assignment-plan', call: (a) => a.get('/api/assignment-plan'), expect: same([200, 200, 200]) },
  { route: 'GET /api/assignments/:id', call: (a, i, w) => a.get(`/api/assignments/${i.assignment[w]}`), expect: readClass },
  {
    route: 'PATCH /api/assignments/:id',
    call: (a, i, w) => a.patch(`/api/assignments/${i.assignment[w]}`, { dueAt: hoursFromNow(72) }),
    expect: { 'so-admin': [403, 403, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [403, 404, 404] },
  },
  {
    route: 'POST /api/assignments/:id/attempt',
    call: (a, i, w) => a.post(`/api/assignments/${i.assignment[w]}/attempt`),
    expect: { 'so-admin': [403, 403, 404], 'thcs1-admin': [403, 404, 404], gv1: [403, 404, 404], hs1: [200, 404, 404] },
  },
  // The attempts are hs2's, hs32's and qt-hs2's: hs1 sees none of them.
  { route: 'GET /api/attempts/:id', call: (a, i, w) => a.get(`/api/attempts/${i.attempt[w]}`), expect: { ...readClass, hs1: [404, 404, 404] } },
  {
    route: 'PUT /api/attempts/:id/responses/:itemId',
    call: (a, i, w) => a.put(`/api/attempts/${i.attempt[w]}/responses/${i.shortAnswerItem[w]}`, { response: { text: 'x' } }),
    expect: writeAttempt,
  },
  { route: 'POST /api/attempts/:id/submit', call: (a, i, w) => a.post(`/api/attempts/${i.attempt[w]}/submit`), expect: writeAttempt },
  {
    route: 'GET /api/reviews',
    call: (a) => a.get('/api/reviews'),
    expect: { 'so-admin': [403, 403, 403], 'thcs1-admin': [200, 200, 200], gv1: [200, 200, 200], hs1: [403, 403, 403] },
  },
  {
    route: 'GET /api/reviews/summary',
    call: (a) => a.get('/api/reviews/summary'),
    expect: { 'so-admin': [403, 403, 403], 'thcs1-admin': [200, 200, 200], gv1: [200, 200, 200], hs1: [403, 403, 403] },
  },
  {
    route: 'POST /api/reviews/:id',
    call: (a, i, w) => a.post(`/api/reviews/${i.response[w]}`, { score: 1 }),
    expect: { ...writeAttempt, 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404] },
  },
  { route: 'GET /api/classes/:id/progress', call: (a, i, w) => a.get(`/api/classes/${i.cls[w]}/progress`), expect: { ...readClass, hs1: [403, 404, 404] } },
  // Contests: class contests of each school's class.
  {
    route: 'POST /api/contests',
    call: (a, i, w) =>
      a.post('/api/contests', { title: 'Thi nhanh', mode: 'live', scope: { type: 'class', id: i.cls[w] }, itemIds: [i.liveItem.own], secondsPerQuestion: 20 }),
    expect: { 'so-admin': [403, 403, 403], 'thcs1-admin': [201, 403, 403], gv1: [201, 403, 403], hs1: [403, 403, 403] },
  },
  { route: 'GET /api/contests', call: (a) => a.get('/api/contests'), expect: same([200, 200, 200]) },
  { route: 'GET /api/contests/:id', call: (a, i, w) => a.get(`/api/contests/${i.contest[w]}`), expect: { ...readClass, hs1: [404, 404, 404] } },
  {
    route: 'POST /api/contests/:id/sessions',
    call: (a, i, w) => a.post(`/api/contests/${i.contest[w]}/sessions`),
    expect: { 'so-admin': [201, 201, 404], 'thcs1-admin': [201, 404, 404], gv1: [201, 404, 404], hs1: [404, 404, 404] },
  },
  { route: 'GET /api/contests/:id/results', call: (a, i, w) => a.get(`/api/contests/${i.contest[w]}/results`), expect: { ...readClass, hs1: [404, 404, 404] } },
  // The contests in `contest` are live: a student of the class gets 409 for an entry, and no leaderboard before it is published.
  {
    route: 'POST /api/contests/:id/entries',
    call: (a, i, w) => a.post(`/api/contests/${i.contest[w]}/entries`),
    expect: { ...same([404, 404, 404]), hs1: [409, 404, 404] },
  },
  {
    route: 'GET /api/contests/:id/leaderboard',
    call: (a, i, w) => a.get(`/api/contests/${i.contest[w]}/leaderboard`),
    expect: { ...readClass, hs1: [409, 404, 404] },
  },
  // An entry is its student's alone.
  { route: 'GET /api/contest-entries/:id', call: (a, i, w) => a.get(`/api/contest-entries/${i.entry[w]}`), expect: same([404, 404, 404]) },
  {
    route: 'PUT /api/contest-entries/:id/answers/:questionIndex',
    call: (a, i, w) => a.put(`/api/contest-entries/${i.entry[w]}/answers/0`, { choice: [0] }),
    expect: same([404, 404, 404]),
  },
  { route: 'POST /api/contest-entries/:id/submit', call: (a, i, w) => a.post(`/api/contest-entries/${i.entry[w]}/submit`), expect: same([404, 404, 404]) },
  // Coverage and reports: the province's dept admin for any school of it, a school admin for own school; the annual report is the Department's.
  {
    route: 'GET /api/coverage',
    call: (a) => a.get(`/api/coverage?year=${year}&level=THCS`),
    expect: { 'so-admin': [200, 200, 200], 'thcs1-admin': [200, 200, 200], gv1: [403, 403, 403], hs1: [403, 403, 403] },
  },
  { route: 'GET /api/coverage/schools/:id', call: (a, i, w) => a.get(`/api/coverage/schools/${i.school[w]}?year=${year}`), expect: readCoverage },
  { route: 'GET /api/reports/annual', call: (a) => a.get(`/api/reports/annual?year=${year}&format=xlsx`), expect: staffOnly(200) },
  // The quarterly report is the Department's too; the demo province reports yearly, so its admin is told so (409 NOT_QUARTERLY) after the access check.
  { route: 'GET /api/reports/quarterly', call: (a) => a.get(`/api/reports/quarterly?year=${year}&quarter=1&format=xlsx`), expect: staffOnly(409) },
  { route: 'GET /api/reports/schools/:id', call: (a, i, w) => a.get(`/api/reports/schools/${i.school[w]}?year=${year}&format=xlsx`), expect: readCoverage },
  // Imports, login cards and rollover: the school's admins and the province's; school staff naming another school get 403.
  {
    route: 'POST /api/imports',
    call: (a, i, w) => a.upload(`/api/imports?type=students&schoolId=${i.school[w]}`, { name: 'lop.csv', content: STUDENTS_CSV }),
    expect: importIntoSchool(200),
  },
  { route: 'GET /api/imports/:id', call: (a, i, w) => a.get(`/api/imports/${i.importJob[w]}`), expect: readImport(200) },
  { route: 'GET /api/imports/:id/rows', call: (a, i, w) => a.get(`/api/imports/${i.importJob[w]}/rows`), expect: readImport(200) },
  // Each job was confirmed already: those who may confirm get 409.
  { route: 'POST /api/imports/:id/confirm', call: (a, i, w) => a.post(`/api/imports/${i.importJob[w]}/confirm`), expect: readImport(409) },
  {
    route: 'GET /api/classes/:id/login-cards',
    call: (a, i, w) => a.get(`/api/classes/${i.cls[w]}/login-cards`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [403, 404, 404] },
  },
  { route: 'GET /api/rollover', call: (a, i, w) => a.get(`/api/rollover?fromYear=${year}&schoolId=${i.school[w]}`), expect: importIntoSchool(200) },
  // A year with no classes: allowed callers get 200 and nothing changes.
  { route: 'POST /api/rollover', call: (a, i, w) => a.post('/api/rollover', { fromYear: '2090-2091', schoolId: i.school[w] }), expect: importIntoSchool(200) },
  // Personal data: a copy for the person and those who manage the account; erasure by the school's admins and the province's; the audit log for the dept admin.
  {
    route: 'GET /api/users/:id/export',
    call: (a, i, w) => a.get(`/api/users/${i.student[w]}/export`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [403, 404, 404], hs1: [404, 404, 404] },
  },
  {
    route: 'POST /api/users/:id/erase',
    call: (a, i, w) => a.post(`/api/users/${i.victim[w]}/erase`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 404, 404], gv1: [404, 404, 404], hs1: [404, 404, 404] },
  },
  { route: 'GET /api/audit', call: (a) => a.get('/api/audit?limit=5'), expect: staffOnly(200) },
  // A build's progress is only its own caller's: a token nobody used is 404 to all.
  { route: 'GET /api/reports/progress/:id', call: (a) => a.get(`/api/reports/progress/${randomUUID()}`), expect: same([404, 404, 404]) },
  {
    route: 'GET /api/users/:id/assignments',
    call: (a, i, w) => a.get(`/api/users/${i.student[w]}/assignments`),
    expect: { ...readClass, hs1: [404, 404, 404] },
  },
  // Pre/post diagnostics: built by the Department of the province's items, read by its staff of the level like content; a student never reads one.
  { route: 'GET /api/diagnostics', call: (a) => a.get('/api/diagnostics'), expect: { ...same([200, 200, 200]), hs1: [403, 403, 403] } },
  {
    route: 'POST /api/diagnostics',
    call: (a, i, w) => a.post('/api/diagnostics', diagnosticBody(i.diagnosticItems[w])),
    expect: { 'so-admin': [201, 201, 404], 'thcs1-admin': [403, 403, 403], gv1: [403, 403, 403], hs1: [403, 403, 403] },
  },
  { route: 'GET /api/diagnostics/mine', call: (a) => a.get('/api/diagnostics/mine'), expect: { ...same([403, 403, 403]), hs1: [200, 200, 200] } },
  { route: 'GET /api/diagnostics/:id', call: (a, i, w) => a.get(`/api/diagnostics/${i.diagnostic[w]}`), expect: { ...readContent(), hs1: [403, 403, 403] } },
  // No pre-test is open for any class: those who may open a round for the class get 409 for the post-test, and nothing changes.
  {
    route: 'POST /api/diagnostics/:id/rounds',
    call: (a, i, w) =>
      a.post(`/api/diagnostics/${diagnosticFor(i, w)}/rounds`, { phase: 'post', classIds: [i.cls[w]], opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) }),
    expect: { 'so-admin': [409, 409, 404], 'thcs1-admin': [409, 403, 404], gv1: [409, 403, 404], hs1: [403, 403, 403] },
  },
  // Without a scope each reader gets their own: the province, the school, a teacher's own classes; a student none.
  {
    route: 'GET /api/diagnostics/:id/results',
    call: (a, i, w) => a.get(`/api/diagnostics/${i.diagnostic[w]}/results`),
    expect: { ...readContent(), hs1: [403, 403, 403] },
  },
  // The results of a class: those who read its progress. Of a school: those who read its coverage; a teacher reads only a class's.
  {
    route: 'GET /api/diagnostics/:id/results',
    call: (a, i, w) => a.get(`/api/diagnostics/${diagnosticFor(i, w)}/results?classId=${i.cls[w]}`),
    expect: { ...readClass, hs1: [403, 403, 403] },
  },
  {
    route: 'GET /api/diagnostics/:id/results',
    call: (a, i, w) => a.get(`/api/diagnostics/${diagnosticFor(i, w)}/results?schoolId=${i.school[w]}`),
    expect: { ...readCoverage, gv1: [403, 403, 404], hs1: [403, 403, 403] },
  },
  // "Hỏi Tỉnh Táo": anyone asks; a student shares their own conversation; teachers read what their classes shared; the Department the rest.
  { route: 'POST /api/helper/ask', call: (a) => a.post('/api/helper/ask', { text: 'Bạn trúng thưởng, bấm bit.ly/qua-tang' }), expect: same([200, 200, 200]) },
  {
    route: 'POST /api/helper/share',
    call: async (a) =>
      a.post('/api/helper/share', { conversationId: (await a.post('/api/helper/ask', { text: 'Gửi mã OTP cho anh nhé' })).body.conversationId }),
    expect: { ...same([403, 403, 403]), hs1: [200, 200, 200] },
  },
  { route: 'GET /api/helper/shared', call: (a) => a.get('/api/helper/shared'), expect: { ...same([403, 403, 403]), gv1: [200, 200, 200] } },
  { route: 'GET /api/helper/trends', call: (a, i, w) => a.get(`/api/helper/trends?areaId=${i.area[w]}`), expect: manageHelper(200) },
  // An alert lesson: the Department sends a published lesson of its own province; school staff read the alerts, students never.
  {
    route: 'POST /api/helper/alerts',
    call: (a, i, w) => a.post('/api/helper/alerts', { lessonId: i.lesson[w], sign: 'OTP_REQUEST', note: 'Dạy trong tuần này' }),
    expect: manageHelper(201),
  },
  { route: 'GET /api/helper/alerts', call: (a) => a.get('/api/helper/alerts'), expect: { ...same([200, 200, 200]), hs1: [403, 403, 403] } },
  { route: 'GET /api/helper/lists', call: (a) => a.get('/api/helper/lists'), expect: staffOnly(200) },
  {
    route: 'POST /api/helper/lists/import',
    call: (a, _i, _w, n) => a.post('/api/helper/lists/import', { list: 'allow', csv: `truong-${n}.edu.vn` }),
    expect: staffOnly(200),
  },
  {
    route: 'DELETE /api/helper/lists/:id',
    call: (a, i, w) => a.delete(`/api/helper/lists/${i.helperEntry[w]}`),
    expect: manageHelper(204),
    restore: async (admin, i, w) => {
      const made = await newHelperEntry(admin);
      i.helperEntry[w] = made.id;
      return made;
    },
  },
  { route: 'GET /api/helper/patterns', call: (a) => a.get('/api/helper/patterns'), expect: staffOnly(200) },
  {
    route: 'POST /api/helper/patterns',
    call: (a, _i, _w, n) => a.post('/api/helper/patterns', { sign: 'URGENCY', phrase: `hạn cuối ${n} hôm nay` }),
    expect: staffOnly(201),
  },
  {
    route: 'DELETE /api/helper/patterns/:id',
    call: (a, i, w) => a.delete(`/api/helper/patterns/${i.helperPattern[w]}`),
    expect: manageHelper(204),
    restore: async (admin, i, w) => {
      const made = await newHelperPattern(admin);
      i.helperPattern[w] = made.id;
      return made;
    },
  },
  // The staff program: given by the Department (any school) and school leaders (their own), done by the staff it is given to.
  { route: 'GET /api/training/lessons', call: (a) => a.get('/api/training/lessons'), expect: giveTraining(200) },
  { route: 'GET /api/training/program', call: (a) => a.get(`/api/training/program?year=${year}`), expect: giveTraining(200) },
  // Another province's lesson is not one of this Department's staff lessons: 400 with the field named.
  {
    route: 'PUT /api/training/program',
    call: (a, i, w) => a.put('/api/training/program', { year: '2090-2091', lessons: [{ lessonId: i.staffLesson[w] }] }),
    expect: { ...staffOnly(200), 'so-admin': [200, 200, 400] },
  },
  {
    route: 'PUT /api/training/targets',
    call: (a) => a.put('/api/training/targets', { year, staffTarget: 100, staffReachedTarget: 100 }),
    expect: staffOnly(200),
  },
  {
    route: 'POST /api/training/assignments',
    call: (a, i, w) =>
      a.post('/api/training/assignments', { lessonId: i.staffLesson[w], schoolIds: [i.school[w]], opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) }),
    expect: { 'so-admin': [201, 201, 404], 'thcs1-admin': [201, 404, 404], gv1: [403, 404, 404], hs1: [403, 404, 404] },
  },
  { route: 'GET /api/training/assignments', call: (a) => a.get(`/api/training/assignments?year=${year}`), expect: giveTraining(200) },
  { route: 'GET /api/training/mine', call: (a) => a.get('/api/training/mine'), expect: same([200, 200, 200]) },
  {
    route: 'POST /api/training/assignments/:id/attempt',
    call: (a, i, w) => a.post(`/api/training/assignments/${i.staffAssignment[w]}/attempt`),
    expect: { 'so-admin': [403, 403, 404], 'thcs1-admin': [200, 404, 404], gv1: [200, 404, 404], hs1: [404, 404, 404] },
  },
  { route: 'GET /api/training/coverage', call: (a) => a.get(`/api/training/coverage?year=${year}`), expect: giveTraining(200) }, // ── Submission contests (issue 19): the province's; entries, files and judging by their school and their judges ──
  {
    route: 'POST /api/submission-contests',
    call: (a) => a.post('/api/submission-contests', submissionContestBody()),
    expect: staffOnly(201),
  },
  { route: 'GET /api/submission-contests', call: (a) => a.get('/api/submission-contests'), expect: same([200, 200, 200]) },
  { route: 'GET /api/submission-contests/:id', call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}`), expect: same([200, 200, 404]) },
  {
    route: 'PUT /api/submission-contests/:id',
    call: (a, i, w) => a.put(`/api/submission-contests/${i.subContest[w]}`, i.subContestBody[w]),
    expect: manageSubmissions(200),
  },
  {
    route: 'PUT /api/submission-contests/:id/rubric',
    call: (a, i, w) =>
      a.put(`/api/submission-contests/${i.subContest[w]}/rubric`, { criteria: [{ id: 'message', name: 'Thông điệp', weight: 1, maxScore: 10 }] }),
    expect: manageSubmissions(200),
  },
  {
    route: 'PUT /api/submission-contests/:id/rounds/:stage/judges',
    call: (a, i, w) => a.put(`/api/submission-contests/${i.subContest[w]}/rounds/school/judges`, { judgeIds: i.subJudges }),
    expect: manageSubmissions(200),
  },
  {
    // Still taking entries: judges are assigned once the intake has closed.
    route: 'POST /api/submission-contests/:id/rounds/:stage/assignments',
    call: (a, i, w) => a.post(`/api/submission-contests/${i.subContest[w]}/rounds/school/assignments`),
    expect: manageSubmissions(409),
  },
  {
    route: 'GET /api/submission-contests/:id/rounds/:stage/progress',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/rounds/school/progress`),
    expect: manageSubmissions(200),
  },
  {
    // No entry is in the round before judges are assigned: there is none to add a judge to.
    route: 'POST /api/submission-contests/:id/rounds/:stage/entries/:entryId/judges',
    call: (a, i, w) => a.post(`/api/submission-contests/${i.subContest[w]}/rounds/school/entries/${i.subEntry[w]}/judges`, {}),
    expect: manageSubmissions(404),
  },
  {
    route: 'GET /api/submission-contests/:id/rounds/:stage/judging',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/rounds/school/judging`),
    expect: same([200, 200, 404]),
  },
  {
    route: 'GET /api/submission-contests/:id/rounds/:stage/results',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/rounds/school/results`),
    expect: manageSubmissions(200),
  },
  {
    // Judging has not closed: nothing to promote yet.
    route: 'POST /api/submission-contests/:id/rounds/:stage/promotion',
    call: (a, i, w) => a.post(`/api/submission-contests/${i.subContest[w]}/rounds/school/promotion`),
    expect: manageSubmissions(409),
  },
  {
    // An individual contest: a student enters for themself, once (the second call, in the same contest, is refused).
    route: 'POST /api/submission-contests/:id/entries',
    call: (a, i, w) =>
      a.post(`/api/submission-contests/${i.subContest[w]}/entries`, {
        kind: 'poster',
        title: 'Áp phích của Nguyễn Văn An',
        description: 'Nhắc các bạn không bấm đường link lạ.',
        technique: 'Vẽ tay',
        fileIds: [i.hs1Upload],
      }),
    expect: { 'so-admin': [403, 403, 404], 'thcs1-admin': [403, 403, 404], gv1: [403, 403, 404], hs1: [201, 409, 404] },
  },
  {
    route: 'GET /api/submission-contests/:id/entries',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/entries`),
    expect: same([200, 200, 404]),
  },
  {
    route: 'GET /api/submission-entries/:id',
    call: (a, i, w) => a.get(`/api/submission-entries/${i.subEntry[w]}`),
    expect: { ...readClass, hs1: [404, 404, 404] },
  },
  {
    // Only whoever made it replaces an entry: those who see it get 403.
    route: 'PUT /api/submission-entries/:id',
    call: (a, i, w) =>
      a.put(`/api/submission-entries/${i.subEntry[w]}`, { kind: 'poster', title: 'Sửa lại', description: 'x', technique: 'y', fileIds: [i.subFile[w]] }),
    expect: { 'so-admin': [403, 403, 404], 'thcs1-admin': [403, 404, 404], gv1: [403, 404, 404], hs1: [404, 404, 404] },
  },
  {
    route: 'POST /api/submission-entries/:id/return',
    call: (a, i, w) => a.post(`/api/submission-entries/${i.subEntry[w]}/return`, { reason: 'Thiếu mô tả kỹ thuật' }),
    expect: confirmEntry,
  },
  {
    route: 'POST /api/submission-entries/:id/confirm',
    call: (a, i, w) => a.post(`/api/submission-entries/${i.subEntry[w]}/confirm`, { consentOnFile: true }),
    expect: confirmEntry,
  },
  {
    route: 'PUT /api/submission-entries/:id/consent',
    call: (a, i, w) => a.put(`/api/submission-entries/${i.subEntry[w]}/consent`, { consentOnFile: true }),
    expect: confirmEntry,
  },
  {
    // None of the callers judges these entries: to them, the entry to judge does not exist.
    route: 'GET /api/judging/:id',
    call: (a, i, w) => a.get(`/api/judging/${i.subEntry[w]}?stage=school`),
    expect: same([404, 404, 404]),
  },
  {
    route: 'PUT /api/judging/:id/score',
    call: (a, i, w) => a.put(`/api/judging/${i.subEntry[w]}/score`, { stage: 'school', criteria: [{ criterionId: 'message', score: 8 }] }),
    expect: same([404, 404, 404]),
  },
  {
    route: 'POST /api/judging/:id/conflict',
    call: (a, i, w) => a.post(`/api/judging/${i.subEntry[w]}/conflict`, { stage: 'school', reason: 'knows_author' }),
    expect: same([404, 404, 404]),
  },
  {
    // Students of the province vote; this vote has not opened yet.
    route: 'POST /api/submission-contests/:id/votes',
    call: (a, i, w) => a.post(`/api/submission-contests/${i.subContest[w]}/votes`, { entryId: i.subEntry[w] }),
    expect: { 'so-admin': [403, 403, 404], 'thcs1-admin': [403, 403, 404], gv1: [403, 403, 404], hs1: [409, 409, 404] },
  },
  {
    route: 'GET /api/submission-contests/:id/votes',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/votes`),
    expect: same([200, 200, 404]),
  },
  {
    route: 'GET /api/submission-contests/:id/votes/audit',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/votes/audit`),
    expect: manageSubmissions(200),
  },
  {
    route: 'GET /api/submission-contests/:id/gallery',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/gallery`),
    expect: same([200, 200, 404]),
  },
  {
    // A school's certificates: the province's dept admin and the school's admin; naming another school is 403 to school staff.
    route: 'GET /api/submission-contests/:id/certificates',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/certificates?schoolId=${i.school[w]}`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 403, 403], gv1: [403, 403, 403], hs1: [403, 403, 403] },
  },
  {
    route: 'GET /api/submission-contests/:id/participation',
    call: (a, i, w) => a.get(`/api/submission-contests/${i.subContest[w]}/participation`),
    expect: { 'so-admin': [200, 200, 404], 'thcs1-admin': [200, 200, 404], gv1: [403, 403, 404], hs1: [403, 403, 404] },
  },
  { route: 'GET /api/submission-files/:id', call: (a, i, w) => a.get(`/api/submission-files/${i.subFile[w]}`), expect: { ...readClass, hs1: [404, 404, 404] } },
  {
    route: 'GET /api/submission-files/:id/thumbnail',
    call: (a, i, w) => a.get(`/api/submission-files/${i.subFile[w]}/thumbnail`),
    expect: { ...readClass, hs1: [404, 404, 404] },
  },
];

/** Routes that act only on the caller (or on nobody) and so have no matrix row. */
const SELF_ROUTES = ['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/logout', 'GET /api/me', 'POST /api/me/password'];

let app: TestApp;
let anon: Api;
let ids: Ids;
const admins = {} as Record<'p1' | 'p2', Api>;

async function findId(api: Api, path: string, match: (x: any) => boolean): Promise<string> {
  const res = await api.get(path);
  const items = Array.isArray(res.body) ? res.body : res.body.items;
  const found = items.find(match);
  if (!found) throw new Error(`nothing in ${path} matched`);
  return found.id;
}

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  admins.p1 = await anon.signedIn('so-admin');
  admins.p2 = await anon.signedIn('so2-admin');
  const byName = (name: string) => (x: { name: string }) => x.name === name;
  const byUsername = (u: string) => (x: { username: string }) => x.username === u;
  ids = {
    ...({} as Ids),
    school: {
      own: await findId(admins.p1, '/api/schools', byName('Trường THCS Đông Kinh')),
      otherSchool: await findId(admins.p1, '/api/schools', byName('Trường THCS Chi Lăng')),
      otherProvince: await findId(admins.p2, '/api/schools', byName('Trường THCS Quang Trung')),
    },
    cls: {
      own: await findId(admins.p1, '/api/classes', byName('8A1')),
      otherSchool: await findId(admins.p1, '/api/classes', byName('7A1')),
      otherProvince: await findId(admins.p2, '/api/classes', byName('9A1')),
    },
    student: {
      own: await findId(admins.p1, '/api/users?q=hs2', byUsername('hs2')),
      otherSchool: await findId(admins.p1, '/api/users?q=hs32', byUsername('hs32')),
      otherProvince: await findId(admins.p2, '/api/users?q=qt-hs2', byUsername('qt-hs2')),
    },
    enrolled: {
      own: await findId(admins.p1, '/api/users?q=hs3', byUsername('hs3')),
      otherSchool: await findId(admins.p1, '/api/users?q=hs33', byUsername('hs33')),
      otherProvince: await findId(admins.p2, '/api/users?q=qt-hs3', byUsername('qt-hs3')),
    },
    area: {
      own: await findId(admins.p1, '/api/areas', byName('Phường Đông Kinh')),
      otherSchool: await findId(admins.p1, '/api/areas', byName('Xã Chi Lăng')),
      otherProvince: await findId(admins.p2, '/api/areas', byName('Phường Quyết Thắng')),
    },
  };
  Object.assign(ids, await contentIds());
  Object.assign(ids, await assignmentIds());
  Object.assign(ids, await contestIds());
  Object.assign(ids, await importIds());
  Object.assign(ids, await diagnosticIds());
  Object.assign(ids, await submissionIds());
  const victim = async (admin: Api, schoolId: string, username: string) =>
    (await admin.post('/api/users', { username, fullName: 'Học Sinh Xoá', role: 'student', schoolId, password: 'Matkhau@2026' })).body.id as string;
  ids.helperEntry = {
    own: (await newHelperEntry(admins.p1)).id,
    otherSchool: (await newHelperEntry(admins.p1)).id,
    otherProvince: (await newHelperEntry(admins.p2)).id,
  };
  ids.helperPattern = {
    own: (await newHelperPattern(admins.p1)).id,
    otherSchool: (await newHelperPattern(admins.p1)).id,
    otherProvince: (await newHelperPattern(admins.p2)).id,
  };
  Object.assign(ids, await trainingIds());
  ids.victim = {
    own: await victim(admins.p1, ids.school.own, 'victim-own'),
    otherSchool: await victim(admins.p1, ids.school.otherSchool, 'victim-other'),
    otherProvince: await victim(admins.p2, ids.school.otherProvince, 'victim-p2'),
  };
});
afterAll(() => app?.stop());

/** Each province's last staff lesson, given to THCS Đông Kinh and THCS Chi Lăng (province 2: its school), and each school's row as its teacher sees it. */
async function trainingIds(): Promise<Pick<Ids, 'staffLesson' | 'staffAssignment'>> {
  const give = async (admin: Api, schoolIds: string[]) => {
    const lessonId = (await admin.get(`/api/training/program?year=${year}`)).body.lessons.at(-1).id as string;
    const res = await admin.post('/api/training/assignments', { lessonId, schoolIds, opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) });
    if (res.status !== 201) throw new Error(`could not give a staff lesson: ${JSON.stringify(res.body)}`);
    return lessonId;
  };
  const rowOf = async (teacher: string, lessonId: string) =>
    ((await (await anon.signedIn(teacher)).get('/api/training/mine')).body as { id: string; lessonId: string }[]).find((m) => m.lessonId === lessonId)!.id;
  const p1 = await give(admins.p1, [ids.school.own, ids.school.otherSchool]);
  const p2 = await give(admins.p2, [ids.school.otherProvince]);
  return {
    staffLesson: { own: p1, otherSchool: p1, otherProvince: p2 },
    staffAssignment: { own: await rowOf('gv1', p1), otherSchool: await rowOf('gv2', p1), otherProvince: await rowOf('gv-qt1', p2) },
  };
}

/** The demo has no diagnostic: each province's dept admin builds them of eight new bank items. */
async function diagnosticIds(): Promise<Pick<Ids, 'diagnostic' | 'diagnosticItems'>> {
  const items = (admin: Api) =>
    Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        // Genuine items (even positions) say "reliable" truly: their key is Đúng.
        const res = await admin.post('/api/items', {
          kind: 'true_false',
          prompt: `Bài đăng số ${n + 1} đáng tin cậy.`,
          feedback: 'Hãy kiểm tra nguồn.',
          answer: [n % 2],
        });
        if (res.status !== 201) throw new Error(`could not make an item: ${JSON.stringify(res.body)}`);
        return res.body.id as string;
      }),
    );
  const make = async (admin: Api, itemIds: string[], level: string) => {
    const res = await admin.post('/api/diagnostics', diagnosticBody(itemIds, level));
    if (res.status !== 201) throw new Error(`could not make a diagnostic: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const p1 = await items(admins.p1);
  const p2 = await items(admins.p2);
  return {
    diagnosticItems: { own: p1, otherSchool: p1, otherProvince: p2 },
    diagnostic: { own: await make(admins.p1, p1, 'THCS'), otherSchool: await make(admins.p1, p1, 'THPT'), otherProvince: await make(admins.p2, p2, 'THCS') },
  };
}

/** Each province's poster contest; hs2, hs32 and qt-hs2 each enter a picture, confirmed by their teacher; hs1 uploads one for the entry row. */
async function submissionIds(): Promise<Pick<Ids, 'subContest' | 'subContestBody' | 'subEntry' | 'subFile' | 'hs1Upload' | 'subJudges'>> {
  const contest = async (admin: Api) => {
    const body = submissionContestBody();
    const res = await admin.post('/api/submission-contests', body);
    if (res.status !== 201) throw new Error(`could not make a submission contest: ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, body };
  };
  const p1 = await contest(admins.p1);
  const p2 = await contest(admins.p2);
  const upload = async (student: string, contestId: string, hue: number) => {
    const up = await tusUpload(await anon.signedIn(student), contestId, `${student}.png`, await picture(hue));
    if (up.status !== 204 || !up.fileId) throw new Error(`${student} could not upload: ${up.status}`);
    return up.fileId;
  };
  const entry = async (student: string, teacher: string, contestId: string, hue: number) => {
    const fileId = await upload(student, contestId, hue);
    const res = await (
      await anon.signedIn(student)
    ).post(`/api/submission-contests/${contestId}/entries`, {
      kind: 'poster',
      title: `Tác phẩm của ${student}`,
      description: 'Một áp phích.',
      technique: 'Vẽ máy',
      fileIds: [fileId],
    });
    if (res.status !== 201) throw new Error(`${student} could not enter: ${JSON.stringify(res.body)}`);
    const confirmed = await (await anon.signedIn(teacher)).post(`/api/submission-entries/${res.body.id}/confirm`, { consentOnFile: true });
    if (confirmed.status !== 200) throw new Error(`${teacher} could not confirm: ${JSON.stringify(confirmed.body)}`);
    return { entry: res.body.id as string, file: fileId };
  };
  const own = await entry('hs2', 'gv1', p1.id, 40);
  const otherSchool = await entry('hs32', 'gv2', p1.id, 120);
  const otherProvince = await entry('qt-hs2', 'gv-qt1', p2.id, 200);
  const userId = (admin: Api, username: string) => findId(admin, `/api/users?q=${username}`, (x: { username: string }) => x.username === username);
  return {
    subContest: { own: p1.id, otherSchool: p1.id, otherProvince: p2.id },
    subContestBody: { own: p1.body, otherSchool: p1.body, otherProvince: p2.body },
    subEntry: { own: own.entry, otherSchool: otherSchool.entry, otherProvince: otherProvince.entry },
    subFile: { own: own.file, otherSchool: otherSchool.file, otherProvince: otherProvince.file },
    hs1Upload: await upload('hs1', p1.id, 250),
    subJudges: [await userId(admins.p1, 'so-admin'), await userId(admins.p1, 'gv1'), await userId(admins.p1, 'gv2')],
  };
}

/** In each school, an admin previews a one-row students file and confirms it. */
async function importIds(): Promise<Pick<Ids, 'importJob'>> {
  const make = async (admin: Api, schoolId: string, code: string) => {
    const preview = await admin.upload(`/api/imports?type=students&schoolId=${schoolId}`, { name: 'lop.csv', content: STUDENTS_CSV.replace('MX000001', code) });
    if (preview.status !== 200) throw new Error(`could not preview an import: ${JSON.stringify(preview.body)}`);
    if ((await admin.post(`/api/imports/${preview.body.importId}/confirm`)).status !== 202) throw new Error('could not confirm an import');
    return preview.body.importId as string;
  };
  return {
    importJob: {
      own: await make(admins.p1, ids.school.own, 'MX100001'),
      otherSchool: await make(admins.p1, ids.school.otherSchool, 'MX100002'),
      otherProvince: await make(admins.p2, ids.school.otherProvince, 'MX100003'),
    },
  };
}

/** In each school, its teacher assigns a lesson and a student hands in a short answer. */
async function assignmentIds(): Promise<Pick<Ids, 'assignment' | 'attempt' | 'shortAnswerItem' | 'response'>> {
  const make = async (teacher: string, student: string, classId: string, lessonId: string, admin: Api) => {
    const t = await anon.signedIn(teacher);
    const assignment = await t.post('/api/assignments', { lessonId, classIds: [classId], opensAt: hoursFromNow(-1), dueAt: hoursFromNow(48) });
    if (assignment.status !== 201) throw new Error(`${teacher} could not assign: ${JSON.stringify(assignment.body)}`);
    const s = await anon.signedIn(student);
    const attempt = (await s.post(`/api/assignments/${assignment.body.id}/attempt`)).body.attemptId as string;
    const item = ((await admin.get(`/api/lessons/${lessonId}`)).body.items as { id: string; kind: string }[]).find((x) => x.kind === 'short_answer')!.id;
    await s.put(`/api/attempts/${attempt}/responses/${item}`, { response: { text: 'Em sẽ báo cho thầy cô.' } });
    await s.post(`/api/attempts/${attempt}/submit`);
    const response = ((await t.get('/api/reviews')).body as { attemptId: string; responseId: string }[]).find((r) => r.attemptId === attempt)!.responseId;
    return { assignment: assignment.body.id as string, attempt, shortAnswerItem: item, response };
  };
  const own = await make('gv1', 'hs2', ids.cls.own, ids.lesson.own, admins.p1);
  const otherSchool = await make('gv2', 'hs32', ids.cls.otherSchool, ids.lesson.own, admins.p1);
  const otherProvince = await make('gv-qt1', 'qt-hs2', ids.cls.otherProvince, ids.lesson.otherProvince, admins.p2);
  const of = (key: keyof typeof own) => ({ own: own[key], otherSchool: otherSchool[key], otherProvince: otherProvince[key] });
  return { assignment: of('assignment'), attempt: of('attempt'), shortAnswerItem: of('shortAnswerItem'), response: of('response') };
}

/** Each school's teacher makes a class contest of a one-tap item. */
async function contestIds(): Promise<Pick<Ids, 'contest' | 'liveItem' | 'entry'>> {
  const liveItem = async (admin: Api, lessonId: string) =>
    ((await admin.get(`/api/lessons/${lessonId}`)).body.items as { id: string; kind: string }[]).find(
      (x) => x.kind === 'single_choice' || x.kind === 'true_false',
    )!.id;
  const make = async (teacher: string, classId: string, itemId: string) => {
    const res = await (
      await anon.signedIn(teacher)
    ).post('/api/contests', { title: 'Thi nhanh', mode: 'live', scope: { type: 'class', id: classId }, itemIds: [itemId], secondsPerQuestion: 20 });
    if (res.status !== 201) throw new Error(`${teacher} could not make a contest: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const item = {
    own: await liveItem(admins.p1, ids.lesson.own),
    otherSchool: await liveItem(admins.p1, ids.lesson.own),
    otherProvince: await liveItem(admins.p2, ids.lesson.otherProvince),
  };
  const entry = async (teacher: string, student: string, classId: string, itemId: string) => {
    const window = { opensAt: hoursFromNow(-1), closesAt: hoursFromNow(24) };
    const contest = await (
      await anon.signedIn(teacher)
    ).post('/api/contests', {
      title: 'Thi theo lịch',
      mode: 'scheduled',
      scope: { type: 'class', id: classId },
      itemIds: [itemId],
      secondsPerQuestion: 60,
      ...window,
    });
    const res = await (await anon.signedIn(student)).post(`/api/contests/${contest.body.id}/entries`);
    if (res.status !== 200) throw new Error(`${student} could not enter: ${JSON.stringify(res.body)}`);
    return res.body.entryId as string;
  };
  return {
    entry: {
      own: await entry('gv1', 'hs2', ids.cls.own, item.own),
      otherSchool: await entry('gv2', 'hs32', ids.cls.otherSchool, item.otherSchool),
      otherProvince: await entry('gv-qt1', 'qt-hs2', ids.cls.otherProvince, item.otherProvince),
    },
    liveItem: item,
    contest: {
      own: await make('gv1', ids.cls.own, item.own),
      otherSchool: await make('gv2', ids.cls.otherSchool, item.otherSchool),
      otherProvince: await make('gv-qt1', ids.cls.otherProvince, item.otherProvince),
    },
  };
}

/** The THCS and THPT safety curricula of province 1 and the THCS one of province 2, with a lesson and an item of each. */
async function contentIds(): Promise<Pick<Ids, 'lesson' | 'item' | 'curriculum' | 'version'>> {
  const pick = async (admin: Api, level: string) => {
    const curricula = (await admin.get(`/api/curricula?year=${year}&kind=SAFETY&level=${level}`)).body;
    const detail = (await admin.get(`/api/curricula/${curricula[0].id}`)).body;
    const lessonId = detail.published.lessons[0].lessonId;
    const lesson = (await admin.get(`/api/lessons/${lessonId}`)).body;
    return { curriculum: detail.id, version: detail.published.id, lesson: lessonId, item: lesson.items[0].id };
  };
  const [own, otherSchool, otherProvince] = [await pick(admins.p1, 'THCS'), await pick(admins.p1, 'THPT'), await pick(admins.p2, 'THCS')];
  const of = (key: keyof typeof own) => ({ own: own[key], otherSchool: otherSchool[key], otherProvince: otherProvince[key] });
  return { lesson: of('lesson'), item: of('item'), curriculum: of('curriculum'), version: of('version') };
}

let cells = 0;
let counter = 0;
afterAll(() => process.stdout.write(`authorization matrix: ${cells} cells (${ROWS.length} routes × ${ACTORS.length} roles × 3 scopes)\n`));

describe.each(ROWS)('$route', (row) => {
  it.each(ACTORS)('answers %s as expected in own school, another school and another province', async (actor) => {
    const api = await anon.signedIn(actor);
    const got: number[] = [];
    for (const where of WHERE) {
      const res = await row.call(api, ids, where, ++counter);
      got.push(res.status);
      cells++;
      if (res.status >= 200 && res.status < 300 && row.restore) {
        const admin = where === 'otherProvince' ? admins.p2 : admins.p1;
        const restored = await row.restore(admin, ids, where);
        expect((restored as { status: number }).status).toBeLessThan(300);
      }
    }
    expect({ actor, statuses: got }).toEqual({ actor, statuses: row.expect[actor] });
  });
});

describe('the matrix', () => {
  it('covers every route the API documents', async () => {
    const spec = (await anon.get('/api/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const covered = new Set([...ROWS.map((r) => r.route), ...SELF_ROUTES]);
    expect(documented.filter((r) => !covered.has(r))).toEqual([]);
    expect(documented.length).toBeGreaterThan(20);
  });
});

describe('lists', () => {
  it('show a school admin only own school, its classes and accounts', async () => {
    const api = await anon.signedIn('thcs1-admin');
    const schools = (await api.get('/api/schools')).body;
    expect(schools.items.map((s: { id: string }) => s.id)).toEqual([ids.school.own]);
    const classes = (await api.get('/api/classes')).body as { schoolId: string }[];
    expect(classes.length).toBeGreaterThan(0);
    expect(classes.every((c) => c.schoolId === ids.school.own)).toBe(true);
    const users = (await api.get('/api/users?limit=500')).body as { items: { schoolId: string }[]; total: number };
    expect(users.total).toBeGreaterThanOrEqual(32);
    expect(users.items.every((u) => u.schoolId === ids.school.own)).toBe(true);
  });

  it('show a teacher own classes and their students, and a student only themselves', async () => {
    const gv1 = await anon.signedIn('gv1');
    const classes = (await gv1.get('/api/classes')).body as { name: string }[];
    expect(classes.map((c) => c.name)).toEqual(['8A1']);
    const students = (await gv1.get('/api/users?role=student&limit=500')).body as { items: { username: string }[] };
    expect(students.items.length).toBeGreaterThanOrEqual(29);
    expect(students.items.every((u) => /^hs([1-9]|[12]\d|30)$/.test(u.username))).toBe(true);
    const hs1 = await anon.signedIn('hs1');
    const self = (await hs1.get('/api/users')).body as { items: { username: string }[] };
    expect(self.items.map((u) => u.username)).toEqual(['hs1']);
  });

  it("show another province's admin nothing of this province", async () => {
    const so2 = await anon.signedIn('so2-admin');
    const schools = (await so2.get('/api/schools')).body as { items: { name: string }[] };
    expect(schools.items.map((s) => s.name)).toEqual(['Trường THCS Quang Trung']);
    const users = (await so2.get('/api/users?q=hs1')).body as { items: { username: string }[] };
    expect(users.items.some((u) => u.username === 'hs1')).toBe(false);
  });
});
