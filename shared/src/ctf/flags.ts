/**
 * Flag checking and the attempt limit (issue 20, §1 and §3). Pure and browser-safe: the HMAC that
 * derives a per-student flag is injected (`rangeFlag` from `@tinhtao/shared/ctf` on the server), and
 * so may be a timing-safe comparison.
 *
 * The case rule: a submitted flag and the expected one are both trimmed and put in Unicode NFC
 * (so that "Mướp" typed with combining marks equals the precomposed one); then they must be equal
 * character for character, unless the challenge says `caseSensitive: false`, when both are
 * lower-cased with Vietnamese rules first. Per-student flags are always case-sensitive.
 */

/** Longer submissions are wrong unread: no flag of ours is near this. */
export const MAX_FLAG_LENGTH = 200;
/** Longer patterns are refused: a flag pattern is a line, not a program. */
export const MAX_FLAG_PATTERN_LENGTH = 200;
/** The largest count a `{n,m}` may name. */
export const MAX_PATTERN_REPEAT = 100;

export type FlagRule =
  { kind: 'static'; value: string; caseSensitive: boolean } | { kind: 'pattern'; pattern: string; caseSensitive: boolean } | { kind: 'per_student' };

/**
 * What the server decides. `shared`: the flag is another participant's per-student flag; it scores
 * nothing and the organiser sees whose it was. The submitter is told only `wrong` (`verdictForSubmitter`).
 */
export type FlagVerdict = { verdict: 'correct' } | { verdict: 'wrong' } | { verdict: 'shared'; ownerId: string };

/** Compares two strings without stopping at the first difference. */
export type StringCompare = (a: string, b: string) => boolean;

/**
 * Equality that looks at every character of the longer string whatever the answer, so its time
 * does not say how much of a guess was right. JavaScript cannot promise constant time; the server
 * may inject `crypto.timingSafeEqual` over digests instead.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

/** A submission as compared: trimmed, NFC, lower-cased with Vietnamese rules when the case does not matter. */
export function normalizeFlag(value: string, caseSensitive = true): string {
  const nfc = value.trim().normalize('NFC');
  return caseSensitive ? nfc : nfc.toLocaleLowerCase('vi');
}

export type PatternProblem = 'too_long' | 'invalid' | 'nested_quantifier' | 'backreference' | 'lookaround' | 'repeat_too_large';

/**
 * Why a flag pattern may not be used, or null. A pattern is matched against the whole submission
 * (`^(?:pattern)$`, flag `u`). To keep a match from backtracking catastrophically it may not:
 * be longer than 200 characters; repeat (`*`, `+`, `{n,}`, `{n,m}` with m > 1) a group that holds a
 * quantifier or an alternation (`(a+)+`, `(a|aa)*`); use backreferences or lookarounds; name a
 * count above 100. What is left matches in time polynomial in the input, which is at most 200 characters.
 */
export function patternProblem(pattern: string): PatternProblem | null {
  if (pattern.length === 0) return 'invalid';
  if (pattern.length > MAX_FLAG_PATTERN_LENGTH) return 'too_long';
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return 'invalid';
  }
  /** Per open group: whether it holds a quantifier or an alternation (at any depth). */
  const groups: { risky: boolean }[] = [{ risky: false }];
  let i = 0;
  const markRisky = () => {
    for (const g of groups) g.risky = true;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    let atomClosedGroupRisky = false;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreference';
      i += /[uUpP]/.test(next) && pattern[i + 2] === '{' ? pattern.indexOf('}', i) + 1 - i : 2;
    } else if (c === '[') {
      i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) return 'lookaround';
      groups.push({ risky: false });
      i++;
      continue;
    } else if (c === ')') {
      const closed = groups.pop()!;
      atomClosedGroupRisky = closed.risky;
      i++;
    } else if (c === '|') {
      markRisky();
      i++;
      continue;
    } else {
      i++;
    }
    // A quantifier may follow the atom just read.
    const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(pattern.slice(i));
    if (quantifier) {
      const [whole, min, comma, max] = quantifier;
      if ((min !== undefined && Number(min) > MAX_PATTERN_REPEAT) || (max !== undefined && max !== '' && Number(max) > MAX_PATTERN_REPEAT))
        return 'repeat_too_large';
      const repeats =
        whole[0] === '*' ||
        whole[0] === '+' ||
        (comma !== undefined && (max === '' || Number(max) > 1)) ||
        (min !== undefined && comma === undefined && Number(min) > 1);
      if (repeats && atomClosedGroupRisky) return 'nested_quantifier';
      markRisky();
      i += whole.length;
    }
  }
  return null;
}

/** Checks a submission against a static or pattern flag. A pattern with a problem matches nothing. */
export function checkFlag(rule: Exclude<FlagRule, { kind: 'per_student' }>, submitted: string, compare: StringCompare = constantTimeEqual): boolean {
  if (submitted.length > MAX_FLAG_LENGTH) return false;
  const given = normalizeFlag(submitted, rule.caseSensitive);
  if (given.length === 0) return false;
  if (rule.kind === 'static') return compare(given, normalizeFlag(rule.value, rule.caseSensitive));
  if (patternProblem(rule.pattern) !== null) return false;
  return new RegExp(`^(?:${rule.pattern})$`, rule.caseSensitive ? 'u' : 'iu').test(given);
}

export interface PerStudentCheck {
  /** The submitter's flag, derived for them (e.g. `rangeFlag(key, slug, studentRef)`). */
  expected: string;
  /** Whose derived flag this is among the contest's other participants, or null (a map built with `derivedFlagOwners`). */
  ownerOf: (flag: string) => string | null;
  compare?: StringCompare;
}

/**
 * A per-student flag: correct when it is the submitter's own; `shared` naming the owner when it is
 * another participant's; else wrong.
 */
export function checkPerStudentFlag(submitted: string, { expected, ownerOf, compare = constantTimeEqual }: PerStudentCheck): FlagVerdict {
  if (submitted.length > MAX_FLAG_LENGTH) return { verdict: 'wrong' };
  const given = normalizeFlag(submitted);
  if (given.length === 0) return { verdict: 'wrong' };
  if (compare(given, expected)) return { verdict: 'correct' };
  const owner = ownerOf(given);
  return owner === null ? { verdict: 'wrong' } : { verdict: 'shared', ownerId: owner };
}

/**
 * Every participant's derived flag → the participant, to tell whose flag was shared. `derive` is
 * the injected HMAC (`(ref) => rangeFlag(key, slug, ref)`); the server builds it once per challenge.
 */
export function derivedFlagOwners(participants: readonly { id: string; ref: string }[], derive: (ref: string) => string): (flag: string) => string | null {
  const owners = new Map<string, string>();
  for (const p of participants) owners.set(derive(p.ref), p.id);
  return (flag) => owners.get(flag) ?? null;
}

/** Any flag rule: the per-student one needs its check. */
export function judgeFlag(rule: FlagRule, submitted: string, perStudent?: PerStudentCheck): FlagVerdict {
  if (rule.kind !== 'per_student') return { verdict: checkFlag(rule, submitted, perStudent?.compare) ? 'correct' : 'wrong' };
  if (!perStudent) throw new Error('judgeFlag: a per-student flag needs the expected flag and the owners');
  return checkPerStudentFlag(submitted, perStudent);
}

/** What the submitter is told: a shared flag is simply wrong for them (the organiser sees the rest). */
export function verdictForSubmitter(verdict: FlagVerdict): 'correct' | 'wrong' {
  return verdict.verdict === 'correct' ? 'correct' : 'wrong';
}

// ── The attempt limit ──────────────────────────────────────────────────────

/** The default: 10 flag attempts per student and challenge per minute. */
export const FLAG_ATTEMPTS_PER_WINDOW = 10;
export const FLAG_ATTEMPT_WINDOW_MS = 60_000;

/** One fixed window of attempts (per student and challenge; the caller keys it). */
export interface AttemptWindow {
  startedAt: number;
  count: number;
}

export type AttemptDecision = { allowed: true; state: AttemptWindow; remaining: number } | { allowed: false; state: AttemptWindow; retryAfterMs: number };

/**
 * A fixed-window limit: at most `limit` attempts in `[startedAt, startedAt + windowMs)`; the first
 * attempt at or after the window's end opens a new window at `now`. A clock that goes back keeps
 * the current window (it never resets the count). A refused attempt does not count.
 */
export function takeAttempt(
  state: AttemptWindow | null,
  now: number,
  limit: number = FLAG_ATTEMPTS_PER_WINDOW,
  windowMs: number = FLAG_ATTEMPT_WINDOW_MS,
): AttemptDecision {
  if (!state || now >= state.startedAt + windowMs) {
    if (limit < 1) return { allowed: false, state: state ?? { startedAt: now, count: 0 }, retryAfterMs: windowMs };
    return { allowed: true, state: { startedAt: now, count: 1 }, remaining: limit - 1 };
  }
  if (state.count < limit) return { allowed: true, state: { startedAt: state.startedAt, count: state.count + 1 }, remaining: limit - state.count - 1 };
  return { allowed: false, state, retryAfterMs: state.startedAt + windowMs - Math.max(now, state.startedAt) };
}
