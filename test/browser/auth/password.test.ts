import path from 'node:path';

import type { Browser } from 'playwright-core';

import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, phoneContext, SCREENSHOTS, signIn } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
const RULE = 'Ít nhất 8 ký tự, gồm cả chữ và số.';

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('changing a password', () => {
  it('states the password rule once: as a hint under the new password, then as its error, never both', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signIn(page, app.url, 'hs7', 'home-student');
    await page.goto(`${app.url}/password`);
    await page.getByTestId('password-new').waitFor();
    expect(await page.getByText(RULE).count()).toBe(1);

    await page.getByTestId('password-current').fill('Demo@2026');
    await page.getByTestId('password-new').fill('ngan');
    await page.getByTestId('password-repeat').fill('ngan');
    await page.getByTestId('password-submit').click();
    await page.locator('.n-form-item-feedback--error', { hasText: RULE }).waitFor();
    expect(await page.getByText(RULE).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'password-weak-phone.png'), fullPage: true });
    await context.close();
  });
});
