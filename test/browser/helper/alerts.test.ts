import fs from 'node:fs';
import path from 'node:path';

import { HELPER_SIGNS, type HelperAlertDto, type HelperTrendsDto, type LessonSummaryDto, type PlanRowDto } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAccessible, expectAttribute, launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';

/**
 * Alert lessons from the Department to schools, in the browser: the Department sends one from a
 * row of "Học sinh đang nhận gì" with its own note; a THCS teacher reads it on a phone, byte for
 * byte, and "Giao bài" opens the assign page with the lesson chosen; a THPT school never sees it.
 */
let app: TestApp;
let browser: Browser;
const TIMEOUT = 180_000;
/** Where the screenshots of this flow are looked at by a person. */
const SHOTS = '/tmp/alert-shots';

/** Hostile on purpose: markup that must stay text, curly quotes, a dash, a line break and every Vietnamese tone mark. */
const NOTE = 'Tuần này nhiều em nhận tin “trúng thưởng” <i>khẩn</i> — thầy cô dạy bài này trước thứ Sáu nhé.\nCảm ơn quý thầy cô: ả ạ ẫ ỗ ữ ỹ đ!';

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A moment in Vietnam time, as the Vietnamese pages write it: 15:30 05/09/2026. */
function vietnamTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Asia/Ho_Chi_Minh',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

/** Signs in and waits until the home page has had the answer about alerts (the card shows only after it). */
async function homeWithAlerts(page: Page, username: string, home: string): Promise<void> {
  const answered = page.waitForResponse((response) => response.url().includes('/api/helper/alerts') && response.request().method() === 'GET');
  await signIn(page, app.url, username, home);
  expect((await answered).status()).toBe(200);
}

describe('alert lessons from the Department', () => {
  it(
    'the Department sends a lesson from the trends, a THCS teacher reads it on a phone and assigns it, a THPT school does not see it',
    async () => {
      const hs2 = await new Api(app.url).signedIn('hs2');
      expect((await hs2.post('/api/helper/ask', { text: 'Chúc mừng em trúng thưởng! Nhận quà tại qua-tang-canh-bao.xyz ngay hôm nay' })).status).toBe(200);
      const so = await new Api(app.url).signedIn('so-admin');
      const trends = (await so.get<HelperTrendsDto>('/api/helper/trends')).body;
      const prize = trends.top.find((row) => row.kind === 'sign' && row.key === 'PRIZE_OR_REFUND')!;
      expect(prize.lesson).not.toBeNull();
      // A THCS lesson that gv1's class 8A1 may take: the one the teacher is then asked to give.
      const gv1 = await new Api(app.url).signedIn('gv1');
      const plan = (await gv1.get<PlanRowDto[]>('/api/assignment-plan')).body;
      const thcs = (await so.get<LessonSummaryDto[]>('/api/lessons?level=THCS')).body;
      const lesson = thcs.find((one) => one.id !== prize.lesson!.id && plan.some((row) => row.lessonId === one.id && row.classesMissing.length > 0))!;
      expect(lesson).toBeDefined();

      // The Department, from the row of the sign.
      const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const dept = await desk.newPage();
      await dept.emulateMedia({ reducedMotion: 'reduce' });
      await signIn(dept, app.url, 'so-admin', 'home-dept_admin');
      await dept.getByRole('link', { name: 'Học sinh đang nhận gì' }).click();
      const row = dept.locator('[data-testid="helper-top-row"][data-kind="sign"][data-key="PRIZE_OR_REFUND"]');
      await row.waitFor();
      await settled(dept);
      await row.scrollIntoViewIfNeeded();
      await dept.screenshot({ path: path.join(SHOTS, 'trends-top-table.png') });
      await row.getByTestId('helper-alert-open').click();
      const dialog = dept.getByRole('dialog').filter({ hasText: 'Gửi bài cảnh báo tới các trường' });
      await dialog.waitFor();
      // Preselected: the row's lesson; prefilled: a sentence naming the sign in Vietnamese.
      expect(await dialog.getByTestId('helper-alert-lesson').innerText()).toContain(prize.lesson!.title);
      expect(await dialog.getByTestId('helper-alert-note').inputValue()).toBe(
        `Tuần này học sinh nhận nhiều tin nhắn có dấu hiệu “${HELPER_SIGNS.PRIZE_OR_REFUND.label.vi}”. Đề nghị thầy cô dạy bài này cho các lớp.`,
      );
      // Another published lesson is chosen by its title.
      await dialog.getByTestId('helper-alert-lesson').click();
      await dept.keyboard.type(lesson.title.slice(0, 20));
      await dept.locator('.n-base-select-option').filter({ hasText: lesson.title }).first().click();
      expect(await dialog.getByTestId('helper-alert-lesson').innerText()).toContain(lesson.title);
      await dialog.getByTestId('helper-alert-note').fill(NOTE);
      await settled(dept);
      await dept.screenshot({ path: path.join(SHOTS, 'alert-dialog.png') });
      await expectAccessible(dept, 'the alert dialog');
      await dialog.getByTestId('form-submit').click();
      await dept
        .locator('.ui-toast')
        .filter({ hasText: `Đã gửi bài “${lesson.title}” tới các trường.` })
        .waitFor();
      await dialog.waitFor({ state: 'hidden' });
      const sentItem = dept.getByTestId('helper-alerts-sent').locator(`[data-testid="helper-alert"][data-lesson-id="${lesson.id}"]`);
      await sentItem.waitFor();
      expect(await sentItem.getByTestId('helper-alert-when').innerText()).toContain('Lương Thị Thanh Hà');

      const sent = (await so.get<HelperAlertDto[]>('/api/helper/alerts')).body[0];
      expect(sent).toMatchObject({ lessonId: lesson.id, lessonTitle: lesson.title, level: 'THCS', sign: 'PRIZE_OR_REFUND' });
      expect(Buffer.from(sent.note)).toEqual(Buffer.from(NOTE));
      await settled(dept);
      await dept.getByTestId('helper-alerts-sent').screenshot({ path: path.join(SHOTS, 'alerts-sent.png') });
      await desk.close();

      // The teacher of 8A1, on a phone.
      const phone = await phoneContext(browser);
      const page = await phone.newPage();
      await homeWithAlerts(page, 'gv1', 'home-teacher');
      const card = page.getByTestId('home-alerts');
      await card.waitFor();
      expect(await card.innerText()).toContain('Cảnh báo của Sở');
      const item = card.locator(`[data-testid="helper-alert"][data-lesson-id="${lesson.id}"]`).first();
      expect(Buffer.from((await item.getByTestId('helper-alert-note').textContent()) ?? '')).toEqual(Buffer.from(NOTE));
      expect(await item.locator('i').count()).toBe(0);
      expect(await item.getByTestId('helper-alert-sign').innerText()).toBe(HELPER_SIGNS.PRIZE_OR_REFUND.label.vi);
      expect(await item.getByTestId('helper-alert-when').innerText()).toBe(`Gửi lúc ${vietnamTime(sent.sentAt)}`);
      const assign = item.getByTestId('helper-alert-assign');
      expect((await assign.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await noSidewaysScroll(page);
      await settled(page);
      await page.screenshot({ path: path.join(SHOTS, 'teacher-home-phone.png') });
      await page.screenshot({ path: path.join(SHOTS, 'teacher-home-phone-full.png'), fullPage: true });

      // The title opens the teacher's lesson preview; "Giao bài" the assign page with the lesson chosen and 8A1 ticked.
      await item.getByTestId('helper-alert-lesson-link').click();
      await page.waitForURL(`**/teacher/lessons/${lesson.id}`);
      await page.getByText(lesson.title).first().waitFor();
      await page.goBack();
      await item.getByTestId('helper-alert-assign').click();
      await page.waitForURL((url) => url.pathname === '/teacher/assign' && url.searchParams.get('lessonId') === lesson.id);
      const chosen = page.locator(`[data-testid="plan-lesson"][data-lesson-id="${lesson.id}"]`);
      await page.waitForFunction((id) => document.querySelector(`[data-testid="plan-lesson"][data-lesson-id="${id}"] input`)?.matches(':checked'), lesson.id);
      expect(await chosen.getAttribute('class')).toContain('plan-row--on');
      await expectAttribute(page.locator('[data-testid="assign-class"][data-class-name="8A1"]'), 'aria-checked', 'true');
      await noSidewaysScroll(page);
      await phone.close();

      // A THPT school: the THCS lesson's alert is not there.
      const thpt = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const thptPage = await thpt.newPage();
      await homeWithAlerts(thptPage, 'thpt1-admin', 'home-school_admin');
      await thptPage.waitForTimeout(300);
      expect(await thptPage.locator(`[data-testid="helper-alert"][data-lesson-id="${lesson.id}"]`).count()).toBe(0);
      expect(await thptPage.getByTestId('home-school_admin').innerText()).not.toContain(NOTE.slice(0, 30));
      await thpt.close();

      // The THCS school's admin sees it on their home; a student's pages never ask for alerts.
      const school = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const schoolPage = await school.newPage();
      await homeWithAlerts(schoolPage, 'thcs1-admin', 'home-school_admin');
      await schoolPage.locator(`[data-testid="home-alerts"] [data-testid="helper-alert"][data-lesson-id="${lesson.id}"]`).first().waitFor();
      await school.close();

      const student = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const studentPage = await student.newPage();
      const asked: string[] = [];
      studentPage.on('request', (request) => {
        if (request.url().includes('/api/helper/alerts')) asked.push(request.url());
      });
      await signIn(studentPage, app.url, 'hs1', 'home-student');
      await settled(studentPage);
      expect(asked).toEqual([]);
      expect(await studentPage.getByTestId('home-alerts').count()).toBe(0);
      await student.close();

      fs.copyFileSync(path.join(SHOTS, 'teacher-home-phone.png'), path.join(SCREENSHOTS, 'helper-alerts-teacher-phone.png'));
    },
    TIMEOUT,
  );
});
