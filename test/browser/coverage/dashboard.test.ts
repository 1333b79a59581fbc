import fs from 'node:fs';
import path from 'node:path';

import type { CoverageDto } from '@tinhtao/shared';
import { schoolYearOf } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';

let app: TestApp;
let browser: Browser;
let coverage: CoverageDto;
const TIMEOUT = 180_000;
const year = schoolYearOf(testNow());

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const dept = await new Api(app.url).signedIn('so-admin');
  coverage = (await dept.get(`/api/coverage?year=${year}&level=THCS`)).body;
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Clicks a download button and reads the file the browser saved. */
async function download(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const saving = page.waitForEvent('download');
  await page.getByTestId(button).click();
  const file = await saving;
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(saved)) };
}

/** Pixels of the chart's canvas within a small distance of a colour, counted in the page. */
function countColour(page: Page, testId: string, hex: string): Promise<number> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement, colour: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40 && data[i + 3] > 200) n++;
      return n;
    }, hex);
}

describe('the coverage dashboard', () => {
  it(
    'keeps both programs’ trend lines in sight when their values are equal, and shows times in Vietnam’s time on a UTC computer',
    async () => {
      // The demo's months have as many schools with each program (none yet, early in the year).
      expect(coverage.trend.some((p) => p.kinds.SAFETY.schoolsWithProgram.percent === p.kinds.MEDIA_LITERACY.schoolsWithProgram.percent)).toBe(true);
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'UTC' });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.getByTestId('home-coverage-link').click();
      await page.getByTestId('coverage-chart-trend').locator('canvas').waitFor();
      await settled(page);
      await page.waitForTimeout(1500); // the charts' drawing animation
      await page.getByTestId('coverage-chart-trend').screenshot({ path: path.join(SCREENSHOTS, 'coverage-trend.png') });
      // The two programs' colours (client/src/components/coverage/look.ts): the one drawn first must not vanish under the other.
      const safety = await countColour(page, 'coverage-chart-trend', '#0e7490');
      const media = await countColour(page, 'coverage-chart-trend', '#b45309');
      expect(media).toBeGreaterThan(100);
      expect(safety).toBeGreaterThan(media / 2);

      // Last activity, read on a computer set to UTC: Vietnam's clock, seven hours on (worked out by hand).
      const active = coverage.schools.find((s) => s.lastActivityAt)!;
      const v = new Date(Date.parse(active.lastActivityAt!) + 7 * 3600_000);
      const two = (n: number) => String(n).padStart(2, '0');
      const row = await page.locator(`[data-testid="coverage-school-row"][data-id="${active.id}"]`).innerText();
      expect(row).toContain(`${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`);
      expect(row).toContain(`${two(v.getUTCHours())}:${two(v.getUTCMinutes())}`);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'lets the dept admin filter to an area, drill into a school and download the PDF reports',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.getByTestId('home-coverage-link').click();
      await page.getByTestId('coverage-schools').waitFor();
      await settled(page);
      await page.waitForTimeout(1500); // the charts' drawing animation
      await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage-dashboard.png'), fullPage: true });

      // Every THCS school of the province is a row, with the figure the API gives.
      const rows = page.getByTestId('coverage-school-row');
      expect((await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-id')))).sort()).toEqual(coverage.schools.map((s) => s.id).sort());
      const dongKinh = coverage.schools.find((s) => s.name.includes('Đông Kinh'))!;
      const percent = `${dongKinh.kinds.SAFETY.coverage.percent!.toLocaleString('vi-VN')}%`;
      await expect(page.locator(`[data-testid="coverage-school-row"][data-id="${dongKinh.id}"]`).innerText()).resolves.toContain(percent);

      // One area: only its school is left.
      const chiLang = coverage.schools.find((s) => s.name.includes('Chi Lăng'))!;
      await page.getByTestId('coverage-area-filter').click();
      await page.locator('.n-base-select-option').filter({ hasText: chiLang.areaName! }).first().click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="coverage-school-row"]').length === 1);
      expect(await rows.first().getAttribute('data-id')).toBe(chiLang.id);

      // The annual report, with a progress bar while it builds: a PDF with the province's name in its text.
      const annual = await download(page, 'report-pdf');
      await page.getByTestId('report-progress').waitFor({ state: 'attached' });
      expect(annual.name).toMatch(/\.pdf$/);
      expect(Buffer.from(annual.bytes.slice(0, 5)).toString()).toBe('%PDF-');
      const text = await pdfText(annual.bytes);
      expect(text).toContain(coverage.province.name);
      expect(text).toContain('1907/QĐ-TTg');

      // Into the school: its page, then its own report.
      await page.locator(`[data-testid="coverage-school-link"][data-id="${chiLang.id}"]`).click();
      await page.getByTestId('school-coverage').waitFor();
      expect(await page.getByTestId('school-coverage').getAttribute('data-school-id')).toBe(chiLang.id);
      await page.getByTestId('coverage-classes').waitFor();
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage-school.png'), fullPage: true });
      const own = await download(page, 'report-pdf');
      const schoolText = await pdfText(own.bytes);
      expect(schoolText).toContain(chiLang.name);
      expect(schoolText).toContain(coverage.province.name);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'fits a phone, and shows a school admin own school only',
    async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await signIn(page, app.url, 'thcs1-admin', 'home-school_admin');
      await page.goto(`${app.url}/school/coverage`);
      await page.getByTestId('school-coverage').waitFor();
      await page.getByTestId('coverage-classes').waitFor();
      await settled(page);
      await noSidewaysScroll(page);
      const dongKinh = coverage.schools.find((s) => s.name.includes('Đông Kinh'))!;
      expect(await page.getByTestId('school-coverage').getAttribute('data-school-id')).toBe(dongKinh.id);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'coverage-school-phone.png'), fullPage: true });
      await context.close();
    },
    TIMEOUT,
  );
});
