import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { secondsFromNow, testNowMs } from '../../support/clock.js';

let app: TestApp;
let anon: Api;
let dept: Api;
let provinceId: string;
let items: { id: string; kind: string; options: string[]; answer: number[] }[];
const inSeconds = secondsFromNow;

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  provinceId = (await dept.get('/api/province')).body.id;
  items = [];
  for (const l of (await dept.get('/api/lessons?level=THCS')).body as { id: string }[]) {
    for (const item of (await dept.get(`/api/lessons/${l.id}`)).body.items)
      if (['single_choice', 'true_false'].includes(item.kind) && items.length < 3) items.push(item);
    if (items.length === 3) break;
  }
});
afterAll(async () => {
  if (process.env.SHOW_SERVER_LOG) process.stdout.write(app?.output() ?? '');
  await app?.stop();
});

const scheduled = (closesInSeconds: number, seconds = 20) =>
  dept.post('/api/contests', {
    title: 'Cuộc thi tìm hiểu an toàn thông tin',
    mode: 'scheduled',
    scope: { type: 'province', id: provinceId },
    itemIds: items.map((i) => i.id),
    secondsPerQuestion: seconds,
    opensAt: inSeconds(-60),
    closesAt: inSeconds(closesInSeconds),
  });
type Entry = { entryId: string; questions: { questionIndex: number; position: number; options: string[] }[]; answers: Record<string, number[]> };
/** The item's own option indices as the positions this student's entry shows them in (each student has their own order). */
function shown(entry: Entry, q: number, own: number[]): number[] {
  const question = entry.questions.find((x) => x.questionIndex === q)!;
  return own.map((i) => question.options.indexOf(items[q].options[i]));
}
const right = (entry: Entry, q: number) => shown(entry, q, items[q].answer);
const wrong = (entry: Entry, q: number) => shown(entry, q, [items[q].options.findIndex((_, i) => !items[q].answer.includes(i))]);

describe('a scheduled province contest', () => {
  it('gives each student one timed entry, graded on the server, and ranks students, schools and areas once the window closed', async () => {
    const contest = await scheduled(4);
    expect(contest.status).toBe(201);
    const hs1 = await anon.signedIn('hs1');
    const listed = ((await hs1.get('/api/contests')).body as { id: string; entry: unknown; published: boolean }[]).find((c) => c.id === contest.body.id);
    expect(listed).toMatchObject({ entry: { status: 'not_started' }, published: false });

    const entry = await hs1.post(`/api/contests/${contest.body.id}/entries`);
    expect(entry.status).toBe(200);
    expect(entry.body.questions).toHaveLength(3);
    expect(JSON.stringify(entry.body)).not.toMatch(/"(answer|correct|feedback)"/);
    // The deadline is the window's end here, which comes before 3 × 20 s.
    expect(Date.parse(entry.body.deadline)).toBe(Date.parse(contest.body.closesAt));
    expect((await hs1.post(`/api/contests/${contest.body.id}/entries`)).body.entryId).toBe(entry.body.entryId);

    const id = entry.body.entryId;
    expect((await hs1.put(`/api/contest-entries/${id}/answers/0`, { choice: right(entry.body, 0) })).status).toBe(200);
    expect((await hs1.put(`/api/contest-entries/${id}/answers/1`, { choice: wrong(entry.body, 1) })).status).toBe(200);
    expectProblem(await hs1.put(`/api/contest-entries/${id}/answers/2`, { choice: [9] }), 400, 'VALIDATION_FAILED');
    const hs2 = await anon.signedIn('hs2');
    expectProblem(await hs2.put(`/api/contest-entries/${id}/answers/2`, { choice: [0] }), 404);
    const done = await hs1.post(`/api/contest-entries/${id}/submit`);
    expect(done.body.result).toEqual({ score: 1000, correct: 1, total: 3, timeMs: expect.any(Number) });
    expectProblem(await hs1.post(`/api/contest-entries/${id}/submit`), 409, 'ALREADY_SUBMITTED');
    expectProblem(await hs1.put(`/api/contest-entries/${id}/answers/2`, { choice: right(entry.body, 2) }), 409, 'ALREADY_SUBMITTED');

    // Students of another school and of the upper secondary school take part too; hs41 answers everything right but never submits.
    const hs41 = await anon.signedIn('hs41');
    const otherEntry = (await hs41.post<Entry>(`/api/contests/${contest.body.id}/entries`)).body;
    const other = otherEntry.entryId;
    for (const q of items.keys()) await hs41.put(`/api/contest-entries/${other}/answers/${q}`, { choice: right(otherEntry, q) });
    expectProblem(await hs1.get(`/api/contests/${contest.body.id}/leaderboard`), 409, 'NOT_PUBLISHED');
    expect((await dept.get(`/api/contests/${contest.body.id}/leaderboard`)).body).toMatchObject({ published: false });

    // The window closes: hs41's entry ends at its deadline with what it saved; answers after it are too late.
    await new Promise((r) => setTimeout(r, Date.parse(contest.body.closesAt) - testNowMs() + 700));
    expectProblem(await hs41.put(`/api/contest-entries/${other}/answers/0`, { choice: wrong(otherEntry, 0) }), 409, 'TOO_LATE');
    expectProblem(await (await anon.signedIn('hs3')).post(`/api/contests/${contest.body.id}/entries`), 409, 'CONTEST_CLOSED');
    const students = (await hs1.get(`/api/contests/${contest.body.id}/leaderboard`)).body;
    expect(students).toMatchObject({ published: true, by: 'student' });
    expect(students.rows.map((r: { rank: number; score: number; schoolName: string }) => [r.rank, r.score, r.schoolName])).toEqual([
      [1, 3000, 'Trường THPT Việt Bắc'],
      [2, 1000, 'Trường THCS Đông Kinh'],
    ]);
    // Published once, served a page at a time, with the student's own row wherever it is.
    expect(students).toMatchObject({ total: 2, you: { rank: 2, score: 1000, schoolName: 'Trường THCS Đông Kinh' } });
    const second = (await hs1.get(`/api/contests/${contest.body.id}/leaderboard?limit=1&offset=1`)).body;
    expect(second).toMatchObject({ total: 2, rows: [{ rank: 2, score: 1000 }] });
    expect((await dept.get(`/api/contests/${contest.body.id}/leaderboard`)).body).not.toHaveProperty('you');
    expectProblem(await hs1.get(`/api/contests/${contest.body.id}/leaderboard?limit=501`), 400);
    const schools = (await hs1.get(`/api/contests/${contest.body.id}/leaderboard?by=school`)).body.rows;
    expect(schools.map((r: { name: string; entries: number; averageScore: number }) => [r.name, r.entries, r.averageScore])).toEqual([
      ['Trường THPT Việt Bắc', 1, 3000],
      ['Trường THCS Đông Kinh', 1, 1000],
    ]);
    const areas = (await dept.get(`/api/contests/${contest.body.id}/leaderboard?by=area`)).body.rows;
    expect(areas).toEqual([{ rank: 1, name: 'Phường Đông Kinh', entries: 2, averageScore: 2000, score: 3000 }]);
  });

  it('ranks a blank entry below one that answered wrongly, at equal score: each blank question counts its whole share of time', async () => {
    const contest = await scheduled(3600, 20);
    const names: string[] = [];
    // hs5 answers all three wrongly and takes its time; hs6 hands in a blank entry at once.
    const hs5 = await anon.signedIn('hs5');
    const started = (await hs5.post<Entry>(`/api/contests/${contest.body.id}/entries`)).body;
    const wrongEntry = started.entryId;
    for (const q of items.keys()) expect((await hs5.put(`/api/contest-entries/${wrongEntry}/answers/${q}`, { choice: wrong(started, q) })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    const wrongDone = (await hs5.post(`/api/contest-entries/${wrongEntry}/submit`)).body.result;
    const hs6 = await anon.signedIn('hs6');
    const blankDone = (await hs6.post(`/api/contest-entries/${(await hs6.post(`/api/contests/${contest.body.id}/entries`)).body.entryId}/submit`)).body.result;
    expect([wrongDone.score, blankDone.score]).toEqual([0, 0]);
    // Time used alone would put the blank entry first.
    expect(blankDone.timeMs).toBeLessThan(wrongDone.timeMs);
    for (const u of ['hs5', 'hs6']) names.push((await anon.login(u)).user.fullName);
    const rows = (await dept.get(`/api/contests/${contest.body.id}/leaderboard`)).body.rows as { rank: number; name: string; score: number; timeMs: number }[];
    expect(rows.map((r) => [r.rank, r.name, r.score])).toEqual([
      [1, names[0], 0],
      [2, names[1], 0],
    ]);
    // The row's time is the tie-break time: the wrong entry its own time, the blank one its time plus 3 × 20 s.
    expect(rows[0].timeMs).toBe(wrongDone.timeMs);
    expect(rows[1].timeMs).toBe(blankDone.timeMs + 3 * 20_000);
  });

  it('keeps other provinces out and live contests to their PIN', async () => {
    const contest = await scheduled(3600);
    const qt = await anon.signedIn('qt-hs1');
    expectProblem(await qt.post(`/api/contests/${contest.body.id}/entries`), 404);
    expect(((await qt.get('/api/contests')).body as { id: string }[]).map((c) => c.id)).not.toContain(contest.body.id);
    const live = await dept.post('/api/contests', {
      title: 'Trực tiếp',
      mode: 'live',
      scope: { type: 'province', id: provinceId },
      itemIds: [items[0].id],
      secondsPerQuestion: 20,
    });
    expectProblem(await (await anon.signedIn('hs1')).post(`/api/contests/${live.body.id}/entries`), 409, 'CONFLICT');
    expect(
      expectProblem(
        await dept.post('/api/contests', {
          title: 'Thiếu lịch',
          mode: 'scheduled',
          scope: { type: 'province', id: provinceId },
          itemIds: [items[0].id],
          secondsPerQuestion: 20,
        }),
        400,
      )
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['closesAt', 'opensAt']);
  });
});

describe('fairness at scale', () => {
  /** Six choice questions of the province's lessons (options to shuffle), with their keys. */
  let six: typeof items;
  beforeAll(async () => {
    six = [];
    for (const l of (await dept.get('/api/lessons?level=THCS')).body as { id: string }[]) {
      for (const item of (await dept.get(`/api/lessons/${l.id}`)).body.items)
        if (['single_choice', 'multi_choice'].includes(item.kind) && item.options.length >= 3 && six.length < 6) six.push(item);
      if (six.length === 6) break;
    }
    expect(six).toHaveLength(6);
  });
  const sixContest = () =>
    dept.post('/api/contests', {
      title: 'Cuộc thi tìm hiểu: mỗi em một thứ tự',
      mode: 'scheduled',
      scope: { type: 'province', id: provinceId },
      itemIds: six.map((i) => i.id),
      secondsPerQuestion: 30,
      opensAt: inSeconds(-60),
      closesAt: inSeconds(3600),
    });
  const own = (entry: Entry, q: number, choice: number[]) => {
    const question = entry.questions.find((x) => x.questionIndex === q)!;
    return choice.map((i) => question.options.indexOf(six[q].options[i]));
  };

  it('gives each student their own order of questions and options, the same on a second device, and grades by the items’ own keys', async () => {
    const contest = (await sixContest()).body;
    const entries: Entry[] = [];
    for (const username of ['hs7', 'hs8', 'hs9', 'hs10']) {
      const student = await anon.signedIn(username);
      const entry = (await student.post<Entry>(`/api/contests/${contest.id}/entries`)).body;
      expect(entry.questions.map((q) => q.position)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(entry.questions.map((q) => q.questionIndex).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      // Every question's options are the item's, in some order.
      for (const q of entry.questions) expect([...q.options].sort()).toEqual([...six[q.questionIndex].options].sort());
      // Each answers everything right, in their own positions.
      for (const q of six.keys())
        expect((await student.put(`/api/contest-entries/${entry.entryId}/answers/${q}`, { choice: own(entry, q, six[q].answer) })).status).toBe(200);
      entries.push(entry);
    }
    // Four students, 720 question orders: not all the same; and some question's options differ between two of them.
    expect(new Set(entries.map((e) => e.questions.map((q) => q.questionIndex).join())).size).toBeGreaterThan(1);
    const optionsOf = (e: Entry) =>
      e.questions
        .slice()
        .sort((a, b) => a.questionIndex - b.questionIndex)
        .map((q) => q.options.join('|'))
        .join('#');
    expect(new Set(entries.map(optionsOf)).size).toBeGreaterThan(1);

    // A second device (another sign-in) resumes the same entry: same order, same answers in its positions.
    const again = (await (await anon.signedIn('hs7')).post<Entry>(`/api/contests/${contest.id}/entries`)).body;
    expect(again.entryId).toBe(entries[0].entryId);
    expect(again.questions).toEqual(entries[0].questions);
    expect(again.answers).toEqual(Object.fromEntries(six.map((item, q) => [String(q), own(entries[0], q, item.answer)])));

    // Graded by the items' own keys: every one of them right.
    for (const [n, username] of ['hs7', 'hs8', 'hs9', 'hs10'].entries()) {
      const done = await (await anon.signedIn(username)).post(`/api/contest-entries/${entries[n].entryId}/submit`);
      expect({ username, result: done.body.result }).toEqual({ username, result: { score: 6000, correct: 6, total: 6, timeMs: expect.any(Number) } });
    }
  });

  it('makes one entry of two starts at the same moment', async () => {
    const contest = (await sixContest()).body;
    const student = await anon.signedIn('hs11');
    const [a, b] = await Promise.all([student.post<Entry>(`/api/contests/${contest.id}/entries`), student.post<Entry>(`/api/contests/${contest.id}/entries`)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.entryId).toBe(b.body.entryId);
    expect(a.body.questions).toEqual(b.body.questions);
    const board = (await dept.get(`/api/contests/${contest.id}/leaderboard`)).body;
    expect(board.rows).toEqual([]);
    await student.post(`/api/contest-entries/${a.body.entryId}/submit`);
    expect((await dept.get(`/api/contests/${contest.id}/leaderboard`)).body.rows).toHaveLength(1);
  });
});
