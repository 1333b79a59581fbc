import path from 'node:path';

import { schoolYearOf } from '@tinhtao/shared';
import type { Browser } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNow } from '../../support/clock.js';

/** The Department's audit log reads as sentences about people and things: no ids, no codes, no JSON. */
let app: TestApp;
let browser: Browser;
const TIMEOUT = 180_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CLASS_NAME = 'Đội tuyển Tỉnh Táo';

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the audit log', () => {
  it(
    'names the actor, the school, the record and its people, labels the action, and shows what changed in words',
    async () => {
      // A school admin makes a class taught by gv1, then renames it: two events about one class.
      const anon = new Api(app.url);
      const head = await anon.signedIn('thcs1-admin');
      const me = (await head.get('/api/me')).body as { schoolId: string; fullName: string };
      const gv1 = (await head.get('/api/users?q=gv1&role=teacher')).body.items.find((u: { username: string }) => u.username === 'gv1') as {
        id: string;
        fullName: string;
      };
      const created = await head.post('/api/classes', {
        schoolId: me.schoolId,
        name: 'Đội tuyển',
        grade: 8,
        schoolYear: schoolYearOf(testNow()),
        teacherIds: [gv1.id],
      });
      expect(created.status).toBe(201);
      expect((await head.patch(`/api/classes/${created.body.id}`, { name: CLASS_NAME })).status).toBe(200);

      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, app.url, 'so-admin', 'home-dept_admin');
      await page.goto(`${app.url}/dept/audit`);
      const row = page.locator('[data-testid="audit-row"][data-action="class.created"]').first();
      await row.waitFor();
      await settled(page);

      const text = await row.innerText();
      expect(text).toContain('Tạo lớp');
      expect(text).toContain(me.fullName);
      expect(text).toContain('Trường THCS Đông Kinh');
      // The class is named as it is now, though it was created under another name.
      expect(text).toContain(CLASS_NAME);
      expect(text).not.toContain('class.created');

      await row.locator('.n-data-table-expand-trigger').click();
      const detail = page.getByTestId('audit-detail').first();
      await detail.waitFor();
      const changes = await detail.innerText();
      expect(changes).toContain('Giáo viên');
      expect(changes).toContain(gv1.fullName);
      expect(changes).toContain('Khối');
      expect(changes).toContain('Trường THCS Đông Kinh');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-log.png'), fullPage: true });

      // Nothing on the page is an id, a machine code or JSON.
      const table = await page.getByTestId('audit-table').innerText();
      expect(table).not.toMatch(UUID);
      expect(table).not.toMatch(/[{}]|"\w+":/);
      expect(table).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
      await context.close();

      const phone = await phoneContext(browser);
      const small = await phone.newPage();
      await signIn(small, app.url, 'so-admin', 'home-dept_admin');
      await small.goto(`${app.url}/dept/audit`);
      await small.locator('[data-testid="audit-row"][data-action="class.updated"]').first().waitFor();
      await settled(small);
      const phoneText = await small.getByTestId('audit-table').innerText();
      expect(phoneText).toContain('Sửa lớp');
      expect(phoneText).not.toMatch(UUID);
      await small.screenshot({ path: path.join(SCREENSHOTS, 'audit-log-phone.png'), fullPage: true });
      await phone.close();
    },
    TIMEOUT,
  );
});
