import path from 'node:path';

import { type DiagnosticResultsDto, ITEM_FLAG_MIN_RESPONSES, schoolYearOf } from '@tinhtao/shared';
import type { Browser, Page } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAttribute, launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNow } from '../../support/clock.js';

let app: TestApp;
let browser: Browser;
let results: DiagnosticResultsDto;
const TIMEOUT = 180_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const dept = await new Api(app.url).signedIn('so-admin');
  const [demo] = (await dept.get<{ id: string }[]>('/api/diagnostics')).body;
  results = (await dept.get<DiagnosticResultsDto>(`/api/diagnostics/${demo.id}/results`)).body;
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the diagnostics results', () => {
  it(
    'shows the dept admin the province’s gain, the charts and every school, small ones without figures, and drills into a school',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.goto(`${app.url}/dept/diagnostics`);
      await page.getByTestId('diagnostic-results-link').first().click();
      await page.getByTestId('diagnostic-tiles').waitFor();
      await page.getByTestId('diagnostic-chart-prepost').locator('canvas').waitFor();
      await page.getByTestId('diagnostic-chart-techniques').locator('canvas').waitFor();
      await settled(page);
      await page.waitForTimeout(1500); // the charts' drawing animation
      await page.screenshot({ path: path.join(SCREENSHOTS, 'diagnostics-province.png'), fullPage: true });
      // A school without a post-test yet shows "—" for it, never "—%".
      expect(await page.locator('body').innerText()).not.toContain('—%');

      expect(Number(await page.getByTestId('diagnostic-gain').getAttribute('data-gain'))).toBeCloseTo(results.total.summary!.gain!.mean, 6);
      const rows = page.locator('[data-testid="diagnostic-group"]');
      const schoolIds = results.schools.map((s) => s.id);
      const shown = await rows.evaluateAll((r) => r.map((x) => ({ id: x.getAttribute('data-id'), hidden: x.getAttribute('data-hidden') })));
      for (const school of results.schools) expect(shown).toContainEqual({ id: school.id, hidden: school.summary ? 'false' : 'true' });

      const open = results.schools.find((s) => s.summary)!;
      await page.locator(`[data-testid="diagnostic-group"][data-id="${open.id}"]`).getByTestId('diagnostic-open-group').click();
      await page.locator('[data-testid="diagnostic-results"][data-scope="school"]').waitFor();
      expect(schoolIds).toContain(open.id);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'shows each phase’s item figures side by side, every flag from the figure beside it, and no demo item flagged',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.goto(`${app.url}/dept/diagnostics/${results.diagnostic.id}`);
      await page.getByTestId('diagnostic-items').waitFor();
      await settled(page);
      await page.getByTestId('diagnostic-items').screenshot({ path: path.join(SCREENSHOTS, 'diagnostics-items.png') });
      const cells = await page
        .getByTestId('diagnostic-items')
        .locator('[data-phase]')
        .evaluateAll((all) =>
          all.map((e) => ({
            what: e.getAttribute('data-testid'),
            phase: e.getAttribute('data-phase') as 'pre' | 'post',
            value: e.getAttribute('data-value'),
            flags: e.getAttribute('data-flags'),
            text: e.textContent,
          })),
        );
      const discrimination = cells.filter((c) => c.what === 'item-discrimination');
      const flags = cells.filter((c) => c.what === 'item-flags');
      expect(discrimination).toHaveLength(results.items.length * 2);
      results.items.forEach((item, row) => {
        for (const [n, phase] of (['pre', 'post'] as const).entries()) {
          const shown = discrimination[row * 2 + n];
          const r = item[phase].discrimination;
          expect({ row, phase, value: shown.value }).toEqual({ row, phase, value: r === null ? '' : String(r) });
          // The rule, read off the page: weak below 0.2, negative below 0, once there are enough responses.
          const expected =
            r === null || item[phase].n < ITEM_FLAG_MIN_RESPONSES ? [] : r < 0 ? ['negative_discrimination'] : r < 0.2 ? ['weak_discrimination'] : [];
          const shownFlags = flags[row * 2 + n].flags!.split(' ').filter((f) => f.endsWith('discrimination'));
          expect({ row, phase, flags: shownFlags }).toEqual({ row, phase, flags: expected });
        }
      });
      // The demo's answers follow the students' ability, so its items work: none is flagged at all.
      expect(flags.filter((f) => f.flags)).toEqual([]);
      expect(results.items.every((i) => i.pre.n >= ITEM_FLAG_MIN_RESPONSES)).toBe(true);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'opens on the teacher’s own class for gv1, with no error, and on the school for its admin, who drills into a class and back',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const teacher = await context.newPage();
      await signIn(teacher, app.url, 'gv1', 'home-teacher');
      await openResults(teacher, 'teacher');
      await teacher.locator('[data-testid="diagnostic-results"][data-scope="class"]').waitFor();
      expect(await teacher.getByTestId('diagnostic-results').innerText()).toContain('8A1');
      await teacher.getByTestId('diagnostic-tiles').waitFor();
      await settled(teacher);
      expect(await teacher.getByText('Bạn không có quyền thực hiện thao tác này').count()).toBe(0);
      await teacher.screenshot({ path: path.join(SCREENSHOTS, 'diagnostics-teacher.png'), fullPage: true });

      await context.close();

      const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const admin = await adminContext.newPage();
      await signIn(admin, app.url, 'thcs1-admin', 'home-school_admin');
      await openResults(admin, 'school');
      await admin.locator('[data-testid="diagnostic-results"][data-scope="school"]').waitFor();
      expect(await admin.getByText('Bạn không có quyền thực hiện thao tác này').count()).toBe(0);
      await admin.getByTestId('diagnostic-open-group').first().click();
      await admin.locator('[data-testid="diagnostic-results"][data-scope="class"]').waitFor();
      await admin.getByTestId('diagnostic-scope-up').click();
      await admin.locator('[data-testid="diagnostic-results"][data-scope="school"]').waitFor();
      await adminContext.close();
    },
    TIMEOUT,
  );

  it(
    'gives a teacher of two classes both, each openable, when the page names no scope',
    async () => {
      const school = await new Api(app.url).signedIn('thcs1-admin');
      const gv1 = await new Api(app.url).signedIn('gv1');
      const me = (await gv1.get<{ id: string; schoolId: string }>('/api/me')).body;
      const made = await school.post<{ id: string }>('/api/classes', {
        schoolId: me.schoolId,
        name: '8A9',
        grade: 8,
        schoolYear: schoolYearOf(testNow()),
        teacherIds: [me.id],
      });
      expect(made.status).toBe(201);
      const mine = (await gv1.get<DiagnosticResultsDto>(`/api/diagnostics/${results.diagnostic.id}/results`)).body;
      expect(mine.scope).toMatchObject({ type: 'teacher', id: me.id });
      expect(mine.classes.map((c) => c.name)).toEqual(['8A1', '8A9']);

      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'gv1', 'home-teacher');
      await openResults(page, 'teacher');
      await page.locator('[data-testid="diagnostic-results"][data-scope="teacher"]').waitFor();
      const rows = page.locator('[data-testid="diagnostic-group"]');
      expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-id')))).toEqual(mine.classes.map((c) => c.id));
      await page.locator(`[data-testid="diagnostic-group"][data-id="${mine.classes[0].id}"]`).getByTestId('diagnostic-open-group').click();
      await page.locator('[data-testid="diagnostic-results"][data-scope="class"]').waitFor();
      await page.getByTestId('diagnostic-scope-up').click();
      await page.locator('[data-testid="diagnostic-results"][data-scope="teacher"]').waitFor();
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'shows a student their own before and after on the phone',
    async () => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      // A student of 8A1 who took both tests, found through the class's results.
      const school = await new Api(app.url).signedIn('thcs1-admin');
      const klass = (await school.get<{ id: string; name: string }[]>('/api/classes')).body.find((c) => c.name === '8A1')!;
      const inClass = (await school.get<DiagnosticResultsDto>(`/api/diagnostics/${results.diagnostic.id}/results?classId=${klass.id}`)).body;
      const both = inClass.students!.find((s) => s.pre !== null && s.post !== null)!;
      const roster = (await school.get<{ id: string; username: string }[]>(`/api/classes/${klass.id}/students`)).body;
      await signIn(page, app.url, roster.find((r) => r.id === both.id)!.username, 'home-student');
      await page.getByTestId('my-diagnostics').waitFor();
      expect(await page.getByTestId('my-diagnostic-pre').first().innerText()).toBe(`${Math.round(both.pre!)}%`);
      expect(await page.getByTestId('my-diagnostic-post').first().innerText()).toBe(`${Math.round(both.post!)}%`);
      await settled(page);
      await noSidewaysScroll(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'diagnostics-student.png'), fullPage: true });
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'lets the dept admin build a diagnostic from the bank: the save waits for two forms that mix genuine and false items',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.goto(`${app.url}/dept/diagnostics`);
      await page.getByTestId('diagnostic-create').click();
      await page.getByTestId('diagnostic-new').waitFor();
      await page.getByTestId('diagnostic-title').locator('input').fill('Khảo sát thử nghiệm học kỳ II');
      await page.getByTestId('diagnostic-bank-item').nth(7).waitFor();
      const bank = page.getByTestId('diagnostic-bank-item');
      for (let n = 0; n < 8; n++)
        await bank
          .nth(n)
          .getByTestId(n < 4 ? 'diagnostic-add-A' : 'diagnostic-add-B')
          .click();
      await expectAttribute(page.getByTestId('diagnostic-form-A'), 'data-count', '4');
      await expectAttribute(page.getByTestId('diagnostic-form-B'), 'data-count', '4');
      // Every true/false item starts as "false content": a form with no genuine item cannot be saved.
      expect(await page.getByTestId('diagnostic-save').isDisabled()).toBe(true);
      const missing = await page.getByTestId('diagnostic-problems').innerText();
      expect(missing).toContain('Đề A: Cần ít nhất một câu là tin thật');
      expect(missing).not.toMatch(/genuine|forms\.|title|Too small/);
      for (const form of ['A', 'B']) await page.getByTestId(`diagnostic-form-${form}`).getByTestId('diagnostic-entry-genuine').first().click();
      await page.getByTestId('diagnostic-problems').waitFor({ state: 'detached' });
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'diagnostics-builder.png'), fullPage: true });
      await page.getByTestId('diagnostic-save').click();
      await page.getByTestId('diagnostics-page').waitFor();

      const dept = await new Api(app.url).signedIn('so-admin');
      const made = (await dept.get<{ id: string; title: string; itemsPerForm: number }[]>('/api/diagnostics')).body.find(
        (d) => d.title === 'Khảo sát thử nghiệm học kỳ II',
      )!;
      expect(made.itemsPerForm).toBe(4);
      const detail = (await dept.get<{ items: { form: string; genuine: boolean }[] }>(`/api/diagnostics/${made.id}`)).body;
      expect(detail.items.filter((i) => i.form === 'A' && i.genuine)).toHaveLength(1);
      expect(detail.items.filter((i) => i.form === 'B' && i.genuine)).toHaveLength(1);
      await page.locator(`[data-testid="diagnostic-card"][data-id="${made.id}"]`).waitFor();
      await context.close();
    },
    TIMEOUT,
  );
});

/** "Khảo sát trước – sau" → "Xem kết quả", as a member of staff reaches the results. */
async function openResults(page: Page, section: 'teacher' | 'school'): Promise<void> {
  await page.goto(`${app.url}/${section}/diagnostics`);
  await page.locator(`[data-testid="diagnostic-card"][data-id="${results.diagnostic.id}"]`).getByTestId('diagnostic-results-link').click();
}
