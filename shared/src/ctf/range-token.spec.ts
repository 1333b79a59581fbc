import * as nodeCrypto from 'node:crypto';

import { RANGE_FLAG, rangeAppUrl, rangeFlag, signRangeToken, verifyRangeToken } from './range-token.js';

// A key pair made for this test only (openssl/Node generated); the expected token below was signed with `openssl pkeyutl -sign -rawin`.
const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIPSf7Ty+WWb50axCmk7zUNPUBLmFkPda/9g54Irkjmdl
-----END PRIVATE KEY-----
`;
const PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAZHv3+S5ukUBB+Y7csmKODW9+7iEeZ4ErFvVQw92CeJY=
-----END PUBLIC KEY-----
`;
const OTHER_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIFzZhLUr7ZMgov9X0cu29SV1ihOdnqhshyAk1pyoqjLr
-----END PRIVATE KEY-----
`;

/** base64url of {"v":1,"app":"sql-dang-nhap","studentRef":"hs_7Qk2Xm9a","exp":1767225600}, made with `base64`. */
const PAYLOAD = 'eyJ2IjoxLCJhcHAiOiJzcWwtZGFuZy1uaGFwIiwic3R1ZGVudFJlZiI6ImhzXzdRazJYbTlhIiwiZXhwIjoxNzY3MjI1NjAwfQ';
const SIGNATURE = 'otRTGGGmRjwOEh9w7XHEz7w514VVejSVyyn1FjQ0rPM89HJKsXqOOwanUsRQZXRDthqwRtzXk9UWju5V_6ybCg';
const EXP = 1767225600; // 2026-01-01T00:00:00Z
const claims = { app: 'sql-dang-nhap', studentRef: 'hs_7Qk2Xm9a', exp: EXP };
const before = new Date('2025-12-31T23:59:59.999Z');

function b64(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}
function signRaw(payload: string, key = PRIVATE_KEY): string {
  return nodeCrypto.sign(null, Buffer.from(`tinhtao-range-v1.${payload}`), nodeCrypto.createPrivateKey(key)).toString('base64url');
}

describe('signRangeToken', () => {
  it('writes the payload and the Ed25519 signature computed outside the code', () => {
    expect(signRangeToken(PRIVATE_KEY, claims)).toBe(`${PAYLOAD}.${SIGNATURE}`);
  });

  it('refuses claims a verifier would refuse: a name as studentRef, a path as app, a fractional exp', () => {
    expect(() => signRangeToken(PRIVATE_KEY, { ...claims, studentRef: 'Nguyễn Văn An' })).toThrow(/studentRef/);
    expect(() => signRangeToken(PRIVATE_KEY, { ...claims, app: '../admin' })).toThrow(/app/);
    expect(() => signRangeToken(PRIVATE_KEY, { ...claims, exp: 1767225600.5 })).toThrow(/exp/);
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => signRangeToken(rsa, claims)).toThrow(/Ed25519/);
  });
});

describe('verifyRangeToken', () => {
  it('accepts the token one millisecond before its exp second and returns its claims', () => {
    expect(verifyRangeToken(PUBLIC_KEY, `${PAYLOAD}.${SIGNATURE}`, before)).toEqual({ ok: true, claims });
  });

  it('calls a token expired from its exp second on', () => {
    expect(verifyRangeToken(PUBLIC_KEY, `${PAYLOAD}.${SIGNATURE}`, new Date('2026-01-01T00:00:00.000Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another key', () => {
    expect(verifyRangeToken(PUBLIC_KEY, signRangeToken(OTHER_PRIVATE_KEY, claims), before)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a payload changed after signing (another student, a later exp)', () => {
    const otherStudent = b64('{"v":1,"app":"sql-dang-nhap","studentRef":"hs_Zz81LpQe","exp":1767225600}');
    const later = b64('{"v":1,"app":"sql-dang-nhap","studentRef":"hs_7Qk2Xm9a","exp":1893456000}');
    expect(verifyRangeToken(PUBLIC_KEY, `${otherStudent}.${SIGNATURE}`, before)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRangeToken(PUBLIC_KEY, `${later}.${SIGNATURE}`, before)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature made without the range context (the same key used for something else)', () => {
    const bare = nodeCrypto.sign(null, Buffer.from(PAYLOAD), nodeCrypto.createPrivateKey(PRIVATE_KEY)).toString('base64url');
    expect(verifyRangeToken(PUBLIC_KEY, `${PAYLOAD}.${bare}`, before)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a JWT-style alg:none token and other shapes as malformed', () => {
    const none = `${b64('{"alg":"none"}')}.${PAYLOAD}.`;
    for (const token of [none, '', '.', PAYLOAD, `${PAYLOAD}.`, `${PAYLOAD}.${SIGNATURE}.x`, `${PAYLOAD}.${SIGNATURE.slice(1)}`, `${PAYLOAD}=.${SIGNATURE}`]) {
      expect(verifyRangeToken(PUBLIC_KEY, token, before)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses hostile text (U+0000, a lone surrogate, Vietnamese, 100 000 characters) without throwing', () => {
    for (const token of [`${PAYLOAD}\u0000.${SIGNATURE}`, `${PAYLOAD}.${SIGNATURE}\uD800`, 'vé-của-học-sinh.chữ-ký', 'a'.repeat(100_000)]) {
      expect(verifyRangeToken(PUBLIC_KEY, token, before)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a well-signed payload whose claims are not valid (not JSON, a name, a string exp, a version 2)', () => {
    for (const json of [
      'not json',
      '{"v":1,"app":"sql-dang-nhap","studentRef":"Trần Thị Bình","exp":1767225600}',
      '{"v":1,"app":"x","studentRef":"hs_7Qk2Xm9a","exp":"1767225600"}',
      '{"v":2,"app":"x","studentRef":"hs_7Qk2Xm9a","exp":1767225600}',
      '[1]',
    ]) {
      const payload = b64(json);
      expect(verifyRangeToken(PUBLIC_KEY, `${payload}.${signRaw(payload)}`, before)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('will not take the private key as its verifying key', () => {
    expect(() => verifyRangeToken(PRIVATE_KEY, `${PAYLOAD}.${SIGNATURE}`, before)).toThrow(/private key/);
  });
});

describe('rangeFlag', () => {
  // Expected values from `printf '%s' 'sql-dang-nhap:hs_7Qk2Xm9a' | openssl dgst -sha256 -hmac '<key>'`.
  const key = 'khoa-co-cua-san-tap-0123456789abcdef';

  it('is TT{…} around the first 20 hex digits of HMAC-SHA256(key, slug:studentRef)', () => {
    expect(rangeFlag(key, 'sql-dang-nhap', 'hs_7Qk2Xm9a')).toBe('TT{b67d06e2fc4cfac320f6}');
    expect(rangeFlag(key, 'sql-dang-nhap', 'hs_Zz81LpQe')).toBe('TT{8b538dc7426ab80ac0df}');
  });

  it('hashes Vietnamese text as UTF-8 bytes', () => {
    expect(rangeFlag('khóa', 'thử', 'hs_7Qk2Xm9a')).toBe('TT{159b91582a0e333d1936}');
  });

  it('matches the flag pattern', () => {
    expect(rangeFlag(key, 'robots', 'hs_7Qk2Xm9a')).toMatch(RANGE_FLAG);
  });
});

describe('rangeAppUrl', () => {
  it('puts the app and the token under the range base, whatever its trailing slash', () => {
    expect(rangeAppUrl('https://range.example/', 'robots', `${PAYLOAD}.${SIGNATURE}`)).toBe(`https://range.example/robots/?t=${PAYLOAD}.${SIGNATURE}`);
    expect(rangeAppUrl('http://127.0.0.1:3100', 'robots', 'a.b')).toBe('http://127.0.0.1:3100/robots/?t=a.b');
  });
});
