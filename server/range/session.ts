import * as nodeCrypto from 'node:crypto';

/**
 * The range's session: after the token's first visit, an HttpOnly cookie bound to (app,
 * studentRef), limited to the app's path. It is stateless (an HMAC under a key derived from the
 * range's flag key), so it survives a restart and costs no memory; the app never sees this key.
 */
export const SESSION_COOKIE = 'tt_range';

export class SessionSigner {
  private readonly key: Buffer;

  constructor(flagKey: string) {
    this.key = nodeCrypto.createHmac('sha256', flagKey).update('tinhtao-range-session-cookie-v1').digest();
  }

  private mac(app: string, studentRef: string, exp: number): string {
    return nodeCrypto.createHmac('sha256', this.key).update(`${app}.${studentRef}.${exp}`).digest('base64url');
  }

  /** The cookie value for a student in an app until `exp` (seconds since 1970). */
  issue(app: string, studentRef: string, exp: number): string {
    return `${studentRef}.${exp}.${this.mac(app, studentRef, exp)}`;
  }

  /** The studentRef of a valid, unexpired cookie of this app, or null. */
  read(app: string, value: string | undefined, nowMs: number): string | null {
    if (value === undefined || value.length > 200) return null;
    const parts = value.split('.');
    if (parts.length !== 3) return null;
    const [studentRef, expText, mac] = parts as [string, string, string];
    if (!/^\d{1,12}$/.test(expText) || Number(expText) * 1000 <= nowMs) return null;
    const expected = Buffer.from(this.mac(app, studentRef, Number(expText)));
    const given = Buffer.from(mac);
    return given.length === expected.length && nodeCrypto.timingSafeEqual(given, expected) ? studentRef : null;
  }
}

/** The request's cookies by name; a repeated name keeps its first value (the most specific path, as browsers send it). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}
