import fs from 'node:fs';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAccessible, launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
let classId: string;
const TIMEOUT = 180_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const school = await new Api(app.url).signedIn('thcs1-admin');
  const classes = (await school.get<{ id: string; name: string }[]>('/api/classes')).body;
  classId = classes.find((c) => c.name === '8A1')!.id;
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Runs the action and reads the JSON file the browser saved. */
async function downloadedJson(page: Page, action: () => Promise<void>): Promise<{ name: string; data: unknown }> {
  const saving = page.waitForEvent('download');
  await action();
  const file = await saving;
  return { name: file.suggestedFilename(), data: JSON.parse(fs.readFileSync(await file.path(), 'utf8')) as unknown };
}

describe('personal data in the browser', () => {
  it(
    'lets the school admin download a student’s data, then erase the student after typing the username',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, app.url, 'thcs1-admin', 'home-school_admin');
      await page.goto(`${app.url}/school/classes/${classId}`);
      const row = page.locator('tr', { hasText: 'hs30' });
      await row.waitFor();
      const fullName = (await row.locator('strong').first().innerText()).trim();

      const copy = await downloadedJson(page, async () => {
        await row.getByTestId('user-more').click();
        await page.getByTestId('user-export').click();
      });
      expect(copy.name).toMatch(/\.json$/);
      expect(JSON.stringify(copy.data)).toContain('hs30');

      await row.getByTestId('user-more').click();
      await page.getByTestId('user-erase').click();
      const dialog = page.getByTestId('user-erase-dialog');
      await dialog.waitFor();
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-erase-dialog.png') });
      await expectAccessible(page, 'the erase dialog');
      // The button stays disabled until the username is typed exactly.
      await page.getByTestId('user-erase-confirm-input').fill('hs3');
      expect(await page.getByTestId('user-erase-confirm').isDisabled()).toBe(true);
      await page.getByTestId('user-erase-confirm-input').fill('hs30');
      await page.getByTestId('user-erase-confirm').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction((name) => !document.body.innerText.includes(name), fullName);

      const school = await new Api(app.url).signedIn('thcs1-admin');
      const roster = (await school.get<{ username: string; fullName: string }[]>(`/api/classes/${classId}/students`)).body;
      expect(roster.map((s) => s.username)).not.toContain('hs30');
      expect(roster.map((s) => s.fullName)).not.toContain(fullName);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'shows the dept admin the province’s audit log with the erasure in it, filterable, on a phone too',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.goto(`${app.url}/dept/audit`);
      await page.getByTestId('audit-table').waitFor();
      await page.locator('[data-testid="audit-row"][data-action="user.erased"]').first().waitFor();
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-audit.png'), fullPage: true });

      // Filtering by one actor leaves only that actor's events.
      const actor = page.locator('[data-testid="audit-row"][data-action="user.erased"]').first().getByTestId('audit-actor');
      const actorName = (await actor.innerText()).trim();
      await actor.click();
      await page.getByTestId('audit-filter-actor').waitFor();
      await page.waitForFunction(
        (name) => [...document.querySelectorAll('[data-testid="audit-actor"]')].every((a) => (a as HTMLElement).innerText.trim() === name),
        actorName,
      );
      await context.close();

      const phone = await phoneContext(browser);
      const small = await phone.newPage();
      await signIn(small, app.url, 'so-admin', 'home-dept_admin');
      await small.goto(`${app.url}/dept/audit`);
      await small.getByTestId('audit-table').waitFor();
      await settled(small);
      await noSidewaysScroll(small);
      await small.screenshot({ path: path.join(SCREENSHOTS, 'privacy-audit-phone.png'), fullPage: true });
      await phone.close();
    },
    TIMEOUT,
  );

  it(
    'lets a student download their own data from the account menu',
    async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await signIn(page, app.url, 'hs1', 'home-student');
      const mine = await downloadedJson(page, async () => {
        await page.getByTestId('account-menu').click();
        await page.getByTestId('my-data-export').click();
      });
      expect(JSON.stringify(mine.data)).toContain('hs1');
      await context.close();
    },
    TIMEOUT,
  );
});
