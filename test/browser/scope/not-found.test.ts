import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNowMs } from '../../support/clock.js';

/**
 * Another school's records by their address: the app's one not-found state, no raw id on the
 * page, and at most one toast (DESIGN §4: nobody learns what exists in another school).
 */
let app: TestApp;
let browser: Browser;
const TIMEOUT = 180_000;
const ids = { class7A1: '', student31: '', contest: '', assignment: '', ownContest: '' };

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const anon = new Api(app.url);
  const gv2 = await anon.signedIn('gv2');
  const [class7A1] = (await gv2.get('/api/classes')).body as { id: string }[];
  ids.class7A1 = class7A1.id;
  ids.student31 = ((await gv2.get(`/api/classes/${class7A1.id}/students`)).body as { id: string }[])[0].id;
  const lessons = (await gv2.get('/api/lessons?level=THCS')).body as { id: string }[];
  const items: string[] = [];
  for (const l of lessons.slice(0, 3)) {
    for (const item of (await gv2.get(`/api/lessons/${l.id}`)).body.items) if (item.kind === 'single_choice' && items.length < 2) items.push(item.id);
  }
  const contest = await gv2.post('/api/contests', {
    title: 'Rung chuông vàng 7A1',
    mode: 'live',
    scope: { type: 'class', id: class7A1.id },
    itemIds: items,
    secondsPerQuestion: 20,
  });
  expect(contest.status).toBe(201);
  ids.contest = contest.body.id;
  // gv1's own contest, with no session yet: its results answer 404, and the page must still show.
  const gv1 = await anon.signedIn('gv1');
  const [class8A1] = (await gv1.get('/api/classes')).body as { id: string }[];
  const own = await gv1.post('/api/contests', {
    title: 'Rung chuông vàng 8A1',
    mode: 'live',
    scope: { type: 'class', id: class8A1.id },
    itemIds: items,
    secondsPerQuestion: 20,
  });
  expect(own.status).toBe(201);
  ids.ownContest = own.body.id;
  const hour = 3600_000;
  const assignment = await gv2.post('/api/assignments', {
    lessonId: lessons[0].id,
    classIds: [class7A1.id],
    opensAt: new Date(testNowMs() - hour).toISOString(),
    dueAt: new Date(testNowMs() + 48 * hour).toISOString(),
  });
  expect(assignment.status).toBe(201);
  ids.assignment = assignment.body.id;
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Opens the address and expects the not-found state, no raw id, at most one toast. */
async function expectNotFound(page: Page, address: string, id: string, shot: string): Promise<void> {
  await page.goto(`${app.url}${address}`);
  await page.getByTestId('not-found').waitFor({ timeout: 15_000 });
  await settled(page);
  await page.waitForTimeout(800); // any late toast
  const text = await page.locator('body').innerText();
  expect(text).toMatch(/Không tìm thấy/);
  if (text.includes(id)) throw new Error(`${address}: the page shows the raw id ${id}`);
  const values = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(values.filter((v) => v.includes(id))).toEqual([]);
  const toasts = await page.locator('.ui-toast').count();
  if (toasts > 1) throw new Error(`${address}: ${toasts} toasts, expected at most one`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `not-found-${shot}.png`) });
}

describe('another school by its address', () => {
  it(
    'shows a teacher the not-found state for a class, a student and a contest of another school',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'gv1', 'home-teacher');
      await expectNotFound(page, `/teacher/progress/${ids.class7A1}`, ids.class7A1, 'gv1-progress');
      await expectNotFound(page, `/teacher/students/${ids.student31}`, ids.student31, 'gv1-student');
      await expectNotFound(page, `/teacher/contests/${ids.contest}`, ids.contest, 'gv1-contest');
      // A class address the teacher's section does not have is the page-level not-found.
      await expectNotFound(page, `/teacher/classes/${ids.class7A1}`, ids.class7A1, 'gv1-classes');
      // An own contest with no session yet is there, though its results answer 404.
      await page.goto(`${app.url}/teacher/contests/${ids.ownContest}`);
      await page.getByTestId('contest-page').waitFor();
      await settled(page);
      await page.waitForTimeout(800);
      expect(await page.getByTestId('not-found').count()).toBe(0);
      // Back on an own page, the state goes away.
      await page.goto(`${app.url}/teacher/progress`);
      await page.getByTestId('progress-page').waitFor();
      expect(await page.getByTestId('not-found').count()).toBe(0);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'shows a school admin the not-found state, once, for a class and a contest of another school',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'thcs1-admin', 'home-school_admin');
      await expectNotFound(page, `/school/classes/${ids.class7A1}`, ids.class7A1, 'admin-class');
      await expectNotFound(page, `/school/progress/${ids.class7A1}`, ids.class7A1, 'admin-progress');
      await expectNotFound(page, `/school/contests/${ids.contest}`, ids.contest, 'admin-contest');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    "shows a student on a phone the not-found state for another school's assignment",
    async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await signIn(page, app.url, 'hs1', 'home-student');
      await expectNotFound(page, `/student/assignments/${ids.assignment}`, ids.assignment, 'hs1-assignment');
      await context.close();
    },
    TIMEOUT,
  );
});
