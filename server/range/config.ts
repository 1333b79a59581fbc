import * as nodeCrypto from 'node:crypto';

/**
 * The range's whole configuration. It holds a key of its own for the flags and the app's
 * *public* token key; nothing that could sign an app token or open the app's database.
 */
export interface RangeConfig {
  port: number;
  host: string;
  /** HMAC key of the per-student flags (the app holds it too, to recognise whose flag came back). */
  flagKey: string;
  /** Ed25519 public key (PEM) that checks the app's access tokens. */
  tokenPublicKeyPem: string;
}

export class RangeConfigError extends Error {}

const OWN_NAMES = new Set(['RANGE_PORT', 'RANGE_HOST', 'RANGE_FLAG_KEY', 'RANGE_TOKEN_PUBLIC_KEY']);

/** The app's secrets and connections by name (server/src/config), and every name that says "secret". */
const APP_SECRET_NAMES = new Set(['JWT_SECRET', 'DEV_JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'HELPER_LLM_API_KEY']);
const SECRET_NAME_PATTERNS = [
  /SECRET/i,
  /PASSWORD/i,
  /PASSWD/i,
  /PRIVATE_?KEY/i,
  /API_?KEY/i,
  /ACCESS_KEY/i,
  /CREDENTIAL/i,
  /^DATABASE_/,
  /^REDIS_/,
  /^PG[A-Z]+$/,
  /(SESSION|AUTH)_TOKEN/i,
];

const MIN_FLAG_KEY_LENGTH = 32;

/** Names in `env` the range must not hold: the app's secrets, anything named like a secret, any private key by value. */
export function forbiddenEnvNames(env: Readonly<Record<string, string | undefined>>): string[] {
  const secretByName = (name: string) => !OWN_NAMES.has(name) && (APP_SECRET_NAMES.has(name) || SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name)));
  return Object.keys(env)
    .filter((name) => env[name] !== undefined && (secretByName(name) || env[name].includes('PRIVATE KEY-----')))
    .sort();
}

/** Reads the range's configuration, refusing to run with any app secret in its environment. Throws RangeConfigError naming every problem. */
export function parseRangeConfig(env: Readonly<Record<string, string | undefined>>): RangeConfig {
  const forbidden = forbiddenEnvNames(env);
  if (forbidden.length > 0) {
    throw new RangeConfigError(
      `Refusing to start: the practice range must hold no secret of the app, and its environment has ${forbidden.join(', ')}. ` +
        'Start it with its own variables only (RANGE_PORT, RANGE_HOST, RANGE_FLAG_KEY, RANGE_TOKEN_PUBLIC_KEY).',
    );
  }
  const problems: string[] = [];

  const portText = env.RANGE_PORT ?? '3100';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) problems.push(`RANGE_PORT must be a port number (0-65535), not "${portText}"`);

  const host = env.RANGE_HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('RANGE_HOST must not be empty');

  const flagKey = env.RANGE_FLAG_KEY ?? '';
  if (flagKey.length < MIN_FLAG_KEY_LENGTH)
    problems.push(`RANGE_FLAG_KEY must be at least ${MIN_FLAG_KEY_LENGTH} characters (the app uses the same key to check flags)`);

  // A PEM passed through a one-line variable often has its newlines written as \n.
  const tokenPublicKeyPem = (env.RANGE_TOKEN_PUBLIC_KEY ?? '').replace(/\\n/g, '\n');
  if (tokenPublicKeyPem.trim() === '') {
    problems.push('RANGE_TOKEN_PUBLIC_KEY must be the app\'s Ed25519 public key (PEM, "-----BEGIN PUBLIC KEY-----")');
  } else {
    try {
      const key = nodeCrypto.createPublicKey(tokenPublicKeyPem);
      if (key.asymmetricKeyType !== 'ed25519') problems.push(`RANGE_TOKEN_PUBLIC_KEY must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'unknown'}`);
    } catch {
      problems.push('RANGE_TOKEN_PUBLIC_KEY is not a PEM public key');
    }
  }

  if (problems.length > 0) throw new RangeConfigError(`Invalid range configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return { port, host, flagKey, tokenPublicKeyPem };
}
