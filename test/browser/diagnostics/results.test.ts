import path from 'node:path';
import type { DiagnosticResultsDto } from '@tinhtao/shared';
import type { Browser } from 'playwright-core';
import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';

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
});
