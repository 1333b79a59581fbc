import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One-time passwords of accounts made in bulk (imports, resets): random, printed on a class's
 * login cards, and replaced by the student's own (argon2id) password at first login. They are
 * kept sealed with AES-256-GCM under a key derived from the server's secret, instead of
 * hashed with argon2, because a card must be printable again and because hashing 100,000
 * of them with argon2 would take most of an hour. A sealed value starts with `otp$`.
 */
const PREFIX = 'otp$';
const keys = new Map<string, Buffer>();
const keyOf = (secret: string) => {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'tinhtao', 'one-time passwords', 32));
    keys.set(secret, key);
  }
  return key;
};

export const isSealed = (passwordHash: string) => passwordHash.startsWith(PREFIX);

export function sealOneTimePassword(secret: string, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The password, or null when the value is not sealed or not sealed under this secret. */
export function openOneTimePassword(secret: string, sealed: string): string | null {
  if (!isSealed(sealed)) return null;
  try {
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function verifyOneTimePassword(secret: string, sealed: string, password: string): boolean {
  const expected = openOneTimePassword(secret, sealed);
  if (expected === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(password);
  return a.length === b.length && timingSafeEqual(a, b);
}
