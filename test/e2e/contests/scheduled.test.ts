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
const wrong = (item: (typeof items)[number]) => [item.options.findIndex((_, i) => !item.answer.includes(i))];

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
    expect((await hs1.put(`/api/contest-entries/${id}/answers/0`, { choice: items[0].answer })).status).toBe(200);
    expect((await hs1.put(`/api/contest-entries/${id}/answers/1`, { choice: wrong(items[1]) })).status).toBe(200);
    expectProblem(await hs1.put(`/api/contest-entries/${id}/answers/2`, { choice: [9] }), 400, 'VALIDATION_FAILED');
    const hs2 = await anon.signedIn('hs2');
    expectProblem(await hs2.put(`/api/contest-entries/${id}/answers/2`, { choice: [0] }), 404);
    const done = await hs1.post(`/api/contest-entries/${id}/submit`);
    expect(done.body.result).toEqual({ score: 1000, correct: 1, total: 3, timeMs: expect.any(Number) });
    expectProblem(await hs1.post(`/api/contest-entries/${id}/submit`), 409, 'ALREADY_SUBMITTED');
    expectProblem(await hs1.put(`/api/contest-entries/${id}/answers/2`, { choice: items[2].answer }), 409, 'ALREADY_SUBMITTED');

    // Students of another school and of the upper secondary school take part too; hs41 answers everything right but never submits.
    const hs41 = await anon.signedIn('hs41');
    const other = (await hs41.post(`/api/contests/${contest.body.id}/entries`)).body.entryId;
    for (const [q, item] of items.entries()) await hs41.put(`/api/contest-entries/${other}/answers/${q}`, { choice: item.answer });
    expectProblem(await hs1.get(`/api/contests/${contest.body.id}/leaderboard`), 409, 'NOT_PUBLISHED');
    expect((await dept.get(`/api/contests/${contest.body.id}/leaderboard`)).body).toMatchObject({ published: false });

    // The window closes: hs41's entry ends at its deadline with what it saved; answers after it are too late.
    await new Promise((r) => setTimeout(r, Date.parse(contest.body.closesAt) - testNowMs() + 700));
    expectProblem(await hs41.put(`/api/contest-entries/${other}/answers/0`, { choice: wrong(items[0]) }), 409, 'TOO_LATE');
    expectProblem(await (await anon.signedIn('hs3')).post(`/api/contests/${contest.body.id}/entries`), 409, 'CONTEST_CLOSED');
    const students = (await hs1.get(`/api/contests/${contest.body.id}/leaderboard`)).body;
    expect(students).toMatchObject({ published: true, by: 'student' });
    expect(students.rows.map((r: { rank: number; score: number; schoolName: string }) => [r.rank, r.score, r.schoolName])).toEqual([
      [1, 3000, 'Trường THPT Việt Bắc'],
      [2, 1000, 'Trường THCS Đông Kinh'],
    ]);
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
    const wrongEntry = (await hs5.post(`/api/contests/${contest.body.id}/entries`)).body.entryId;
    for (const [q, item] of items.entries())
      expect((await hs5.put(`/api/contest-entries/${wrongEntry}/answers/${q}`, { choice: wrong(item) })).status).toBe(200);
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
