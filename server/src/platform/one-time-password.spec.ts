import { isSealed, openOneTimePassword, sealOneTimePassword, verifyOneTimePassword } from './one-time-password.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';

describe('one-time passwords', () => {
  it('seal to a value that opens to the password under the same secret only', () => {
    const sealed = sealOneTimePassword(SECRET, 'kx7mq2a5');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('kx7mq2a5');
    expect(openOneTimePassword(SECRET, sealed)).toBe('kx7mq2a5');
    expect(openOneTimePassword(`${SECRET}-other`, sealed)).toBeNull();
    expect(sealOneTimePassword(SECRET, 'kx7mq2a5')).not.toBe(sealed);
  });

  it('verify the right password only, and refuse argon2 hashes and tampered values', () => {
    const sealed = sealOneTimePassword(SECRET, 'kx7mq2a5');
    expect(verifyOneTimePassword(SECRET, sealed, 'kx7mq2a5')).toBe(true);
    expect(verifyOneTimePassword(SECRET, sealed, 'kx7mq2a6')).toBe(false);
    expect(verifyOneTimePassword(SECRET, sealed, '')).toBe(false);
    expect(verifyOneTimePassword(SECRET, '$argon2id$v=19$m=19456,t=2,p=1$abc$def', 'kx7mq2a5')).toBe(false);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'AB' : 'AA');
    expect(verifyOneTimePassword(SECRET, tampered, 'kx7mq2a5')).toBe(false);
  });
});
