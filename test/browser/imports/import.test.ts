import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { pdfText } from '../../support/pdf.js';

let app: TestApp;
let browser: Browser;
let dir: string;
const TIMEOUT = 180_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinhtao-import-ui-'));
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('importing a class list', () => {
  it(
    'previews an upload with an error row, confirms, follows the progress to the end and downloads the login cards',
    async () => {
      const file = path.join(dir, 'lop-6a9.csv');
      const rows = ['Lớp,Khối,Họ và tên,Ngày sinh,Giới tính,Mã định danh'];
      for (let n = 1; n <= 40; n++) rows.push(`6A9,6,Nguyễn Văn Học ${n},0${1 + (n % 9)}/09/2014,${n % 2 ? 'Nam' : 'Nữ'},UI${String(n).padStart(6, '0')}`);
      rows.push('6A9,6,Trần Thị Sai,31/02/2014,Nữ,UI999999');
      rows.push('6A9,6,Tr\uFFFD\uFFFD\uFFFDn Thị Lỗi,01/09/2014,Nữ,UI999998');
      fs.writeFileSync(file, '\uFEFF' + rows.join('\n'));

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, app.url, 'thcs1-admin', 'home-school_admin');
      await page.goto(`${app.url}/school/import`);
      await page.getByTestId('import-file').setInputFiles(file);
      await page.getByTestId('import-preview').waitFor();
      expect(await page.getByTestId('import-count-create').innerText()).toBe('40');
      expect(await page.getByTestId('import-count-error').innerText()).toBe('2');
      const bad = page.locator('[data-testid="import-row"][data-action="error"][data-row="42"]');
      expect(await bad.getByTestId('import-cell-error').getAttribute('data-code')).toBe('DATE_NOT_EXIST');
      expect(await bad.innerText()).toContain('Ngày sinh: ngày này không tồn tại');
      const unreadable = page.locator('[data-testid="import-row"][data-action="error"][data-row="43"]');
      expect(await unreadable.getByTestId('import-cell-error').getAttribute('data-code')).toBe('ENCODING');
      expect(await unreadable.innerText()).toContain('Họ và tên: có ký tự bị lỗi phông');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'import-preview.png'), fullPage: true });

      // Record what the progress bar shows while the import runs.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progressSeen: string[] }).progressSeen = seen;
        new MutationObserver(() => {
          const bar = document.querySelector('[data-testid="import-progress"]');
          const value = bar?.getAttribute('data-progress');
          if (value !== null && value !== undefined && seen.at(-1) !== value) seen.push(value);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await page.getByTestId('import-confirm').click();
      const dialog = page.getByRole('dialog');
      if (await dialog.isVisible().catch(() => false)) await dialog.getByRole('button').last().click();
      await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-done').getAttribute('data-status')).toBe('done');
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((x, y) => x - y));
      await page.screenshot({ path: path.join(SCREENSHOTS, 'import-done.png'), fullPage: true });

      const saving = page.waitForEvent('download');
      await page.locator('[data-testid^="login-cards-"]').first().click();
      const download = await saving;
      const text = await pdfText(new Uint8Array(fs.readFileSync(await download.path())));
      expect(text).toContain('Nguyễn Văn Học 1');
      expect(text).toContain('Mật khẩu lần đầu');
      expect(text).not.toContain('Trần Thị Sai');
      expect(text).not.toContain('n Thị Lỗi');
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'fits a phone',
    async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await signIn(page, app.url, 'thcs1-admin', 'home-school_admin');
      await page.goto(`${app.url}/school/import`);
      await page.getByTestId('import-file').waitFor({ state: 'attached' });
      await settled(page);
      await noSidewaysScroll(page);
      await context.close();
    },
    TIMEOUT,
  );
});
