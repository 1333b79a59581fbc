import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StudentAssignmentDto } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
let anon: Api;
const TIMEOUT = 120_000;
/** A phone set to large text: the browser's default font size doubled (16 px → 32 px), as Android's largest text setting roughly does. */
const LARGE = 32;

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The element's box lies within the viewport's width: nothing cut off at the side. */
async function withinWidth(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on the page`);
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
}

describe('the lesson player with the phone set to large text', () => {
  it(
    'grows its text with the system setting and still fits a 390 px phone, its buttons reachable',
    async () => {
      const hs1 = await anon.signedIn('hs1');
      const own = (await hs1.get<StudentAssignmentDto[]>('/api/assignments')).body;
      const open = own.find((one) => one.status === 'not_started' && !one.overdue && !one.closed && !one.diagnosticPhase);
      if (!open) throw new Error(`expected an open assignment hs1 has not started, got ${JSON.stringify(own)}`);

      const context = await phoneContext(browser);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: LARGE, fixed: LARGE } });
      await signIn(page, app.url, 'hs1', 'home-student');

      // The page's text follows the setting (rem, not px): 15/16 of the default, so 30 px here.
      const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(bodySize).toBeCloseTo((LARGE * 15) / 16, 0);
      await noSidewaysScroll(page);

      await page.locator(`[data-testid="student-assignment"][data-id="${open.id}"]`).tap();
      await page.getByTestId('player-lesson').waitFor();
      await noSidewaysScroll(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-lesson-large-text-phone.png') });
      await page.getByTestId('player-begin').tap();
      await page.getByTestId('player-position').waitFor();
      await settled(page);
      await noSidewaysScroll(page);

      // The question's text is large, and the way on is on screen, not pushed off its side.
      const questionSize = await page.evaluate(() => {
        const title = document.querySelector('[data-testid="player"] h2, [data-testid="player"] .item__prompt, [data-testid="player"] p');
        return title ? parseFloat(getComputedStyle(title).fontSize) : 0;
      });
      expect(questionSize).toBeGreaterThanOrEqual(LARGE * 0.9);
      await withinWidth(page, 'player-next');
      await withinWidth(page, 'player-previous');
      await withinWidth(page, 'save-status');
      // The skip link stays above the screen until focused, however tall the large text makes it.
      const skip = await page.locator('.skip-link').boundingBox();
      expect(skip!.y + skip!.height).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-player-large-text-phone.png') });

      await page.getByTestId('player-next').tap();
      expect(await page.getByTestId('player-position').innerText()).toMatch(/^Câu 2\//);
      await noSidewaysScroll(page);
      await context.close();
    },
    TIMEOUT,
  );
});
