import { questionTimeMs, rankStandings } from '@tinhtao/shared';
import pg from 'pg';
import type { Socket } from 'socket.io-client';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { ask, connectLive, next } from '../../support/live.js';

const PLAYERS = 50;
const QUESTIONS = 5;
let app: TestApp;
let anon: Api;
let db: pg.Client;
let gv1: Api;
let classId: string;
let items: { id: string; kind: string; options: string[]; answer: number[] }[];
const usernames: string[] = [];

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  gv1 = await anon.signedIn('gv1');
  classId = ((await gv1.get('/api/classes')).body as { id: string; name: string }[]).find((c) => c.name === '8A1')!.id;
  // 8A1 has 30 students; 20 more make 50 players.
  const admin = await anon.signedIn('thcs1-admin');
  const schoolId = (await admin.get('/api/me')).body.schoolId;
  const extra: string[] = [];
  for (let n = 1; n <= PLAYERS - 30; n++) {
    const res = await admin.post('/api/users', { username: `live${n}`, fullName: `Người Chơi ${n}`, role: 'student', schoolId, password: 'Matkhau@2026' });
    extra.push(res.body.id);
  }
  await admin.post(`/api/classes/${classId}/students`, { studentIds: extra });
  for (let n = 1; n <= 30; n++) usernames.push(`hs${n}`);
  for (let n = 1; n <= PLAYERS - 30; n++) usernames.push(`live${n}`);
  // Five one-tap items from the published THCS lessons, with their keys (the teacher may read them).
  const lessons = (await gv1.get('/api/lessons?level=THCS')).body as { id: string }[];
  items = [];
  for (const l of lessons) {
    for (const item of (await gv1.get(`/api/lessons/${l.id}`)).body.items)
      if (['single_choice', 'true_false', 'multi_choice', 'ordering'].includes(item.kind) && items.length < QUESTIONS) items.push(item);
    if (items.length === QUESTIONS) break;
  }
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
});

const token = async (username: string) => (await anon.login(username, username.startsWith('live') ? 'Matkhau@2026' : 'Demo@2026')).accessToken;
const wrong = (item: (typeof items)[number]) =>
  item.kind === 'ordering' ? [...item.answer].reverse() : [item.options.findIndex((_, i) => !item.answer.includes(i))];

async function openSession(seconds = 20) {
  const contest = await gv1.post('/api/contests', {
    title: 'Rung chuông vàng 8A1',
    mode: 'live',
    scope: { type: 'class', id: classId },
    itemIds: items.map((i) => i.id),
    secondsPerQuestion: seconds,
  });
  expect(contest.status).toBe(201);
  const session = await gv1.post(`/api/contests/${contest.body.id}/sessions`);
  expect(session.status).toBe(201);
  expect(session.body.pin).toMatch(/^\d{6}$/);
  return session.body as { sessionId: string; pin: string };
}

describe('the handshake', () => {
  it('refuses a missing or bad token and a foreign Origin with a connect error', async () => {
    await expect(connectLive(app.url, undefined)).rejects.toThrow('UNAUTHENTICATED');
    await expect(connectLive(app.url, 'not-a-token')).rejects.toThrow('UNAUTHENTICATED');
    await expect(connectLive(app.url, await token('hs1'), { origin: 'https://evil.example' })).rejects.toThrow('ORIGIN_NOT_ALLOWED');
  });
});

describe('a 50-player game', () => {
  let host: Socket;
  const players: Socket[] = [];
  let sessionId: string;
  const acks: Record<string, number> = {};

  afterAll(() => {
    host?.close();
    for (const p of players) p.close();
  });

  it('lets 50 students join with the PIN and the teacher host on a projector', async () => {
    const session = await openSession();
    sessionId = session.sessionId;
    host = await connectLive(app.url, gv1.token);
    const attached = await ask(host, 'host:attach', { sessionId });
    expect(attached).toMatchObject({ ok: true, state: { phase: 'lobby', pin: session.pin, total: QUESTIONS, players: 0 } });
    for (const u of usernames) players.push(await connectLive(app.url, await token(u)));
    const joined = await Promise.all(players.map((p) => ask(p, 'session:join', { pin: session.pin })));
    expect(joined.every((j) => j.ok && j.state.phase === 'lobby')).toBe(true);
    const wrongPin = await ask(players[0], 'session:join', { pin: '000000' === session.pin ? '000001' : '000000' });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'PIN_NOT_FOUND' } });
    // A student of another school learns nothing more than from a wrong PIN.
    const hs31 = await connectLive(app.url, await token('hs31'));
    expect(await ask(hs31, 'session:join', { pin: session.pin })).toEqual(wrongPin);
    hs31.close();
  });

  it('plays five questions: server clock, no answer before reveal, errors by code, reconnects keep the score', async () => {
    for (let q = 0; q < QUESTIONS; q++) {
      const item = items[q];
      const starts = players.map((p) => next(p, 'question:start'));
      const reveals = players.map((p) => next(p, 'question:reveal'));
      const boards = players.map((p) => next(p, 'leaderboard'));
      expect((await ask(host, q === 0 ? 'host:start' : 'host:next', { sessionId })).ok).toBe(true);
      const started = await Promise.all(starts);
      expect(started.every((s) => s.questionIndex === q && s.endsAt > s.serverNow && s.options.length === item.options.length)).toBe(true);
      expect(JSON.stringify(started[0])).not.toMatch(/"(answer|correct|feedback)"/);

      // Student n answers right when n % 3 != 0; student 49 does not answer question 1 (it answers late).
      const answering = players.map((p, n) => ({ p, n })).filter(({ n }) => !(q === 1 && n === PLAYERS - 1));
      if (q === 2) {
        // Garbage and duplicates get their codes and change nothing.
        expect(await ask(players[0], 'answer:submit', 'x')).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        expect(await ask(players[0], 'answer:submit', { questionIndex: -1, choice: [0] })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        expect(await ask(players[0], 'answer:submit', { questionIndex: q, choice: [99] })).toMatchObject({ ok: false, error: { code: 'BAD_PAYLOAD' } });
        expect(await ask(players[0], 'answer:submit', { questionIndex: q + 1, choice: [0] })).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
      }
      const answers = await Promise.all(
        answering.map(async ({ p, n }) => {
          await new Promise((r) => setTimeout(r, (n * 37) % 400));
          return ask(p, 'answer:submit', { questionIndex: q, choice: n % 3 === 0 ? wrong(item) : item.answer });
        }),
      );
      expect(answers.filter((a) => a.ok && a.accepted).length).toBe(answering.length);
      for (const a of answers) if (a.ok) acks[String(a.receivedAt)] = (acks[String(a.receivedAt)] ?? 0) + 1;

      if (q === 0) {
        // Same answer again (a lost ack): the same ack. A different one: ALREADY_ANSWERED.
        const again = await ask(players[1], 'answer:submit', { questionIndex: 0, choice: item.answer });
        expect(again).toMatchObject({ ok: true, accepted: true, receivedAt: answers[1].ok ? answers[1].receivedAt : -1 });
        expect(await ask(players[1], 'answer:submit', { questionIndex: 0, choice: wrong(item) })).toMatchObject({
          ok: false,
          error: { code: 'ALREADY_ANSWERED' },
        });
      }
      if (q === 1) {
        // Everyone but student 49 answered: the host closes the question; 49's answer is then too late.
        expect((await ask(host, 'host:reveal', { sessionId })).ok).toBe(true);
      }
      const revealed = await Promise.all(reveals);
      expect(revealed[0]).toMatchObject({ questionIndex: q, correct: item.answer });
      expect(revealed[0].distribution.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThanOrEqual(answering.length);
      const board = await Promise.all(boards);
      expect(board[5].top.length).toBe(10);
      expect(board.every((b) => typeof b.you.score === 'number')).toBe(true);
      if (q === 1)
        expect(await ask(players[PLAYERS - 1], 'answer:submit', { questionIndex: 1, choice: item.answer })).toMatchObject({
          ok: false,
          error: { code: 'TOO_LATE' },
        });

      if (q === 3) {
        // Student 7's phone drops and comes back: same token, the snapshot has the answer and score.
        const before = board[7].you;
        players[7].close();
        players[7] = await connectLive(app.url, await token(usernames[7]));
        const snapshot = await ask(players[7], 'session:join', {
          pin: (await db.query('SELECT pin FROM contest_session WHERE id = $1', [sessionId])).rows[0].pin,
        });
        expect(snapshot).toMatchObject({
          ok: true,
          state: {
            phase: 'reveal',
            questionIndex: 3,
            you: { score: before.score, rank: before.rank, answered: true, choice: item.answer /* player 7: 7 % 3 ≠ 0, so answered right */ },
          },
        });
        // The snapshot's reveal is exactly what question:reveal said, and it comes with the question's kind and options.
        expect(snapshot.ok && snapshot.state.reveal).toEqual(revealed[0]);
        expect(snapshot.ok && snapshot.state.question).toMatchObject({ questionIndex: 3, kind: item.kind, options: item.options });
      }
    }
  });

  it('ends with standings equal to those recomputed from the stored answers', async () => {
    const ended = players.map((p) => next(p, 'session:ended'));
    const hostEnded = next(host, 'session:ended');
    expect((await ask(host, 'host:next', { sessionId })).ok).toBe(true);
    const finals = await Promise.all(ended);
    const podium = (await hostEnded).podium;
    // Recomputed by DESIGN's rule: points, then total time, where a question left unanswered counts its whole duration (20 s).
    const stored = (
      await db.query(
        `SELECT student_id, sum(points)::int AS score, array_agg(question_index) AS questions, array_agg(elapsed_ms) AS times FROM contest_answer WHERE session_id = $1 GROUP BY student_id`,
        [sessionId],
      )
    ).rows.map((r) => ({
      student_id: r.student_id as string,
      score: r.score as number,
      time: Array.from({ length: QUESTIONS }, (_, q) => questionTimeMs(r.times[r.questions.indexOf(q)] ?? null, 20_000)).reduce((a, b) => a + b, 0),
    }));
    expect((await db.query(`SELECT count(*)::int AS n FROM contest_answer WHERE session_id = $1`, [sessionId])).rows[0].n).toBe(PLAYERS * QUESTIONS - 1);
    const names = new Map(
      (await db.query(`SELECT id, full_name FROM app_user WHERE id = ANY($1)`, [stored.map((r) => r.student_id)])).rows.map((r) => [r.id, r.full_name]),
    );
    const recomputed = rankStandings(stored.map((r) => ({ id: r.student_id, score: r.score, totalTimeMs: r.time })));
    expect(podium.map((p: { name: string; score: number; rank: number }) => [p.rank, p.name, p.score])).toEqual(
      recomputed.slice(0, 3).map((r) => [r.rank, names.get(r.id), r.score]),
    );
    // Every student's own final rank and score match the recomputation.
    const idOf = new Map((await db.query(`SELECT id, username FROM app_user WHERE username = ANY($1)`, [usernames])).rows.map((r) => [r.username, r.id]));
    const me = usernames.map((u) => idOf.get(u));
    const byId = new Map(recomputed.map((r) => [r.id, r]));
    finals.forEach((f, n) => expect({ n, you: f.you }).toEqual({ n, you: { rank: byId.get(me[n])!.rank, score: byId.get(me[n])!.score } }));

    // The results call gives the same standings and per-question statistics, also as CSV and XLSX.
    const contestId = (await db.query('SELECT contest_id FROM contest_session WHERE id = $1', [sessionId])).rows[0].contest_id;
    const results = (await gv1.get(`/api/contests/${contestId}/results`)).body;
    expect(results.standings.map((r: { rank: number; score: number }) => [r.rank, r.score])).toEqual(recomputed.map((r) => [r.rank, r.score]));
    expect(results.questions).toHaveLength(QUESTIONS);
    expect(results.questions[1]).toMatchObject({ answered: PLAYERS - 1, correct: items[1].answer });
    expect(results.questions[0].correctCount).toBe(usernames.filter((_, n) => n % 3 !== 0).length);
    const csv = await fetch(`${app.url}/api/contests/${contestId}/results?format=csv`, { headers: { authorization: `Bearer ${gv1.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('Họ và tên');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(PLAYERS + 1);
    const xlsx = await fetch(`${app.url}/api/contests/${contestId}/results?format=xlsx`, { headers: { authorization: `Bearer ${gv1.token}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('durability', () => {
  it('keeps every acknowledged answer through kill -9, and the session resumes where it was', async () => {
    const session = await openSession(60);
    const host = await connectLive(app.url, gv1.token);
    await ask(host, 'host:attach', { sessionId: session.sessionId });
    const sockets = await Promise.all(usernames.slice(0, 20).map(async (u) => connectLive(app.url, await token(u))));
    await Promise.all(sockets.map((s) => ask(s, 'session:join', { pin: session.pin })));
    const started = next(sockets[0], 'question:start');
    await ask(host, 'host:start', { sessionId: session.sessionId });
    await started;
    const acked = (await Promise.all(sockets.map((s) => ask(s, 'answer:submit', { questionIndex: 0, choice: items[0].answer })))).filter((a) => a.ok);
    expect(acked).toHaveLength(20);

    const database = app.database;
    await app.kill();
    for (const s of [host, ...sockets]) s.close();
    const stored = (await db.query(`SELECT count(*)::int AS n FROM contest_answer WHERE session_id = $1`, [session.sessionId])).rows[0].n;
    expect(stored).toBe(20);

    app = await startApp({}, database);
    anon = new Api(app.url);
    gv1 = await anon.signedIn('gv1');
    const host2 = await connectLive(app.url, gv1.token);
    const attached = await ask(host2, 'host:attach', { sessionId: session.sessionId });
    // Every player answered before the crash, so the question closed; the game goes on.
    expect(attached).toMatchObject({ ok: true, state: { questionIndex: 0, players: 20 } });
    expect(['question', 'reveal']).toContain(attached.ok && attached.state.phase);
    const player = await connectLive(app.url, await token(usernames[0]));
    const rejoined = await ask(player, 'session:join', { pin: session.pin });
    expect(rejoined).toMatchObject({ ok: true, state: { questionIndex: 0, you: { answered: true, choice: items[0].answer } } });
    if (attached.ok && attached.state.phase === 'question') await ask(host2, 'host:reveal', { sessionId: session.sessionId });
    const nextQuestion = next(player, 'question:start');
    expect((await ask(host2, 'host:next', { sessionId: session.sessionId })).ok).toBe(true);
    expect((await nextQuestion).questionIndex).toBe(1);
    host2.close();
    player.close();
  }, 60_000);
});
