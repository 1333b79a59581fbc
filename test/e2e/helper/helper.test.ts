import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HELPER_SIGNS, type HelperAnswerDto, type HelperTrendsDto, schoolYearOf, type SignCode } from '@tinhtao/shared';
import pg from 'pg';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';
import { tableSnapshot } from '../../support/snapshot.js';

/**
 * "Hỏi Tỉnh Táo" through the API as DESIGN §4 writes it: realistic Vietnamese messages and the
 * signs, quotes and lessons they get; nothing pasted is stored unless a student shares it; the
 * Department's weekly counts, lists and patterns; scopes, limits and hostile text.
 */
let app: TestApp;
let anon: Api;
let db: pg.Client;

beforeAll(async () => {
  app = await startApp({ HELPER_ASKS_PER_MINUTE: '60' });
  anon = new Api(app.url);
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
});

const ask = async (api: Api, text: string, conversationId?: string) => {
  const res = await api.post<HelperAnswerDto>('/api/helper/ask', { text, ...(conversationId ? { conversationId } : {}) });
  expect({ status: res.status, text }).toEqual({ status: 200, text });
  return res.body;
};

/** Every quote is the exact substring of what was asked, and no answer ever calls a message safe. */
function expectHonest(answer: HelperAnswerDto, text: string) {
  // DESIGN §4's shape, to the letter.
  expect(Object.keys(answer).sort()).toEqual(['advice', 'answer', 'checked', 'conversationId', 'lessons', 'report', 'signs']);
  for (const sign of answer.signs) expect(Object.keys(sign).sort()).toEqual(['code', 'quote']);
  for (const lesson of answer.lessons) expect(Object.keys(lesson).sort()).toEqual(['id', 'title']);
  for (const channel of answer.report) expect(Object.keys(channel).sort()).toEqual(['how', 'name']);
  expect(answer.conversationId).toMatch(/^[0-9a-f-]{36}$/);
  for (const sign of answer.signs) expect({ sign: sign.code, inText: text.includes(sign.quote) }).toEqual({ sign: sign.code, inText: true });
  expect(answer.answer).not.toMatch(/(?:là|có vẻ) an toàn|không phải lừa đảo/i);
  expect(answer.report.map((r) => r.name)).toEqual(['Đường dây nóng 156', 'khonggianmang.vn', 'tinnhiemmang.vn']);
  expect(answer.checked.length).toBeGreaterThanOrEqual(5);
  expect(answer.advice.length).toBeGreaterThan(0);
}

const MESSAGES: { name: string; text: string; signs: SignCode[]; lesson: RegExp | null }[] = [
  {
    name: 'a fake delivery with a fee and a short link',
    text: '[GHN] Đơn hàng của bạn bị giữ tại kho do thiếu phí vận chuyển 18.000đ. Thanh toán trước 17h hôm nay tại bit.ly/ghn-phi18 để nhận hàng, quá hạn đơn sẽ bị huỷ.',
    signs: ['FEE_REQUEST', 'URGENCY', 'SHORTENED_LINK', 'IMPERSONATION', 'THREAT'],
    lesson: /lừa đảo|giả mạo/i,
  },
  {
    name: 'a fake bank asking for the OTP on a look-alike domain',
    text: 'Vietcombank: Tài khoản của Quý khách sẽ bị khoá trong 24 giờ. Vui lòng đăng nhập tại vietcombank-xacminh.com và nhập mã OTP để xác minh.',
    // The demo Department has this domain on its block list.
    signs: ['THREAT', 'URGENCY', 'LOOKALIKE_DOMAIN', 'BLOCKLISTED', 'OTP_REQUEST', 'PASSWORD_REQUEST', 'IMPERSONATION'],
    lesson: /ngân hàng|OTP/i,
  },
  {
    name: 'a fake police summons',
    text: 'Công an phường thông báo: em có liên quan đến đường dây rửa tiền, phải gọi ngay cho cán bộ số 0912 555 010, không được nói với bố mẹ, nếu không sẽ bị khởi tố.',
    signs: ['IMPERSONATION', 'URGENCY', 'THREAT', 'SECRECY'],
    lesson: /lừa đảo|giả mạo|bắt nạt|sự cố/i,
  },
  {
    name: 'a fake scholarship with a fee',
    text: 'Chúc mừng em đã được chọn nhận học bổng 15 triệu của Quỹ Tương Lai. Để nhận, em vui lòng nộp phí hồ sơ 300.000đ và gửi ảnh CCCD của bố mẹ trước ngày mai.',
    signs: ['PRIZE_OR_REFUND', 'FEE_REQUEST', 'PERSONAL_DATA_REQUEST'],
    lesson: /lừa đảo|thông tin cá nhân|việc nhẹ/i,
  },
  {
    name: "a relative's hacked Zalo asking for money",
    text: 'Bác ơi cháu Minh đây, cháu đổi zalo mới. Cháu đang cần gấp 3 triệu đóng viện phí cho bạn, bác chuyển khoản giúp cháu vào STK 0123456789 nhé, mai cháu trả ạ.',
    signs: ['CLAIMS_RELATIVE', 'URGENCY', 'MONEY_TRANSFER'],
    lesson: /người quen|người thân|ngân hàng/i,
  },
  {
    name: 'a real school notice',
    text: 'Kính gửi phụ huynh lớp 8A1: Thứ Bảy này nhà trường tổ chức họp phụ huynh lúc 8h tại phòng 204. Trân trọng.',
    signs: [],
    lesson: null,
  },
  {
    name: 'a real bank reminder with no link',
    text: 'Vietcombank không bao giờ yêu cầu Quý khách cung cấp mật khẩu, mã OTP qua điện thoại hay tin nhắn. Tuyệt đối không chia sẻ mã OTP cho bất kỳ ai.',
    signs: [],
    lesson: null,
  },
];

describe('POST /api/helper/ask', () => {
  for (const m of MESSAGES) {
    it(`names the signs and lessons of ${m.name}`, async () => {
      const hs1 = await anon.signedIn('hs1');
      const answer = await ask(hs1, m.text);
      expectHonest(answer, m.text);
      expect(answer.signs.map((s) => s.code).sort()).toEqual([...m.signs].sort());
      if (m.lesson) {
        expect(answer.lessons.length).toBeGreaterThan(0);
        expect(answer.lessons.some((l) => m.lesson!.test(l.title))).toBe(true);
        for (const sign of answer.signs) expect(answer.answer).toContain(HELPER_SIGNS[sign.code].label.vi);
      } else {
        expect(answer.answer).toContain('không có nghĩa là tin nhắn an toàn');
      }
    });
  }

  it('links only lessons the asker may open: a THCS student never gets a THPT lesson', async () => {
    const hs1 = await anon.signedIn('hs1');
    const answer = await ask(hs1, 'Mã OTP của bạn là gì? Gửi cho mình mã OTP để nhận quà nhé');
    expect(answer.lessons.length).toBeGreaterThan(0);
    for (const lesson of answer.lessons) expect((await hs1.get(`/api/lessons/${lesson.id}`)).status).toBe(200);
  });

  it('answers a link alone and a phone number alone, and never opens the link', async () => {
    const hs1 = await anon.signedIn('hs1');
    const link = await ask(hs1, 'http://vietc0mbank-online.top/dang-nhap');
    expect(link.signs.map((s) => s.code)).toEqual(expect.arrayContaining(['LOOKALIKE_DOMAIN', 'SUSPICIOUS_LINK']));
    const phone = await ask(hs1, '0987 654 321');
    expect(phone.signs).toEqual([]);
    expect(phone.checked.join(' ')).toContain('1 số điện thoại');
  });

  it('takes a follow-up question in the same conversation and answers it from the first message', async () => {
    const hs1 = await anon.signedIn('hs1');
    const first = await ask(hs1, 'Em đọc giúp anh mã OTP vừa gửi về máy nhé, anh là nhân viên ngân hàng');
    const next = await ask(hs1, 'vậy em nên làm gì?', first.conversationId);
    expect(next.conversationId).toBe(first.conversationId);
    expect(next.signs).toEqual([]);
    expect(next.answer).toContain('lúc nãy');
    expect(next.advice.join(' ')).toContain('OTP');
  });

  it("starts a new conversation when given someone else's", async () => {
    const hs1 = await anon.signedIn('hs1');
    const hs2 = await anon.signedIn('hs2');
    const mine = await ask(hs1, 'Cho mình mượn 500k nhé, mai trả');
    const theirs = await ask(hs2, 'vậy em nên làm gì?', mine.conversationId);
    expect(theirs.conversationId).not.toBe(mine.conversationId);
    expect(theirs.answer).not.toContain('lúc nãy');
  });

  it('stores nothing of what was pasted: only counts change', async () => {
    const hs1 = await anon.signedIn('hs1');
    const token = `bimat${randomUUID().slice(0, 8)}`;
    const before = await tableSnapshot(db);
    await ask(hs1, `Mã ${token} của Nguyễn Thị Ánh: gửi mã OTP cho anh ngay tại lua-dao-${token}.xyz`);
    const after = await tableSnapshot(db);
    expect(Object.keys(after).filter((t) => after[t] !== before[t])).toEqual(['helper_weekly_count']);
    const tables = (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows;
    const holding: string[] = [];
    for (const { table_name } of tables) {
      const hit = await db.query(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1 AND t::text LIKE '%bimat%Ánh%'`, [`%${token}%`]);
      if (hit.rows[0].n > 0) holding.push(table_name);
    }
    // Only the link's domain is counted, never the words around it.
    expect(holding).toEqual([]);
  });

  it('refuses hostile or oversized text with a problem naming the field, and changes nothing', async () => {
    const hs1 = await anon.signedIn('hs1');
    const before = await tableSnapshot(db);
    for (const text of ['a\u0000b', 'x\ud800y', 'ầ'.repeat(5001), '', '   ']) {
      const res = await hs1.post('/api/helper/ask', { text });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('text');
    }
    expect((await hs1.post('/api/helper/ask', { text: 'ok', extra: 1 })).status).toBe(400);
    expect(await tableSnapshot(db)).toEqual(before);
  });

  it('needs a signed-in user', async () => {
    expect((await anon.post('/api/helper/ask', { text: 'xin chào' })).status).toBe(401);
  });
});

describe('POST /api/helper/share and GET /api/helper/shared', () => {
  it("gives the student's message, byte for byte, to the class's teachers only", async () => {
    const text = 'Tin nhắn lạ: “Chúc mừng Đặng Thị Thuỷ trúng thưởng xe SH, nộp phí 500k để nhận” — ầ ữ Đ';
    const hs1 = await anon.signedIn('hs1');
    const answer = await ask(hs1, text);
    const shared = await hs1.post('/api/helper/share', { conversationId: answer.conversationId });
    expect(shared.status).toBe(200);
    expect(shared.body.teacherCount).toBeGreaterThan(0);
    const again = await hs1.post('/api/helper/share', { conversationId: answer.conversationId });
    expect(again.body.id).toBe(shared.body.id);

    const gv1 = await anon.signedIn('gv1');
    const inbox = (await gv1.get('/api/helper/shared')).body as { id: string; text: string; studentName: string; signs: { code: string }[] }[];
    const mine = inbox.filter((m) => m.id === shared.body.id);
    expect(mine).toHaveLength(1);
    expect(Buffer.from(mine[0].text)).toEqual(Buffer.from(text));
    expect(mine[0].signs.map((s) => s.code)).toEqual(answer.signs.map((s) => s.code));

    const gv2 = await anon.signedIn('gv2');
    expect(((await gv2.get('/api/helper/shared')).body as { id: string }[]).some((m) => m.id === shared.body.id)).toBe(false);
    for (const who of ['so-admin', 'thcs1-admin', 'hs2']) expect((await (await anon.signedIn(who)).get('/api/helper/shared')).status).toBe(403);
  });

  it("refuses another student's conversation as not found, and staff sharing as forbidden", async () => {
    const hs1 = await anon.signedIn('hs1');
    const hs2 = await anon.signedIn('hs2');
    const answer = await ask(hs1, 'Gửi mình mật khẩu Zalo nhé');
    expect((await hs2.post('/api/helper/share', { conversationId: answer.conversationId })).status).toBe(404);
    const gv1 = await anon.signedIn('gv1');
    const own = await ask(gv1, 'Gửi mình mật khẩu Zalo nhé');
    expect((await gv1.post('/api/helper/share', { conversationId: own.conversationId })).status).toBe(403);
  });
  it("puts the shared message in the student's data copy and removes it when the student is erased", async () => {
    const hs5 = await anon.signedIn('hs5');
    const text = 'Cậu gửi tớ mã OTP Zalo vừa nhận nhé — Trương Thị Ngọc Ánh';
    const answer = await ask(hs5, text);
    const shared = (await hs5.post('/api/helper/share', { conversationId: answer.conversationId })).body as { id: string };
    const me = (await hs5.get('/api/me')).body as { id: string };
    const copy = (await hs5.get(`/api/users/${me.id}/export`)).body as { helperShared: { text: string }[] };
    expect(copy.helperShared.map((m) => m.text)).toEqual([text]);

    const head = await anon.signedIn('thcs1-admin');
    expect((await head.post(`/api/users/${me.id}/erase`)).status).toBe(200);
    const gv1 = await anon.signedIn('gv1');
    expect(((await gv1.get('/api/helper/shared')).body as { id: string }[]).some((m) => m.id === shared.id)).toBe(false);
    expect((await db.query(`SELECT count(*)::int AS n FROM helper_shared_message WHERE student_id = $1`, [me.id])).rows[0].n).toBe(0);
  });
});

describe('GET /api/helper/trends', () => {
  it('counts signs, domains and asks per week and area, with no message text', async () => {
    const marker = 'Nguyễn Văn Trend';
    const hs1 = await anon.signedIn('hs1');
    const so = await anon.signedIn('so-admin');
    const area = ((await so.get('/api/areas')).body as { id: string; name: string }[]).find((a) => a.name === 'Phường Đông Kinh')!;
    const other = ((await so.get('/api/areas')).body as { id: string; name: string }[]).find((a) => a.name !== area.name)!;
    const before = (await so.get(`/api/helper/trends?areaId=${area.id}`)).body as HelperTrendsDto;
    const count = (t: HelperTrendsDto, kind: string, key: string) => t.top.find((x) => x.kind === kind && x.key === key)?.count ?? 0;
    for (let i = 0; i < 3; i++) await ask(hs1, `${marker}: bạn trúng thưởng, nhận quà tại qua-tang-trend.xyz ngay`);
    const after = (await so.get(`/api/helper/trends?areaId=${area.id}`)).body as HelperTrendsDto;
    expect(after.asks - before.asks).toBe(3);
    expect(count(after, 'sign', 'PRIZE_OR_REFUND') - count(before, 'sign', 'PRIZE_OR_REFUND')).toBe(3);
    expect(count(after, 'domain', 'qua-tang-trend.xyz')).toBe(3);
    const prize = after.top.find((x) => x.kind === 'sign' && x.key === 'PRIZE_OR_REFUND')!;
    expect(prize.label).toBe(HELPER_SIGNS.PRIZE_OR_REFUND.label.vi);
    expect(prize.lesson).not.toBeNull();
    expect(prize.lastWeek).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(after)).not.toContain(marker);
    // The week is the app's clock's, in Vietnam's calendar.
    const weekOfNow = after.weeks[after.weeks.length - 1].week;
    const wall = new Date(testNow().getTime() + 7 * 3600_000);
    const monday = new Date(wall.getTime() - ((wall.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    expect(weekOfNow).toBe(monday);
    expect(after.weeks[after.weeks.length - 1].signs.PRIZE_OR_REFUND).toBeGreaterThanOrEqual(3);

    const elsewhere = (await so.get(`/api/helper/trends?areaId=${other.id}`)).body as HelperTrendsDto;
    expect(count(elsewhere, 'domain', 'qua-tang-trend.xyz')).toBe(0);
    const so2 = await anon.signedIn('so2-admin');
    expect(count((await so2.get('/api/helper/trends')).body, 'domain', 'qua-tang-trend.xyz')).toBe(0);
    expect((await so2.get(`/api/helper/trends?areaId=${area.id}`)).status).toBe(404);
  });

  it("shows the demo province's last eight weeks, ending in the app clock's week, with what is rising", async () => {
    const so = await anon.signedIn('so-admin');
    const demo = (await so.get('/api/helper/trends')).body as HelperTrendsDto;
    expect(demo.weeks).toHaveLength(8);
    for (const week of demo.weeks) expect(week.asks).toBeGreaterThan(0);
    const money = demo.top.find((t) => t.kind === 'sign' && t.key === 'MONEY_TRANSFER')!;
    expect(money.lastWeek).toBeGreaterThan(money.weekBefore);
    expect(demo.top.find((t) => t.kind === 'pattern')?.label).toBe('Quỹ khuyến học Tương Lai');
  });

  it('counts asks that arrive at once, all of them, without a deadlock between their counters', async () => {
    const so = await anon.signedIn('so-admin');
    const asks = (t: HelperTrendsDto) => t.asks;
    const before = asks((await so.get('/api/helper/trends')).body);
    const students = await Promise.all(Array.from({ length: 10 }, (_, i) => anon.signedIn(`hs${i + 10}`)));
    const texts = [
      'Gấp! Chuyển khoản ngay vào STK 0123456789, trúng thưởng tại qua-tang.xyz',
      'Nhận quà tại qua-tang.xyz, gửi mã OTP ngay trong 5 phút kẻo bị khoá tài khoản',
    ];
    const results = await Promise.all(students.flatMap((s) => [0, 1, 2].map((n) => s.post('/api/helper/ask', { text: texts[n % 2] }))));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    expect(asks((await so.get('/api/helper/trends')).body) - before).toBe(30);
  });

  it('refuses a range the wrong way round or over a year', async () => {
    const so = await anon.signedIn('so-admin');
    expect((await so.get('/api/helper/trends?from=2026-12-01&to=2026-11-01')).status).toBe(400);
    expect((await so.get('/api/helper/trends?from=2024-01-01&to=2026-11-01')).status).toBe(400);
    const week = (await so.get('/api/helper/trends?from=2026-11-04&to=2026-11-10')).body as HelperTrendsDto;
    expect(week.weeks.map((w) => w.week)).toEqual(['2026-11-02', '2026-11-09']);
  });
});

describe("the Department's lists and patterns", () => {
  it('imports a block list from CSV, names the bad lines, and the helper uses it at once', async () => {
    const so = await anon.signedIn('so-admin');
    const csv = [
      'value,note',
      'https://www.Nhan-Qua-Block.com/abc,Trang giả mạo — báo ngày 5/12',
      '0966 111 222,Số gọi giả công an',
      'không phải tên miền',
      'nhan-qua-block.com,trùng',
    ].join('\n');
    const res = await so.post('/api/helper/lists/import', { list: 'block', csv });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ list: 'block', added: 2, unchanged: 0, removed: 0 });
    expect(res.body.rejected).toEqual([
      { line: 4, value: 'không phải tên miền', code: 'helper.entryFormat' },
      { line: 5, value: 'nhan-qua-block.com', code: 'helper.entryDuplicate' },
    ]);
    const listed = (await so.get('/api/helper/lists?q=nhan-qua-block')).body;
    expect(listed.items[0]).toMatchObject({ list: 'block', kind: 'domain', value: 'nhan-qua-block.com' });
    expect(Buffer.from(listed.items[0].note)).toEqual(Buffer.from('Trang giả mạo — báo ngày 5/12'));

    const hs1 = await anon.signedIn('hs1');
    const answer = await ask(hs1, 'Vào nhan-qua-block.com/login hoặc gọi 0966.111.222 nha');
    expect(answer.signs.map((s) => s.code)).toContain('BLOCKLISTED');
    expect((await ask(hs1, 'Gọi 0966 111 222 để nhận quà')).signs.find((s) => s.code === 'BLOCKLISTED')?.quote).toBe('0966 111 222');

    const so2 = await anon.signedIn('so2-admin');
    expect((await so2.get('/api/helper/lists?q=nhan-qua-block')).body.items).toEqual([]);
    const qt = await anon.signedIn('qt-hs2');
    expect((await ask(qt, 'Vào nhan-qua-block.com/login nha')).signs.map((s) => s.code)).not.toContain('BLOCKLISTED');

    const blocked = (await so.get('/api/helper/lists?list=block')).body.total as number;
    const replaced = await so.post('/api/helper/lists/import', { list: 'block', csv: '0966111222', replace: true });
    expect(replaced.body).toMatchObject({ added: 0, unchanged: 1, removed: blocked - 1 });
    expect((await so.get('/api/helper/lists?list=block')).body.total).toBe(1);
    expect((await so.get('/api/helper/lists?q=nhan-qua-block')).body.items).toEqual([]);
  });

  it('an allowed domain shows no link sign', async () => {
    const so = await anon.signedIn('so-admin');
    const hs1 = await anon.signedIn('hs1');
    const text = 'Cô gửi đề cương ôn tập: truong-dong-kinh.online/de-cuong, các em gửi mật khẩu lớp cho cô nhé';
    expect((await ask(hs1, text)).signs.map((s) => s.code)).toContain('SUSPICIOUS_LINK');
    await so.post('/api/helper/lists/import', { list: 'allow', csv: 'truong-dong-kinh.online' });
    await new Promise((r) => setTimeout(r, 50));
    expect((await ask(hs1, text)).signs.map((s) => s.code)).not.toContain('SUSPICIOUS_LINK');
  });

  it("finds the Department's own pattern with or without diacritics, counts it, refuses a duplicate", async () => {
    const so = await anon.signedIn('so-admin');
    const created = await so.post('/api/helper/patterns', { sign: 'PRIZE_OR_REFUND', phrase: 'Quỹ Khuyến Học Xanh', note: 'Đang lan truyền tuần này' });
    expect(created.status).toBe(201);
    expect((await so.post('/api/helper/patterns', { sign: 'URGENCY', phrase: 'quy khuyen hoc xanh' })).status).toBe(409);
    const hs1 = await anon.signedIn('hs1');
    const answer = await ask(hs1, 'Em duoc QUY KHUYEN HOC XANH chon, lien he co Lan');
    expect(answer.signs).toContainEqual({ code: 'PRIZE_OR_REFUND', quote: 'QUY KHUYEN HOC XANH' });
    const trends = (await so.get('/api/helper/trends')).body as HelperTrendsDto;
    expect(trends.top.find((t) => t.kind === 'pattern' && t.key === created.body.id)).toMatchObject({ label: 'Quỹ Khuyến Học Xanh', count: 1 });
    expect((await so.delete(`/api/helper/patterns/${created.body.id}`)).status).toBe(204);
    expect((await ask(hs1, 'Em duoc QUY KHUYEN HOC XANH chon')).signs).toEqual([]);
    const audit = (await so.get('/api/audit?action=helper.')).body.items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['helper.pattern_created', 'helper.pattern_deleted', 'helper.list_imported']));
  });
});

describe('alerts to schools', () => {
  it("sends a published lesson to the province's schools of its level, with the Department's note", async () => {
    const so = await anon.signedIn('so-admin');
    const thcsLesson = await publishedLesson(so, 'THCS');
    const note = 'Tuần này nhiều tin nhắn giả ngân hàng đòi mã OTP — thầy cô dạy bài này nhé.';
    const sent = await so.post('/api/helper/alerts', { lessonId: thcsLesson.id, sign: 'OTP_REQUEST', note });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      lessonId: thcsLesson.id,
      lessonTitle: thcsLesson.title,
      level: 'THCS',
      sign: 'OTP_REQUEST',
      sentBy: 'Lương Thị Thanh Hà',
    });
    expect(Buffer.from(sent.body.note)).toEqual(Buffer.from(note));

    for (const who of ['gv1', 'thcs1-admin']) {
      const alerts = (await (await anon.signedIn(who)).get('/api/helper/alerts')).body as { id: string }[];
      expect({ who, seen: alerts.some((a) => a.id === sent.body.id) }).toEqual({ who, seen: true });
    }
    expect(((await (await anon.signedIn('thpt1-admin')).get('/api/helper/alerts')).body as { id: string }[]).some((a) => a.id === sent.body.id)).toBe(false);
    expect(((await (await anon.signedIn('so2-admin')).get('/api/helper/alerts')).body as { id: string }[]).some((a) => a.id === sent.body.id)).toBe(false);
    expect((await (await anon.signedIn('hs1')).get('/api/helper/alerts')).status).toBe(403);
    const audit = (await so.get('/api/audit?action=helper.alert_sent')).body.items as { entityId: string }[];
    expect(audit[0].entityId).toBe(thcsLesson.id);
  });

  it("refuses a lesson no school can assign, another province's lesson, and a note with a NUL", async () => {
    const so = await anon.signedIn('so-admin');
    const draft = await so.post('/api/lessons', {
      title: 'Bản nháp cảnh báo',
      kind: 'SAFETY',
      level: 'THCS',
      gradeMin: 6,
      gradeMax: 9,
      durationMinutes: 10,
      objectives: ['Nhận ra tin giả'],
      body: [{ type: 'paragraph', text: 'Đừng bấm link lạ.' }],
      items: [{ kind: 'true_false', prompt: 'Ngân hàng không hỏi OTP.', feedback: 'Đúng.', answer: [0] }],
    });
    expect(draft.status).toBe(201);
    const refused = await so.post('/api/helper/alerts', { lessonId: draft.body.id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    const so2 = await anon.signedIn('so2-admin');
    expect((await so2.post('/api/helper/alerts', { lessonId: (await publishedLesson(so, 'THCS')).id })).status).toBe(404);
    expect((await so.post('/api/helper/alerts', { lessonId: (await publishedLesson(so, 'THCS')).id, note: 'a\u0000b' })).status).toBe(400);
  });
});

/** A lesson of the province's published curriculum of a level. */
async function publishedLesson(api: Api, level: string): Promise<{ id: string; title: string }> {
  const curricula = (await api.get(`/api/curricula?year=${schoolYearOf(testNow())}&kind=SAFETY&level=${level}`)).body as { id: string }[];
  const detail = (await api.get(`/api/curricula/${curricula[0].id}`)).body as { published: { lessons: { lessonId: string; title: string }[] } };
  const lesson = detail.published.lessons[0];
  return { id: lesson.lessonId, title: lesson.title };
}

describe('limits and the optional language model', () => {
  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const limited = await startApp({ HELPER_ASKS_PER_MINUTE: '3' });
    try {
      const hs1 = await new Api(limited.url).signedIn('hs1');
      for (let i = 0; i < 3; i++) expect((await hs1.post('/api/helper/ask', { text: 'xin chào' })).status).toBe(200);
      const refused = await hs1.post('/api/helper/ask', { text: 'xin chào' });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const hs2 = await new Api(limited.url).signedIn('hs2');
      expect((await hs2.post('/api/helper/ask', { text: 'xin chào' })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it("phrases with the province's model when its answer keeps every quote, and never when it absolves", async () => {
    let reply = '';
    const prompts: string[] = [];
    const model = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        prompts.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: reply } }] }));
      });
    });
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
    const withModel = await startApp({ HELPER_LLM_URL: `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1` });
    try {
      const hs1 = await new Api(withModel.url).signedIn('hs1');
      const text = 'Em đọc giúp anh mã OTP vừa gửi về máy nhé';
      const plain = (await hs1.post<HelperAnswerDto>('/api/helper/ask', { text })).body;
      reply = `Em ơi cẩn thận! Người này xin mã: “${plain.signs[0].quote}”. Đừng gửi nhé.`;
      const phrased = (await hs1.post<HelperAnswerDto>('/api/helper/ask', { text })).body;
      expect(phrased.answer).toBe(reply);
      expect(phrased.signs).toEqual(plain.signs);
      expect(JSON.parse(prompts[prompts.length - 1]).messages[1].content).toContain(plain.signs[0].quote);

      reply = 'Tin nhắn này an toàn, em yên tâm.';
      expect((await hs1.post<HelperAnswerDto>('/api/helper/ask', { text })).body.answer).not.toContain('yên tâm');
      reply = 'Một câu trả lời bỏ mất trích dẫn.';
      expect((await hs1.post<HelperAnswerDto>('/api/helper/ask', { text })).body.answer).toContain(plain.signs[0].quote);
    } finally {
      await withModel.stop();
      model.close();
    }
  });
});
