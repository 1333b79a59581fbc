import { schoolYearOf } from '@tinhtao/shared';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';

/**
 * Every file the server sends names itself in `Content-Disposition` as RFC 6266 says: the real
 * (Vietnamese) name as UTF-8 in `filename*`, and a plain ASCII `filename` for old clients.
 */
let app: TestApp;
let anon: Api;
const year = schoolYearOf(testNow());

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
});
afterAll(async () => {
  await app?.stop();
});

/** The parameters of a `Content-Disposition` value, split at `;` outside quoted strings. */
function parameters(header: string): { type: string; params: Map<string, string> } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"' && header[i - 1] !== '\\') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  const [type, ...rest] = parts;
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim().toLowerCase();
    expect(params.has(name)).toBe(false);
    params.set(name, part.slice(eq + 1).trim());
  }
  return { type: type.toLowerCase(), params };
}

/** RFC 8187 `ext-value`: `UTF-8''` then attr-chars and `%XX` bytes, decoded as UTF-8 bytes. */
function decodeExtValue(value: string): Buffer {
  const match = /^UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/i.exec(value);
  if (!match) throw new Error(`not an RFC 8187 UTF-8 value: ${value}`);
  const bytes: number[] = [];
  const text = match[1];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      expect(text.slice(i + 1, i + 3)).toMatch(/^[0-9A-F]{2}$/i);
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

async function downloadedName(api: Api, path: string): Promise<{ name: Buffer; fallback: string; type: string | null }> {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${api.token}` } });
  expect(`${path} ${res.status}`).toBe(`${path} 200`);
  await res.arrayBuffer();
  const header = res.headers.get('content-disposition');
  expect(header).not.toBeNull();
  // A header value is bytes the server wrote: nothing outside visible ASCII may travel raw.
  expect(header).toMatch(/^[\x20-\x7e]+$/);
  const { type, params } = parameters(header!);
  expect(type).toBe('attachment');
  const fallback = params.get('filename');
  expect(fallback).toMatch(/^"[\x20-\x7e]+"$/);
  return { name: decodeExtValue(params.get('filename*')!), fallback: fallback!.slice(1, -1), type: res.headers.get('content-type') };
}

describe('downloads', () => {
  it('name every file in Vietnamese, byte for byte, with an ASCII fallback', async () => {
    const gv1 = await anon.signedIn('gv1');
    const head = await anon.signedIn('thcs1-admin');
    const dept = await anon.signedIn('so-admin');
    const hs2 = await anon.signedIn('hs2');
    const me = (await hs2.get('/api/me')).body as { id: string; fullName: string; schoolId: string };
    const classes = (await gv1.get('/api/classes')).body as { id: string; name: string }[];
    const class8A1 = classes.find((c) => c.name === '8A1')!;

    // A contest whose title has what file names trip on: diacritics, quotes, a slash, a percent sign.
    const lessons = (await gv1.get('/api/lessons?level=THCS')).body as { id: string }[];
    const items: string[] = [];
    for (const lesson of lessons) {
      for (const item of (await gv1.get(`/api/lessons/${lesson.id}`)).body.items)
        if (['single_choice', 'true_false'].includes(item.kind) && items.length < 2) items.push(item.id);
      if (items.length === 2) break;
    }
    const title = 'Rung chuông vàng “Đợt 1” 8A1/50% (thử)';
    const contest = await gv1.post('/api/contests', { title, mode: 'live', scope: { type: 'class', id: class8A1.id }, itemIds: items, secondsPerQuestion: 20 });
    expect(contest.status).toBe(201);
    expect((await gv1.post(`/api/contests/${contest.body.id}/sessions`)).status).toBe(201);

    // A class whose name is Vietnamese, for the progress workbook.
    const named = await head.post('/api/classes', { schoolId: me.schoolId, name: 'Đội tuyển Tỉnh Táo', grade: 8, schoolYear: year });
    expect(named.status).toBe(201);

    const expected: [Api, string, string | null][] = [
      [gv1, `/api/contests/${contest.body.id}/results?format=csv`, 'Kết quả - Rung chuông vàng “Đợt 1” 8A1_50% (thử).csv'],
      [gv1, `/api/contests/${contest.body.id}/results?format=xlsx`, 'Kết quả - Rung chuông vàng “Đợt 1” 8A1_50% (thử).xlsx'],
      [hs2, `/api/users/${me.id}/export`, `Dữ liệu cá nhân - ${me.fullName}.json`],
      [head, `/api/classes/${named.body.id}/progress?format=xlsx`, 'tien-do-Đội_tuyển_Tỉnh_Táo.xlsx'],
      [gv1, `/api/classes/${class8A1.id}/login-cards`, 'the-dang-nhap-8A1.pdf'],
      [dept, `/api/reports/annual?year=${year}&format=xlsx`, null],
    ];
    for (const [api, path, name] of expected) {
      const got = await downloadedName(api, path);
      if (name !== null) expect({ path, name: got.name.toString('utf8') }).toEqual({ path, name });
      if (name !== null) expect(got.name.equals(Buffer.from(name, 'utf8'))).toBe(true);
      // The fallback is the same name without its diacritics: readable, never mojibake.
      expect(got.fallback).toBe(
        got.name
          .toString('utf8')
          .normalize('NFD')
          .replace(/\p{M}/gu, '')
          .replace(/đ/g, 'd')
          .replace(/Đ/g, 'D')
          .replace(/[^\x20-\x7e]|["\\%;]/g, '_'),
      );
    }
  });
});
