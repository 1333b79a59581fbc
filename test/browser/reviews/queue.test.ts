import path from 'node:path';

import type { ReviewQueueItemDto, ReviewSummaryDto } from '@tinhtao/shared';
import { schoolYearOf } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNow, testNowMs } from '../../support/clock.js';

/**
 * "Chấm bài": the queue grouped by question (its prompt and guide once), filters by class and
 * lesson, pages of a few answers, so the page stays a few screens long on a phone and a laptop.
 */
let app: TestApp;
let browser: Browser;
let gv1: Api;
let class8A2 = '';
let lessonWithShortAnswer = '';
const TIMEOUT = 240_000;
const PER_PAGE = 8;
const year = schoolYearOf(testNow());
const hour = 3600_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const anon = new Api(app.url);
  const admin = await anon.signedIn('thcs1-admin');
  gv1 = await anon.signedIn('gv1');
  const me = (await gv1.get('/api/me')).body as { id: string; schoolId: string };
  // A second class of gv1's, whose students answer a lesson's short-answer questions.
  const cls = await admin.post('/api/classes', { schoolId: me.schoolId, name: '8A2', grade: 8, schoolYear: year, teacherIds: [me.id] });
  expect(cls.status).toBe(201);
  class8A2 = cls.body.id;
  const students: string[] = [];
  for (const [i, fullName] of ['Vũ Thị Ánh', 'Đặng Văn Bảo', 'Lò Thị Cúc', 'Hà Văn Đông', 'Triệu Thị Én'].entries()) {
    const s = await admin.post('/api/users', { username: `hs8a2-${i + 1}`, fullName, role: 'student', schoolId: me.schoolId, password: 'Matkhau2026' });
    expect(s.status).toBe(201);
    students.push(`hs8a2-${i + 1}`);
    expect((await admin.post(`/api/classes/${class8A2}/students`, { studentIds: [s.body.id] })).status).toBe(200);
  }
  const lessons = (await gv1.get('/api/lessons?level=THCS')).body as { id: string }[];
  let shortItems: string[] = [];
  for (const l of lessons) {
    const items = (await gv1.get(`/api/lessons/${l.id}`)).body.items as { id: string; kind: string }[];
    shortItems = items.filter((x) => x.kind === 'short_answer').map((x) => x.id);
    if (shortItems.length > 0) {
      lessonWithShortAnswer = l.id;
      break;
    }
  }
  expect(lessonWithShortAnswer).not.toBe('');
  const assignment = await gv1.post('/api/assignments', {
    lessonId: lessonWithShortAnswer,
    classIds: [class8A2],
    opensAt: new Date(testNowMs() - hour).toISOString(),
    dueAt: new Date(testNowMs() + 48 * hour).toISOString(),
  });
  expect(assignment.status).toBe(201);
  for (const username of students) {
    const s = await anon.signedIn(username, 'Matkhau2026');
    const attempt = (await s.post(`/api/assignments/${assignment.body.id}/attempt`)).body.attemptId as string;
    for (const item of shortItems)
      expect((await s.put(`/api/attempts/${attempt}/responses/${item}`, { response: { text: `Em sẽ hỏi lại người lớn (${username}).` } })).status).toBe(200);
    expect((await s.post(`/api/attempts/${attempt}/submit`)).status).toBe(200);
  }
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What the page shows: its groups (item ids), guides, answers and height. */
async function shown(page: Page) {
  await settled(page);
  return page.evaluate(() => ({
    groups: [...document.querySelectorAll('[data-testid="review-group"]')].map((g) => `${g.getAttribute('data-lesson-id')}:${g.getAttribute('data-item-id')}`),
    guides: document.querySelectorAll('[data-testid="review-guide"]').length,
    prompts: document.querySelectorAll('[data-testid="review-prompt"]').length,
    answers: [...document.querySelectorAll('[data-testid="review-card"]')].map((c) => c.getAttribute('data-response-id')),
    height: document.documentElement.scrollHeight,
  }));
}

async function pickOption(page: Page, select: string, label: string): Promise<void> {
  await page.getByTestId(select).click();
  await page.locator('.n-base-select-option', { hasText: label }).first().click();
}

describe('Chấm bài', () => {
  it('the API pages and filters the queue, grouped by question, and keeps its old shape', async () => {
    const all = (await gv1.get('/api/reviews')).body as ReviewQueueItemDto[];
    const summary = (await gv1.get('/api/reviews/summary')).body as ReviewSummaryDto;
    expect(summary.total).toBe(all.length);
    expect(all.length).toBeGreaterThan(PER_PAGE);
    expect(Object.keys(all[0])).toEqual(
      expect.arrayContaining([
        'responseId',
        'attemptId',
        'studentName',
        'className',
        'lessonTitle',
        'prompt',
        'modelAnswer',
        'text',
        'maxScore',
        'submittedAt',
      ]),
    );
    // Grouped: once a question's answers end, that question does not come back.
    const keys = all.map((r) => `${r.lessonId}:${r.itemId}`);
    const runs = keys.filter((k, i) => i === 0 || keys[i - 1] !== k);
    expect(new Set(runs).size).toBe(runs.length);
    // Pages are slices of the same order.
    const second = (await gv1.get(`/api/reviews?limit=${PER_PAGE}&offset=${PER_PAGE}`)).body as ReviewQueueItemDto[];
    expect(second.map((r) => r.responseId)).toEqual(all.slice(PER_PAGE, 2 * PER_PAGE).map((r) => r.responseId));
    const of8A2 = (await gv1.get(`/api/reviews?classId=${class8A2}`)).body as ReviewQueueItemDto[];
    expect(of8A2.length).toBeGreaterThanOrEqual(5);
    expect(of8A2.every((r) => r.className === '8A2')).toBe(true);
    expect(summary.classes.find((c) => c.id === class8A2)?.count).toBe(of8A2.length);
    // Another school's teacher filtering by this class sees nothing of it.
    expect((await (await new Api(app.url).signedIn('gv2')).get(`/api/reviews?classId=${class8A2}`)).body).toEqual([]);
    expect((await gv1.get('/api/reviews?limit=0')).status).toBe(400);
  });

  for (const device of ['laptop', 'phone'] as const) {
    it(
      `on a ${device}: one prompt and guide per question, filters by class and lesson, pages of ${PER_PAGE}`,
      async () => {
        const context = device === 'phone' ? await phoneContext(browser) : await browser.newContext({ viewport: { width: 1366, height: 900 } });
        const page = await context.newPage();
        await signIn(page, app.url, 'gv1', 'home-teacher');
        await page.goto(`${app.url}/teacher/reviews`);
        await page.getByTestId('review-group').first().waitFor();
        const first = await shown(page);
        expect(first.answers.length).toBe(PER_PAGE);
        expect(first.guides).toBe(first.groups.length);
        expect(first.prompts).toBe(first.groups.length);
        expect(new Set(first.groups).size).toBe(first.groups.length);
        expect(first.groups.length).toBeLessThan(first.answers.length);
        const bound = device === 'phone' ? 9000 : 6000;
        if (first.height > bound) throw new Error(`the ${device} page is ${first.height} px tall, expected at most ${bound}`);
        await noSidewaysScroll(page);
        await page.screenshot({ path: path.join(SCREENSHOTS, `reviews-${device}.png`), fullPage: true });

        // The next page: other answers.
        await page.getByTestId('reviews-pages').locator('.n-pagination-item', { hasText: '2' }).first().click();
        await page.waitForFunction(
          (before) => document.querySelector('[data-testid="review-card"]')?.getAttribute('data-response-id') !== before,
          first.answers[0],
        );
        const second = await shown(page);
        expect(second.answers.some((id) => first.answers.includes(id))).toBe(false);

        // By class: only 8A2's answers.
        await pickOption(page, 'reviews-class-filter', '8A2');
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="review-card"]')].length === 5);
        const classMetas = await page.getByTestId('review-card').locator('.review__meta').first().allInnerTexts();
        expect(classMetas.every((m) => m.includes('8A2'))).toBe(true);
        const byClass = await shown(page);
        expect(byClass.groups.every((g) => g.startsWith(`${lessonWithShortAnswer}:`))).toBe(true);

        // Cleared, then by lesson: only that lesson's questions.
        await page.getByTestId('reviews-class-filter').locator('.n-base-clear').click({ force: true });
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-card"]').length === 8);
        const lessonLabel = (await gv1.get(`/api/lessons/${lessonWithShortAnswer}`)).body.title as string;
        await pickOption(page, 'reviews-lesson-filter', lessonLabel);
        await page.waitForFunction(
          (lesson) => [...document.querySelectorAll('[data-testid="review-group"]')].every((g) => g.getAttribute('data-lesson-id') === lesson),
          lessonWithShortAnswer,
        );
        const byLesson = await shown(page);
        expect(byLesson.answers.length).toBeGreaterThan(0);
        await context.close();
      },
      TIMEOUT,
    );
  }

  it(
    'grading an answer takes it out of the page and the count',
    async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await signIn(page, app.url, 'gv1', 'home-teacher');
      await page.goto(`${app.url}/teacher/reviews`);
      const card = page.getByTestId('review-card').first();
      await card.waitFor();
      const id = await card.getAttribute('data-response-id');
      const before = ((await gv1.get('/api/reviews/summary')).body as ReviewSummaryDto).total;
      await card.getByTestId('review-score').fill('1');
      await card.getByTestId('review-save').click();
      await page.waitForFunction((gone) => !document.querySelector(`[data-response-id="${gone}"]`), id);
      expect(((await gv1.get('/api/reviews/summary')).body as ReviewSummaryDto).total).toBe(before - 1);

      // The page fills up again, and the next page starts right after it: no answer is skipped.
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="review-card"]').length === n, PER_PAGE);
      const first = await shown(page);
      await page.getByTestId('reviews-pages').locator('.n-pagination-item', { hasText: '2' }).first().click();
      await page.waitForFunction((was) => document.querySelector('[data-testid="review-card"]')?.getAttribute('data-response-id') !== was, first.answers[0]);
      const second = await shown(page);
      const queue = ((await gv1.get(`/api/reviews?limit=${2 * PER_PAGE}&offset=0`)).body as { responseId: string }[]).map((r) => r.responseId);
      expect([...first.answers, ...second.answers].slice(0, 2 * PER_PAGE)).toEqual(queue);
      await context.close();
    },
    TIMEOUT,
  );
});
