import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, SCREENSHOTS } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('signing in as a teacher', () => {
  it('gv1 logs in, sees the teacher home with class 8A1, switches to English and logs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/`);
    await page.getByTestId('login-username').fill('gv1');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();

    const home = page.getByTestId('home-teacher');
    await home.waitFor({ timeout: 15_000 });
    await page.getByText('8A1').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'teacher-home-vi.png'), fullPage: true });
    const logout = page.getByTestId('logout');
    expect(await logout.innerText()).toContain('Đăng xuất');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');

    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expectText(logout, 'Log out');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'teacher-home-en.png'), fullPage: true });

    await logout.click();
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The session is gone: the teacher page sends back to the login.
    await page.goto(`${app.url}/`);
    await page.getByTestId('login-username').waitFor();
  });

  it('shows a clear error for a wrong password and stays on the login page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${app.url}/login`);
    await page.getByTestId('login-username').fill('gv1');
    await page.getByTestId('login-password').fill('sai-mat-khau');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect((await error.innerText()).length).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'login-error-phone.png'), fullPage: true });
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string) {
  for (let i = 0; i < 50; i++) {
    if ((await locator.innerText()).includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.innerText()).toContain(text);
}
