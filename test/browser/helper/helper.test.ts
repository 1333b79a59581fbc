import path from 'node:path';

import { HELPER_SIGNS, type HelperTrendsDto, validationMessage } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, PHONE, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';

/**
 * "Hỏi Tỉnh Táo" in the browser: a student asks on a phone, follows up, sends it to the teacher
 * and hits the per-minute limit; the teacher reads the message as the student pasted it; the
 * Department reads the counts and the chart and imports a block list with a bad line.
 */
let app: TestApp;
let browser: Browser;
const TIMEOUT = 180_000;
/** Three questions a minute: the student's fourth is refused with the wait. */
const ASKS_PER_MINUTE = 3;

const FAKE_BANK =
  'Vietcombank: Tài khoản của Quý khách sẽ bị khoá trong 24 giờ. Vui lòng đăng nhập tại vietcombank-xacminh.com và nhập mã OTP để xác minh. <b>Đặng Thị Thuỷ</b> — “gấp”';

beforeAll(async () => {
  app = await startApp({ HELPER_ASKS_PER_MINUTE: String(ASKS_PER_MINUTE) });
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function ask(page: Page, text: string, answers: number): Promise<void> {
  await page.getByTestId('helper-text').fill(text);
  await page.getByTestId('helper-send').click();
  await page
    .getByTestId('helper-answer')
    .nth(answers - 1)
    .waitFor();
}

/** The send button is on screen, whatever the length of the conversation above it. */
async function sendInReach(page: Page): Promise<void> {
  const box = await page.getByTestId('helper-send').boundingBox();
  const height = page.viewportSize()!.height;
  if (!box || box.y < 0 || box.y + box.height > height) throw new Error(`the send button is at ${JSON.stringify(box)}, outside a ${height} px screen`);
  if (box.height < 44) throw new Error(`the send button is ${box.height} px tall, under 44`);
}

describe('Hỏi Tỉnh Táo', () => {
  it(
    'a student on a phone sees the signs with their words, follows up, sends it to the teacher, who reads it byte for byte',
    async () => {
      const phone = await phoneContext(browser);
      const page = await phone.newPage();
      await signIn(page, app.url, 'hs1', 'home-student');
      await page.getByTestId('home-helper').click();
      await page.getByTestId('helper-page').waitFor();
      expect(await page.getByTestId('helper-promise').innerText()).toContain('không bao giờ mở đường link');

      await ask(page, FAKE_BANK, 1);
      const answer = page.getByTestId('helper-answer').first();
      const labels = await answer.locator('[data-testid="helper-sign"] .sign__label').allInnerTexts();
      expect(labels).toEqual(expect.arrayContaining([HELPER_SIGNS.OTP_REQUEST.label.vi, HELPER_SIGNS.LOOKALIKE_DOMAIN.label.vi]));
      const quotes = await answer.getByTestId('helper-quote').allTextContents();
      for (const quote of quotes) expect({ quote, inMessage: FAKE_BANK.includes(quote) }).toEqual({ quote, inMessage: true });
      const domain = answer.locator('[data-testid="helper-sign"][data-code="LOOKALIKE_DOMAIN"] q');
      expect(await domain.textContent()).toContain('vietcombank-xacminh.com');
      // The pasted text is text: its markup is shown, never rendered.
      expect(await page.getByTestId('helper-question').first().textContent()).toContain('<b>Đặng Thị Thuỷ</b>');
      expect(await page.locator('[data-testid="helper-question"] b').count()).toBe(0);
      expect(await answer.getByTestId('helper-advice').innerText()).toContain('Em nên làm ngay');
      expect(await answer.getByTestId('helper-report').innerText()).toContain('156');
      const checked = answer.getByTestId('helper-checked');
      expect(await checked.getAttribute('open')).toBeNull();
      await checked.locator('summary').click();
      expect(await checked.innerText()).toContain('Tỉnh Táo không mở link');
      expect(await answer.getByTestId('helper-lesson').count()).toBeGreaterThan(0);
      await sendInReach(page);
      await noSidewaysScroll(page);
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-chat-phone.png') });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-chat-phone-full.png'), fullPage: true });

      // A lesson of the answer opens read-only and the conversation waits on the way back.
      const lessonTitle = (await answer.getByTestId('helper-lesson').first().innerText()).trim();
      await answer.getByTestId('helper-lesson').first().click();
      await page.waitForURL(/\/student\/lessons\//);
      await page.getByText(lessonTitle).first().waitFor();
      await page.goBack();
      await page.getByTestId('helper-answer').first().waitFor();

      await ask(page, 'vậy em nên làm gì?', 2);
      const followUp = page.getByTestId('helper-answer').nth(1);
      expect(await followUp.getByTestId('helper-lead').innerText()).toContain('lúc nãy');
      expect(await followUp.getByTestId('helper-advice').innerText()).toContain('OTP');
      await sendInReach(page);

      await followUp.getByTestId('helper-share').click();
      const toast = page.locator('.ui-toast').filter({ hasText: /Đã gửi cho \d+ thầy cô của lớp em/ });
      await toast.waitFor();
      const teachers = Number(/Đã gửi cho (\d+)/.exec(await toast.innerText())![1]);
      expect(teachers).toBeGreaterThan(0);
      expect(await followUp.getByTestId('helper-shared-note').innerText()).toContain(`Đã gửi cho ${teachers} thầy cô`);
      await noSidewaysScroll(page);

      // The third question of the minute is answered, the fourth is refused with the wait, and its text stays.
      await ask(page, '0987 654 321', 3);
      await page.getByTestId('helper-text').fill('xin chào');
      await page.getByTestId('helper-send').click();
      const problem = page.getByTestId('helper-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/Em đã hỏi nhiều quá trong một phút\. Hãy đợi \d+ giây rồi hỏi tiếp nhé\./);
      expect(await page.getByTestId('helper-text').inputValue()).toBe('xin chào');
      expect(await page.getByTestId('helper-answer').count()).toBe(3);
      await sendInReach(page);
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-chat-phone-limit.png') });
      await phone.close();

      const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const teacher = await desk.newPage();
      await signIn(teacher, app.url, 'gv1', 'home-teacher');
      await teacher.getByRole('link', { name: 'Tin nhắn học sinh gửi' }).click();
      await teacher.getByTestId('helper-inbox').waitFor();
      const message = teacher.getByTestId('helper-shared-message').filter({ hasText: 'vietcombank-xacminh.com' });
      await message.waitFor();
      const shown = (await message.getByTestId('helper-shared-text').textContent()) ?? '';
      expect(Buffer.from(shown)).toEqual(Buffer.from(FAKE_BANK));
      expect(await message.getByTestId('helper-shared-signs').innerText()).toContain(HELPER_SIGNS.OTP_REQUEST.label.vi);
      expect(await message.innerText()).toMatch(/Gửi lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
      await settled(teacher);
      await teacher.screenshot({ path: path.join(SCREENSHOTS, 'helper-inbox.png'), fullPage: true });
      await desk.close();
    },
    TIMEOUT,
  );

  it(
    'the Department reads the weekly counts and the chart, and imports a block list naming its bad line in Vietnamese',
    async () => {
      const hs2 = await new Api(app.url).signedIn('hs2');
      expect((await hs2.post('/api/helper/ask', { text: 'Chúc mừng em trúng thưởng! Nhận quà tại qua-tang-browser.xyz ngay hôm nay' })).status).toBe(200);
      const so = await new Api(app.url).signedIn('so-admin');
      const trends = (await so.get<HelperTrendsDto>('/api/helper/trends')).body;
      const prize = trends.top.find((row) => row.kind === 'sign' && row.key === 'PRIZE_OR_REFUND')!;
      expect(prize.count).toBeGreaterThan(0);

      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      // Charts drawn at once, not mid-animation, for the screenshots.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.getByRole('link', { name: 'Học sinh đang nhận gì' }).click();
      await page.getByTestId('helper-trends').waitFor();
      await page.getByTestId('helper-trends-chart').locator('canvas').waitFor();
      // The page writes counts the Vietnamese way: 1.107.
      expect(await page.getByTestId('helper-trends-asks').innerText()).toContain(new Intl.NumberFormat('vi-VN').format(trends.asks));
      expect(await page.getByTestId('helper-trends-chart').getAttribute('aria-label')).toContain(`${trends.weeks.at(-1)!.asks} câu hỏi`);
      const row = page.locator('[data-testid="helper-top-row"][data-kind="sign"][data-key="PRIZE_OR_REFUND"]');
      const rowText = await row.innerText();
      expect(rowText).toContain(HELPER_SIGNS.PRIZE_OR_REFUND.label.vi);
      expect(rowText).toContain(String(prize.count));
      // Everything counted this week and nothing the week before is rising.
      expect(await row.getByTestId('helper-rising').innerText()).toContain('Đang tăng');
      expect(await row.getByRole('link').innerText()).toBe(prize.lesson!.title);
      expect(await page.locator('[data-testid="helper-top-row"][data-kind="domain"][data-key="qua-tang-browser.xyz"]').count()).toBe(1);
      // Counts only: no student's words on the page.
      expect(await page.getByTestId('helper-trends').innerText()).not.toContain('Chúc mừng em trúng thưởng');

      const csv = ['value,note', 'nhan-qua-browser.com,Trang giả mạo — báo ngày 5/12', 'không phải tên miền', '0966 222 333,Số gọi giả công an'].join('\n');
      await page.getByTestId('helper-list-file').setInputFiles({ name: 'danh-sach-chan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('helper-list-chosen').waitFor();
      await page.getByTestId('helper-list-submit').click();
      const result = page.getByTestId('helper-list-result');
      await result.waitFor();
      expect(await result.getByTestId('helper-list-added').innerText()).toBe('2');
      const rejected = await result.getByTestId('helper-list-rejected-line').allInnerTexts();
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toContain('Dòng 3');
      expect(rejected[0]).toContain('không phải tên miền');
      expect(rejected[0]).toContain(validationMessage('helper.entryFormat', {}, 'vi'));
      await page.getByTestId('helper-list-search').fill('nhan-qua-browser');
      await page.locator('[data-testid="helper-list-row"][data-value="nhan-qua-browser.com"]').waitFor();

      // A pattern of the Department's own: added with its sign, listed, deleted after a confirmation.
      await page.getByTestId('helper-pattern-sign').click();
      await page.locator('.n-base-select-option').filter({ hasText: HELPER_SIGNS.PRIZE_OR_REFUND.label.vi }).click();
      await page.getByTestId('helper-pattern-phrase').fill('Quỹ Khuyến Học Xanh');
      await page.getByTestId('helper-pattern-note').fill('Đang lan truyền ở phường Đông Kinh');
      await page.getByTestId('helper-pattern-submit').click();
      const pattern = page.getByTestId('helper-pattern').filter({ hasText: 'Quỹ Khuyến Học Xanh' });
      await pattern.waitFor();
      expect(await pattern.innerText()).toContain(HELPER_SIGNS.PRIZE_OR_REFUND.label.vi);
      // The demo province has patterns of its own: this one is added beside them.
      const phrases = async () => ((await so.get('/api/helper/patterns')).body as { phrase: string }[]).map((p) => p.phrase);
      expect(await phrases()).toContain('Quỹ Khuyến Học Xanh');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'helper-trends.png'), fullPage: true });
      await pattern.getByTestId('helper-pattern-delete').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Xoá' }).click();
      await pattern.waitFor({ state: 'detached' });
      expect(await phrases()).not.toContain('Quỹ Khuyến Học Xanh');
      await context.close();

      const phone = await phoneContext(browser);
      const small = await phone.newPage();
      await small.emulateMedia({ reducedMotion: 'reduce' });
      await signIn(small, app.url, 'so-admin', 'home-dept_admin');
      await small.goto(`${app.url}/dept/hoi/trends`);
      await small.getByTestId('helper-trends-chart').locator('canvas').waitFor();
      await small.locator('[data-testid="helper-list-row"]').first().waitFor();
      await settled(small);
      expect(small.viewportSize()).toEqual(PHONE);
      await noSidewaysScroll(small);
      await small.screenshot({ path: path.join(SCREENSHOTS, 'helper-trends-phone.png'), fullPage: true });
      await phone.close();
    },
    TIMEOUT,
  );
});
