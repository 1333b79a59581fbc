import { acceptable, phrase } from './phrasing.js';

const signs = [{ code: 'OTP_REQUEST' as const, quote: 'đọc giúp anh mã OTP' }];
const settings = { url: 'http://model.local/v1', model: 'm', apiKey: 'k', timeoutMs: 200 };
const reply = (content: unknown, ok = true) => (async () => ({ ok, json: async () => ({ choices: [{ message: { content } }] }) })) as unknown as typeof fetch;

describe('phrase', () => {
  it('takes a phrasing that keeps every quote', async () => {
    expect(await phrase(settings, { answer: 'x', signs }, reply('Em ơi, “đọc giúp anh mã OTP” là dấu hiệu lừa.'))).toBe(
      'Em ơi, “đọc giúp anh mã OTP” là dấu hiệu lừa.',
    );
  });

  it('drops one that loses a quote, absolves, fails or times out', async () => {
    expect(await phrase(settings, { answer: 'x', signs }, reply('Cẩn thận nhé.'))).toBeNull();
    expect(await phrase(settings, { answer: 'x', signs }, reply('“đọc giúp anh mã OTP” nhưng tin nhắn này là an toàn'))).toBeNull();
    expect(await phrase(settings, { answer: 'x', signs }, reply('“đọc giúp anh mã OTP”', false))).toBeNull();
    expect(await phrase(settings, { answer: 'x', signs }, reply(42))).toBeNull();
    const hangs = (() => new Promise(() => undefined)) as unknown as typeof fetch;
    expect(
      await phrase(settings, { answer: 'x', signs }, ((url: string, init: RequestInit) =>
        Promise.race([
          hangs(url, init),
          new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted')))),
        ])) as unknown as typeof fetch),
    ).toBeNull();
  });

  it('never accepts an empty answer or a "not a scam"', () => {
    expect(acceptable('', [])).toBe(false);
    expect(acceptable('Đây không phải lừa đảo đâu', [])).toBe(false);
  });
});
