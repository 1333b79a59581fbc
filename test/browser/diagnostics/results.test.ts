import path from 'node:path';
import type { DiagnosticResultsDto } from '@tinhtao/shared';
import type { Browser } from 'playwright-core';
import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAttribute, launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';

let app: TestApp;
let browser: Browser;
let results: DiagnosticResultsDto;
const TIMEOUT = 180_000;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const dept = await new Api(app.url).signedIn('so-admin');
  const [demo] = (await dept.get<{ id: string }[]>('/api/diagnostics')).body;
  results = (await dept.get<DiagnosticResultsDto>(`/api/diagnostics/${demo!.id}/results`)).body;
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the diagnostics results', () => {
  it('shows the dept admin the province’s gain, the charts and every school, small ones without figures, and drills into a school', async () => {
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
  }, TIMEOUT);

  it('shows a student their own before and after on the phone', async () => {
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
  }, TIMEOUT);

  it('lets the dept admin build a diagnostic from the bank: the save waits for two forms that mix genuine and false items', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, 'so-admin', 'home-dept_admin');
    await page.goto(`${app.url}/dept/diagnostics`);
    await page.getByTestId('diagnostic-create').click();
    await page.getByTestId('diagnostic-new').waitFor();
    await page.getByTestId('diagnostic-title').locator('input').fill('Khảo sát thử nghiệm học kỳ II');
    await page.getByTestId('diagnostic-bank-item').nth(7).waitFor();
    const bank = page.getByTestId('diagnostic-bank-item');
    for (let n = 0; n < 8; n++) await bank.nth(n).getByTestId(n < 4 ? 'diagnostic-add-A' : 'diagnostic-add-B').click();
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
    const made = (await dept.get<{ id: string; title: string; itemsPerForm: number }[]>('/api/diagnostics')).body.find((d) => d.title === 'Khảo sát thử nghiệm học kỳ II')!;
    expect(made.itemsPerForm).toBe(4);
    const detail = (await dept.get<{ items: { form: string; genuine: boolean }[] }>(`/api/diagnostics/${made.id}`)).body;
    expect(detail.items.filter((i) => i.form === 'A' && i.genuine)).toHaveLength(1);
    expect(detail.items.filter((i) => i.form === 'B' && i.genuine)).toHaveLength(1);
    await page.locator(`[data-testid="diagnostic-card"][data-id="${made.id}"]`).waitFor();
    await context.close();
  }, TIMEOUT);
});
