import path from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, SCREENSHOTS, signIn } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
/** A browser test logs in and walks several pages; the default 5 s is not enough. */
const TIMEOUT = 120_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const login = (page: Page, username: string, home: string) => signIn(page, app.url, username, home);

describe('authoring lessons', () => {
  it(
    'so-admin writes a lesson with a claim_check item, sees it in the live preview, saves it and finds it in the library',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await login(page, 'so-admin', 'home-dept_admin');

      await page.getByRole('link', { name: 'Thư viện bài học' }).click();
      await page.getByTestId('library-table').waitFor();
      await page.getByTestId('lesson-create').click();

      const title = 'Kiểm chứng tin học bổng trên mạng';
      const fields = page.getByTestId('lesson-fields');
      await page.getByTestId('lesson-title').fill(title);
      await page.getByTestId('lesson-summary').fill('Em tập kiểm tra một bài đăng về học bổng trước khi tin và chia sẻ.');
      await fields.getByTestId('option-input').first().fill('Sau bài học, em có thể kiểm tra nguồn của một bài đăng.');
      await page.getByTestId('block-text').first().fill('Trước khi chia sẻ một tin về tiền hỗ trợ, hãy tìm thông báo gốc trên trang chính thức.');

      await page.getByTestId('item-add-claim_check').click();
      const item = page.locator('[data-testid="item-editor"][data-kind="claim_check"]');
      await item.waitFor();
      const claimText = 'Bộ GD&ĐT tặng mỗi học sinh 2 triệu đồng, đăng ký tại hocbong-hs.site trước 3 ngày!';
      const evidence = [
        'Trang chính thức của Bộ GD&ĐT không có thông báo này',
        'Bài đăng có nhiều lượt chia sẻ',
        'Tên miền .site không phải tên miền .gov.vn của cơ quan nhà nước',
      ];
      await item.getByTestId('item-prompt').fill('Bài đăng dưới đây có đáng tin không? Chọn kết luận và bằng chứng.');
      await item.getByTestId('claim-source').fill('Trang “Học Bổng 24h”');
      await item.getByTestId('claim-text').fill(claimText);
      await item.getByTestId('option-add').click();
      const options = item.getByTestId('option-input');
      for (const [index, text] of evidence.entries()) await options.nth(index).fill(text);
      const marks = item.getByTestId('option-mark');
      await marks.nth(0).check();
      await marks.nth(2).check();
      await item.getByTestId('verdict-key-false').click();
      await item.getByTestId('item-feedback').fill('Tin giả: không có nguồn chính thức và tên miền lạ. Lượt chia sẻ không chứng minh tin thật.');

      // The live preview shows the claim as a post and the evidence to choose from, as a student sees them.
      const preview = page.getByTestId('editor-preview');
      await preview.getByTestId('claim-card').getByText(claimText).waitFor();
      const shownEvidence = preview.getByTestId('evidence-option');
      expect(await shownEvidence.allInnerTexts()).toEqual(evidence);
      expect(await preview.getByTestId('verdict-option').count()).toBe(4);
      expect(await item.getByTestId('item-problems').count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'content-editor-wide.png'), fullPage: false });

      await page.getByTestId('lesson-save').click();
      await page.waitForURL(/\/dept\/library\/[0-9a-f-]{36}\/edit$/, { timeout: 15_000 });

      await page.getByRole('link', { name: 'Thư viện bài học' }).first().click();
      const row = page.locator(`[data-testid="library-row"][data-title="${title}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('Bản nháp');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'content-library.png'), fullPage: true });
    },
    TIMEOUT,
  );
});

describe('curricula for schools', () => {
  it(
    'gv1 sees the THCS curricula only, opens a lesson preview with a red_flags item and its answer key',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await login(page, 'gv1', 'home-teacher');

      await page.getByRole('link', { name: 'Chương trình học' }).click();
      await page.getByTestId('programs-page').waitFor();
      const cards = page.getByTestId('program-card');
      await cards.first().waitFor();
      const levels = await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-level')));
      expect(levels.length).toBeGreaterThanOrEqual(2);
      expect(new Set(levels)).toEqual(new Set(['THCS']));
      expect(await page.getByText('THPT', { exact: false }).count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'content-teacher-curricula.png'), fullPage: true });

      const safety = page.locator('[data-testid="program-card"][data-kind="SAFETY"]');
      await safety.getByTestId('curriculum-lesson-link').first().click();
      await page.getByTestId('lesson-preview').waitFor();
      const redFlags = page.locator('[data-testid="item-view"][data-kind="red_flags"]').first();
      await redFlags.waitFor();
      const segment = redFlags.getByTestId('red-flag-segment').nth(2);
      await segment.click();
      expect(await segment.getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('[data-testid="item-view"][data-kind="claim_check"]').count()).toBeGreaterThan(0);

      // Staff see the answer key, folded under the item.
      const key = page.getByTestId('answer-key').first();
      await key.locator('summary').click();
      expect(await key.getAttribute('open')).not.toBeNull();
      await redFlags.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'content-lesson-preview.png') });

      await page.setViewportSize({ width: 390, height: 844 });
      await redFlags.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'content-lesson-preview-phone.png'), fullPage: false });
      const claim = page.locator('[data-testid="item-view"][data-kind="claim_check"]').first();
      await claim.screenshot({ path: path.join(SCREENSHOTS, 'content-claim-check-phone.png') });
    },
    TIMEOUT,
  );
});
