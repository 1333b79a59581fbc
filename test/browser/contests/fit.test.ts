import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { expectAttribute, launchChromium, phoneContext, SCREENSHOTS, settled, signIn } from '../../support/browser.js';
import { ask, connectLive } from '../../support/live.js';

/**
 * The projector screens of a live game at the sizes classrooms have (1080p, 1366×768, 720p),
 * each phase driven by a real game of 60 Socket.IO players: nothing of the host screen may
 * leave the viewport or hide in a box that clips it. And on a phone, a six-option question
 * fits the screen with its "Gửi" button.
 */
let app: TestApp;
let browser: Browser;
let dept: Api;
let schoolId: string;
let itemId: string;
let tokens: string[];
const TIMEOUT = 300_000;
const PLAYERS = 60;
const PASSWORD = 'Matkhau@2026';
const HOST_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

/** Names as long as real ones get: three to five words, every tone mark. */
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Tôn Nữ'];
const GIVEN = [
  'Thị Thanh Hương',
  'Hoàng Bảo Ngọc',
  'Minh Khôi',
  'Ngọc Diệp',
  'Quốc Trường',
  'Khánh Linh',
  'Gia Huy',
  'Thùy Dương',
  'Đức Thịnh',
  'Phương Nguyên',
];

/** A six-option question of the kind the plans ask for, its options as long as real ones. */
const SIX_OPTIONS = {
  kind: 'multi_choice',
  prompt: 'Tin nhắn “Tài khoản ngân hàng của bạn bị tạm khoá, bấm vào đường link để xác minh ngay” có những dấu hiệu lừa đảo nào?',
  options: [
    'Đường link lạ, không phải tên miền chính thức của ngân hàng',
    'Thúc giục phải làm ngay kẻo mất tiền trong tài khoản',
    'Yêu cầu nhập mã OTP và mật khẩu vào trang web',
    'Tin nhắn có ghi tên ngân hàng ở đầu',
    'Được gửi từ một số điện thoại cá nhân lạ',
    'Có lỗi chính tả và cách viết hoa bất thường',
  ],
  answer: [0, 1, 2, 4, 5],
  feedback: 'Ngân hàng không bao giờ gửi đường link đòi OTP; tên ngân hàng ở đầu tin thì kẻ gian cũng giả được.',
  tags: { topics: ['lừa đảo qua tin nhắn'], techniques: [], difficulty: 'medium' },
};

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  const anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  // THCS 1 has hs1…hs30 in 8A1; thirty more students of the school make sixty players.
  const school = await anon.signedIn('thcs1-admin');
  schoolId = (await school.get('/api/me')).body.schoolId as string;
  for (let n = 1; n <= PLAYERS - 30; n++) {
    const fullName = `${SURNAMES[n % SURNAMES.length]} ${GIVEN[n % GIVEN.length]}`;
    const res = await school.post('/api/users', { username: `fit${n}`, fullName, role: 'student', schoolId, password: PASSWORD });
    if (res.status !== 201) throw new Error(`could not create fit${n}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const logins = [
    ...Array.from({ length: 30 }, (_, i) => [`hs${i + 1}`, 'Demo@2026']),
    ...Array.from({ length: PLAYERS - 30 }, (_, i) => [`fit${i + 1}`, PASSWORD]),
  ];
  tokens = await Promise.all(logins.map(async ([username, password]) => (await anon.login(username, password)).accessToken));

  // A new bank item, not yet in a published lesson: the Department's to use, so the Department hosts.
  const item = await dept.post('/api/items', SIX_OPTIONS);
  if (item.status !== 201) throw new Error(`could not create the item: ${item.status} ${JSON.stringify(item.body)}`);
  itemId = item.body.id;
}, TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A one-question live contest of the Department for THCS 1, and its open session. */
async function openSession(title: string): Promise<{ contestId: string; sessionId: string; pin: string }> {
  const contest = await dept.post('/api/contests', { title, mode: 'live', scope: { type: 'school', id: schoolId }, itemIds: [itemId], secondsPerQuestion: 90 });
  if (contest.status !== 201) throw new Error(`could not create the contest: ${contest.status} ${JSON.stringify(contest.body)}`);
  const session = await dept.post(`/api/contests/${contest.body.id}/sessions`);
  if (session.status !== 201) throw new Error(`could not open a session: ${session.status} ${JSON.stringify(session.body)}`);
  return { contestId: contest.body.id, ...session.body };
}

/** Sixty players on their own sockets, joined to the PIN. */
async function joinPlayers(pin: string): Promise<Socket[]> {
  const sockets = await Promise.all(tokens.map((token) => connectLive(app.url, token)));
  const joined = await Promise.all(sockets.map((socket) => ask(socket, 'session:join', { pin })));
  const refused = joined.filter((ack) => !ack.ok);
  if (refused.length) throw new Error(`${refused.length} players could not join: ${JSON.stringify(refused[0])}`);
  return sockets;
}

/**
 * Everything of the screen under `selector` that does not fit: an element or a run of text
 * outside the viewport, outside a box that clips it, outside the part of the screen (a direct
 * child of the root: the bar, the main area, the control bar) it belongs to; parts that
 * overlap; a clipping box whose content is larger than the box; text too small or too faint
 * to read from the back of a classroom (under `minFontPx`, under WCAG AA contrast). Finite
 * animations are run to their end first (the confetti falls and fades), so that the settled
 * screen is what is measured.
 */
async function misfits(page: Page, selector: string, minFontPx: number): Promise<string[]> {
  return page.evaluate(
    ({ selector, minFontPx }) => {
      for (const animation of document.getAnimations()) {
        try {
          animation.finish();
        } catch {
          // an endless animation (a pulse) has no end to run to
        }
      }
      const root = document.querySelector(selector);
      if (!root) return [`no ${selector} on the page`];
      const SLACK = 1;
      const problems: string[] = [];
      const viewport = { left: 0, top: 0, right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight };
      const name = (el: Element): string => {
        const id = el.getAttribute('data-testid');
        const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : '';
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `<${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id ? ` ${id}` : ''}> "${text}"`;
      };
      const box = (r: { left: number; top: number; right: number; bottom: number }) =>
        `[${Math.round(r.left)},${Math.round(r.top)} → ${Math.round(r.right)},${Math.round(r.bottom)}]`;
      const inside = (r: DOMRect, outer: { left: number; top: number; right: number; bottom: number }) =>
        r.left >= outer.left - SLACK && r.top >= outer.top - SLACK && r.right <= outer.right + SLACK && r.bottom <= outer.bottom + SLACK;
      const clips = (el: Element) => {
        const style = getComputedStyle(el);
        return style.overflowX !== 'visible' || style.overflowY !== 'visible';
      };
      /** The padding box, where overflow is clipped. */
      const clipBox = (el: Element) => {
        const r = el.getBoundingClientRect();
        const left = r.left + el.clientLeft;
        const top = r.top + el.clientTop;
        return { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight };
      };
      const regions = [...root.children].filter((el) => el.getBoundingClientRect().height > 0);
      for (let a = 0; a < regions.length; a++) {
        for (let b = a + 1; b < regions.length; b++) {
          const [ra, rb] = [regions[a].getBoundingClientRect(), regions[b].getBoundingClientRect()];
          const overlap = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          const sideways = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          if (overlap > SLACK && sideways > SLACK) problems.push(`${name(regions[a])} ${box(ra)} overlaps ${name(regions[b])} ${box(rb)}`);
        }
      }

      /** What is wrong with one box (an element's, or a text run's): outside the viewport, its region or a clipping ancestor. */
      const misplaced = (r: DOMRect, from: Element): string[] => {
        const wrong: string[] = [];
        if (!inside(r, viewport)) wrong.push(`leaves the viewport ${box(viewport)}`);
        const region = regions.find((one) => one.contains(from));
        if (region && region !== from && !inside(r, region.getBoundingClientRect()))
          wrong.push(`leaves ${name(region)} ${box(region.getBoundingClientRect())}`);
        for (let up = from === root ? null : from.parentElement; up && up !== document.documentElement; up = up.parentElement) {
          if (clips(up) && !inside(r, clipBox(up))) {
            wrong.push(`is cut by ${name(up)} ${box(clipBox(up))}`);
            break;
          }
          if (up === root) break;
        }
        return wrong;
      };

      type Rgba = [number, number, number, number];
      const rgba = (css: string): Rgba | null => {
        const m = css.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
        return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
      };
      const over = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[3] * top[i] + (1 - top[3]) * under[i]).concat(1) as Rgba;
      const luminance = ([r, g, b]: Rgba) =>
        [r, g, b]
          .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      /** WCAG contrast of an element's text over the backgrounds painted under it (null when an image or gradient is among them). */
      const contrastOf = (el: Element): number | null => {
        const layers: Rgba[] = [];
        let opacity = 1;
        for (let up: Element | null = el; up; up = up.parentElement) {
          const style = getComputedStyle(up);
          opacity *= Number(style.opacity);
          if (style.backgroundImage !== 'none') return null;
          const bg = rgba(style.backgroundColor);
          if (bg === null) return null;
          if (bg[3] > 0) layers.push(bg);
          if (bg[3] === 1) break;
        }
        let background: Rgba = [255, 255, 255, 1];
        for (const layer of layers.reverse()) background = over(layer, background);
        const color = rgba(getComputedStyle(el).color);
        if (color === null) return null;
        const text = over([color[0], color[1], color[2], color[3] * opacity], background);
        const [a, b] = [luminance(text), luminance(background)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
      };

      // Once a box is reported, what it holds is not reported again: one line per misfit.
      const walk = (el: Element) => {
        const style = getComputedStyle(el);
        // Text for screen readers only (clipped to nothing on purpose) is not on the screen.
        if (style.clip !== 'auto' && style.clip !== '') return;
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return;
        const r = el.getBoundingClientRect();
        if (r.width >= 1 && r.height >= 1) {
          const wrong = misplaced(r, el);
          if (wrong.length) return void problems.push(`${name(el)} ${box(r)} ${wrong.join(', ')}`);
          if (clips(el) && el.clientHeight > 0 && (el.scrollHeight > el.clientHeight + SLACK || el.scrollWidth > el.clientWidth + SLACK))
            problems.push(`${name(el)} hides content: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
        }
        if (el instanceof SVGElement) return; // a drawing's inner shapes are its own business
        for (const node of el.childNodes) {
          if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) {
            const text = node.textContent!.trim().slice(0, 30);
            const range = document.createRange();
            range.selectNodeContents(node);
            const t = range.getBoundingClientRect();
            const wrong = t.width > 0 && t.height > 0 ? misplaced(t, el) : [];
            if (wrong.length) problems.push(`text "${text}" ${box(t)} ${wrong.join(', ')}`);
            const size = parseFloat(style.fontSize);
            if (size < minFontPx) problems.push(`text "${text}" is ${size.toFixed(1)} px, under ${minFontPx.toFixed(1)} px`);
            const ratio = contrastOf(el);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            if (ratio !== null && ratio < (large ? 3 : 4.5)) problems.push(`text "${text}" has contrast ${ratio.toFixed(2)}:1, under ${large ? 3 : 4.5}:1`);
          } else if (node instanceof Element) walk(node);
        }
      };
      walk(root);
      const page = document.scrollingElement!;
      if (page.scrollHeight > page.clientHeight + SLACK || page.scrollWidth > page.clientWidth + SLACK)
        problems.push(`the page scrolls: ${page.scrollWidth}×${page.scrollHeight} in ${page.clientWidth}×${page.clientHeight}`);
      return problems.length > 25 ? [...problems.slice(0, 25), `… and ${problems.length - 25} more`] : problems;
    },
    { selector, minFontPx },
  );
}

/** The host screen's misfits at this phase, after a screenshot to look at. */
async function hostMisfits(page: Page, phase: string, size: { width: number; height: number }): Promise<string[]> {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `contests-fit-${phase}-${size.width}x${size.height}.png`) });
  // Big type: nothing on the projector under 2% of its height (16 px at 720p, 21.6 px at 1080p).
  return misfits(page, '[data-testid="host-screen"]', Math.max(16, size.height * 0.02) - 0.05);
}

describe('the projector screens fit the classroom screen', () => {
  for (const size of HOST_SIZES) {
    it(
      `at ${size.width}×${size.height}: a lobby of 60, a six-option question, its reveal, the top ten and the podium`,
      async () => {
        const { contestId, sessionId, pin } = await openSession(`Rung chuông vàng: an toàn thông tin (${size.width}×${size.height})`);
        const context = await browser.newContext({ viewport: size });
        const host = await context.newPage();
        await signIn(host, app.url, 'so-admin', 'home-dept_admin');
        await host.goto(`${app.url}/host/${contestId}/${sessionId}`);
        await host.getByTestId('host-lobby').waitFor();
        const screen = host.getByTestId('host-screen');
        const players = await joinPlayers(pin);
        // Every phase is played and measured; what does not fit is told at the end, phase by phase.
        const found: Record<string, string[]> = {};
        try {
          await expectAttribute(host.getByTestId('host-player-count'), 'data-count', String(PLAYERS));
          await host
            .getByTestId('host-player')
            .nth(PLAYERS - 1)
            .waitFor();
          expect(await host.getByTestId('host-player').count()).toBe(PLAYERS);
          found.lobby = await hostMisfits(host, 'lobby', size);
          if (size.height === 720) {
            // A smaller screen still: the names fit as they are, or the newest ones and a count of the others.
            const small = { width: 1024, height: 576 };
            await host.setViewportSize(small);
            found.smallLobby = await hostMisfits(host, 'lobby', small);
            const drawn = await host.getByTestId('host-player').count();
            const more = host.getByTestId('host-more-players');
            const others = (await more.count()) ? Number((await more.textContent())!.match(/\d+/)![0]) : 0;
            expect(drawn + others).toBe(PLAYERS);
            await host.setViewportSize(size);
            await expectAttribute(host.getByTestId('host-player-count'), 'data-count', String(PLAYERS));
          }

          await host.getByTestId('host-start').click();
          await expectAttribute(screen, 'data-stage', 'question');
          expect(await host.locator('.hq__option').count()).toBe(6);
          found.question = await hostMisfits(host, 'question', size);

          // Two thirds answer right, a third wrong, one after another: sixty different scores.
          for (let n = 0; n < PLAYERS; n++) {
            const choice = n % 3 === 2 ? [3] : SIX_OPTIONS.answer;
            const ack = await ask(players[n], 'answer:submit', { questionIndex: 0, choice });
            expect(ack).toMatchObject({ ok: true, accepted: true });
          }
          await expectAttribute(screen, 'data-stage', 'reveal');
          await host.getByTestId('distribution-bar').nth(5).waitFor();
          found.reveal = await hostMisfits(host, 'reveal', size);

          await host.getByTestId('host-show-board').click();
          await host.getByTestId('host-board').waitFor();
          expect(await host.getByTestId('leaderboard-row').count()).toBe(10);
          found.leaderboard = await hostMisfits(host, 'leaderboard', size);

          await host.getByTestId('host-next').click();
          await expectAttribute(screen, 'data-stage', 'ended');
          await host.getByTestId('podium-place').nth(2).waitFor();
          expect(await host.getByTestId('leaderboard-row').count()).toBe(7);
          found.podium = await hostMisfits(host, 'podium', size);
          const none = Object.fromEntries(Object.keys(found).map((phase) => [phase, []]));
          expect(found).toEqual(none);
        } finally {
          for (const socket of players) socket.close();
          await context.close();
        }
      },
      TIMEOUT,
    );
  }
});

describe('a six-option question on a phone', () => {
  it(
    'at 390×844 shows every option and the send button without scrolling, each at least 44 px tall',
    async () => {
      const { sessionId, pin } = await openSession('Thi nhanh trên điện thoại');
      const context = await phoneContext(browser);
      const phone = await context.newPage();
      await signIn(phone, app.url, 'hs1', 'home-student');
      await phone.goto(`${app.url}/play?pin=${pin}`);
      await phone.getByTestId('play-join-submit').tap();
      await phone.getByTestId('play-lobby').waitFor();

      const host = await connectLive(app.url, dept.token);
      try {
        expect((await ask(host, 'host:attach', { sessionId })).ok).toBe(true);
        expect((await ask(host, 'host:start', { sessionId })).ok).toBe(true);
        const question = phone.getByTestId('play-question');
        await question.waitFor();
        await settled(phone);
        await phone.screenshot({ path: path.join(SCREENSHOTS, 'contests-fit-question-phone.png') });

        const boxes = await phone.evaluate(() => {
          const rect = (el: Element | null) => {
            const r = el!.getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, height: r.height };
          };
          const options = [...document.querySelectorAll('[data-testid="play-option"]')];
          return {
            viewport: window.innerHeight,
            scrollY: window.scrollY,
            options: options.map(rect),
            send: rect(document.querySelector('[data-testid="play-send"]')),
          };
        });
        expect(boxes.options).toHaveLength(6);
        expect(boxes.scrollY).toBe(0);
        for (const [what, r] of [
          ['option F', boxes.options[5]],
          ['the send button', boxes.send],
        ] as const) {
          expect({ what, top: r.top >= 0, bottom: r.bottom <= boxes.viewport }).toEqual({ what, top: true, bottom: true });
        }
        for (const r of [...boxes.options, boxes.send]) expect(r.height).toBeGreaterThanOrEqual(44);

        // Reachable means tappable where it stands: taps at those points, with no scroll, send the answer.
        for (const index of [0, 5]) {
          const r = await phone.locator(`[data-testid="play-option"][data-index="${index}"]`).boundingBox();
          await phone.touchscreen.tap(r!.x + r!.width / 2, r!.y + r!.height / 2);
        }
        const send = await phone.getByTestId('play-send').boundingBox();
        expect(await phone.evaluate(() => window.scrollY)).toBe(0);
        await phone.touchscreen.tap(send!.x + send!.width / 2, send!.y + send!.height / 2);
        // The only player's answer closes the question: A and F of the five right ones is wrong.
        await expectAttribute(phone.getByTestId('play-reveal'), 'data-result', 'wrong');
      } finally {
        host.close();
        await context.close();
      }
    },
    TIMEOUT,
  );
});
