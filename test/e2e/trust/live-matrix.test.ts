import { randomUUID } from 'node:crypto';

import { LIVE_CLIENT_EVENTS } from '@tinhtao/shared';
import type { Socket } from 'socket.io-client';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { ask, connectLive } from '../../support/live.js';

/**
 * The WebSocket half of the authorization matrix: every `/live` event × every role × a session
 * of a class contest in the caller's own school, another school of the province, and another
 * province, with the exact ack. Each cell gets a fresh session in the lobby. Where the caller
 * may host, the host events run in an order the state machine accepts, so each answers ok
 * (a kick of nobody answers NOT_ALLOWED); where not, every one answers NOT_ALLOWED, before
 * anything about the session is told. `session:join {pin}` takes the session for a host, joins
 * a player, and answers everyone else exactly as a wrong PIN does (the whole ack), so that
 * nobody can scan PINs for running sessions outside their scope.
 */
type Actor = 'so-admin' | 'thcs1-admin' | 'gv1' | 'hs1';
type Where = 'own' | 'otherSchool' | 'otherProvince';
const ACTORS: Actor[] = ['so-admin', 'thcs1-admin', 'gv1', 'hs1'];
const WHERE: Where[] = ['own', 'otherSchool', 'otherProvince'];

/** Who may host a class contest's session: its teacher, the school's admins, the province's. */
const HOSTS: Record<Actor, Where[]> = { 'so-admin': ['own', 'otherSchool'], 'thcs1-admin': ['own'], gv1: ['own'], hs1: [] };
/** Who may play: a student of the class. */
const PLAYERS: Record<Actor, Where[]> = { 'so-admin': [], 'thcs1-admin': [], gv1: [], hs1: ['own'] };

let app: TestApp;
let anon: Api;
const contests = {} as Record<Where, { id: string; teacher: Api }>;
let cells = 0;
const covered = new Set<string>();
const pins = new Set<string>();

async function liveItems(admin: Api): Promise<string[]> {
  const ids: string[] = [];
  for (const l of (await admin.get('/api/lessons?level=THCS')).body as { id: string }[]) {
    for (const item of (await admin.get(`/api/lessons/${l.id}`)).body.items)
      if (['single_choice', 'true_false'].includes(item.kind) && ids.length < 3) ids.push(item.id);
    if (ids.length === 3) return ids;
  }
  throw new Error('not enough items');
}

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  const p1 = await anon.signedIn('so-admin');
  const p2 = await anon.signedIn('so2-admin');
  const make = async (teacher: string, className: string, admin: Api, items: string[]) => {
    const t = await anon.signedIn(teacher);
    const cls = ((await t.get('/api/classes')).body as { id: string; name: string }[]).find((c) => c.name === className)!;
    const res = await t.post('/api/contests', {
      title: 'Đấu trường an toàn',
      mode: 'live',
      scope: { type: 'class', id: cls.id },
      itemIds: items,
      secondsPerQuestion: 60,
    });
    if (res.status !== 201) throw new Error(`could not make a contest: ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, teacher: t, admin };
  };
  const items1 = await liveItems(p1);
  contests.own = await make('gv1', '8A1', p1, items1);
  contests.otherSchool = await make('gv2', '7A1', p1, items1);
  contests.otherProvince = await make('gv-qt1', '9A1', p2, await liveItems(p2));
});
afterAll(async () => {
  await app?.stop();
  process.stdout.write(`live matrix: ${cells} cells (${ACTORS.length} roles × ${WHERE.length} scopes × 11 events)\n`);
});

const pause = () => new Promise((r) => setTimeout(r, 120)); // under the 10 events a second a socket may send

async function joinAck(socket: Socket, pin: string) {
  cells++;
  covered.add('session:join');
  const answer = await ask(socket, 'session:join', { pin });
  await pause();
  return answer;
}

async function expectAck(socket: Socket, event: string, payload: unknown, expected: true | string) {
  cells++;
  covered.add(event);
  const answer = await ask(socket, event, payload);
  await pause();
  const got = answer.ok ? true : answer.error.code;
  expect({ event, got }).toEqual({ event, got: expected });
}

describe.each(ACTORS)('%s on /live', (actor) => {
  it.each(WHERE)('gets the exact ack for every event on a session %s', async (where) => {
    const session = (await contests[where].teacher.post(`/api/contests/${contests[where].id}/sessions`)).body as { sessionId: string; pin: string };
    const socket = await connectLive(app.url, (await anon.login(actor)).accessToken);
    try {
      const { sessionId } = session;
      pins.add(session.pin);
      if (PLAYERS[actor].includes(where) || HOSTS[actor].includes(where)) {
        const joined = await joinAck(socket, session.pin);
        expect({ where, joined }).toMatchObject({ where, joined: { ok: true, state: { sessionId, phase: 'lobby' } } });
        // A host's ack is the host's snapshot (the PIN); a player's has the player's own part.
        if (HOSTS[actor].includes(where)) expect({ where, pin: joined.ok && joined.state.pin }).toEqual({ where, pin: session.pin });
        else expect({ where, you: joined.ok && joined.state.you }).toEqual({ where, you: { score: 0, rank: 1, answered: false } });
      } else {
        // Exactly a wrong PIN's ack: code and words.
        let wrongPin = '000000';
        while (pins.has(wrongPin)) wrongPin = String(Number(wrongPin) + 1).padStart(6, '0');
        const wrong = await joinAck(socket, wrongPin);
        expect(wrong).toEqual({ ok: false, error: { code: 'PIN_NOT_FOUND', message: expect.any(String) } });
        expect({ where, joined: await joinAck(socket, session.pin) }).toEqual({ where, joined: wrong });
      }
      // In the lobby nobody may answer, joined or not.
      await expectAck(socket, 'answer:submit', { questionIndex: 0, choice: [0] }, 'NOT_ALLOWED');
      if (HOSTS[actor].includes(where)) {
        for (const event of ['host:attach', 'host:start', 'host:pause', 'host:resume', 'host:skip', 'host:reveal', 'host:next'])
          await expectAck(socket, event, { sessionId }, true);
        await expectAck(socket, 'host:kick', { sessionId, studentId: randomUUID() }, 'NOT_ALLOWED');
        await expectAck(socket, 'host:end', { sessionId }, true);
      } else {
        for (const event of ['host:attach', 'host:start', 'host:pause', 'host:resume', 'host:skip', 'host:reveal', 'host:next', 'host:end'])
          await expectAck(socket, event, { sessionId }, 'NOT_ALLOWED');
        await expectAck(socket, 'host:kick', { sessionId, studentId: randomUUID() }, 'NOT_ALLOWED');
      }
    } finally {
      socket.close();
    }
  });
});

describe('the live matrix', () => {
  it('covers every event the gateway listens to', () => {
    expect([...covered].sort()).toEqual([...LIVE_CLIENT_EVENTS].sort());
  });
});
