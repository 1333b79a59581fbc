import { randomInt } from 'node:crypto';

import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with OWASP's baseline: 19 MiB, 2 passes. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so that the answer takes as long either way. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('not-a-real-password-0'));

/** A one-time password a teacher can read aloud: no 0/O, 1/l/I. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function generateTemporaryPassword(length = 8): string {
  let out = '';
  for (let i = 0; i < length - 2; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  // Always a letter and a digit, so it passes the password rule.
  return out + 'abcdefghjkmnpqrstuvwxyz'[randomInt(23)] + '23456789'[randomInt(8)];
}
