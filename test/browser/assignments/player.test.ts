import path from 'node:path';

import type { AssignmentDto, AttemptDto, LoginResponse, ProgressDto, StudentAssignmentDto, StudentLessonDto } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import {
  expectAccessible,
  expectAttribute,
  launchChromium,
  noSidewaysScroll,
  PHONE,
  phoneContext,
  SCREENSHOTS,
  settled,
  signIn,
} from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
let anon: Api;
/** A browser test logs in and walks several pages; the default 5 s is not enough. */
const TIMEOUT = 120_000;
const LAPTOP = { width: 1366, height: 850 };

/** What the first test leaves for the second: hs1's attempt in the open 8A1 assignment. */
const handedIn: {
  assignmentId?: string;
  lessonId?: string;
  attemptId?: string;
  shortItemId?: string;
  shortAnswer?: string;
  student?: LoginResponse['user'];
} = {};

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const login = (page: Page, username: string, home: string) => signIn(page, app.url, username, home);
const phone = () => phoneContext(browser);

const vi = (n: number, digits = 2) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(n);

describe('the lesson player on a phone', () => {
  it(
    'hs1 answers a red_flags and a claim_check item, reloads, finds them restored, hands in and sees the score',
    async () => {
      const hs1 = await anon.signedIn('hs1');
      handedIn.student = (await anon.login('hs1')).user;
      const own = (await hs1.get<StudentAssignmentDto[]>('/api/assignments')).body;
      const open = own.find((one) => one.status === 'not_started' && !one.overdue && !one.closed && !one.diagnosticPhase);
      if (!open) throw new Error(`expected an open assignment hs1 has not started, got ${JSON.stringify(own)}`);
      const lesson = (await hs1.get<StudentLessonDto>(`/api/lessons/${open.lessonId}`)).body;
      const kinds = lesson.items.map((item) => item.kind);
      const redFlagsAt = kinds.indexOf('red_flags');
      const claimAt = kinds.indexOf('claim_check');
      const shortAt = kinds.indexOf('short_answer');
      expect(redFlagsAt).toBeGreaterThanOrEqual(0);
      expect(claimAt).toBeGreaterThanOrEqual(0);
      Object.assign(handedIn, { assignmentId: open.id, lessonId: open.lessonId });

      const context = await phone();
      const page = await context.newPage();
      await login(page, 'hs1', 'home-student');
      const card = page.locator(`[data-testid="student-assignment"][data-id="${open.id}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('not_started');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-student-home-phone.png') });
      await card.tap();

      // A fresh attempt starts with the lesson; the questions come one by one.
      await page.getByTestId('player-lesson').waitFor();
      await page.getByTestId('player-begin').tap();
      const position = page.getByTestId('player-position');
      expect(await position.innerText()).toBe(`Câu 1/${kinds.length}`);
      const dots = page.getByTestId('player-dot');
      const saved = page.getByTestId('save-status');

      // red_flags: tap two segments.
      await dots.nth(redFlagsAt).tap();
      expect(await position.innerText()).toBe(`Câu ${redFlagsAt + 1}/${kinds.length}`);
      const redFlags = page.locator('[data-testid="item-view"][data-kind="red_flags"]');
      const segments = redFlags.getByTestId('red-flag-segment');
      await segments.nth(2).tap();
      await segments.nth(4).tap();
      expect(await segments.nth(2).getAttribute('aria-pressed')).toBe('true');
      await expectAttribute(saved, 'data-status', 'saved');
      expect(await saved.innerText()).toMatch(/^Đã lưu lúc \d{2}:\d{2}$/);
      await page.evaluate(() => window.scrollTo({ top: 0 }));
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-player-item-phone.png') });

      // Offline, a change is kept on the phone and says so; back online it is saved, newest value only.
      await context.setOffline(true);
      await segments.nth(5).tap();
      await expectAttribute(saved, 'data-status', 'offline');
      expect(await saved.innerText()).toBe('Đã lưu trên máy, sẽ gửi khi có mạng');
      await segments.nth(5).tap();
      await context.setOffline(false);
      await expectAttribute(saved, 'data-status', 'saved', 15_000);
      await noSidewaysScroll(page);

      // claim_check: a verdict and two pieces of evidence, then on to the next item (which saves at once).
      await dots.nth(claimAt).tap();
      const claim = page.locator('[data-testid="item-view"][data-kind="claim_check"]');
      await claim.getByTestId('verdict-option').nth(1).tap();
      await claim.getByTestId('evidence-option').nth(0).tap();
      await claim.getByTestId('evidence-option').nth(1).tap();
      await page.getByTestId('player-next').tap();
      await expectAttribute(saved, 'data-status', 'saved');
      await claim.waitFor({ state: 'detached' });

      // The server holds both answers.
      const started = (await hs1.post<AttemptDto>(`/api/assignments/${open.id}/attempt`)).body;
      handedIn.attemptId = started.attemptId;
      const redFlagsId = lesson.items[redFlagsAt].id;
      const claimId = lesson.items[claimAt].id;
      expect(started.responses[redFlagsId]).toEqual({ marked: [2, 4] });
      expect(started.responses[claimId]).toEqual({ verdict: 'false', evidence: [0, 1] });

      // A reload brings everything back and resumes at the first unanswered item.
      await page.reload();
      await expectAttribute(page.getByTestId('player'), 'data-stage', 'items');
      const firstOpen = lesson.items.findIndex((item) => !(item.id in started.responses));
      expect(await position.innerText()).toBe(`Câu ${firstOpen + 1}/${kinds.length}`);
      await dots.nth(redFlagsAt).tap();
      expect(await segments.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-pressed')))).toEqual(
        lesson.items[redFlagsAt].options.map((_, index) => String(index === 2 || index === 4)),
      );
      await dots.nth(claimAt).tap();
      const verdicts = claim.getByTestId('verdict-option');
      expect(await verdicts.nth(1).locator('input').isChecked()).toBe(true);
      const evidence = claim.getByTestId('evidence-option');
      expect(await evidence.nth(0).locator('input').isChecked()).toBe(true);
      expect(await evidence.nth(1).locator('input').isChecked()).toBe(true);
      expect(await evidence.nth(2).locator('input').isChecked()).toBe(false);

      // A short answer for the teacher; the other items stay unanswered.
      if (shortAt >= 0) {
        handedIn.shortItemId = lesson.items[shortAt].id;
        handedIn.shortAnswer = 'Em hỏi lại cô chủ nhiệm và xem trang chính thức của trường trước khi chia sẻ.';
        await dots.nth(shortAt).tap();
        await page.getByTestId('short-answer-input').fill(handedIn.shortAnswer);
        await expectAttribute(saved, 'data-status', 'saved');
      }

      // Hand in from the last item; the dialog warns about the unanswered ones.
      await dots.nth(kinds.length - 1).tap();
      await page.getByTestId('player-submit').tap();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toMatch(/còn \d+ câu chưa trả lời/);
      await expectAccessible(page, 'the hand-in dialog');
      await dialog.getByRole('button', { name: 'Nộp bài' }).tap();
      await dialog.waitFor({ state: 'detached' });

      const result = page.getByTestId('player-result');
      await result.waitFor({ timeout: 15_000 });
      const stored = (await hs1.get<AttemptDto>(`/api/attempts/${started.attemptId}`)).body;
      expect(stored.status).toBe('submitted');
      const graded = stored.result!;
      expect(await page.getByTestId('result-score').innerText()).toBe(`${vi(graded.score)}/${vi(graded.maxScore)} điểm`);
      expect(await page.getByTestId('result-percent').innerText()).toBe(`${vi(graded.percent, 1)}%`);
      expect(await page.getByTestId('result-passed').innerText()).toBe(graded.passed ? 'Đạt' : 'Chưa đạt');
      // Every item shows whether it was right, as the server graded it; the short answer waits for the teacher.
      const states = await result.getByTestId('item-result').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-state')));
      const expected = graded.items.map((item) =>
        item.correct === null ? 'pending' : item.correct ? 'correct' : item.score !== null && item.score > 0 ? 'partial' : 'wrong',
      );
      expect(states).toEqual(expected);
      if (shortAt >= 0) {
        expect(states[shortAt]).toBe('pending');
        expect(await page.getByTestId('result-pending').innerText()).toContain('chờ thầy cô chấm');
      }
      // A wrong red_flags answer shows the key under it.
      if (!graded.items[redFlagsAt].correct) {
        const key = result.locator('[data-testid="item-view"][data-kind="red_flags"]').getByTestId('item-result-key');
        expect(await key.innerText()).toContain('Các đoạn đáng ngờ');
      }
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-result-phone.png') });
      await noSidewaysScroll(page);

      // A handed-in assignment opens straight on its result, and the home shows the score.
      await page.reload();
      await expectAttribute(page.getByTestId('player'), 'data-stage', 'result');
      await page.getByRole('link', { name: 'Bài của em' }).tap();
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('submitted');
      expect(await card.getByTestId('assignment-score').innerText()).toContain(`${vi(graded.score)}/${vi(graded.maxScore)} điểm`);
      await context.close();
    },
    TIMEOUT,
  );
});

describe('following the class as its teacher', () => {
  it(
    "gv1 sees hs1's new result in the 8A1 matrix, downloads it, opens hs1's history and grades the short answer",
    async () => {
      if (!handedIn.attemptId || !handedIn.student) throw new Error('the player test did not hand in an attempt');
      const gv1 = await anon.signedIn('gv1');
      const page = await browser.newPage({ viewport: LAPTOP });
      await login(page, 'gv1', 'home-teacher');

      await page.getByRole('link', { name: 'Tiến độ' }).first().click();
      const matrix = page.getByTestId('progress-matrix');
      await matrix.waitFor();
      const classId = new URL(page.url()).pathname.split('/').pop()!;
      const progress = (await gv1.get<ProgressDto>(`/api/classes/${classId}/progress`)).body;
      expect(progress.className).toBe('8A1');
      const mine = progress.students.find((one) => one.username === 'hs1')!.cells.find((cell) => cell.lessonId === handedIn.lessonId)!;
      expect(['submitted', 'passed']).toContain(mine.status);
      const cell = matrix.locator(`[data-testid="progress-row"][data-username="hs1"] [data-testid="progress-cell"][data-lesson-id="${handedIn.lessonId}"]`);
      expect(await cell.getAttribute('data-status')).toBe(mine.status);
      expect(await cell.innerText()).toContain(`${vi(mine.percent!, 1)}%`);
      expect(await page.getByTestId('progress-legend').innerText()).toContain('Trễ hạn');
      expect(await page.getByTestId('lesson-chart').count()).toBe(1);
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-progress-wide.png'), fullPage: true });

      // The spreadsheet comes through the authorised fetch, never a token in a URL.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('progress-download').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(download.url()).not.toContain('token');

      // On a phone the names stay and the lessons scroll sideways inside the table, not the page.
      await page.setViewportSize(PHONE);
      await matrix.evaluate((node) => window.scrollTo({ top: node.getBoundingClientRect().top + window.scrollY - 180 }));
      await noSidewaysScroll(page);
      const scrolls = await matrix.evaluate((node) => node.scrollWidth > node.clientWidth);
      expect(scrolls).toBe(true);
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-progress-phone.png') });
      await page.setViewportSize(LAPTOP);

      // A name opens that student's history.
      await matrix.locator('[data-testid="progress-row"][data-username="hs1"] [data-testid="progress-student"]').click();
      const history = page.getByTestId('student-history');
      await history.waitFor();
      await history.getByRole('heading', { name: handedIn.student.fullName }).waitFor();
      const row = history.locator(`[data-testid="student-assignment"][data-id="${handedIn.assignmentId}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-status')).toBe('submitted');

      // The short answer waits in the review queue; a grade takes it out and counts in the attempt.
      await page.getByRole('link', { name: 'Chấm bài' }).first().click();
      await page.getByTestId('reviews-page').waitFor();
      if (!handedIn.shortAnswer) return;
      const review = page.locator(`[data-testid="review-card"][data-student="${handedIn.student.fullName}"]`).filter({ hasText: handedIn.shortAnswer });
      await review.waitFor();
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-reviews-wide.png'), fullPage: true });
      await review.getByTestId('review-score').fill('1.5');
      await review.getByTestId('review-comment').fill('Em đã nêu được việc hỏi thầy cô. Lần sau hãy nêu cả cách tìm nguồn gốc tin.');
      // The grade is saved first (a refusal or a slow server shows here, not as a card that stays), then the card leaves.
      const [saved] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname.startsWith('/api/reviews/')),
        review.getByTestId('review-save').click(),
      ]);
      expect(saved.status()).toBe(200);
      await review.waitFor({ state: 'detached' });
      const after = (await (await anon.signedIn('hs1')).get<AttemptDto>(`/api/attempts/${handedIn.attemptId}`)).body;
      const graded = after.result!.items.find((item) => item.itemId === handedIn.shortItemId);
      expect(graded?.score).toBe(1.5);
      expect(graded?.reviewComment).toContain('hỏi thầy cô');
      expect(after.result!.pendingReview).toBe(0);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'gv1 assigns a lesson 8A1 still lacks, with the default window, and sees it in the list',
    async () => {
      const gv1 = await anon.signedIn('gv1');
      const page = await browser.newPage({ viewport: LAPTOP });
      await login(page, 'gv1', 'home-teacher');
      await page.getByRole('link', { name: 'Giao bài' }).first().click();
      await page.getByTestId('assign-page').waitFor();

      const lacking = page
        .getByTestId('plan-lesson')
        .filter({ has: page.getByTestId('plan-missing') })
        .first();
      await lacking.waitFor();
      const lessonId = (await lacking.getAttribute('data-lesson-id'))!;
      await lacking.click();
      // Picking the lesson ticks the class that lacks it.
      await expectAttribute(page.locator('[data-testid="assign-class"][data-class-name="8A1"]'), 'aria-checked', 'true');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-assign-wide.png'), fullPage: true });
      await page.getByTestId('assign-submit').click();

      // The lesson is no longer missing for 8A1 once the plan reloads.
      await page.locator(`[data-testid="plan-lesson"][data-lesson-id="${lessonId}"]`).getByText('Đã giao: 8A1').waitFor();
      const given = (await gv1.get<AssignmentDto[]>('/api/assignments')).body;
      const created = given.find((one) => one.lessonId === lessonId);
      if (!created) throw new Error(`expected an assignment of lesson ${lessonId}, got ${JSON.stringify(given)}`);
      const days = (Date.parse(created.dueAt) - Date.parse(created.opensAt)) / 86_400_000;
      expect(days).toBeCloseTo(7, 3);
      const shown = page.locator(`[data-testid="assignment-row"][data-id="${created.id}"]`);
      await shown.waitFor();
      expect(await shown.getByTestId('submitted-bar').getAttribute('data-total')).toBe(String(created.students));

      await page.setViewportSize(PHONE);
      await noSidewaysScroll(page);
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'assignments-assign-phone.png'), fullPage: true });
      await page.close();
    },
    TIMEOUT,
  );

  it(
    "the school admin has the same pages for the school's classes",
    async () => {
      const page = await browser.newPage({ viewport: LAPTOP });
      await login(page, 'thcs1-admin', 'home-school_admin');
      for (const name of ['Giao bài', 'Tiến độ', 'Chấm bài', 'Chương trình học']) await page.getByRole('link', { name }).first().waitFor();
      await page.getByRole('link', { name: 'Tiến độ' }).first().click();
      await page.getByTestId('progress-matrix').waitFor();
      expect(await page.getByTestId('progress-row').count()).toBeGreaterThan(0);
      await page.close();
    },
    TIMEOUT,
  );
});
