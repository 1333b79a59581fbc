import path from 'node:path';

import { type ClassDto, type ContestDto, type LessonDto, type LessonSummaryDto, revealDistribution } from '@tinhtao/shared';
import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAccessible, expectAttribute, launchChromium, noSidewaysScroll, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { testNowMs } from '../../support/clock.js';

let app: TestApp;
let browser: Browser;
let anon: Api;
const TIMEOUT = 180_000;
const PROJECTOR = { width: 1280, height: 720 };

interface Question {
  id: string;
  kind: string;
  prompt: string;
  options: string[];
  answer: number[];
}

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

/** The page fits the viewport: the projector screen never scrolls. */
async function fitsViewport(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow.x).toBeLessThanOrEqual(0);
  expect(overflow.y).toBeLessThanOrEqual(0);
}

/** The podium as a page shows it: rank, name and score of each place, first place first. */
async function podiumOf(page: Page): Promise<{ rank: string; name: string; score: string }[]> {
  const places = page.getByTestId('podium-place');
  await places.first().waitFor();
  const rows = await places.evaluateAll((nodes) =>
    nodes.map((node) => ({ rank: node.getAttribute('data-rank')!, name: node.getAttribute('data-name')!, score: node.getAttribute('data-score')! })),
  );
  return rows.sort((a, b) => Number(a.rank) - Number(b.rank));
}

/** The text of every i18n key left untranslated would show as `live.host.…`: none may. */
async function noRawKeys(page: Page): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect(text).not.toMatch(/\b(live|contest)\.[a-z]+\.[a-zA-Z.]+/);
}

/** Three one-tap items of the published lessons gv1 may read, with their keys. */
async function oneTapQuestions(gv1: Api): Promise<Question[]> {
  const lessons = (await gv1.get<LessonSummaryDto[]>('/api/lessons')).body;
  const questions: Question[] = [];
  for (const lesson of lessons) {
    const full = (await gv1.get<LessonDto>(`/api/lessons/${lesson.id}`)).body;
    for (const item of full.items) {
      if ((item.kind === 'single_choice' || item.kind === 'true_false') && questions.length < 3)
        questions.push({ id: item.id, kind: item.kind, prompt: item.prompt, options: [...item.options], answer: [...item.answer] });
    }
    if (questions.length === 3) break;
  }
  expect(questions).toHaveLength(3);
  return questions;
}

describe('a live contest in class', () => {
  it(
    'gv1 hosts three questions for 8A1 on the projector; hs1 and hs2 play on phones, one reloads mid-question; all end on the same podium',
    async () => {
      // ── The questions: three one-tap items of the THCS lessons, with their keys (gv1 may read them). ──
      const gv1 = await anon.signedIn('gv1');
      const classes = (await gv1.get<ClassDto[]>('/api/classes')).body;
      const klass = classes.find((one) => one.name === '8A1');
      if (!klass) throw new Error(`expected gv1 to teach 8A1, got ${JSON.stringify(classes.map((c) => c.name))}`);
      const questions = await oneTapQuestions(gv1);
      const wrong = (q: Question) => q.options.findIndex((_, index) => !q.answer.includes(index));

      // ── gv1 creates the contest in the UI and opens a session: the projector shows the lobby. ──
      const hostContext = await browser.newContext({ viewport: PROJECTOR });
      const host = await hostContext.newPage();
      await login(host, 'gv1', 'home-teacher');
      await host.getByRole('link', { name: 'Cuộc thi' }).first().click();
      await host.getByTestId('contests-page').waitFor();
      await host.getByTestId('contest-create').click();
      await host.getByTestId('contest-new-page').waitFor();
      await host.getByTestId('contest-title').locator('input').fill('Rung chuông vàng 8A1');
      await host.getByTestId('contest-scope-select').click();
      await host.locator('.n-base-select-option').filter({ hasText: '8A1' }).first().click();
      await host.getByTestId('contest-seconds').locator('input').fill('90');
      await host.getByTestId('bank-item').first().waitFor({ timeout: 30_000 });
      // The search finds an item by words of its text, without tone marks.
      const words = questions[0].prompt.split(/\s+/).slice(0, 4).join(' ');
      await host.getByRole('searchbox').fill(
        words
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd'),
      );
      await host.locator(`[data-testid="bank-item"][data-id="${questions[0].id}"]`).click();
      await host.getByRole('searchbox').fill('');
      for (const q of questions.slice(1)) await host.locator(`[data-testid="bank-item"][data-id="${q.id}"]`).click();
      await expectAttribute(host.getByTestId('picker-count'), 'data-count', '3');
      // A tall window, so that the sticky header does not repeat in the stitched picture.
      await host.setViewportSize({ width: 1280, height: 1900 });
      await settled(host);
      await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-new-wide.png') });
      await host.setViewportSize(PROJECTOR);
      await noRawKeys(host);
      expect(await host.getByTestId('picked-item').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')))).toEqual(
        questions.map((q) => q.id),
      );
      await host.getByTestId('contest-submit').click();
      await host.getByTestId('contest-page').waitFor();
      const contestId = new URL(host.url()).pathname.split('/').pop()!;
      const created = (await gv1.get<ContestDto>(`/api/contests/${contestId}`)).body;
      expect(created).toMatchObject({ mode: 'live', scope: { type: 'class', id: klass.id }, itemIds: questions.map((q) => q.id), secondsPerQuestion: 90 });

      await host.getByTestId('contest-open-session').click();
      await host.getByTestId('host-lobby').waitFor();
      const hostScreen = host.getByTestId('host-screen');
      const pin = (await host.getByTestId('host-pin').getAttribute('data-pin'))!;
      expect(pin).toMatch(/^\d{6}$/);
      expect(await host.getByTestId('qr-code').getAttribute('data-value')).toBe(`${app.url}/play?pin=${pin}`);
      await fitsViewport(host);

      // ── hs1 types the PIN on the home page; hs2 opens the QR code's link (PIN prefilled). ──
      const phone1 = await phone();
      const p1 = await phone1.newPage();
      await login(p1, 'hs1', 'home-student');
      await p1.getByTestId('home-live-join').waitFor();
      await settled(p1);
      await p1.screenshot({ path: path.join(SCREENSHOTS, 'contests-student-home-phone.png') });
      await p1.getByTestId('home-live-pin').fill(pin);
      await p1.getByTestId('home-live-submit').tap();
      // Typed on the home page, the PIN is not asked again.
      await p1.getByTestId('play-lobby').waitFor();
      expect(new URL(p1.url()).search).toBe(`?pin=${pin}`);
      const hs1Name = (await anon.login('hs1')).user.fullName;
      expect(await p1.getByTestId('play-name').innerText()).toBe(hs1Name);

      const phone2 = await phone();
      const p2 = await phone2.newPage();
      // hs2's socket passes through the test, which can cut it like a phone losing the network.
      const hs2Sockets: WebSocketRoute[] = [];
      await p2.routeWebSocket(/\/socket\.io\//, (ws) => {
        ws.connectToServer();
        hs2Sockets.push(ws);
      });
      await login(p2, 'hs2', 'home-student');
      await p2.goto(`${app.url}/play?pin=${pin}`);
      expect(await p2.getByTestId('play-pin').inputValue()).toBe(pin);
      await p2.getByTestId('play-join-submit').tap();
      await p2.getByTestId('play-lobby').waitFor();
      await p2.getByText('Chờ giáo viên bắt đầu').waitFor();

      // The host sees both names.
      await host.locator('[data-testid="host-player"]').nth(1).waitFor();
      expect(await host.getByTestId('host-player').count()).toBe(2);
      await settled(host);
      await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-lobby.png') });
      await noRawKeys(host);

      await host.getByTestId('host-start').click();
      const players = [p1, p2];
      const hostAnswered = host.getByTestId('host-answered');

      for (let q = 0; q < questions.length; q++) {
        const question = questions[q];
        await expectAttribute(hostScreen, 'data-stage', 'question');
        await expectAttribute(host.getByTestId('host-question'), 'data-index', String(q));
        for (const p of players) await expectAttribute(p.getByTestId('play-question'), 'data-index', String(q));
        const seconds = Number(await host.getByTestId('countdown').getAttribute('data-seconds'));
        expect(seconds).toBeGreaterThan(60);
        expect(seconds).toBeLessThanOrEqual(90);

        if (q === 0) {
          await settled(host);
          await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-question.png') });
          await fitsViewport(host);
          await host.setViewportSize({ width: 1920, height: 1080 });
          await settled(host);
          await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-question-1080p.png') });
          await fitsViewport(host);
          await host.setViewportSize(PROJECTOR);
          await settled(p1);
          await p1.screenshot({ path: path.join(SCREENSHOTS, 'contests-player-question-phone.png') });
          await noSidewaysScroll(p1);
          await noRawKeys(p1);
          await expectAccessible(host, 'a live question on the projector');
          await expectAccessible(p1, 'a live question on a phone');
        }

        if (q === 2) {
          // A pause freezes the clock on every screen; resuming goes on with the time that was left.
          await host.getByTestId('host-pause').click();
          await expectAttribute(hostScreen, 'data-stage', 'paused');
          for (const p of players) await expectAttribute(p.getByTestId('play-screen'), 'data-stage', 'paused');
          expect(await p2.locator('[data-testid="play-option"]').first().getAttribute('aria-disabled')).toBe('true');
          await host.getByTestId('host-resume').click();
          await expectAttribute(hostScreen, 'data-stage', 'question');
          for (const p of players) await expectAttribute(p.getByTestId('play-screen'), 'data-stage', 'question');
        }

        // hs1 answers right every time; hs2 right only on the last question.
        const hs1Choice = question.answer[0];
        const hs2Choice = q === questions.length - 1 ? question.answer[0] : wrong(question);
        await p1.locator(`[data-testid="play-option"][data-index="${hs1Choice}"]`).tap();
        await expectAttribute(p1.getByTestId('play-question'), 'data-answer', 'sent');
        await p1.getByTestId('play-sent').waitFor();
        expect(await p1.getByTestId('play-sent').innerText()).toBe('Đã gửi — chờ kết quả');
        await expectAttribute(hostAnswered, 'data-answered', '1');

        if (q === 1) {
          // A reload mid-question comes back to the same question, answered, with the same choice and no way to change it.
          await p1.reload();
          await expectAttribute(p1.getByTestId('play-question'), 'data-answer', 'sent');
          expect(await p1.getByTestId('play-question').getAttribute('data-index')).toBe(String(q));
          expect(await p1.locator(`[data-testid="play-option"][data-index="${hs1Choice}"]`).getAttribute('data-chosen')).toBe('true');
          await p1.getByTestId('play-sent').waitFor();
          expect(new URL(p1.url()).searchParams.get('pin')).toBe(pin);
        }

        if (q === 0) {
          // hs2's connection drops: the phone says so, reconnects by itself and joins again, still unanswered.
          await hs2Sockets
            .at(-1)!
            .close({ code: 1006, reason: 'network lost' })
            .catch(() => undefined);
          await p2.getByTestId('live-reconnecting').waitFor();
          await p2.getByTestId('live-reconnecting').waitFor({ state: 'detached', timeout: 15_000 });
          expect(hs2Sockets.length).toBeGreaterThan(1);
          await expectAttribute(p2.getByTestId('play-question'), 'data-answer', 'none');
          expect(await p2.getByTestId('play-question').getAttribute('data-index')).toBe('0');
        }
        await p2.locator(`[data-testid="play-option"][data-index="${hs2Choice}"]`).tap();
        // The last answer closes the question: the projector shows how the class answered.
        await expectAttribute(hostScreen, 'data-stage', 'reveal');
        const bars = host.getByTestId('distribution-bar');
        await bars.first().waitFor();
        const shown = await bars.evaluateAll((nodes) =>
          nodes.map((node) => ({ correct: node.getAttribute('data-correct'), count: Number(node.getAttribute('data-count')) })),
        );
        expect(shown.map((bar) => bar.correct === 'true')).toEqual(question.options.map((_, index) => question.answer.includes(index)));
        const expectedCounts = question.options.map((_, index) => [hs1Choice, hs2Choice].filter((choice) => choice === index).length);
        expect(shown.map((bar) => bar.count)).toEqual(expectedCounts);

        await expectAttribute(p1.getByTestId('play-reveal'), 'data-result', 'correct');
        await expectAttribute(p2.getByTestId('play-reveal'), 'data-result', q === questions.length - 1 ? 'correct' : 'wrong');
        await p1.getByTestId('play-gained').waitFor();
        // hs1 reloaded during question 2 after answering right: the points it earned, never "+0".
        if (q === 1) expect(Number(await p1.getByTestId('play-gained').getAttribute('data-points'))).toBeGreaterThanOrEqual(500);
        if (q === 0) {
          await settled(host);
          await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-reveal.png') });
          await fitsViewport(host);
          // The whole chart is on screen: nothing to scroll on a projector.
          expect(await host.getByTestId('host-reveal-view').evaluate((node) => node.scrollHeight - node.clientHeight)).toBeLessThanOrEqual(0);
          await host.setViewportSize({ width: 1920, height: 1080 });
          await settled(host);
          await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-reveal-1080p.png') });
          await host.setViewportSize(PROJECTOR);
          await expectAttribute(p1.getByTestId('play-standing'), 'data-rank', '1');
          await settled(p1);
          await p1.screenshot({ path: path.join(SCREENSHOTS, 'contests-player-result-phone.png') });
          await noSidewaysScroll(p1);
          await noRawKeys(p1);
          await settled(p2);
          await p2.screenshot({ path: path.join(SCREENSHOTS, 'contests-player-wrong-phone.png') });
          await expectAccessible(host, 'the answers revealed on the projector');
          await expectAccessible(p1, 'a right answer revealed on a phone');
        }

        // Then the top ten, then on.
        await host.getByTestId('host-show-board').click();
        await host.getByTestId('host-board').waitFor();
        expect(await host.getByTestId('leaderboard-row').count()).toBe(2);
        expect(await host.getByTestId('leaderboard-row').first().getAttribute('data-name')).toBe(hs1Name);
        if (q === 0) {
          await settled(host);
          await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-leaderboard.png') });
          await expectAccessible(host, 'the leaderboard on the projector');
        }
        await host.getByTestId('host-next').click();
      }

      // ── The end: the same podium on the projector and both phones. ──
      await expectAttribute(hostScreen, 'data-stage', 'ended');
      for (const p of players) await expectAttribute(p.getByTestId('play-screen'), 'data-stage', 'ended');
      const onHost = await podiumOf(host);
      expect(onHost).toHaveLength(2);
      expect(onHost[0].name).toBe(hs1Name);
      expect(await podiumOf(p1)).toEqual(onHost);
      expect(await podiumOf(p2)).toEqual(onHost);
      // Each phone says its own place, as on the podium.
      for (const [p, place] of [
        [p1, onHost[0]],
        [p2, onHost[1]],
      ] as const) {
        const final = p.getByTestId('play-final');
        expect(await final.getAttribute('data-rank')).toBe(place.rank);
        expect(await final.getAttribute('data-score')).toBe(place.score);
      }
      await host.waitForTimeout(1500);
      await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-podium.png') });
      await fitsViewport(host);
      await noRawKeys(host);
      await p2.waitForTimeout(1500);
      await p2.screenshot({ path: path.join(SCREENSHOTS, 'contests-player-podium-phone.png') });
      await noSidewaysScroll(p2);

      // A reload of the ended host page shows the podium again, from the results.
      await host.reload();
      await expectAttribute(hostScreen, 'data-stage', 'ended');
      expect(await podiumOf(host)).toEqual(onHost);

      // ── The results page: the same standings, per-question charts, the CSV through the authorised fetch. ──
      await host.getByTestId('host-results-link').click();
      await host.getByTestId('contest-results').waitFor();
      await host.getByTestId('results-row').first().waitFor();
      const standings = await host
        .getByTestId('results-row')
        .evaluateAll((nodes) =>
          nodes.map((node) => ({ rank: node.getAttribute('data-rank')!, name: node.getAttribute('data-name')!, score: node.getAttribute('data-score')! })),
        );
      expect(standings).toEqual(onHost);
      expect(await host.getByTestId('question-stat').count()).toBe(3);
      const [download] = await Promise.all([host.waitForEvent('download'), host.getByTestId('results-download-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      expect(download.url()).not.toContain('token');
      await settled(host);
      await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-results-wide.png'), fullPage: true });

      await hostContext.close();
      await phone1.close();
      await phone2.close();
    },
    TIMEOUT,
  );
});

/** The rows of the right order as a screen shows them: option index and how many placed it right. */
async function shownOrder(scope: Page | Locator): Promise<{ option: number; count: number }[]> {
  const rows = scope.getByTestId('correct-order-row');
  await rows.first().waitFor();
  return rows.evaluateAll((nodes) =>
    nodes.map((node) => ({ option: Number(node.getAttribute('data-option')), count: Number(node.getAttribute('data-count')) })),
  );
}

/** Puts the statements on the phone in the given order with the rows' ↑ buttons. */
async function arrange(page: Page, target: readonly number[]): Promise<void> {
  const rows = page.getByTestId('play-order-row');
  for (let position = 0; position < target.length; position++) {
    for (;;) {
      const current = await rows.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-option'))));
      const at = current.indexOf(target[position]);
      if (at === position) break;
      await rows.nth(at).getByTestId('play-order-up').tap();
    }
  }
}

describe('reloads during an ordering question', () => {
  it(
    'the host reloaded at the reveal shows the right order; hs1, reloaded before and after the reveal, sees the points earned',
    async () => {
      const gv1 = await anon.signedIn('gv1');
      const klass = (await gv1.get<ClassDto[]>('/api/classes')).body.find((one) => one.name === '8A1')!;
      let item: Question | undefined;
      for (const lesson of (await gv1.get<LessonSummaryDto[]>('/api/lessons')).body) {
        const found = (await gv1.get<LessonDto>(`/api/lessons/${lesson.id}`)).body.items.find((i) => i.kind === 'ordering' && i.options.length >= 3);
        if (found) {
          item = { id: found.id, kind: found.kind, prompt: found.prompt, options: [...found.options], answer: [...(found.answer as number[])] };
          break;
        }
      }
      if (!item) throw new Error('expected an ordering item in the lessons gv1 may read');
      const contest = await gv1.post<ContestDto>('/api/contests', {
        title: 'Sắp xếp các bước',
        mode: 'live',
        scope: { type: 'class', id: klass.id },
        itemIds: [item.id],
        secondsPerQuestion: 120,
      });
      expect(contest.status).toBe(201);
      const { sessionId, pin } = (await gv1.post<{ sessionId: string; pin: string }>(`/api/contests/${contest.body.id}/sessions`)).body;

      const hostContext = await browser.newContext({ viewport: PROJECTOR });
      const host = await hostContext.newPage();
      await login(host, 'gv1', 'home-teacher');
      await host.goto(`${app.url}/host/${contest.body.id}/${sessionId}`);
      await host.getByTestId('host-lobby').waitFor();
      const hostScreen = host.getByTestId('host-screen');

      const phones = await Promise.all([phone(), phone()]);
      const [p1, p2] = await Promise.all(phones.map((c) => c.newPage()));
      for (const [page, who] of [
        [p1, 'hs1'],
        [p2, 'hs2'],
      ] as const) {
        await login(page, who, 'home-student');
        await page.goto(`${app.url}/play?pin=${pin}`);
        await page.getByTestId('play-join-submit').tap();
        await page.getByTestId('play-lobby').waitFor();
      }
      await host.locator('[data-testid="host-player"]').nth(1).waitFor();
      await host.getByTestId('host-start').click();

      // hs1 puts the steps in the right order and sends; hs2 sends another order.
      await expectAttribute(p1.getByTestId('play-question'), 'data-kind', 'ordering');
      await arrange(p1, item.answer);
      await p1.getByTestId('play-send').tap();
      await expectAttribute(p1.getByTestId('play-question'), 'data-answer', 'sent');
      // hs1 reloads before the reveal: answered, waiting.
      await p1.reload();
      await expectAttribute(p1.getByTestId('play-question'), 'data-answer', 'sent');
      const hs2Order = [...item.answer.slice(1), item.answer[0]];
      await expectAttribute(p2.getByTestId('play-question'), 'data-kind', 'ordering');
      await arrange(p2, hs2Order);
      await p2.getByTestId('play-send').tap();

      // The last answer closes the question: the right order, each step with how many placed it right.
      await expectAttribute(hostScreen, 'data-stage', 'reveal');
      const counts = revealDistribution('ordering', item.answer, item.options.length, [item.answer, hs2Order]);
      const expected = item.answer.map((option) => ({ option, count: counts[option] }));
      expect(await shownOrder(host)).toEqual(expected);
      expect(await host.getByTestId('distribution-bar').count()).toBe(0);

      // hs1 sees "right" with the points the question earned: all of the score, as it is the first question.
      await expectAttribute(p1.getByTestId('play-reveal'), 'data-result', 'correct');
      const standing = p1.getByTestId('play-standing');
      const gained = p1.getByTestId('play-gained');
      await gained.waitFor();
      const score = Number(await standing.getAttribute('data-score'));
      expect(score).toBeGreaterThanOrEqual(500);
      await expectAttribute(gained, 'data-points', String(score));
      await expectAttribute(p2.getByTestId('play-reveal'), 'data-result', 'wrong');

      // The host reloads at the reveal: the same order and counts, never every step marked right.
      await host.reload();
      await expectAttribute(hostScreen, 'data-stage', 'reveal');
      expect(await shownOrder(host)).toEqual(expected);
      expect(await host.getByTestId('distribution-bar').count()).toBe(0);
      expect(await host.getByTestId('host-reveal-view').innerText()).not.toContain('Đáp án đúng');
      await settled(host);
      await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-host-ordering-reveal-reloaded.png') });

      // hs1 reloads after the reveal: still right, with the same points.
      await p1.reload();
      await expectAttribute(p1.getByTestId('play-reveal'), 'data-result', 'correct');
      await expectAttribute(p1.getByTestId('play-gained'), 'data-points', String(score));
      expect(await p1.getByTestId('play-gained').innerText()).toBe(`+${score.toLocaleString('vi-VN')} điểm`);
      await settled(p1);
      await p1.screenshot({ path: path.join(SCREENSHOTS, 'contests-player-ordering-reloaded-phone.png') });

      // The end, then the results page: the same order and counts.
      await host.getByTestId('host-next').click();
      await expectAttribute(hostScreen, 'data-stage', 'ended');
      await host.getByTestId('host-results-link').click();
      await host.getByTestId('contest-results').waitFor();
      expect(await shownOrder(host.getByTestId('question-stat').first())).toEqual(expected);
      await settled(host);
      await host.screenshot({ path: path.join(SCREENSHOTS, 'contests-results-ordering-wide.png'), fullPage: true });

      await hostContext.close();
      for (const c of phones) await c.close();
    },
    TIMEOUT,
  );
});

describe('a scheduled contest', () => {
  it(
    'hs3 takes the one timed entry on a phone (autosaved, restored after a reload), hands in and sees the score; gv1 sees the leaderboard',
    async () => {
      const gv1 = await anon.signedIn('gv1');
      const klass = (await gv1.get<ClassDto[]>('/api/classes')).body.find((one) => one.name === '8A1')!;
      const questions = await oneTapQuestions(gv1);
      const now = testNowMs();
      const created = await gv1.post<ContestDto>('/api/contests', {
        title: 'Cuộc thi tìm hiểu an toàn thông tin',
        mode: 'scheduled',
        scope: { type: 'class', id: klass.id },
        itemIds: questions.map((q) => q.id),
        secondsPerQuestion: 60,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
      });
      expect(created.status).toBe(201);
      const contest = created.body;

      const context = await phone();
      const page = await context.newPage();
      await login(page, 'hs3', 'home-student');
      const card = page.locator(`[data-testid="student-contest"][data-id="${contest.id}"]`);
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('open');
      await card.tap();
      const entry = page.getByTestId('contest-entry');
      await expectAttribute(entry, 'data-stage', 'answering');
      expect(await page.getByTestId('entry-clock').innerText()).toMatch(/\d:\d{2}/);

      // Two right answers, each saved as it is tapped. Each student has their own order of options: find the right one by its text.
      const saved = page.getByTestId('save-status');
      const rightOption = async (q: number) => {
        const options = page.locator(`[data-testid="entry-question"][data-index="${q}"]`).getByTestId('choice-option');
        const texts = (await options.allInnerTexts()).map((text) => text.trim());
        return options.nth(texts.indexOf(questions[q].options[questions[q].answer[0]]));
      };
      for (const q of [0, 1]) {
        const question = page.locator(`[data-testid="entry-question"][data-index="${q}"]`);
        await (await rightOption(q)).tap();
        await expectAttribute(question, 'data-answered', 'true');
      }
      await expectAttribute(saved, 'data-status', 'saved');
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'contests-entry-phone.png') });
      await noSidewaysScroll(page);
      await noRawKeys(page);

      // A reload resumes the same entry with both answers.
      await page.reload();
      await expectAttribute(entry, 'data-stage', 'answering');
      for (const q of [0, 1]) expect(await (await rightOption(q)).locator('input').isChecked()).toBe(true);
      expect(await page.locator('[data-testid="entry-question"][data-index="2"]').getAttribute('data-answered')).toBe('false');

      // Hand in with one question left: the dialog says which.
      await page.getByTestId('entry-submit').tap();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // The unanswered one by the number this student sees it under.
      const shownAt = await page.getByTestId('entry-question').evaluateAll((nodes) => nodes.findIndex((node) => node.getAttribute('data-index') === '2'));
      expect(await dialog.innerText()).toContain(`câu ${shownAt + 1}`);
      await dialog.getByRole('button', { name: 'Nộp bài' }).tap();
      await expectAttribute(entry, 'data-stage', 'result');
      expect(await page.getByTestId('entry-score').innerText()).toBe('2.000 điểm');
      // The leaderboard waits for the window to close.
      await page.getByTestId('leaderboard-not-published').waitFor();
      await settled(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'contests-entry-result-phone.png') });
      await noSidewaysScroll(page);

      await page.getByRole('link', { name: 'Bài của em' }).tap();
      await expectAttribute(card, 'data-status', 'submitted');
      expect(await card.getByTestId('student-contest-score').innerText()).toBe('2.000 điểm');
      await context.close();

      // gv1 sees the provisional leaderboard, by student and by school.
      const teacher = await browser.newPage({ viewport: { width: 1366, height: 850 } });
      await login(teacher, 'gv1', 'home-teacher');
      await teacher.goto(`${app.url}/teacher/contests/${contest.id}`);
      const board = teacher.getByTestId('contest-leaderboard');
      await board.waitFor();
      const hs3Name = (await anon.login('hs3')).user.fullName;
      await teacher.locator(`[data-testid="contest-leaderboard-row"][data-name="${hs3Name}"]`).waitFor();
      await teacher.getByTestId('leaderboard-by-school').click();
      await expectAttribute(board, 'data-by', 'school');
      await teacher.locator('[data-testid="contest-leaderboard-row"][data-name="Trường THCS Đông Kinh"]').waitFor();
      await settled(teacher);
      await teacher.screenshot({ path: path.join(SCREENSHOTS, 'contests-scheduled-wide.png'), fullPage: true });
      await noRawKeys(teacher);
      await teacher.close();
    },
    TIMEOUT,
  );
});

describe('contests beyond one class', () => {
  it(
    'the dept admin creates a scheduled province-wide contest in the UI; the school admin may pick the school or one class',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await login(page, 'so-admin', 'home-dept_admin');
      await page.getByRole('link', { name: 'Cuộc thi' }).first().click();
      await page.getByTestId('contest-create').click();
      await page.getByTestId('contest-title').locator('input').fill('Cuộc thi tìm hiểu toàn tỉnh');
      await page.getByTestId('contest-mode-scheduled').click();
      // A dept admin's choice: the whole province (the default) or one school.
      await page.getByTestId('contest-scope-school').waitFor();
      expect(await page.getByTestId('contest-scope-province').innerText()).toContain('Toàn tỉnh');
      await page.getByTestId('contest-opens').waitFor();
      await page.getByTestId('bank-item').first().waitFor({ timeout: 30_000 });
      const picked = await page.getByTestId('bank-item').evaluateAll((nodes) => nodes.slice(0, 2).map((node) => node.getAttribute('data-id')!));
      for (const id of picked) await page.locator(`[data-testid="bank-item"][data-id="${id}"]`).click();
      // A whole lesson at once: its one-tap items follow the two picked, each once.
      const second = page.getByTestId('bank-lesson').nth(1);
      const lessonItems = await second.getByTestId('bank-item').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')!));
      await second.getByTestId('bank-add-lesson').click();
      picked.push(...lessonItems.filter((id) => !picked.includes(id)));
      await expectAttribute(page.getByTestId('picker-count'), 'data-count', String(picked.length));
      expect(await second.getByTestId('bank-add-lesson').isDisabled()).toBe(true);
      await page.getByTestId('contest-submit').click();
      await page.getByTestId('contest-page').waitFor();
      const contestId = new URL(page.url()).pathname.split('/').pop()!;
      const admin = await anon.signedIn('so-admin');
      const me = (await anon.login('so-admin')).user;
      const contest = (await admin.get<ContestDto>(`/api/contests/${contestId}`)).body;
      expect(contest).toMatchObject({ mode: 'scheduled', scope: { type: 'province', id: me.provinceId }, itemIds: picked });
      // The default window: from now for a week.
      const days = (Date.parse(contest.closesAt!) - Date.parse(contest.opensAt!)) / 86_400_000;
      expect(days).toBeCloseTo(7, 3);
      await page.getByTestId('contest-leaderboard').waitFor();
      await noRawKeys(page);
      await page.close();

      const school = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await login(school, 'thcs1-admin', 'home-school_admin');
      await school.getByRole('link', { name: 'Cuộc thi' }).first().click();
      await school.getByTestId('contest-create').click();
      await school.getByTestId('contest-scope-class').click();
      await school.getByTestId('contest-scope-select').click();
      await school.locator('.n-base-select-option').filter({ hasText: '8A1' }).first().waitFor();
      await school.close();
    },
    TIMEOUT,
  );
});
