import { schoolYearOf } from '@tinhtao/shared';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';

/**
 * One clock for the server and the database: started with CLOCK_START on a date far from the
 * run's, the app judges a window in JavaScript and in SQL by that date, and the rows it
 * writes carry it.
 */
const APP_NOW = Date.parse('2031-03-10T09:00:00+07:00');
const hoursFromAppNow = (h: number) => new Date(APP_NOW + h * 3600_000).toISOString();
let app: TestApp;
let api: Api;

beforeAll(async () => {
  app = await startApp({ CLOCK_START: new Date(APP_NOW).toISOString(), CLOCK_OFFSET_MS: '' });
  api = new Api(app.url);
});
afterAll(() => app?.stop());

describe('CLOCK_START', () => {
  it('opens a window by the app date in every layer, and stamps rows with it', async () => {
    const gv1 = await api.signedIn('gv1');
    const klass = (await gv1.get('/api/classes')).body.find((c: { name: string }) => c.name === '8A1');
    const year = schoolYearOf(testNow());
    const lesson = (await gv1.get(`/api/lessons?year=${year}&level=THCS&kind=SAFETY`)).body[0];
    expect(lesson).toBeDefined();
    // Opened an hour before the app's now, due tomorrow by it: open now, whatever the real date.
    const created = await gv1.post('/api/assignments', { lessonId: lesson.id, classIds: [klass.id], opensAt: hoursFromAppNow(-1), dueAt: hoursFromAppNow(24) });
    expect(created.status).toBe(201);
    const hs1 = await api.signedIn('hs1');
    const mine = (await hs1.get('/api/assignments')).body.find((a: { id: string }) => a.id === created.body.id);
    expect({ status: mine.status, overdue: mine.overdue }).toEqual({ status: 'not_started', overdue: false });
    const attempt = await hs1.post(`/api/assignments/${created.body.id}/attempt`);
    expect({ status: attempt.status, attempt: attempt.body.status }).toEqual({ status: 200, attempt: 'in_progress' });
    // The audit row took its time from the database default, app_now().
    const dept = await api.signedIn('so-admin');
    const log = (await dept.get('/api/audit?action=assignment.created&limit=5')).body;
    const event = (log.items ?? log).find((e: { entityId: string }) => e.entityId === created.body.id);
    expect(Math.abs(Date.parse(event.at) - APP_NOW)).toBeLessThan(10 * 60_000);
  });
});
