import path from 'node:path';

import type { Browser } from 'playwright-core';
import sharp from 'sharp';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { hoursFromNow } from '../../support/clock.js';
import { tusUpload } from '../../support/tus.js';

/**
 * A poster contest in the browser: hs1 enters a poster on a phone (the file goes up over tus with
 * a progress bar), a Department judge scores it blind on a laptop, and the organiser sees the
 * ranking. The other entries and the other judges' scores come through the API.
 */
let app: TestApp;
let browser: Browser;
const TIMEOUT = 240_000;
const LAPTOP = { width: 1366, height: 850 };
const RUBRIC = {
  criteria: [
    { id: 'message', name: 'Thông điệp', weight: 60, maxScore: 10 },
    { id: 'craft', name: 'Kỹ thuật thể hiện', weight: 40, maxScore: 10 },
  ],
};
const TITLE = 'Đừng bấm vào đường link lạ';

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const poster = (hue: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: hue, g: 255 - hue, b: 90 } } })
    .composite([{ input: Buffer.from(`<svg width="640" height="480"><circle cx="${80 + (hue % 400)}" cy="240" r="120" fill="#fff"/></svg>`) }])
    .png()
    .toBuffer();

describe('a poster contest in the browser', () => {
  it(
    'a student enters a poster on a phone, a judge scores it on a laptop, the organiser sees the ranking',
    async () => {
      const anon = new Api(app.url);
      const dept = await anon.signedIn('so-admin');
      const windows = { submissionClosesAt: hoursFromNow(2), judgingOpensAt: hoursFromNow(2), judgingClosesAt: hoursFromNow(4) };
      const body = () => ({
        title: 'Áp phích “Tỉnh táo trên không gian mạng”',
        kinds: [{ kind: 'poster', mediaTypes: ['image/jpeg', 'image/png'], maxBytes: 5_000_000, maxFiles: 1 }],
        levels: ['THCS'],
        themes: ['Lừa đảo trực tuyến'],
        rules: 'Mỗi học sinh một tác phẩm.',
        entryMode: 'individual',
        rounds: [
          { stage: 'school', submissionOpensAt: hoursFromNow(-1), ...windows, advance: { per: 'school', top: 1 }, judgesPerEntry: 3 },
          {
            stage: 'province',
            promotionOpensAt: hoursFromNow(5),
            promotionClosesAt: hoursFromNow(6),
            judgingOpensAt: hoursFromNow(6),
            judgingClosesAt: hoursFromNow(8),
          },
        ],
      });
      const created = await dept.post<{ id: string }>('/api/submission-contests', body());
      expect({ status: created.status, body: created.status === 201 ? null : created.body }).toEqual({ status: 201, body: null });
      const contestId = created.body.id;
      expect((await dept.put(`/api/submission-contests/${contestId}/rubric`, RUBRIC)).status).toBe(200);

      // hs1, on a phone: the contest, the form, the poster going up, the entry sent.
      const phone = await phoneContext(browser);
      const student = await phone.newPage();
      await signIn(student, app.url, 'hs1', 'home-student');
      await student.goto(`${app.url}/student/submissions`);
      await student.getByTestId('submission-contest').first().click();
      await student.getByTestId('entry-new').click();
      await student.getByTestId('submission-entry').waitFor();
      await student.getByTestId('entry-theme').selectOption('Lừa đảo trực tuyến');
      await student.getByTestId('entry-title').fill(TITLE);
      await student.getByTestId('entry-description').fill('Một đường link lạ trong tin nhắn có thể lấy mất tài khoản của em.');
      await student.getByTestId('entry-technique').fill('Dừng lại, kiểm tra người gửi, không bấm.');
      await student.getByTestId('entry-file-input').setInputFiles({ name: 'ap-phich.png', mimeType: 'image/png', buffer: await poster(40) });
      await student.getByTestId('entry-file').waitFor({ timeout: 60_000 });
      await noSidewaysScroll(student);
      await student.screenshot({ path: path.join(SCREENSHOTS, 'submission-entry-phone.png'), fullPage: true });
      await student.getByTestId('entry-send').click();
      const mine = student.getByTestId('my-entry');
      await mine.waitFor({ timeout: 30_000 });
      expect(await mine.innerText()).toContain(TITLE);
      await student.screenshot({ path: path.join(SCREENSHOTS, 'submission-contest-phone.png'), fullPage: true });

      // Two more entries through the API; the teachers confirm all three.
      const entries = (await (await anon.signedIn('gv1')).get<{ items?: { id: string }[] } | { id: string }[]>(`/api/submission-contests/${contestId}/entries`))
        .body;
      const hs1Entry = (Array.isArray(entries) ? entries : (entries.items ?? []))[0];
      expect(hs1Entry).toBeDefined();
      const others: string[] = [];
      for (const [username, hue] of [
        ['hs2', 120],
        ['hs31', 200],
      ] as const) {
        const api = await anon.signedIn(username);
        const up = await tusUpload(api, contestId, `${username}.png`, await poster(hue));
        const entry = await api.post<{ id: string }>(`/api/submission-contests/${contestId}/entries`, {
          kind: 'poster',
          theme: 'Lừa đảo trực tuyến',
          title: `Tác phẩm của ${username}`,
          description: 'Áp phích về tin nhắn lừa đảo.',
          technique: 'Màu nước',
          fileIds: [up.fileId],
        });
        expect({ username, status: entry.status }).toEqual({ username, status: 201 });
        others.push(entry.body.id);
      }
      const gv1 = await anon.signedIn('gv1');
      expect((await gv1.post(`/api/submission-entries/${hs1Entry.id}/confirm`, { consentOnFile: true })).status).toBe(200);
      expect((await gv1.post(`/api/submission-entries/${others[0]}/confirm`, { consentOnFile: true })).status).toBe(200);
      expect((await (await anon.signedIn('gv2')).post(`/api/submission-entries/${others[1]}/confirm`, { consentOnFile: false })).status).toBe(200);

      // Three Department judges; the intake closes, judging opens, every judge gets every entry.
      const judges: { id: string; username: string; api: Api }[] = [];
      for (const [username, fullName] of [
        ['giam-khao-b1', 'Phạm Quốc Việt'],
        ['giam-khao-b2', 'Đặng Thị Ngọc Ánh'],
        ['giam-khao-b3', 'Bùi Minh Đức'],
      ] as const) {
        const made = await dept.post<{ id: string }>('/api/users', { username, fullName, role: 'dept_admin', schoolId: null, password: 'GiamKhao2026' });
        expect(made.status).toBe(201);
        judges.push({ id: made.body.id, username, api: await anon.signedIn(username, 'GiamKhao2026') });
      }
      expect((await dept.put(`/api/submission-contests/${contestId}/rounds/school/judges`, { judgeIds: judges.map((j) => j.id) })).status).toBe(200);
      windows.submissionClosesAt = windows.judgingOpensAt = hoursFromNow(-0.001);
      expect((await dept.put(`/api/submission-contests/${contestId}`, body())).status).toBe(200);
      expect((await dept.post(`/api/submission-contests/${contestId}/rounds/school/assignments`)).status).toBe(200);

      // The first judge, on a laptop: the queue, hs1's poster shown blind, scored per criterion.
      const laptop = await browser.newContext({ viewport: LAPTOP });
      const judgePage = await laptop.newPage();
      await signIn(judgePage, app.url, judges[0].username, 'home-dept_admin', 'GiamKhao2026');
      await judgePage.goto(`${app.url}/dept/judging/${contestId}/school/${hs1Entry.id}`);
      await judgePage.getByTestId('judge-entry').waitFor();
      await settled(judgePage);
      const shown = await judgePage.getByTestId('judge-entry').innerText();
      expect(shown).toContain(TITLE);
      for (const secret of ['hs1', 'Đông Kinh', '8A1', 'ap-phich.png']) expect({ secret, shown: shown.includes(secret) }).toEqual({ secret, shown: false });
      const picture = judgePage.locator('[data-testid="judge-entry"] img').first();
      await picture.waitFor();
      expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      for (const [criterion, score] of [
        ['message', '9'],
        ['craft', '8'],
      ] as const) {
        const field = judgePage.locator(`[data-testid="criterion"][data-id="${criterion}"] [data-testid="criterion-score"] input`);
        await field.fill(score);
        await field.press('Tab');
      }
      await judgePage.getByTestId('judge-save').click();
      await judgePage.waitForFunction(
        async ({ url, token, entry }) =>
          (await (await fetch(`${url}/api/judging/${entry}?stage=school`, { headers: { authorization: `Bearer ${token}` } })).json()).myScore !== null,
        { url: app.url, token: judges[0].api.token, entry: hs1Entry.id },
        { timeout: 15_000 },
      );
      await judgePage.screenshot({ path: path.join(SCREENSHOTS, 'submission-judge-laptop.png'), fullPage: true });
      const saved = (await judges[0].api.get<{ myScore: { criteria: { criterionId: string; score: number }[] } }>(`/api/judging/${hs1Entry.id}?stage=school`))
        .body;
      expect(Object.fromEntries(saved.myScore.criteria.map((c) => [c.criterionId, c.score]))).toEqual({ message: 9, craft: 8 });

      // The rest of the scores through the API; judging closes.
      const rest: Record<string, [number, number][]> = {
        [judges[0].id]: [
          [6, 6],
          [4, 5],
        ],
        [judges[1].id]: [
          [8, 9],
          [7, 7],
          [5, 4],
        ],
        [judges[2].id]: [
          [9, 9],
          [6, 8],
          [3, 4],
        ],
      };
      for (const judge of judges) {
        const ids = judge.id === judges[0].id ? others : [hs1Entry.id, ...others];
        for (const [i, entryId] of ids.entries()) {
          const [message, craft] = rest[judge.id][i];
          const res = await judge.api.put(`/api/judging/${entryId}/score`, {
            stage: 'school',
            criteria: [
              { criterionId: 'message', score: message },
              { criterionId: 'craft', score: craft },
            ],
            comment: 'Rõ thông điệp.',
          });
          expect({ judge: judge.username, entryId, status: res.status }).toEqual({ judge: judge.username, entryId, status: 200 });
        }
      }
      windows.judgingClosesAt = hoursFromNow(-0.0005);
      expect((await dept.put(`/api/submission-contests/${contestId}`, body())).status).toBe(200);

      // The organiser, on a laptop: the ranking, hs1's poster first.
      const organiser = await (await browser.newContext({ viewport: LAPTOP })).newPage();
      await signIn(organiser, app.url, 'so-admin', 'home-dept_admin');
      await organiser.goto(`${app.url}/dept/submissions/${contestId}/rounds/school/results`);
      const table = organiser.getByTestId('results-table');
      await table.waitFor({ timeout: 30_000 });
      await settled(organiser);
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await rows.first().innerText()).toContain(TITLE);
      await organiser.screenshot({ path: path.join(SCREENSHOTS, 'submission-results-laptop.png'), fullPage: true });
    },
    TIMEOUT,
  );
});
