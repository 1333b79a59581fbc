import { AxeBuilder } from '@axe-core/playwright';
import axe, { type Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * axe-core on every page a browser test visits, so that no test can forget it.
 *
 * `launchChromium` hands its browser to `watchAccessibility`: every page of every context it
 * opens is scanned once its main frame has navigated to a new address and settled, again
 * before its context or the page itself is closed, and at the end of each test for every page
 * still open that changed since its last scan (`checkAccessibilityAfterTest`, run by the
 * browser project's `afterEach` in `a11y-hooks.ts`). A scan counts only when the page did not
 * change while axe read it; a page that keeps changing (a timer) gets a few tries.
 * Violations of impact serious or critical fail the test; `expectAccessible` checks a state
 * the address does not name (an open dialog, a live question) at once. No rule is turned off:
 * what naive-ui renders without a name or level is fixed in the client (client/src/naiveAria.ts).
 */

/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING = new Set(['serious', 'critical']);
/** Quiet this long (nothing shown changed, no finite animation running, no spinner) before a scan. */
const QUIET_MS = 250;
const SETTLE_TIMEOUT_MS = 5_000;
const ATTEMPTS = 3;
/** Playwright's errors for a page that navigated away or closed during an evaluation. */
const GONE = /Execution context was destroyed|Target page, context or browser has been closed|Target closed|Frame was detached|navigat/i;

interface Watched {
  /** Scans of this page, one at a time. */
  queue: Promise<void>;
  /** Addresses (path and query) already scanned after a navigation. */
  scannedUrls: Set<string>;
  /** The address and DOM change count the last scan saw. */
  scannedState: string;
}

const watched = new Map<Page, Watched>();
/** Violations found since the last check, one line block each, and the keys already reported. */
const found: string[] = [];
const reported = new Set<string>();

/**
 * Counts DOM changes: every change (`__ttChanges`: which pages changed since their last scan),
 * and the ones that alter what is shown (`__ttShifts`: nodes added or removed, class, style,
 * hidden, open, disabled, aria-*), so that a clock ticking in an attribute or a text every
 * 200 ms does not keep a live screen from settling.
 */
function countChanges(): void {
  const w = window as unknown as { __ttChanges: number; __ttShifts: number };
  w.__ttChanges = 0;
  w.__ttShifts = 0;
  const shows = /^(class|style|hidden|open|disabled|aria-.*)$/;
  new MutationObserver((records) => {
    w.__ttChanges += records.length;
    w.__ttShifts += records.filter((r) => r.type === 'childList' || (r.type === 'attributes' && shows.test(r.attributeName ?? ''))).length;
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Makes every page of the browser's contexts scanned (see above). */
export function watchAccessibility(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    await watchContext(context);
    return context;
  };
  // `browser.newPage` opens its own context through `newContext` above.
  return browser;
}

async function watchContext(context: BrowserContext): Promise<void> {
  await context.addInitScript(countChanges);
  context.on('page', watchPage);
  const close = context.close.bind(context);
  context.close = async (...args: Parameters<BrowserContext['close']>) => {
    await Promise.all(context.pages().map((page) => scanIfChanged(page)));
    return close(...args);
  };
}

function watchPage(page: Page): void {
  if (watched.has(page)) return;
  watched.set(page, { queue: Promise.resolve(), scannedUrls: new Set(), scannedState: '' });
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = addressOf(page.url());
    if (url) void enqueue(page, () => scanAfterNavigation(page, url));
  });
  page.on('close', () => watched.delete(page));
  const close = page.close.bind(page);
  page.close = async (...args: Parameters<Page['close']>) => {
    await scanIfChanged(page);
    return close(...args);
  };
}

/** The path and query of an app page; undefined for about:blank and data: pages. */
function addressOf(url: string): string | undefined {
  if (!/^https?:/.test(url)) return undefined;
  const { pathname, search } = new URL(url);
  return pathname + search;
}

function enqueue(page: Page, scan: () => Promise<void>): Promise<void> {
  const state = watched.get(page);
  if (!state) return Promise.resolve();
  state.queue = state.queue.then(scan).catch((error: unknown) => {
    // A page that navigated or closed under its scan has nothing to report; anything else is a broken check.
    if (!page.isClosed() && !GONE.test(String(error))) found.push(`axe could not scan ${page.url()} [${currentTest()}]: ${String(error)}`);
  });
  return state.queue;
}

async function scanAfterNavigation(page: Page, url: string): Promise<void> {
  const state = watched.get(page);
  if (!state || state.scannedUrls.has(url)) return;
  await page.waitForLoadState('load');
  // A later navigation has queued its own scan.
  if (addressOf(page.url()) !== url) return;
  record(await scan(page));
  state.scannedUrls.add(url);
}

/** Scans the page if it changed since its last scan (or was never scanned). */
async function scanIfChanged(page: Page): Promise<void> {
  const state = watched.get(page);
  if (!state || page.isClosed()) return;
  await state.queue;
  if (!addressOf(page.url())) return;
  await enqueue(page, async () => {
    if (stateOf(page, await changeCount(page)) === state.scannedState) return;
    record(await scan(page));
  });
}

/**
 * Waits for the page to settle, then runs axe. A clean result stands; violations found while
 * the DOM changed under axe (a fade, a toast) are confirmed by another try before they count.
 */
async function scan(page: Page): Promise<{ url: string; violations: Result[] }> {
  const state = watched.get(page);
  let violations: Result[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    await settle(page);
    const before = await shiftCount(page);
    const results = await analyze(page);
    const after = await shiftCount(page);
    violations = results.violations.filter((v) => v.impact && FAILING.has(v.impact));
    if (state) state.scannedState = stateOf(page, await changeCount(page));
    if (before === after || !violations.length) break;
  }
  return { url: page.url(), violations };
}

/**
 * axe in legacy mode (no blank page for `finishRun`: that page would be a page of the test),
 * reporting violations only (listing every passing node takes most of a run). axe-core goes
 * into each frame once per document; the builder's own injection, 0.5 MB parsed twice per
 * scan, is replaced by a no-op.
 */
async function axeBuilder(page: Page): Promise<AxeBuilder> {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate('typeof window.axe === "object"'))) await frame.evaluate(axe.source);
  }
  return new AxeBuilder({ page, axeSource: ';' }).setLegacyMode(true).options({ resultTypes: ['violations'], runOnly: { type: 'tag', values: TAGS } });
}

/** A frame may be added, or reloaded, between injecting axe and running it (a chart's frame, a lazy page): inject again and rerun. */
const AXE_MISSING = /reading 'run'|axe is not defined/;

async function analyze(page: Page): Promise<Awaited<ReturnType<AxeBuilder['analyze']>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await axeBuilder(page)).analyze();
    } catch (error) {
      if (attempt >= ATTEMPTS || !AXE_MISSING.test(String(error))) throw error;
    }
  }
}

const stateOf = (page: Page, changes: number) => `${page.url()} ${changes}`;

function changeCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __ttChanges?: number }).__ttChanges ?? 0);
}

function shiftCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __ttShifts?: number }).__ttShifts ?? 0);
}

/** Resolves when the DOM has been quiet for QUIET_MS with no finite animation or spinner running (or after SETTLE_TIMEOUT_MS). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    async ({ quietMs, timeoutMs }) => {
      const counter = () => (window as unknown as { __ttShifts?: number }).__ttShifts ?? 0;
      const busy = () =>
        !!document.querySelector('.n-spin-content--spinning, [aria-busy="true"]') ||
        document.getAnimations().some((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
      const start = performance.now();
      let seen = counter();
      let quietSince = performance.now();
      while (performance.now() - start < timeoutMs) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const now = counter();
        if (now !== seen || busy() || document.readyState !== 'complete') {
          seen = now;
          quietSince = performance.now();
        } else if (performance.now() - quietSince >= quietMs) return;
      }
    },
    { quietMs: QUIET_MS, timeoutMs: SETTLE_TIMEOUT_MS },
  );
}

/**
 * The violations as lines a reader can act on: rule, impact, help, and each offending node.
 * The automatic scans name a node once per test file (`once`), not at every later scan.
 */
function readable(url: string, label: string, violations: Result[], once: boolean): string[] {
  const blocks: string[] = [];
  for (const v of violations) {
    const key = (n: Result['nodes'][number]) => `${v.id} ${addressOf(url)} ${n.target.join(' ')}`;
    const nodes = once ? v.nodes.filter((n) => !reported.has(key(n))) : v.nodes;
    if (!nodes.length) continue;
    for (const n of nodes) reported.add(key(n));
    const lines = nodes
      .slice(0, 5)
      .map(
        (n) =>
          `    ${n.target.join(' ')}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}\n      ${n.failureSummary?.split('\n').slice(1).join('; ') ?? ''}`,
      );
    if (nodes.length > 5) lines.push(`    … and ${nodes.length - 5} more`);
    blocks.push(`${v.id} (${v.impact}): ${v.help} [${label} at ${addressOf(url)}]\n  ${v.helpUrl}\n${lines.join('\n')}`);
  }
  return blocks;
}

function record({ url, violations }: { url: string; violations: Result[] }): void {
  found.push(...readable(url, currentTest(), violations, true));
}

function currentTest(): string {
  return expect.getState().currentTestName ?? 'before the tests';
}

function failWith(blocks: string[]): void {
  if (!blocks.length) return;
  throw new Error(`axe: ${blocks.length} serious or critical accessibility violation(s) or failed scan(s):\n\n${blocks.join('\n\n')}`);
}

/** Scans the page now (after it settles) and fails on serious or critical violations; for states the address does not name. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const state = watched.get(page);
  if (state) await state.queue;
  const { url, violations } = await scan(page);
  failWith(readable(url, `${currentTest()}: ${label}`, violations, false));
}

/** The end of a test: waits for the queued scans, scans each open page that changed, and fails on what was found. */
export async function checkAccessibilityAfterTest(): Promise<void> {
  await Promise.all([...watched.keys()].map((page) => scanIfChanged(page)));
  const blocks = found.splice(0);
  failWith(blocks);
}
