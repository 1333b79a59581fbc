import path from 'node:path';

import { type MyTrainingDto, schoolYearOf, type TrainingCoverageDto, type TrainingProgramDto } from '@tinhtao/shared';
import pg from 'pg';
import type { Browser } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAttribute, launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNow } from '../../support/clock.js';

/**
 * The staff program in the browser: the Department gives a lesson to every school and to its
 * own officials from the training page on a laptop; gv1 finds it on the home page of a phone,
 * does it in the students' player and hands it in; the Department's figures move.
 */
let app: TestApp;
let browser: Browser;
let db: pg.Client;
const TIMEOUT = 180_000;
const LAPTOP = { width: 1366, height: 850 };
const year = schoolYearOf(testNow());

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
}, TIMEOUT);
afterAll(async () => {
  await db?.end();
  await browser?.close();
  await app?.stop();
});

describe('the staff program', () => {
  it(
    'the Department gives a lesson on a laptop, gv1 does it on a phone, the figures move',
    async () => {
      const so = await new Api(app.url).signedIn('so-admin');
      const program = (await so.get<TrainingProgramDto>(`/api/training/program?year=${year}`)).body;
      const lesson = program.lessons[3];
      const before = (await so.get<TrainingCoverageDto>(`/api/training/coverage?year=${year}`)).body;

      // The Department, on a laptop: the figures first, then "Giao bài" to every school and its officials.
      const laptop = await browser.newContext({ viewport: LAPTOP });
      const dept = await laptop.newPage();
      await signIn(dept, app.url, 'so-admin', 'home-dept_admin');
      await dept.goto(`${app.url}/dept/boi-duong`);
      await dept.getByTestId('training-coverage').waitFor();
      const rows = dept.getByTestId('training-units').locator('tbody tr');
      expect(await rows.count()).toBe(before.units.length + 1);
      expect(await rows.first().innerText()).toContain('Sở Giáo dục và Đào tạo');
      await settled(dept);
      await dept.screenshot({ path: path.join(SCREENSHOTS, 'training-dept-coverage-laptop.png'), fullPage: true });

      await dept.getByTestId('training-give').click();
      const form = dept.getByTestId('training-give-form');
      await form.waitFor();
      await form.getByTestId('training-give-lesson').click();
      await dept.locator('.n-base-select-option', { hasText: lesson.title }).click();
      await form.getByTestId('training-give-department').click();
      await form.getByTestId('training-give-all').click();
      await settled(dept);
      await dept.screenshot({ path: path.join(SCREENSHOTS, 'training-dept-give-laptop.png') });
      const given = dept.waitForResponse((r) => r.url().endsWith('/api/training/assignments') && r.request().method() === 'POST');
      await form.getByTestId('training-give-submit').click();
      expect((await given).status()).toBe(201);
      await form.waitFor({ state: 'detached' });
      const { rows: counted } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignment WHERE audience = 'staff' AND lesson_id = $1`, [
        lesson.id,
      ]);
      expect(counted[0].n).toBe(before.units.length + 1);

      // gv1, on a phone: the home says there is a lesson to do; the training page opens it in the player.
      const phone = await phoneContext(browser);
      const page = await phone.newPage();
      await signIn(page, app.url, 'gv1', 'home-teacher');
      const card = page.getByTestId('training-card');
      await card.waitFor();
      expect(await card.innerText()).toContain('bài bồi dưỡng');
      await card.getByRole('button').tap();
      await page.getByTestId('training-page').waitFor();
      const mine = (await (await new Api(app.url).signedIn('gv1')).get<MyTrainingDto[]>('/api/training/mine')).body.find((m) => m.lessonId === lesson.id)!;
      const row = page.locator(`[data-testid="training-mine"] li[data-status="not_started"]`, { hasText: lesson.title });
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'training-teacher-mine-phone.png'), fullPage: true });
      await noSidewaysScroll(page);
      await row.getByTestId('training-open').tap();
      await page.getByTestId('player-lesson').waitFor();
      expect(await page.locator('.player__title').innerText()).toBe(lesson.title);
      expect(await page.getByTestId('player-lesson').innerText()).toContain('Dành cho cán bộ, giáo viên');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'training-player-lesson-phone.png') });
      await noSidewaysScroll(page);
      await page.getByTestId('player-begin').tap();
      expect(await page.getByTestId('player-position').innerText()).toBe(`Câu 1/${lesson.itemCount}`);

      // The answers (the keys, from the database: the page never holds them), saved as the player saves them; then hand in on the page.
      const gv1 = await new Api(app.url).signedIn('gv1');
      const started = (await gv1.post<{ attempt: { attemptId: string } }>(`/api/training/assignments/${mine.id}/attempt`)).body;
      const { rows: keys } = await db.query<{ id: string; answer: unknown }>(
        `SELECT i.id, i.answer FROM lesson_item li JOIN item i ON i.id = li.item_id WHERE li.lesson_id = $1`,
        [lesson.id],
      );
      for (const key of keys)
        expect((await gv1.put(`/api/attempts/${started.attempt.attemptId}/responses/${key.id}`, { response: key.answer, seq: 1 })).status).toBe(200);
      await page.reload();
      await expectAttribute(page.getByTestId('player'), 'data-stage', 'items');
      await page
        .getByTestId('player-dot')
        .nth(lesson.itemCount - 1)
        .tap();
      await page.getByTestId('player-submit').tap();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Nộp bài' }).tap();
      await page.getByTestId('player-result').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('result-passed').innerText()).toBe('Đạt');
      expect(await page.getByTestId('result-percent').innerText()).toBe('100%');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'training-player-result-phone.png') });

      // The Department's figures: THCS Đông Kinh has one more completed pair, students' coverage is another page.
      const after = (await so.get<TrainingCoverageDto>(`/api/training/coverage?year=${year}`)).body;
      const school = (c: TrainingCoverageDto) => c.units.find((u) => u.name === 'Trường THCS Đông Kinh')!;
      expect(school(after).coverage.done).toBe(school(before).coverage.done + 1);
      await dept.reload();
      await dept.getByTestId('training-coverage').waitFor();
      expect(await dept.getByTestId('training-units').locator('tbody tr', { hasText: 'Trường THCS Đông Kinh' }).innerText()).toContain(
        `${school(after).coverage.done}/${school(after).coverage.of}`,
      );
      // The students' coverage dashboard shows the staff program beside, as a program of its own.
      await dept.goto(`${app.url}/dept/coverage`);
      const staffCard = dept.getByTestId('coverage-staff');
      await staffCard.waitFor();
      expect(await staffCard.innerText()).toContain(`${after.staffReached.done}/${after.staffReached.of}`);
      await staffCard.scrollIntoViewIfNeeded();
      await settled(dept);
      await dept.screenshot({ path: path.join(SCREENSHOTS, 'training-coverage-dashboard-laptop.png') });
      await phone.close();
      await laptop.close();
    },
    TIMEOUT,
  );
});
