import fs from 'node:fs';
import path from 'node:path';

import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

import { watchAccessibility } from './a11y.js';
import { ROOT } from './database.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test/.artifacts/screenshots');

export { expectAccessible } from './a11y.js';

/**
 * The system Chromium, headless, with the flags a closed network needs. Missing Chromium fails
 * the run. axe scans every page it opens (a11y.ts).
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return watchAccessibility(browser);
}

export const PHONE = { width: 390, height: 844 };

/** Signs in through the login page and waits for the role's home (`home` is its data-testid). */
export async function signIn(page: Page, baseUrl: string, username: string, home: string, password = 'Demo@2026'): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(home).waitFor({ timeout: 15_000 });
}

/** A touch phone at 390×844. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
}

/** Polls until the locator's attribute has the value; fails with what it saw. */
export async function expectAttribute(locator: Locator, name: string, value: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = await locator.getAttribute(name).catch(() => null);
    if (seen === value) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${name}="${value}", saw "${seen}"`);
}

/** Before a screenshot: spinners gone, and their fade and the toasts' slide finished. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.n-spin-content--spinning'));
  await page.waitForTimeout(400);
}

/**
 * The page fits the viewport's width once its layout settled (a resize reflows for a moment).
 * Measured against the viewport the test set, not `innerWidth`: on a mobile viewport the browser
 * widens its layout viewport to fit what overflows, so `innerWidth` grows with the overflow.
 */
export async function noSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  await page.waitForFunction((w) => document.documentElement.scrollWidth <= (w || window.innerWidth), width, { timeout: 3000 }).catch(() => undefined);
  const overflow = await page.evaluate((w) => document.documentElement.scrollWidth - (w || window.innerWidth), width);
  if (overflow > 0) throw new Error(`the page is ${overflow} px wider than the viewport`);
}
