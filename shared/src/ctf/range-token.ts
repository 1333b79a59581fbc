/**
 * The practice range's access token and per-student flags (issue 20, §2).
 *
 * The app signs a short-lived token with its Ed25519 private key and sends the student to
 * `<range>/<app>/?t=<token>`; the range holds only the public key, so it can check a token but
 * never make one. A token is `<payload>.<signature>`, both base64url: the payload is the JSON
 * `{"v":1,"app":…,"studentRef":…,"exp":…}` (`exp` in whole seconds since 1970), the signature
 * covers `tinhtao-range-v1.` + the payload text, so a key used elsewhere cannot be replayed here.
 *
 * Node-only: the client bundle never calls these, and the namespace import keeps a browser
 * build from failing on a missing `node:crypto` export (Vite swaps it for an empty module).
 */
import * as nodeCrypto from 'node:crypto';

/** An app of the range: lower-case letters, digits and inner hyphens, as in its URL. */
export const RANGE_APP_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
/** A student's pseudonym for the range: opaque, never a name (the app keeps the mapping). */
export const RANGE_STUDENT_REF = /^[A-Za-z0-9_-]{8,64}$/;
/** A flag as the range shows it and a student submits it. */
export const RANGE_FLAG = /^TT\{[0-9a-f]{20}\}$/;
/** The query parameter that carries the token on the first visit. */
export const RANGE_TOKEN_PARAM = 't';

/** Longer tokens are refused unread: a real one is about 200 characters. */
const MAX_TOKEN_LENGTH = 1024;
const SIGNING_CONTEXT = 'tinhtao-range-v1.';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ED25519_SIGNATURE_BYTES = 64;

export interface RangeTokenClaims {
  app: string;
  studentRef: string;
  /** Expiry, whole seconds since 1970-01-01T00:00:00Z. */
  exp: number;
}

export type RangeTokenRefusal = 'malformed' | 'bad_signature' | 'expired';
export type RangeTokenCheck = { ok: true; claims: RangeTokenClaims } | { ok: false; reason: RangeTokenRefusal };

function ed25519Key(pem: string, kind: 'private' | 'public'): nodeCrypto.KeyObject {
  // createPublicKey also accepts a private key and derives its public half: refuse that, a verifier must never hold the signing key.
  if (kind === 'public' && pem.includes('PRIVATE KEY')) throw new Error('The range token verifier was given a private key; give it the public key only.');
  const key = kind === 'private' ? nodeCrypto.createPrivateKey(pem) : nodeCrypto.createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The range token ${kind} key must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'unknown'}.`);
  return key;
}

function claimsAreValid(value: unknown): value is RangeTokenClaims & { v: 1 } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { v, app, studentRef, exp } = value as Record<string, unknown>;
  return (
    v === 1 &&
    typeof app === 'string' &&
    RANGE_APP_SLUG.test(app) &&
    typeof studentRef === 'string' &&
    RANGE_STUDENT_REF.test(studentRef) &&
    typeof exp === 'number' &&
    Number.isSafeInteger(exp) &&
    exp > 0
  );
}

/** Signs a token for one student and one range app. Throws on claims no verifier would accept. */
export function signRangeToken(privateKeyPem: string, claims: RangeTokenClaims): string {
  const body = { v: 1 as const, app: claims.app, studentRef: claims.studentRef, exp: claims.exp };
  if (!claimsAreValid(body))
    throw new Error('Range token claims are invalid: app must be a slug, studentRef a pseudonym of 8-64 [A-Za-z0-9_-], exp whole seconds.');
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  const signature = nodeCrypto.sign(null, Buffer.from(SIGNING_CONTEXT + payload, 'utf8'), ed25519Key(privateKeyPem, 'private'));
  return `${payload}.${signature.toString('base64url')}`;
}

/**
 * Checks a token against the app's public key at `now`. A token is expired from its `exp`
 * second on. Throws only when the key itself is not an Ed25519 public key (a configuration error).
 */
export function verifyRangeToken(publicKeyPem: string, token: string, now: Date): RangeTokenCheck {
  const key = ed25519Key(publicKeyPem, 'public');
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payload, signatureText] = parts as [string, string];
  if (!BASE64URL.test(payload) || !BASE64URL.test(signatureText)) return { ok: false, reason: 'malformed' };
  const signature = Buffer.from(signatureText, 'base64url');
  if (signature.length !== ED25519_SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
  if (!nodeCrypto.verify(null, Buffer.from(SIGNING_CONTEXT + payload, 'utf8'), key, signature)) return { ok: false, reason: 'bad_signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!claimsAreValid(claims)) return { ok: false, reason: 'malformed' };
  if (now.getTime() >= claims.exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { app: claims.app, studentRef: claims.studentRef, exp: claims.exp } };
}

/** The link the app gives a student: the range's base URL (no trailing slash needed), the app, the token. */
export function rangeAppUrl(rangeBaseUrl: string, app: string, token: string): string {
  return `${rangeBaseUrl.replace(/\/+$/, '')}/${app}/?${RANGE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/**
 * A student's flag for one challenge: `TT{` + the first 20 hex digits of
 * HMAC-SHA256(key, challengeSlug + ':' + studentRef) + `}`. The range shows it; the app, holding
 * the same key, recomputes it to tell whose flag was submitted.
 */
export function rangeFlag(flagKey: string, challengeSlug: string, studentRef: string): string {
  const digest = nodeCrypto.createHmac('sha256', flagKey).update(`${challengeSlug}:${studentRef}`, 'utf8').digest('hex');
  return `TT{${digest.slice(0, 20)}}`;
}
