import type { Browser } from 'playwright-core';

import { checkAccessibilityAfterTest } from '../../support/a11y.js';
import { expectAccessible, launchChromium } from '../../support/browser.js';

/**
 * The axe check every browser test gets (test/support/a11y.ts), on two small pages served by
 * the browser itself: a page with a nameless button fails the test that visited it, with the
 * rule, its impact and the node; the same page with the button named passes.
 */
let browser: Browser;
const page = (button: string) => `<!doctype html><html lang="vi"><head><title>Thử</title></head><body><main><h1>Trang thử</h1>${button}</main></body></html>`;
const PAGES: Record<string, string> = {
  '/nameless': page('<button id="nameless"><svg width="16" height="16"></svg></button>'),
  '/named': page('<button id="named" aria-label="Đóng"><svg width="16" height="16" aria-hidden="true"></svg></button>'),
};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string) {
  const tab = await browser.newPage();
  await tab.route('http://a11y.test/**', (route) => route.fulfill({ contentType: 'text/html', body: PAGES[new URL(route.request().url()).pathname] }));
  await tab.goto(`http://a11y.test${path}`);
  return tab;
}

describe('axe in every browser test', () => {
  it('fails the test that visited a page with a nameless button, naming the rule, its impact and the node', async () => {
    const tab = await open('/nameless');
    await expect(checkAccessibilityAfterTest()).rejects.toThrow(/button-name \(critical\)[\s\S]*#nameless/);
    await tab.close();
  });

  it('checks a state on demand, and passes a page whose button has a name', async () => {
    const bad = await open('/nameless');
    await expect(expectAccessible(bad, 'the nameless button')).rejects.toThrow(/button-name \(critical\)/);
    await checkAccessibilityAfterTest().catch(() => undefined);
    await bad.close();
    const good = await open('/named');
    await expectAccessible(good, 'the named button');
    await good.close();
  });
});
