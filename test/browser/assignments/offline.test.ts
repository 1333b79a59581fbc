import type { AttemptDto, StudentAssignmentDto, StudentItemDto, StudentLessonDto } from '@tinhtao/shared';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAttribute, launchChromium, phoneContext, signIn } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
let anon: Api;
const TIMEOUT = 180_000;
const OFFLINE_TEXT = 'Đã lưu trên máy, sẽ gửi khi có mạng';
/** Kinds answered by tapping the second option; what the server stores for that tap. */
const TAPPABLE: Partial<Record<StudentItemDto['kind'], (option: number) => unknown>> = {
  single_choice: (option) => [option],
  true_false: (option) => [option],
  multi_choice: (option) => [option],
  red_flags: (option) => ({ marked: [option] }),
  claim_check: (option) => ({ verdict: ['true', 'false', 'misleading', 'unverifiable'][option], evidence: [] }),
};

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Opened {
  api: Api;
  assignment: StudentAssignmentDto;
  lesson: StudentLessonDto;
}

/** The student's open assignment not started yet (the demo leaves hs1, hs4 and hs5 one each). */
async function openAssignmentOf(username: string): Promise<Opened> {
  const api = await anon.signedIn(username);
  const own = (await api.get<StudentAssignmentDto[]>('/api/assignments')).body;
  const assignment = own.find((one) => one.status === 'not_started' && !one.overdue && !one.closed && !one.diagnosticPhase);
  if (!assignment) throw new Error(`expected an open assignment ${username} has not started, got ${JSON.stringify(own)}`);
  const lesson = (await api.get<StudentLessonDto>(`/api/lessons/${assignment.lessonId}`)).body;
  return { api, assignment, lesson };
}

/** Signs in on a phone, opens the assignment, starts answering, and waits until the service worker controls the page. */
async function startOnPhone(context: BrowserContext, username: string, assignmentId: string): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, app.url, username, 'home-student');
  await page.locator(`[data-testid="student-assignment"][data-id="${assignmentId}"]`).tap();
  await page.getByTestId('player-lesson').waitFor();
  await page.getByTestId('player-begin').tap();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  return page;
}

/** Goes to item `position` and taps its option `option`; returns what the server should store. */
async function answer(page: Page, lesson: StudentLessonDto, position: number, option: number): Promise<unknown> {
  const item = lesson.items[position];
  await page.getByTestId('player-dot').nth(position).tap();
  const view = page.locator(`[data-testid="item-view"][data-kind="${item.kind}"]`);
  const testid = item.kind === 'red_flags' ? 'red-flag-segment' : item.kind === 'claim_check' ? 'verdict-option' : 'choice-option';
  await view.getByTestId(testid).nth(option).tap();
  return TAPPABLE[item.kind]!(option);
}

/** Whether item `position` shows option `option` as the answer. */
async function shows(page: Page, lesson: StudentLessonDto, position: number, option: number): Promise<boolean> {
  const item = lesson.items[position];
  await page.getByTestId('player-dot').nth(position).tap();
  const view = page.locator(`[data-testid="item-view"][data-kind="${item.kind}"]`);
  if (item.kind === 'red_flags') return (await view.getByTestId('red-flag-segment').nth(option).getAttribute('aria-pressed')) === 'true';
  const testid = item.kind === 'claim_check' ? 'verdict-option' : 'choice-option';
  return view.getByTestId(testid).nth(option).locator('input').isChecked();
}

function tappable(lesson: StudentLessonDto): number[] {
  return lesson.items.flatMap((item, position) => (TAPPABLE[item.kind] && item.options.length > 2 ? [position] : []));
}

async function storedResponses(attemptId: string): Promise<{ itemId: string; response: unknown; seq: string }[]> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    return (
      await client.query(`SELECT item_id AS "itemId", response, seq::text AS seq FROM response WHERE attempt_id = $1 ORDER BY saved_at, seq`, [attemptId])
    ).rows;
  } finally {
    await client.end();
  }
}

/** How many records each offline store holds on the phone, and whether the last user is remembered. */
function keptOnPhone(page: Page): Promise<Record<string, number | boolean>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('tinhtao-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(`IndexedDB: ${request.error?.message}`));
    });
    const count = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`IndexedDB: ${request.error?.message}`));
      });
    const kept = {
      attempts: await count('attempts'),
      saves: await count('saves'),
      submits: await count('submits'),
      user: localStorage.getItem('tt.me') !== null,
    };
    db.close();
    return kept;
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let seen: T | undefined;
  while (Date.now() < deadline) {
    seen = await probe();
    if (seen !== undefined) return seen;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the lesson player with no network', () => {
  it(
    'keeps three answers made offline on the phone, shows them after an offline reload, and sends them in order when the network returns',
    async () => {
      const { api, assignment, lesson } = await openAssignmentOf('hs1');
      const positions = tappable(lesson).slice(0, 3);
      expect(positions).toHaveLength(3);
      const context = await phoneContext(browser);
      const page = await startOnPhone(context, 'hs1', assignment.id);
      const saved = page.getByTestId('save-status');

      await context.setOffline(true);
      // Answered last item first: the server must store them in the order given, not the lesson's.
      const order = [...positions].reverse();
      const expected = new Map<string, unknown>();
      for (const position of order) {
        expected.set(lesson.items[position].id, await answer(page, lesson, position, 1));
        await expectAttribute(saved, 'data-status', 'offline');
      }
      expect(await saved.innerText()).toBe(OFFLINE_TEXT);

      await page.reload();
      await expectAttribute(page.getByTestId('player'), 'data-stage', 'items');
      for (const position of positions) expect(await shows(page, lesson, position, 1)).toBe(true);
      await expectAttribute(page.getByTestId('save-status'), 'data-status', 'offline');

      await context.setOffline(false);
      const attemptId = (await api.post<AttemptDto>(`/api/assignments/${assignment.id}/attempt`)).body.attemptId;
      const rows = await until('the three answers on the server', async () => {
        const found = await storedResponses(attemptId);
        return found.length === 3 ? found : undefined;
      });
      expect(rows.map((row) => row.itemId)).toEqual(order.map((position) => lesson.items[position].id));
      for (const row of rows) expect(row.response).toEqual(expected.get(row.itemId));
      const seqs = rows.map((row) => BigInt(row.seq));
      expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
      await expectAttribute(page.getByTestId('save-status'), 'data-status', 'saved');

      // A shared phone: signing out leaves nothing of the student's lessons or answers behind.
      expect(await keptOnPhone(page)).toEqual({ attempts: 1, saves: 0, submits: 0, user: true });
      await page.goto(`${app.url}/`);
      await page.getByTestId('logout').tap();
      await page.getByTestId('login-username').waitFor();
      expect(await keptOnPhone(page)).toEqual({ attempts: 0, saves: 0, submits: 0, user: false });
      await context.close();
    },
    TIMEOUT,
  );

  it(
    "does not let a stale offline answer overwrite a newer one from the student's second device, and shows the newer one",
    async () => {
      const { api, assignment, lesson } = await openAssignmentOf('hs4');
      const position = tappable(lesson)[0];
      const itemId = lesson.items[position].id;
      const phoneA = await phoneContext(browser);
      const pageA = await startOnPhone(phoneA, 'hs4', assignment.id);

      await phoneA.setOffline(true);
      await answer(pageA, lesson, position, 0);
      await expectAttribute(pageA.getByTestId('save-status'), 'data-status', 'offline');

      // Later, on a second phone with a network, the same student changes their mind.
      const phoneB = await phoneContext(browser);
      const pageB = await phoneB.newPage();
      await signIn(pageB, app.url, 'hs4', 'home-student');
      await pageB.locator(`[data-testid="student-assignment"][data-id="${assignment.id}"]`).tap();
      // Phone A's answer never reached the server: the attempt opens on the lesson.
      await pageB.getByTestId('player-lesson').waitFor();
      await pageB.getByTestId('player-begin').tap();
      const newer = await answer(pageB, lesson, position, 2);
      await expectAttribute(pageB.getByTestId('save-status'), 'data-status', 'saved');

      await phoneA.setOffline(false);
      await expectAttribute(pageA.getByTestId('save-status'), 'data-status', 'saved', 30_000);
      const attempt = (await api.post<AttemptDto>(`/api/assignments/${assignment.id}/attempt`)).body;
      expect(attempt.responses[itemId]).toEqual(newer);
      await until('phone A to show the newer answer', async () => ((await shows(pageA, lesson, position, 2)) ? true : undefined));
      expect(await shows(pageA, lesson, position, 0)).toBe(false);
      await phoneA.close();
      await phoneB.close();
    },
    TIMEOUT,
  );

  it(
    'queues "Nộp bài" pressed offline, says when it counts, and hands in when the network returns',
    async () => {
      const { api, assignment, lesson } = await openAssignmentOf('hs5');
      const [first, second] = tappable(lesson);
      const context = await phoneContext(browser);
      const page = await startOnPhone(context, 'hs5', assignment.id);
      const online = await answer(page, lesson, first, 1);
      await expectAttribute(page.getByTestId('save-status'), 'data-status', 'saved');

      await context.setOffline(true);
      const offline = await answer(page, lesson, second, 1);
      await expectAttribute(page.getByTestId('save-status'), 'data-status', 'offline');
      await page
        .getByTestId('player-dot')
        .nth(lesson.items.length - 1)
        .tap();
      await page.getByTestId('player-submit').tap();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Nộp bài' }).tap();
      const queued = page.getByTestId('submit-queued');
      await queued.waitFor();
      expect(await queued.innerText()).toBe('Bài sẽ được nộp khi có mạng. Thời điểm nộp tính theo lúc máy chủ nhận được.');

      await context.setOffline(false);
      await page.getByTestId('player-result').waitFor({ timeout: 30_000 });
      const attempt = (await api.post<AttemptDto>(`/api/assignments/${assignment.id}/attempt`)).body;
      expect(attempt.status).toBe('submitted');
      expect(attempt.responses[lesson.items[first].id]).toEqual(online);
      expect(attempt.responses[lesson.items[second].id]).toEqual(offline);
      await context.close();
    },
    TIMEOUT,
  );
});
