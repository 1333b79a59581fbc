import {
  type CoverageDto,
  type DiagnosticDetailDto,
  type DiagnosticResultsDto,
  type MyDiagnosticDto,
  schoolYearOf,
  type StudentAssignmentDto,
} from '@tinhtao/shared';
import ExcelJS from 'exceljs';
import pg from 'pg';

import { Api, DEMO_PASSWORD, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';

/**
 * Pre/post diagnostics end to end, in the second demo province: a media-literacy diagnostic of
 * two parallel 8-item true/false forms, given to three generated THCS schools and the demo's
 * Quang Trung (one class of 5):
 *   Tiến Bộ (Improved): 8A of 14 (one skips the post-test) and 8B of 6; trusts false posts before,
 *     rejects them and trusts genuine ones after.
 *   Đứng Yên (Flat): 7A of 12; the same answers before and after.
 *   Hoài Nghi (Skeptical): 9A of 13 (one skips the pre-test); distrusts everything after, genuine included.
 * Answers are drawn from a seeded generator by position, and the forms are parallel by position
 * (genuine or not, and a conspiracy post at the same place), so that every figure but the
 * per-item and per-technique split is the same whichever form the server deals a student. The
 * test recomputes each figure from the answers it sent and compares it with the API's.
 */
let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
const year = schoolYearOf(testNow());
const PASSWORD = 'Kiemthu@2026';
const hours = hoursFromNow;

type Form = 'A' | 'B';
type Phase = 'pre' | 'post';
type SchoolKey = 'I' | 'F' | 'S' | 'Q';
type Role = 'genuine' | 'false' | 'conspiracy';

// ── The forms: parallel by position ────────────────────────────────────────

/** What each position asks, in both forms: a genuine item, a false one, or the conspiracy post. */
const ROLES: Role[] = ['genuine', 'false', 'conspiracy', 'genuine', 'false', 'genuine', 'false', 'genuine'];
/** Per form and position: the technique or skill it measures, and whether the prompt says "reliable" or "fake". */
const FORMS: Record<Form, { measures: string; says: 'reliable' | 'fake'; text: string }[]> = {
  A: [
    { measures: 'cherry_picking', says: 'reliable', text: 'Bộ Y tế: tiêm chủng mở rộng miễn phí cho trẻ dưới 1 tuổi tại trạm y tế xã.' },
    { measures: 'emotional_language', says: 'reliable', text: 'KHẨN CẤP!!! Chia sẻ ngay kẻo muộn, uống nước muối ấm chữa khỏi mọi bệnh!' },
    { measures: 'conspiracy', says: 'fake', text: 'Họ giấu sự thật: sóng điện thoại 5G được dựng lên để theo dõi cả làng.' },
    { measures: 'trolling', says: 'fake', text: 'Báo Nhân Dân đưa tin: Quốc hội thông qua Luật Dữ liệu năm 2024.' },
    { measures: 'impersonation', says: 'reliable', text: 'Trang "Bộ Gíao Dục" báo: học sinh nhắn mã OTP để nhận học bổng.' },
    { measures: 'fake_experts', says: 'reliable', text: 'Trung tâm Khí tượng Thủy văn quốc gia cảnh báo mưa lớn ở Bắc Bộ từ tối nay.' },
    { measures: 'polarisation', says: 'fake', text: 'Người thành phố nào cũng coi thường người nông thôn, ai cũng biết.' },
    { measures: 'impersonation', says: 'reliable', text: 'Cổng Dịch vụ công quốc gia hướng dẫn làm căn cước cho trẻ em.' },
  ],
  B: [
    { measures: 'discrediting', says: 'fake', text: 'Bệnh viện Bạch Mai hướng dẫn sơ cứu khi bị bỏng nước sôi.' },
    { measures: 'emotional_language', says: 'fake', text: 'Quá sốc!!! Ăn thứ này mỗi sáng sẽ cao thêm 10 cm trong một tháng!' },
    { measures: 'conspiracy', says: 'reliable', text: 'Một nhóm bí mật điều khiển giá xăng để cả nước phải đi bộ.' },
    { measures: 'polarisation', says: 'reliable', text: 'Tổng cục Thống kê công bố dân số Việt Nam vượt 100 triệu người.' },
    { measures: 'fake_experts', says: 'reliable', text: '"Giáo sư" trên mạng khẳng định: trẻ em không cần ngủ quá 4 tiếng.' },
    { measures: 'trolling', says: 'fake', text: 'Thư viện tỉnh mở cửa miễn phí cho học sinh vào cuối tuần.' },
    { measures: 'discrediting', says: 'reliable', text: 'Đừng tin các nhà báo, họ đều bị mua chuộc nên tin nào cũng sai.' },
    { measures: 'cherry_picking', says: 'reliable', text: 'Sở GD&ĐT thông báo lịch thi vào lớp 10 trên trang chính thức.' },
  ],
};
const isGenuine = (position: number) => ROLES[position] === 'genuine';

/** P(the student rates the content reliable), per school, phase and role. */
const TRUST: Record<SchoolKey, Record<Phase, Record<Role, number>>> = {
  I: { pre: { genuine: 0.5, false: 0.75, conspiracy: 0.8 }, post: { genuine: 0.85, false: 0.1, conspiracy: 0.7 } },
  F: { pre: { genuine: 0.6, false: 0.55, conspiracy: 0.8 }, post: { genuine: 0.6, false: 0.55, conspiracy: 0.8 } },
  S: { pre: { genuine: 0.6, false: 0.6, conspiracy: 0.6 }, post: { genuine: 0.15, false: 0.15, conspiracy: 0.6 } },
  Q: { pre: { genuine: 0.6, false: 0.5, conspiracy: 0.6 }, post: { genuine: 0.6, false: 0.5, conspiracy: 0.6 } },
};
/** P(an item is left blank). */
const BLANK = 0.03;

/** mulberry32: a small seeded generator, so that the answers are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── The province ───────────────────────────────────────────────────────────

interface Answer {
  blank: boolean;
  trusts: boolean;
}
interface Taken {
  form: Form;
  /** By position. */
  answers: Answer[];
}
interface Student {
  username: string;
  id: string;
  api: Api;
  school: SchoolKey;
  classKey: string;
  /** Drawn before anything is sent, by position. */
  plan: Record<Phase, Answer[]>;
  takes: Record<Phase, boolean>;
  preForm?: Form;
  taken: Partial<Record<Phase, Taken>>;
}
interface SchoolRec {
  key: SchoolKey;
  id: string;
  name: string;
  areaId: string;
}
interface ClassRec {
  key: string;
  id: string;
  school: SchoolKey;
  teacher: Api;
  students: Student[];
}

const schools = {} as Record<SchoolKey, SchoolRec>;
const classes: Record<string, ClassRec> = {};
const students: Student[] = [];
let headI: Api;
/** The two students of 6A. */
let waiting: Api[];
let areaNew: string;
let areaQt: string;
/** Bank item ids per form, by position. */
const itemIds = {} as Record<Form, string[]>;
let shortAnswerId: string;
let falseClaimId: string;
let mediaLessonId: string;
let normalAssignment: string;
let diagnostic: DiagnosticDetailDto;
/** Per school and phase, the assignment id of each form and each form's lesson, as the students see them. */
const seen = {} as Record<SchoolKey, Record<Phase, Partial<Record<Form, string>>>>;
const lessonOf = {} as Partial<Record<Form, string>>;
let coverageBefore: unknown;

const coverage = async () => {
  const res = await dept.get(`/api/coverage?year=${year}&level=THCS`);
  expect(res.status).toBe(200);
  const {
    generatedAt: _g,
    deadline: { daysLeft: _d, ...deadline },
    ...rest
  } = res.body as CoverageDto;
  return { ...rest, deadline };
};

async function makeSchool(key: SchoolKey, name: string, code: string, areaId: string): Promise<SchoolRec> {
  const res = await dept.post('/api/schools', { name, level: 'THCS', ministryCode: code, areaId });
  expect(res.status).toBe(201);
  return { key, id: res.body.id, name, areaId };
}

async function createUser(username: string, role: string, schoolId: string, fullName = `Người ${username}`): Promise<string> {
  const res = await dept.post('/api/users', { username, fullName, role, schoolId, password: PASSWORD });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function makeClass(
  key: string,
  school: SchoolKey,
  grade: number,
  size: number,
  skip: { pre?: number[]; post?: number[] },
  rng: () => number,
): Promise<ClassRec> {
  const schoolId = schools[school].id;
  const teacherName = `dg-gv-${key.toLowerCase()}`;
  const teacherId = await createUser(teacherName, 'teacher', schoolId);
  const usernames = Array.from({ length: size }, (_, n) => `dg-${key.toLowerCase()}-${String(n + 1).padStart(2, '0')}`);
  const ids = await Promise.all(usernames.map((u, n) => createUser(u, 'student', schoolId, `Học Sinh ${key}${String.fromCharCode(65 + n)}`)));
  const cls = await dept.post('/api/classes', { schoolId, name: key, grade, schoolYear: year, teacherIds: [teacherId] });
  expect(cls.status).toBe(201);
  expect((await dept.post(`/api/classes/${cls.body.id}/students`, { studentIds: ids })).status).toBe(200);
  const apis = await Promise.all(usernames.map((u) => anon.signedIn(u, PASSWORD)));
  const rec: ClassRec = { key, id: cls.body.id, school, teacher: await anon.signedIn(teacherName, PASSWORD), students: [] };
  usernames.forEach((username, n) =>
    rec.students.push(student(username, ids[n], apis[n], school, key, rng, { pre: !skip.pre?.includes(n), post: !skip.post?.includes(n) })),
  );
  classes[key] = rec;
  return rec;
}

function student(username: string, id: string, api: Api, school: SchoolKey, classKey: string, rng: () => number, takes: Record<Phase, boolean>): Student {
  const draw = (phase: Phase) => ROLES.map((role) => ({ blank: rng() < BLANK, trusts: rng() < TRUST[school][phase][role] }));
  const s: Student = { username, id, api, school, classKey, plan: { pre: draw('pre'), post: draw('post') }, takes, taken: {} };
  students.push(s);
  return s;
}

/** The response that says the student trusts (or distrusts) the content, however the prompt is phrased. */
function response(form: Form, position: number, trusts: boolean): [number] {
  const saysReliable = FORMS[form][position].says === 'reliable';
  return [trusts === saysReliable ? 0 : 1];
}
const correct = (position: number, a: Answer) => !a.blank && a.trusts === isGenuine(position);

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so2-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  const rng = seeded(20260917);

  areaQt = ((await dept.get('/api/areas')).body as { id: string }[])[0].id;
  areaNew = (await dept.post('/api/areas', { name: 'Xã Khảo Sát' })).body.id;
  const quangTrung = ((await dept.get('/api/schools')).body.items as { id: string; name: string }[])[0];
  schools.Q = { key: 'Q', id: quangTrung.id, name: quangTrung.name, areaId: areaQt };
  schools.I = await makeSchool('I', 'Trường THCS Tiến Bộ', '62000951', areaNew);
  schools.F = await makeSchool('F', 'Trường THCS Đứng Yên', '62000952', areaNew);
  schools.S = await makeSchool('S', 'Trường THCS Hoài Nghi', '62000953', areaNew);
  await createUser('dg-bgh-i', 'school_admin', schools.I.id);
  headI = await anon.signedIn('dg-bgh-i', PASSWORD);

  // In a fixed order, so that the generator gives each student the same answers on every run.
  await makeClass('8A', 'I', 8, 14, { post: [13] }, rng);
  await makeClass('8B', 'I', 8, 6, {}, rng);
  await makeClass('7A', 'F', 7, 12, {}, rng);
  await makeClass('9A', 'S', 9, 13, { pre: [0] }, rng);
  const qtClass = ((await dept.get('/api/classes')).body as { id: string; name: string; schoolId: string }[]).find(
    (c) => c.schoolId === schools.Q.id && c.name === '9A1',
  )!;
  const qtStudents = ((await dept.get(`/api/classes/${qtClass.id}/students`)).body as { id: string; username: string }[]).sort((a, b) =>
    a.username.localeCompare(b.username),
  );
  expect(qtStudents.map((s) => s.username)).toEqual(['qt-hs1', 'qt-hs2', 'qt-hs3', 'qt-hs4', 'qt-hs5']);
  const qt: ClassRec = { key: '9A1', id: qtClass.id, school: 'Q', teacher: await anon.signedIn('gv-qt1'), students: [] };
  for (const s of qtStudents)
    qt.students.push(student(s.username, s.id, await anon.signedIn(s.username, DEMO_PASSWORD), 'Q', '9A1', rng, { pre: true, post: true }));
  classes['9A1'] = qt;

  // 6A (8A's teacher): two students dealt forms with the pre-test, never given the post-test.
  const waitingIds = await Promise.all(['dg-6a-01', 'dg-6a-02'].map((u) => createUser(u, 'student', schools.I.id)));
  const teacher8A = ((await classes['8A'].teacher.get('/api/me')).body as { id: string }).id;
  const sixA = await dept.post('/api/classes', { schoolId: schools.I.id, name: '6A', grade: 6, schoolYear: year, teacherIds: [teacher8A] });
  expect(sixA.status).toBe(201);
  expect((await dept.post(`/api/classes/${sixA.body.id}/students`, { studentIds: waitingIds })).status).toBe(200);
  waiting = await Promise.all(['dg-6a-01', 'dg-6a-02'].map((u) => anon.signedIn(u, PASSWORD)));

  // The bank items of the two forms, and two that a diagnostic refuses.
  for (const form of ['A', 'B'] as const) {
    itemIds[form] = [];
    for (const [position, item] of FORMS[form].entries()) {
      const fake = !isGenuine(position);
      const res = await dept.post('/api/items', {
        kind: 'true_false',
        prompt: `Bài đăng: “${item.text}” ${item.says === 'reliable' ? 'Nội dung này đáng tin cậy.' : 'Đây là tin giả hoặc sai lệch.'}`,
        feedback: fake ? 'Đây là nội dung sai lệch.' : 'Đây là nguồn chính thức.',
        answer: [(item.says === 'reliable') !== fake ? 0 : 1],
        tags: { topics: ['khảo sát'], techniques: [item.measures], difficulty: 'medium' },
      });
      expect(res.status).toBe(201);
      itemIds[form].push(res.body.id);
    }
  }
  shortAnswerId = (
    await dept.post('/api/items', {
      kind: 'short_answer',
      prompt: 'Em làm gì khi thấy tin lạ?',
      feedback: 'Kiểm tra nguồn.',
      answer: { text: 'Tìm nguồn khác.' },
    })
  ).body.id;
  const claim = await dept.post('/api/items', {
    kind: 'claim_check',
    prompt: 'Bài đăng này có đúng không?',
    feedback: 'Trang giả mạo.',
    claim: { format: 'post', source: 'Tin Nóng 24h', text: 'Nghỉ học toàn quốc từ mai.' },
    options: ['Không có nguồn chính thức', 'Tên trang lạ', 'Ảnh đẹp'],
    answer: { verdict: 'false', evidence: [0, 1] },
  });
  expect(claim.status).toBe(201);
  falseClaimId = claim.body.id;

  // An ordinary lesson assigned to 8A, so that the teacher's lists are not trivially empty.
  const curricula = (await dept.get('/api/curricula')).body as { id: string; schoolYear: string; level: string; kind: string }[];
  const media = curricula.find((c) => c.schoolYear === year && c.level === 'THCS' && c.kind === 'MEDIA_LITERACY')!;
  mediaLessonId = (await dept.get(`/api/curricula/${media.id}`)).body.published.lessons[0].lessonId;
  const assigned = await classes['8A'].teacher.post('/api/assignments', {
    lessonId: mediaLessonId,
    classIds: [classes['8A'].id],
    opensAt: hours(-1),
    dueAt: hours(48),
  });
  expect(assigned.status).toBe(201);
  normalAssignment = assigned.body.id;

  coverageBefore = await coverage();
});

afterAll(async () => {
  await db?.end();
  if (process.env.SHOW_SERVER_LOG) process.stdout.write(app?.output() ?? '');
  await app?.stop();
});

// ── The statistics, the slow way ───────────────────────────────────────────

interface Outcome {
  percent: number;
  genuineRated: number;
  genuineTrusted: number;
  falseRated: number;
  falseTrusted: number;
}

function outcomeOf(t: Taken): Outcome {
  const o: Outcome = { percent: 0, genuineRated: 0, genuineTrusted: 0, falseRated: 0, falseTrusted: 0 };
  let right = 0;
  t.answers.forEach((a, position) => {
    if (correct(position, a)) right++;
    if (a.blank) return;
    if (isGenuine(position)) {
      o.genuineRated++;
      if (a.trusts) o.genuineTrusted++;
    } else {
      o.falseRated++;
      if (a.trusts) o.falseTrusted++;
    }
  });
  o.percent = (100 * right) / t.answers.length;
  return o;
}
const discernmentOf = (o: Outcome) => (o.genuineRated > 0 && o.falseRated > 0 ? o.genuineTrusted / o.genuineRated - o.falseTrusted / o.falseRated : null);
const skepticismOf = (o: Outcome) => (o.genuineRated > 0 ? 1 - o.genuineTrusted / o.genuineRated : null);
const pre = (s: Student) => (s.taken.pre ? outcomeOf(s.taken.pre) : null);
const post = (s: Student) => (s.taken.post ? outcomeOf(s.taken.post) : null);

/** ln Γ(x), Lanczos (g = 7). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
const tCache = new Map<number, number>();
/** The 0.975 quantile of Student's t, by integrating its density (Simpson) and bisecting: nothing shared with the server. */
function tCritical(df: number): number {
  const cached = tCache.get(df);
  if (cached !== undefined) return cached;
  const k = Math.exp(lnGamma((df + 1) / 2) - lnGamma(df / 2)) / Math.sqrt(df * Math.PI);
  const density = (x: number) => k * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const area = (to: number) => {
    const steps = 2000;
    const h = to / steps;
    let s = density(0) + density(to);
    for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * density(i * h);
    return (s * h) / 3;
  };
  let lo = 0;
  let hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (area(mid) < 0.475) lo = mid;
    else hi = mid;
  }
  tCache.set(df, (lo + hi) / 2);
  return (lo + hi) / 2;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};
const covariance = (xs: number[], ys: number[]) => {
  const mx = mean(xs);
  const my = mean(ys);
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / (xs.length - 1);
};
const tInterval = (m: number, se: number, n: number) => ({ mean: m, low: m - tCritical(n - 1) * se, high: m + tCritical(n - 1) * se });
const meanCi = (xs: number[]) => (xs.length < 2 ? null : tInterval(mean(xs), Math.sqrt(variance(xs) / xs.length), xs.length));

interface Expected {
  preCount: number;
  postCount: number;
  pairedCount: number;
  pre: { mean: number; sd: number } | null;
  post: { mean: number; sd: number } | null;
  gain: { mean: number; low: number; high: number } | null;
  normalizedGain: { mean: number; low: number; high: number } | null;
  improvedShare: number | null;
  discernment: { pre: number; post: number; gain: { mean: number; low: number; high: number } | null } | null;
  skepticism: { pre: number; post: number; gain: { mean: number; low: number; high: number } | null } | null;
}

/** A group's figures from its students' answers, unsuppressed. */
function expectedSummary(group: Student[]): Expected {
  const pres = group.flatMap((s) => (pre(s) ? [pre(s)!.percent] : []));
  const posts = group.flatMap((s) => (post(s) ? [post(s)!.percent] : []));
  const pairs = group.filter((s) => pre(s) && post(s)).map((s) => ({ pre: pre(s)!, post: post(s)! }));
  const gains = pairs.map((p) => p.post.percent - p.pre.percent);
  const meanSd = (xs: number[]) => (xs.length === 0 ? null : { mean: mean(xs), sd: xs.length < 2 ? 0 : Math.sqrt(variance(xs)) });
  let hake: Expected['normalizedGain'] = null;
  if (pairs.length >= 2) {
    const n = pairs.length;
    const p = pairs.map((x) => x.pre.percent);
    const u = 100 - mean(p);
    const g = mean(gains);
    const v = variance(gains) / n / u ** 2 + (g ** 2 * (variance(p) / n)) / u ** 4 + (2 * g * (covariance(p, gains) / n)) / u ** 3;
    hake = tInterval(g / u, Math.sqrt(Math.max(0, v)), n);
  }
  const paired = (f: (o: Outcome) => number | null) => {
    const both = pairs.filter((x) => f(x.pre) !== null && f(x.post) !== null);
    if (both.length === 0) return null;
    const before = both.map((x) => f(x.pre)!);
    const after = both.map((x) => f(x.post)!);
    return { pre: mean(before), post: mean(after), gain: meanCi(after.map((a, i) => a - before[i])), n: both.length };
  };
  const d = paired(discernmentOf);
  const k = paired(skepticismOf);
  return {
    preCount: pres.length,
    postCount: posts.length,
    pairedCount: pairs.length,
    pre: meanSd(pres),
    post: meanSd(posts),
    gain: meanCi(gains),
    normalizedGain: hake,
    improvedShare: pairs.length === 0 ? null : gains.filter((g) => g > 0).length / pairs.length,
    discernment: d && { pre: d.pre, post: d.post, gain: d.gain },
    skepticism: k && { pre: k.pre, post: k.post, gain: k.gain },
  };
}

/** As shown above the class: nothing under 10 students, and each figure only when its own n is 10. */
function expectedVisible(group: Student[]): Expected | null {
  const e = expectedSummary(group);
  if (Math.max(e.preCount, e.postCount) < 10) return null;
  const pairs = group.filter((s) => pre(s) && post(s));
  const discN = pairs.filter((s) => discernmentOf(pre(s)!) !== null && discernmentOf(post(s)!) !== null).length;
  const skepN = pairs.filter((s) => skepticismOf(pre(s)!) !== null && skepticismOf(post(s)!) !== null).length;
  const ok = (n: number) => n >= 10;
  return {
    ...e,
    pre: ok(e.preCount) ? e.pre : null,
    post: ok(e.postCount) ? e.post : null,
    gain: ok(e.pairedCount) ? e.gain : null,
    normalizedGain: ok(e.pairedCount) ? e.normalizedGain : null,
    improvedShare: ok(e.pairedCount) ? e.improvedShare : null,
    discernment: ok(discN) ? e.discernment : null,
    skepticism: ok(skepN) ? e.skepticism : null,
  };
}

/** Deep equality where numbers agree to 1e-9, or 1e-5 for interval bounds (the server's t table has 8 digits). */
function expectFigures(actual: unknown, expected: unknown, path = 'figures'): void {
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) throw new Error(`${path}: expected null, got ${JSON.stringify(actual)}`);
    return;
  }
  if (typeof expected === 'number') {
    const tolerance = /\.(low|high|postLow|postHigh)$/.test(path) ? 1e-5 : 1e-9;
    if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= tolerance))
      throw new Error(`${path}: expected ${expected}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (typeof expected !== 'object') {
    if (actual !== expected) throw new Error(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (actual === null || typeof actual !== 'object') throw new Error(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      throw new Error(`${path}: expected ${expected.length} entries, got ${JSON.stringify(actual)}`);
    expected.forEach((e, i) => expectFigures(actual[i], e, `${path}[${i}]`));
    return;
  }
  const keys = Object.keys(expected);
  const got = Object.keys(actual).sort();
  if (JSON.stringify([...keys].sort()) !== JSON.stringify(got)) throw new Error(`${path}: expected keys ${[...keys].sort().join(',')}, got ${got.join(',')}`);
  for (const key of keys) expectFigures((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
}

/** Per technique, over false items: the share answered wrongly (a blank is wrong), most missed after first. */
function expectedTechniques(group: Student[]) {
  const tally = new Map<string, { preResponses: number; preMissed: number; postResponses: number; postMissed: number }>();
  for (const s of group)
    for (const phase of ['pre', 'post'] as const) {
      const t = s.taken[phase];
      if (!t) continue;
      t.answers.forEach((a, position) => {
        if (isGenuine(position)) return;
        const tag = FORMS[t.form][position].measures;
        const row = tally.get(tag) ?? { preResponses: 0, preMissed: 0, postResponses: 0, postMissed: 0 };
        row[`${phase}Responses`]++;
        if (!correct(position, a)) row[`${phase}Missed`]++;
        tally.set(tag, row);
      });
    }
  const z = 1.959963984540054;
  const wilson = (k: number, n: number) => {
    const p = k / n;
    const d = 1 + (z * z) / n;
    const centre = (p + (z * z) / (2 * n)) / d;
    const half = (z / d) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
  };
  const rows = [...tally].map(([tag, t]) => {
    const before = t.preResponses > 0 ? t.preMissed / t.preResponses : null;
    const after = t.postResponses > 0 ? t.postMissed / t.postResponses : null;
    const ci = t.postResponses > 0 ? wilson(t.postMissed, t.postResponses) : null;
    return {
      tag,
      pre: before,
      post: after,
      change: before === null || after === null ? null : after - before,
      postLow: ci?.low ?? null,
      postHigh: ci?.high ?? null,
    };
  });
  return rows.sort((a, b) => (a.post === b.post ? (a.tag < b.tag ? -1 : 1) : a.post === null ? 1 : b.post === null ? -1 : b.post - a.post));
}

/** Per item and phase: responses, proportion correct, and the corrected item–total correlation. */
function expectedItem(group: Student[], form: Form, position: number, phase: Phase) {
  const rows = group.flatMap((s) => {
    const t = s.taken[phase];
    if (!t || t.form !== form) return [];
    const x = correct(position, t.answers[position]) ? 1 : 0;
    const total = t.answers.filter((a, p) => correct(p, a)).length;
    return [{ x, y: total - x }];
  });
  const n = rows.length;
  if (n === 0) return { n: 0, difficulty: null, discrimination: null, flags: [] };
  const xs = rows.map((r) => r.x);
  const ys = rows.map((r) => r.y);
  const difficulty = mean(xs);
  let discrimination: number | null = null;
  if (n >= 2 && variance(xs) > 0 && variance(ys) > 0) discrimination = covariance(xs, ys) / Math.sqrt(variance(xs) * variance(ys));
  const flags: string[] = [];
  if (n >= 30) {
    if (difficulty < 0.2) flags.push('too_hard');
    if (difficulty > 0.95) flags.push('too_easy');
    if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
    if (discrimination !== null && discrimination >= 0 && discrimination < 0.2) flags.push('weak_discrimination');
  }
  return { n, difficulty, discrimination, flags };
}

/** The gain the generator was built to give: the expected post percent minus the expected pre percent, over the paired students. */
function trueGain(group: Student[]): number {
  const expectedPercent = (school: SchoolKey, phase: Phase) =>
    (100 / ROLES.length) *
    ROLES.reduce((sum, role) => sum + (1 - BLANK) * (role === 'genuine' ? TRUST[school][phase][role] : 1 - TRUST[school][phase][role]), 0);
  return mean(group.filter((s) => s.taken.pre && s.taken.post).map((s) => expectedPercent(s.school, 'post') - expectedPercent(s.school, 'pre')));
}

// ── Taking a form ──────────────────────────────────────────────────────────

const diagnosticAssignments = async (s: Student) =>
  ((await s.api.get('/api/assignments')).body as StudentAssignmentDto[]).filter((a) => a.diagnosticPhase !== undefined);

/** The student finds the one assignment of the phase, reads its form, answers as planned and submits. */
async function take(s: Student, phase: Phase): Promise<void> {
  const mine = (await diagnosticAssignments(s)).filter((a) => a.diagnosticPhase === phase);
  expect({ student: s.username, count: mine.length }).toEqual({ student: s.username, count: 1 });
  const assignment = mine[0];
  const lesson = await s.api.get(`/api/lessons/${assignment.lessonId}`);
  expect(lesson.status).toBe(200);
  const ids = (lesson.body.items as { id: string }[]).map((i) => i.id);
  const form: Form = ids.every((id) => itemIds.A.includes(id)) ? 'A' : 'B';
  expect([...ids].sort()).toEqual([...itemIds[form]].sort());
  lessonOf[form] = assignment.lessonId;
  const forms = (seen[s.school] ??= { pre: {}, post: {} })[phase];
  if (forms[form] === undefined) forms[form] = assignment.id;
  expect(forms[form]).toBe(assignment.id);
  if (phase === 'pre') s.preForm = form;
  else expect({ student: s.username, post: form }).toEqual({ student: s.username, post: s.preForm === 'A' ? 'B' : 'A' });
  if (!s.takes[phase]) return;

  const started = await s.api.post(`/api/assignments/${assignment.id}/attempt`);
  expect(started.status).toBe(200);
  const answers = s.plan[phase];
  for (const [position, a] of answers.entries()) {
    if (a.blank) continue;
    const saved = await s.api.put(`/api/attempts/${started.body.attemptId}/responses/${itemIds[form][position]}`, {
      response: response(form, position, a.trusts),
    });
    expect(saved.status).toBe(200);
  }
  const submitted = await s.api.post(`/api/attempts/${started.body.attemptId}/submit`);
  expect(submitted.status).toBe(200);
  s.taken[phase] = { form, answers };
  expect(submitted.body.percent).toBeCloseTo(outcomeOf(s.taken[phase]).percent, 6);
  // A diagnostic's key is never shown: classmates take this form after the program.
  expect((submitted.body.items as { answer: unknown }[]).every((i) => i.answer === null)).toBe(true);
  // Nor anything per item that tells right from wrong: with true/false items it would be the key.
  expect((submitted.body.items as { score: unknown; correct: unknown }[]).every((i) => i.score === null && i.correct === null)).toBe(true);
}

const round = (api: Api, body: Record<string, unknown>) =>
  api.post(`/api/diagnostics/${diagnostic.id}/rounds`, { opensAt: hours(-1), dueAt: hours(72), ...body });
const results = async (api: Api, query = '') => {
  const res = await api.get(`/api/diagnostics/${diagnostic.id}/results${query}`);
  expect(res.status).toBe(200);
  return res.body as DiagnosticResultsDto;
};
const inSchool = (key: SchoolKey) => students.filter((s) => s.school === key);
const inClass = (key: string) => students.filter((s) => s.classKey === key);
const diagnosticRows = async () =>
  (await db.query('SELECT (SELECT count(*)::int FROM diagnostic) AS d, (SELECT count(*)::int FROM lesson) AS l, (SELECT count(*)::int FROM assignment) AS a'))
    .rows[0];

type FormEntry = { itemId: string; measures: string; genuine: boolean };
const formsBody = (overrides: Partial<Record<Form, FormEntry[]>> = {}) => ({
  title: 'Khảo sát năng lực nhận diện tin giả',
  schoolYear: year,
  level: 'THCS',
  kind: 'MEDIA_LITERACY',
  forms: {
    A: itemIds.A.map((itemId, p) => ({ itemId, measures: FORMS.A[p].measures, genuine: isGenuine(p) })),
    B: itemIds.B.map((itemId, p) => ({ itemId, measures: FORMS.B[p].measures, genuine: isGenuine(p) })),
    ...overrides,
  },
});

describe('diagnostics', () => {
  it('refuses bad diagnostics with problem details and writes nothing', async () => {
    const before = await diagnosticRows();
    const form = (f: Form) => formsBody().forms[f];
    const cases: [string, unknown, string[]][] = [
      ['forms of different lengths', formsBody({ B: form('B').slice(0, 7) }), ['forms.B']],
      ['a form without a genuine item', formsBody({ A: form('A').map((i) => ({ ...i, genuine: false })) }), ['forms.A']],
      ['a form of three items', formsBody({ A: form('A').slice(0, 3), B: form('B').slice(0, 3) }), ['forms.A', 'forms.B']],
      ['an unknown tag', formsBody({ A: form('A').map((i, p) => (p === 0 ? { ...i, measures: 'astrology' } : i)) }), ['forms.A.0.measures']],
      ['an item in both forms', formsBody({ B: form('B').map((i, p) => (p === 0 ? { ...i, itemId: itemIds.A[0] } : i)) }), ['forms.B']],
      ['a short answer', formsBody({ A: form('A').map((i, p) => (p === 3 ? { ...i, itemId: shortAnswerId } : i)) }), ['forms.A.3']],
      ['a false claim said to be genuine', formsBody({ A: form('A').map((i, p) => (p === 0 ? { ...i, itemId: falseClaimId } : i)) }), ['forms.A.0.genuine']],
    ];
    for (const [what, body, fields] of cases) {
      const problem = expectProblem(await dept.post('/api/diagnostics', body), 400, 'VALIDATION_FAILED');
      expect({ what, fields: [...new Set(problem.errors?.map((e) => e.field))].sort() }).toEqual({ what, fields });
    }
    // Staff of a school cannot build one; another province's items do not exist for this one.
    expectProblem(await classes['8A'].teacher.post('/api/diagnostics', formsBody()), 403);
    const other = await anon.signedIn('so-admin');
    const theirItem = (await other.get('/api/items')).body as { id: string; kind: string }[] | { items: { id: string; kind: string }[] };
    const theirs = (Array.isArray(theirItem) ? theirItem : theirItem.items).find((i) => i.kind === 'true_false')!.id;
    expectProblem(await dept.post('/api/diagnostics', formsBody({ A: form('A').map((i, p) => (p === 1 ? { ...i, itemId: theirs } : i)) })), 404);
    expect(await diagnosticRows()).toEqual(before);
    expect((await dept.get('/api/diagnostics')).body).toEqual([]);
  });

  it('builds the diagnostic, freezes its items and hides its forms from the lesson library', async () => {
    const created = await dept.post('/api/diagnostics', formsBody());
    expect(created.status).toBe(201);
    diagnostic = created.body;
    expect(diagnostic).toMatchObject({
      title: 'Khảo sát năng lực nhận diện tin giả',
      schoolYear: year,
      level: 'THCS',
      kind: 'MEDIA_LITERACY',
      itemsPerForm: 8,
      rounds: [],
    });
    expect(diagnostic.items.map((i) => [i.itemId, i.form, i.position, i.kind, i.measures, i.genuine])).toEqual(
      (['A', 'B'] as const).flatMap((f) => itemIds[f].map((id, p) => [id, f, p, 'true_false', FORMS[f][p].measures, isGenuine(p)])),
    );
    expect((await dept.get(`/api/diagnostics/${diagnostic.id}`)).body).toEqual(diagnostic);
    expect(((await dept.get('/api/diagnostics')).body as { id: string }[]).map((d) => d.id)).toEqual([diagnostic.id]);
    expect((await classes['8A'].teacher.get(`/api/diagnostics/${diagnostic.id}`)).status).toBe(200);
    expectProblem(await dept.put(`/api/items/${itemIds.A[0]}`, { kind: 'true_false', prompt: 'Đổi', feedback: 'Đổi', answer: [0] }), 409, 'CONTENT_LOCKED');
    const library = (await dept.get('/api/library/lessons')).body as { title: string }[] | { items: { title: string }[] };
    expect(JSON.stringify(library)).not.toContain('Khảo sát năng lực');
    // Nobody has been given a form yet: a student cannot read either.
    const [someone] = inClass('8A');
    const lessons = (await db.query('SELECT form_a_lesson_id AS a, form_b_lesson_id AS b FROM diagnostic WHERE id = $1', [diagnostic.id])).rows[0];
    expectProblem(await someone.api.get(`/api/lessons/${lessons.a}`), 404);
    expectProblem(await someone.api.get(`/api/lessons/${lessons.b}`), 404);
  });

  it('opens the pre-test once per class, and the post-test only after it', async () => {
    const before = await diagnosticRows();
    expectProblem(await round(classes['9A'].teacher, { phase: 'post', classIds: [classes['9A'].id] }), 409, 'CONFLICT');
    expectProblem(await round(classes['8A'].teacher, { phase: 'pre' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await round(classes['8A'].teacher, { phase: 'pre', classIds: [classes['8A'].id], opensAt: hours(5), dueAt: hours(1) }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await round(classes['8A'].teacher, { phase: 'pre', classIds: [classes['7A'].id] }), 403, 'FORBIDDEN');
    expectProblem(await round(classes['8A'].teacher, { phase: 'pre', classIds: [classes['8A'].id, classes['8B'].id] }), 403, 'FORBIDDEN');
    expectProblem(await round(headI, { phase: 'pre', classIds: [classes['9A'].id] }), 403, 'FORBIDDEN');
    expectProblem(await round(inClass('8A')[0].api, { phase: 'pre', classIds: [classes['8A'].id] }), 403);
    expectProblem(await round(await anon.signedIn('so-admin'), { phase: 'pre' }), 404);
    expect(await diagnosticRows()).toEqual(before);

    // The Department opens the pre-test for every THCS class of the province this year.
    const opened = await round(dept, { phase: 'pre' });
    expect(opened.status).toBe(201);
    expect(opened.body).toEqual({ diagnosticId: diagnostic.id, phase: 'pre', classes: 6, schools: 4 });
    expectProblem(await round(dept, { phase: 'pre' }), 409, 'CONFLICT');
    expectProblem(await round(classes['9A'].teacher, { phase: 'pre', classIds: [classes['9A'].id] }), 409, 'CONFLICT');
    // Two assignments per school, one per form.
    expect((await diagnosticRows()).a).toBe(before.a + 8);
    expect((await dept.get(`/api/diagnostics/${diagnostic.id}`)).body.rounds).toEqual([
      { phase: 'pre', classes: 6, opensAt: expect.any(String), dueAt: expect.any(String) },
    ]);
    expect((await classes['8A'].teacher.get(`/api/diagnostics/${diagnostic.id}`)).body.rounds).toEqual([expect.objectContaining({ phase: 'pre', classes: 3 })]);

    await Promise.all(students.map((s) => take(s, 'pre')));

    // The post-test: a teacher for own class, the school admin for the school's, the Department for the rest.
    expectProblem(await round(classes['8A'].teacher, { phase: 'post', classIds: [classes['7A'].id] }), 403, 'FORBIDDEN');
    expectProblem(await round(headI, { phase: 'post', classIds: [classes['8A'].id, classes['7A'].id] }), 403, 'FORBIDDEN');
    const posts = [
      await round(classes['9A'].teacher, { phase: 'post', classIds: [classes['9A'].id] }),
      await round(headI, { phase: 'post', classIds: [classes['8A'].id, classes['8B'].id] }),
      await round(classes['7A'].teacher, { phase: 'post', classIds: [classes['7A'].id] }),
      await round(dept, { phase: 'post', classIds: [classes['9A1'].id] }),
    ];
    expect(posts.map((p) => [p.status, p.body.classes, p.body.schools])).toEqual([
      [201, 1, 1],
      [201, 2, 1],
      [201, 1, 1],
      [201, 1, 1],
    ]);
    expectProblem(await round(dept, { phase: 'post' }), 409, 'CONFLICT');
    expectProblem(await round(classes['7A'].teacher, { phase: 'post', classIds: [classes['7A'].id] }), 409, 'CONFLICT');
    expect((await dept.get(`/api/diagnostics/${diagnostic.id}`)).body.rounds.map((r: { phase: string; classes: number }) => [r.phase, r.classes])).toEqual([
      ['pre', 6],
      ['post', 5],
    ]);

    await Promise.all(students.map((s) => take(s, 'post')));
  });

  it('counterbalances every class: the forms split ⌈n/2⌉/⌊n/2⌋ and each student takes the other one after', async () => {
    for (const cls of Object.values(classes)) {
      const a = cls.students.filter((s) => s.preForm === 'A').length;
      expect({ cls: cls.key, a, b: cls.students.length - a }).toEqual({
        cls: cls.key,
        a: Math.ceil(cls.students.length / 2),
        b: Math.floor(cls.students.length / 2),
      });
      // The class's teacher sees the same forms.
      const view = await results(cls.teacher, `?classId=${cls.id}`);
      expect(Object.fromEntries(view.students!.map((s) => [s.id, s.preForm]))).toEqual(Object.fromEntries(cls.students.map((s) => [s.id, s.preForm])));
    }
    for (const s of students) {
      const other: Form = s.preForm === 'A' ? 'B' : 'A';
      const mine = await diagnosticAssignments(s);
      expect(mine.map((a) => [a.diagnosticPhase, a.id]).sort()).toEqual(
        [
          ['post', seen[s.school].post[other]],
          ['pre', seen[s.school].pre[s.preForm!]],
        ].sort(),
      );
      // Neither assignment that is not the student's can be started.
      expectProblem(await s.api.post(`/api/assignments/${seen[s.school].pre[other]}/attempt`), 404);
      expectProblem(await s.api.post(`/api/assignments/${seen[s.school].post[s.preForm!]}/attempt`), 404);
      expectProblem(await s.api.get(`/api/assignments/${seen[s.school].pre[other]}`), 404);
    }
  });

  it("keeps a student from reading the other form's lesson until the post-test gives it", async () => {
    // 6A was dealt forms with the pre-test and has no post-test.
    const forms: Form[] = [];
    for (const api of waiting) {
      const mine = ((await api.get('/api/assignments')).body as StudentAssignmentDto[]).filter((a) => a.diagnosticPhase);
      expect(mine.map((a) => a.diagnosticPhase)).toEqual(['pre']);
      const form: Form = mine[0].lessonId === lessonOf.A ? 'A' : 'B';
      const other: Form = form === 'A' ? 'B' : 'A';
      forms.push(form);
      expect(mine[0]).toMatchObject({ id: seen.I.pre[form], lessonId: lessonOf[form] });
      expect((await api.get(`/api/lessons/${lessonOf[form]}`)).status).toBe(200);
      expectProblem(await api.get(`/api/lessons/${lessonOf[other]}`), 404);
      expectProblem(await api.post(`/api/assignments/${seen.I.pre[other]}/attempt`), 404);
      expectProblem(await api.post(`/api/assignments/${seen.I.post[other]}/attempt`), 404);
    }
    expect(forms.sort()).toEqual(['A', 'B']);
    // Once the post-test is open, a student reads both forms: the one taken and the one to take.
    const s = inClass('8A')[0];
    for (const form of ['A', 'B'] as const) expect((await s.api.get(`/api/lessons/${lessonOf[form]}`)).status).toBe(200);
  });

  it("gives each school its gain, discernment and skepticism as computed from the students' answers", async () => {
    const province = await results(dept);
    expect(province.scope).toEqual({ type: 'province', id: expect.any(String), name: expect.any(String) });
    expect(province.minGroupSize).toBe(10);
    expectFigures(province.total.summary, expectedVisible(students), 'province');
    // A group's size is the larger of its pre and post takers: one student skipped each test.
    const takers = (group: Student[]) => Math.max(group.filter((s) => s.taken.pre).length, group.filter((s) => s.taken.post).length);
    expect(province.total.students).toBe(takers(students));
    expect(takers(students)).toBe(students.length - 1);
    for (const key of ['I', 'F', 'S', 'Q'] as const) {
      const row = province.schools.find((s) => s.id === schools[key].id)!;
      expect({ key, students: row.students, name: row.name }).toEqual({ key, students: takers(inSchool(key)), name: schools[key].name });
      expectFigures(row.summary, expectedVisible(inSchool(key)), `school ${key}`);
      const generated = trueGain(inSchool(key));
      if (row.summary) expect({ key, within: row.summary.gain!.low <= generated && generated <= row.summary.gain!.high }).toEqual({ key, within: true });
    }
    expect(province.schools).toHaveLength(4);
    expect(province.areas.map((a) => a.id).sort()).toEqual([areaNew, areaQt].sort());
    expectFigures(province.areas.find((a) => a.id === areaNew)!.summary, expectedVisible(students.filter((s) => s.school !== 'Q')), 'area');
    expect(province.areas.find((a) => a.id === areaQt)!.summary).toBeNull();
    expect(province.classes).toEqual([]);

    const summary = (key: SchoolKey) => province.schools.find((s) => s.id === schools[key].id)!.summary!;
    const improved = summary('I');
    expect(improved.gain!.low).toBeGreaterThan(0);
    expect(improved.normalizedGain!.mean).toBeGreaterThan(0);
    expect(improved.discernment!.gain!.mean).toBeGreaterThan(0);
    expect(improved.discernment!.gain!.low).toBeGreaterThan(0);
    expect(improved.pairedCount).toBe(19);
    expect(improved.preCount).toBe(20);
    const flat = summary('F');
    expect(flat.gain!.low).toBeLessThanOrEqual(0);
    expect(flat.gain!.high).toBeGreaterThanOrEqual(0);
    const skeptical = summary('S');
    expect(skeptical.preCount).toBe(12);
    expect(skeptical.postCount).toBe(13);
    expect(skeptical.skepticism!.post - skeptical.skepticism!.pre).toBeGreaterThan(0.3);
    expect(skeptical.skepticism!.gain!.low).toBeGreaterThan(0);
    expect(skeptical.discernment!.gain!.low).toBeLessThanOrEqual(0);
    expect(skeptical.discernment!.gain!.mean).toBeLessThan(improved.discernment!.gain!.mean);

    // The school admin sees the school by class; the Department can ask for the same.
    const school = await results(headI);
    expect(school.scope).toEqual({ type: 'school', id: schools.I.id, name: schools.I.name });
    expectFigures(school.total.summary, expectedVisible(inSchool('I')), 'school I total');
    expect(school.schools.map((s) => s.id)).toEqual([schools.I.id]);
    expect(school.areas).toEqual([]);
    const byClass = Object.fromEntries(school.classes.map((c) => [c.name, c]));
    expectFigures(byClass['8A'].summary, expectedVisible(inClass('8A')), 'class 8A');
    expect(byClass['8A'].students).toBe(14);
    expectFigures((await results(dept, `?schoolId=${schools.I.id}`)).classes, school.classes, 'dept view of school I');

    // The class: its teacher sees its own figures unsuppressed, and every student.
    const cls = await results(classes['8A'].teacher, `?classId=${classes['8A'].id}`);
    expect(cls.scope).toEqual({ type: 'class', id: classes['8A'].id, name: '8A' });
    expectFigures(cls.total.summary, expectedSummary(inClass('8A')), 'class 8A unsuppressed');
    expect(cls.students!.map((s) => s.id).sort()).toEqual(
      inClass('8A')
        .map((s) => s.id)
        .sort(),
    );
    for (const s of inClass('8A')) {
      const row = cls.students!.find((r) => r.id === s.id)!;
      const p = pre(s)?.percent ?? null;
      const q = post(s)?.percent ?? null;
      expectFigures(
        { preForm: row.preForm, pre: row.pre, post: row.post, gain: row.gain },
        { preForm: s.preForm, pre: p, post: q, gain: p !== null && q !== null ? q - p : null },
        s.username,
      );
    }
    expectFigures(cls.techniques, expectedTechniques(inClass('8A')), 'class 8A techniques');
  });

  it('ranks the techniques students still fall for as the answers do', async () => {
    const province = await results(dept);
    const expected = expectedTechniques(students);
    expectFigures(province.techniques, expected, 'province techniques');
    expect(province.techniques.map((t) => t.tag)).toEqual(expected.map((t) => t.tag));
    expect(province.techniques[0].tag).toBe('conspiracy');
    // Conspiracy sits at the same position of both forms, so its rate does not depend on the dealing; the others' do, a little.
    expect(province.techniques[0].post!).toBeGreaterThan(0.6);
    expect(province.techniques[0].post! - province.techniques[1].post!).toBeGreaterThan(0.1);
    expectFigures((await results(headI)).techniques, expectedTechniques(inSchool('I')), 'school I techniques');
  });

  it('gives every item its responses, difficulty and discrimination', async () => {
    const check = (view: DiagnosticResultsDto, group: Student[], what: string) => {
      expect(view.items).toHaveLength(16);
      for (const item of view.items) {
        const form = item.form;
        const position = itemIds[form].indexOf(item.itemId);
        expect(position).toBe(item.position);
        for (const phase of ['pre', 'post'] as const)
          expectFigures(item[phase], expectedItem(group, form, position, phase), `${what} ${form}${position} ${phase}`);
      }
    };
    const province = await results(dept);
    check(province, students, 'province');
    expect(province.items.reduce((n, i) => n + i.pre.n, 0)).toBe(8 * students.filter((s) => s.taken.pre).length);
    check(await results(headI), inSchool('I'), 'school I');
  });

  it('keeps small groups and other classes private, and shows students only their own results', async () => {
    // 8B has 6 students: nothing of it above the class; Quang Trung (5) shows nothing in the province's list.
    const school = await results(headI);
    const small = school.classes.find((c) => c.id === classes['8B'].id)!;
    expect(small).toEqual({ id: classes['8B'].id, name: '8B', students: 6, summary: null });
    const province = await results(dept);
    expect(province.schools.find((s) => s.id === schools.Q.id)).toEqual({ id: schools.Q.id, name: schools.Q.name, students: 5, summary: null });
    // ... but its own teachers see it, unsuppressed.
    const own = await results(classes['8B'].teacher, `?classId=${classes['8B'].id}`);
    expectFigures(own.total.summary, expectedSummary(inClass('8B')), 'class 8B unsuppressed');
    expect(own.total.summary!.preCount).toBe(6);
    // A class gets no item statistics (taken away from its own answers, the school's could tell a few students'),
    // and its rounds are counted in its own school only.
    expect(own.items).toEqual([]);
    const mineOnly = (await classes['8B'].teacher.get(`/api/diagnostics/${diagnostic.id}`)).body.rounds;
    expect(own.diagnostic.rounds).toEqual(mineOnly);
    const qt = await results(classes['9A1'].teacher, `?classId=${classes['9A1'].id}`);
    expectFigures(qt.total.summary, expectedSummary(inClass('9A1')), 'class 9A1 unsuppressed');

    // Another class's teacher, in the school or not; a teacher without a class; a school admin naming another school.
    expectProblem(await classes['8B'].teacher.get(`/api/diagnostics/${diagnostic.id}/results?classId=${classes['8A'].id}`), 404);
    expectProblem(await classes['7A'].teacher.get(`/api/diagnostics/${diagnostic.id}/results?classId=${classes['8A'].id}`), 404);
    // Without a scope a teacher reads own classes: the one class here, never the school.
    const unscoped = (await classes['7A'].teacher.get(`/api/diagnostics/${diagnostic.id}/results`)).body as DiagnosticResultsDto;
    expect(unscoped.scope).toEqual({ type: 'class', id: classes['7A'].id, name: '7A' });
    expect(unscoped.students!.map((x) => x.id).sort()).toEqual(
      inClass('7A')
        .map((x) => x.id)
        .sort(),
    );
    expectProblem(await classes['7A'].teacher.get(`/api/diagnostics/${diagnostic.id}/results?schoolId=${schools.F.id}`), 403);
    expectProblem(await headI.get(`/api/diagnostics/${diagnostic.id}/results?schoolId=${schools.F.id}`), 404);
    expectProblem(await headI.get(`/api/diagnostics/${diagnostic.id}/results?classId=${classes['7A'].id}`), 404);
    // Another province's Department does not see the diagnostic at all.
    const other = await anon.signedIn('so-admin');
    expectProblem(await other.get(`/api/diagnostics/${diagnostic.id}`), 404);
    expectProblem(await other.get(`/api/diagnostics/${diagnostic.id}/results`), 404);
    expect(((await other.get('/api/diagnostics')).body as { id: string }[]).map((d) => d.id)).not.toContain(diagnostic.id);
    // Students: no results, no list, only their own before and after.
    const s = inClass('8A')[0];
    expectProblem(await s.api.get(`/api/diagnostics/${diagnostic.id}/results`), 403);
    expectProblem(await s.api.get(`/api/diagnostics/${diagnostic.id}/results?classId=${classes['8A'].id}`), 403);
    expectProblem(await s.api.get('/api/diagnostics'), 403);
    expectProblem(await s.api.get(`/api/diagnostics/${diagnostic.id}`), 403);
    expectProblem(await classes['8A'].teacher.get('/api/diagnostics/mine'), 403);
    for (const x of [s, inClass('8A')[13], inClass('9A')[0], inClass('9A1')[2]]) {
      const mine = (await x.api.get('/api/diagnostics/mine')).body as MyDiagnosticDto[];
      const side = (phase: Phase) => {
        const o = phase === 'pre' ? pre(x) : post(x);
        return o ? { form: x.taken[phase]!.form, percent: o.percent, discernment: discernmentOf(o) } : null;
      };
      expectFigures(mine, [{ id: diagnostic.id, title: diagnostic.title, kind: 'MEDIA_LITERACY', pre: side('pre'), post: side('post') }], x.username);
    }
    expect(inClass('8A')[13].taken.post).toBeUndefined();
    expect(inClass('9A')[0].taken.pre).toBeUndefined();
  });

  it("moves no coverage and stays out of the teachers' assignment lists and progress", async () => {
    expect(await coverage()).toEqual(coverageBefore);
    const provinceId = (await dept.get('/api/province')).body.id;
    await db.query('SELECT coverage_rebuild($1, $2)', [provinceId, year]);
    expect(await coverage()).toEqual(coverageBefore);

    const diagnosticIds = new Set(Object.values(seen).flatMap((p) => [...Object.values(p.pre), ...Object.values(p.post)]));
    expect(diagnosticIds.size).toBe(16);
    const formLessons = [lessonOf.A, lessonOf.B];
    for (const api of [classes['8A'].teacher, headI]) {
      const list = (await api.get('/api/assignments')).body as { id: string; lessonId: string }[];
      expect(list.map((a) => a.id)).toEqual([normalAssignment]);
    }
    const progress = (await classes['8A'].teacher.get(`/api/classes/${classes['8A'].id}/progress`)).body as {
      lessons: { lessonId: string; assignmentId: string }[];
    };
    expect(progress.lessons.map((l) => [l.lessonId, l.assignmentId])).toEqual([[mediaLessonId, normalAssignment]]);
    expect(JSON.stringify(progress)).not.toMatch(new RegExp(formLessons.join('|')));
    // The student sees the ordinary assignment beside the diagnostic ones, without a phase.
    const s = inClass('8A')[1];
    const all = (await s.api.get('/api/assignments')).body as StudentAssignmentDto[];
    expect(all.find((a) => a.id === normalAssignment)).not.toHaveProperty('diagnosticPhase');
  });

  it("puts the province's figures in the annual report, as numbers in the workbook and words in the PDF", async () => {
    const shown = await results(dept);
    const s = shown.total.summary!;
    const xlsx = await fetch(`${app.url}/api/reports/annual?year=${year}&format=xlsx`, { headers: { authorization: `Bearer ${dept.token}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Khảo sát trước – sau')!;
    const rows = sheet.getSheetValues().slice(2).filter(Boolean) as unknown[][];
    const row = rows.find((r) => r[1] === shown.diagnostic.title)!;
    expect(row).toBeDefined();
    const round1 = (n: number) => Math.round(n * 10) / 10;
    expect(row.slice(4, 12)).toEqual([
      s.preCount,
      s.postCount,
      s.pairedCount,
      round1(s.pre!.mean),
      round1(s.post!.mean),
      round1(s.gain!.mean),
      round1(s.gain!.low),
      round1(s.gain!.high),
    ]);
    expect(row[15]).toBe(round1(s.discernment!.post * 100));
    expect(String(row[18])).toContain('Thuyết âm mưu');

    const pdf = await fetch(`${app.url}/api/reports/annual?year=${year}&format=pdf`, { headers: { authorization: `Bearer ${dept.token}` } });
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('KHẢO SÁT TRƯỚC VÀ SAU');
    expect(text).toContain(shown.diagnostic.title);
    expect(text).toContain('Thuyết âm mưu');
  });
});
