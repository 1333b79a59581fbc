import ExcelJS from 'exceljs';
import type { Socket } from 'socket.io-client';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { ask, connectLive, next } from '../../support/live.js';

/**
 * DESIGN §4 to the letter: a host client that knows only `session:join` (never `host:attach`)
 * runs a whole game; the snapshot after a rejoin at reveal says what `question:reveal` said
 * (an ordering question too); a student's score stays hidden while a question is open; and a
 * player who did not answer ranks below one who answered wrongly at the same score.
 * Run with and without REDIS_URL: the memory store and the Redis store rank alike.
 */
interface Item {
  id: string;
  kind: string;
  options: string[];
  answer: number[];
}

const SECONDS = 60;
let app: TestApp;
let anon: Api;
let gv1: Api;
let classId: string;
let ordering: Item;
let single: Item;
const sockets: Socket[] = [];

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  gv1 = await anon.signedIn('gv1');
  classId = ((await gv1.get('/api/classes')).body as { id: string; name: string }[]).find((c) => c.name === '8A1')!.id;
  for (const l of (await gv1.get('/api/lessons?level=THCS')).body as { id: string }[]) {
    for (const item of (await gv1.get(`/api/lessons/${l.id}`)).body.items as Item[]) {
      // An ordering item whose reversed order differs at every position, so that "wrong" is wrong everywhere.
      if (!ordering && item.kind === 'ordering' && item.options.length % 2 === 0) ordering = item;
      if (!single && item.kind === 'single_choice') single = item;
    }
    if (ordering && single) break;
  }
  if (!ordering || !single) throw new Error('the THCS lessons should have an ordering item with an even number of steps and a single-choice item');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

const connect = async (token: string) => {
  const socket = await connectLive(app.url, token);
  sockets.push(socket);
  return socket;
};
const student = async (username: string) => connect((await anon.login(username, 'Demo@2026')).accessToken);
const wrongOf = (item: Item) => (item.kind === 'ordering' ? [...item.answer].reverse() : [item.options.findIndex((_, i) => !item.answer.includes(i))]);

describe('a host that speaks only session:join', () => {
  it('runs a whole game: ordering and single choice, with right, wrong and silent players', async () => {
    const contest = await gv1.post('/api/contests', {
      title: 'Đố vui «an toàn» & "thông tin"',
      mode: 'live',
      scope: { type: 'class', id: classId },
      itemIds: [ordering.id, single.id],
      secondsPerQuestion: SECONDS,
    });
    expect(contest.status).toBe(201);
    const { sessionId, pin } = (await gv1.post(`/api/contests/${contest.body.id}/sessions`)).body as { sessionId: string; pin: string };

    // ── The host joins with the PIN: the ack is the host's snapshot (PIN, title, players). ──
    const host = await connect(gv1.token!);
    const hostJoin = await ask(host, 'session:join', { pin });
    expect(hostJoin).toMatchObject({
      ok: true,
      state: { sessionId, phase: 'lobby', pin, title: 'Đố vui «an toàn» & "thông tin"', total: 2, players: 0 },
      players: [],
    });
    expect(hostJoin.ok && hostJoin.state.you).toBeUndefined();

    // hs1 answers right, hs2 wrong (fast), hs3 never answers.
    const [right, wrong, silent] = await Promise.all(['hs1', 'hs2', 'hs3'].map(student));
    const progress = next(host, 'host:progress');
    for (const s of [right, wrong, silent]) expect(await ask(s, 'session:join', { pin })).toMatchObject({ ok: true, state: { phase: 'lobby' } });
    expect((await progress).players).toBeGreaterThanOrEqual(1);
    // The host's socket is not a player: it cannot answer.
    expect(await ask(host, 'answer:submit', { questionIndex: 0, choice: [0] })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });

    // ── Question 1, ordering. ──
    const started = next(host, 'question:start');
    expect(await ask(host, 'host:start', { sessionId })).toMatchObject({ ok: true, state: { phase: 'question', questionIndex: 0 } });
    expect(await started).toMatchObject({ questionIndex: 0, kind: 'ordering', options: ordering.options });
    expect(await ask(wrong, 'answer:submit', { questionIndex: 0, choice: wrongOf(ordering) })).toMatchObject({ ok: true, accepted: true });
    expect(await ask(right, 'answer:submit', { questionIndex: 0, choice: ordering.answer })).toMatchObject({ ok: true, accepted: true });

    // The right player's phone reloads before the reveal: answered, but the score and rank are those before the question.
    const rightAgain = await student('hs1');
    const beforeReveal = await ask(rightAgain, 'session:join', { pin });
    expect(beforeReveal).toMatchObject({
      ok: true,
      state: { phase: 'question', questionIndex: 0, you: { answered: true, choice: ordering.answer, score: 0, rank: 1 } },
    });
    expect(beforeReveal.ok && beforeReveal.state.you.points).toBeUndefined();
    right.close();

    const liveReveal = next(host, 'question:reveal');
    const playerReveal = next(rightAgain, 'question:reveal');
    const board = next(rightAgain, 'leaderboard');
    const hostBoard = next(host, 'leaderboard');
    expect(await ask(host, 'host:reveal', { sessionId })).toMatchObject({ ok: true, state: { phase: 'reveal' } });
    const reveal = await liveReveal;
    // The right order, and per statement how many placed it right: hs1 all, hs2 (reversed, an even count) none.
    expect(reveal).toEqual({ questionIndex: 0, kind: 'ordering', correct: ordering.answer, distribution: ordering.options.map(() => 1) });
    expect(await playerReveal).toEqual(reveal);
    const firstBoard = await board;
    expect(firstBoard.you.score).toBeGreaterThan(500);
    expect((await hostBoard).you).toBeUndefined();

    // ── Reloads at the reveal: the host and the player get the same reveal, with the question to show it with. ──
    const host2 = await connect(gv1.token!);
    const hostAgain = await ask(host2, 'session:join', { pin });
    expect(hostAgain).toMatchObject({ ok: true, state: { phase: 'reveal', pin, question: { questionIndex: 0, kind: 'ordering', options: ordering.options } } });
    expect(hostAgain.ok && hostAgain.state.reveal).toEqual(reveal);
    expect(JSON.stringify(hostAgain.ok && hostAgain.state.question)).not.toMatch(/"answer"/);
    host.close();
    const rightThird = await student('hs1');
    const atReveal = await ask(rightThird, 'session:join', { pin });
    expect(atReveal).toMatchObject({
      ok: true,
      state: { phase: 'reveal', question: { kind: 'ordering' }, you: { answered: true, score: firstBoard.you.score, rank: 1, points: firstBoard.you.score } },
    });
    expect(atReveal.ok && atReveal.state.reveal).toEqual(reveal);
    const silentAtReveal = await ask(silent, 'session:join', { pin });
    expect(silentAtReveal).toMatchObject({ ok: true, state: { you: { answered: false, score: 0, points: 0 } } });
    rightAgain.close();

    // ── Question 2, single choice: the second host socket drives on; hs2 wrong at once, hs3 silent again. ──
    const secondStart = next(rightThird, 'question:start');
    expect(await ask(host2, 'host:next', { sessionId })).toMatchObject({ ok: true, state: { phase: 'question', questionIndex: 1 } });
    await secondStart;
    expect(await ask(wrong, 'answer:submit', { questionIndex: 1, choice: wrongOf(single) })).toMatchObject({ ok: true });
    expect(await ask(rightThird, 'answer:submit', { questionIndex: 1, choice: single.answer })).toMatchObject({ ok: true });
    const midQuestion = await ask(await student('hs1'), 'session:join', { pin });
    expect(midQuestion).toMatchObject({ ok: true, state: { phase: 'question', you: { answered: true, score: firstBoard.you.score, rank: 1 } } });
    const secondReveal = next(host2, 'question:reveal');
    expect((await ask(host2, 'host:reveal', { sessionId })).ok).toBe(true);
    const single2 = await secondReveal;
    expect(single2).toEqual({
      questionIndex: 1,
      kind: 'single_choice',
      correct: single.answer,
      distribution: single.options.map((_, i) => (i === single.answer[0] ? 1 : 0) + (i === wrongOf(single)[0] ? 1 : 0)),
    });

    // ── The end: hs1 first; hs2 and hs3 both 0 points, and the silent one ranks last. ──
    const ends = [rightThird, wrong, silent].map((s) => next(s, 'session:ended'));
    const hostEnd = next(host2, 'session:ended');
    expect(await ask(host2, 'host:next', { sessionId })).toMatchObject({ ok: true, state: { phase: 'ended' } });
    const [endRight, endWrong, endSilent] = await Promise.all(ends);
    expect(endWrong.you).toEqual({ rank: 2, score: 0 });
    expect(endSilent.you).toEqual({ rank: 3, score: 0 });
    expect(endRight.you.rank).toBe(1);
    const names = await Promise.all(['hs1', 'hs2', 'hs3'].map(async (u) => (await anon.login(u, 'Demo@2026')).user.fullName));
    expect((await hostEnd).podium.map((p: { name: string; rank: number }) => [p.rank, p.name])).toEqual([
      [1, names[0]],
      [2, names[1]],
      [3, names[2]],
    ]);

    // ── The results (json, xlsx, csv) say the same: the order, the placed-right counts, the tie rule. ──
    const results = (await gv1.get(`/api/contests/${contest.body.id}/results?sessionId=${sessionId}`)).body;
    expect(results.standings.map((s: { name: string; rank: number; score: number }) => [s.rank, s.name])).toEqual([
      [1, names[0]],
      [2, names[1]],
      [3, names[2]],
    ]);
    // The silent player's time is both questions' whole duration.
    expect(results.standings[2].totalTimeMs).toBe(2 * SECONDS * 1000);
    expect(results.standings[1].totalTimeMs).toBeLessThan(2 * SECONDS * 1000);
    expect(results.standings[0].score).toBe(endRight.you.score);
    expect(results.questions[0]).toMatchObject({ kind: 'ordering', correct: reveal.correct, distribution: reveal.distribution, answered: 2, correctCount: 1 });
    expect(results.questions[1]).toMatchObject({ kind: 'single_choice', correct: single2.correct, distribution: single2.distribution });
    const xlsx = await fetch(`${app.url}/api/contests/${contest.body.id}/results?format=xlsx&sessionId=${sessionId}`, {
      headers: { authorization: `Bearer ${gv1.token}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const stats = book.getWorksheet('Thống kê câu hỏi')!;
    const orderCell = stats.getRow(2).getCell(6).text;
    expect(orderCell).toBe(`Thứ tự đúng: ${ordering.answer.map((o, position) => `${position + 1}. ${ordering.options[o]} (1 xếp đúng)`).join(' · ')}`);
    expect(orderCell).not.toContain('✓');
    const csv = await (
      await fetch(`${app.url}/api/contests/${contest.body.id}/results?format=csv&sessionId=${sessionId}`, { headers: { authorization: `Bearer ${gv1.token}` } })
    ).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(names.map((n) => `"${n}"`));
    expect(lines[3].split(',')[5]).toBe(`"${(2 * SECONDS).toFixed(1)}"`);
  }, 60_000);
});

describe('who may not join gets a wrong PIN', () => {
  it('answers a student of another school, and a teacher who is not the host, exactly as a wrong PIN', async () => {
    const contest = await gv1.post('/api/contests', {
      title: 'Lớp 8A1',
      mode: 'live',
      scope: { type: 'class', id: classId },
      itemIds: [single.id],
      secondsPerQuestion: SECONDS,
    });
    const { pin } = (await gv1.post(`/api/contests/${contest.body.id}/sessions`)).body as { pin: string };
    const wrongPin = pin === '000000' ? '000001' : '000000';
    const probe = await student('hs31');
    const wrongAck = await ask(probe, 'session:join', { pin: wrongPin });
    expect(wrongAck).toEqual({ ok: false, error: { code: 'PIN_NOT_FOUND', message: 'No running session has this PIN' } });
    expect(await ask(probe, 'session:join', { pin })).toEqual(wrongAck);
    const gv2 = await connect((await anon.login('gv2', 'Demo@2026')).accessToken);
    expect(await ask(gv2, 'session:join', { pin })).toEqual(wrongAck);
  });
});
