import {
  checkFlag,
  checkPerStudentFlag,
  constantTimeEqual,
  derivedFlagOwners,
  judgeFlag,
  MAX_FLAG_LENGTH,
  normalizeFlag,
  patternProblem,
  takeAttempt,
  verdictForSubmitter,
} from './flags.js';
import { rangeFlag } from './range-token.js';

describe(constantTimeEqual.name, () => {
  it('is plain equality, for strings of equal and of different lengths', () => {
    expect(constantTimeEqual('TT{abc}', 'TT{abc}')).toBe(true);
    expect(constantTimeEqual('TT{abc}', 'TT{abd}')).toBe(false);
    expect(constantTimeEqual('TT{abc}', 'TT{abc}x')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('', 'a')).toBe(false);
    // U+0000 must not pass for a missing character.
    expect(constantTimeEqual('a\u0000', 'a')).toBe(false);
  });
});

describe('checkFlag (static)', () => {
  const rule = { kind: 'static' as const, value: 'TT{mèo-Mướp}', caseSensitive: true };

  it('trims the submission and compares it exactly, case included', () => {
    expect(checkFlag(rule, '  TT{mèo-Mướp}\n')).toBe(true);
    expect(checkFlag(rule, 'TT{MÈO-MƯỚP}')).toBe(false);
    expect(checkFlag(rule, 'TT{meo-Muop}')).toBe(false);
  });

  it('equals the same Vietnamese letters typed with combining marks (NFC)', () => {
    const decomposed = 'TT{mèo-Mướp}'.normalize('NFD');
    expect(decomposed).not.toBe('TT{mèo-Mướp}');
    expect(checkFlag(rule, decomposed)).toBe(true);
  });

  it('ignores the case with Vietnamese rules when the challenge says so', () => {
    expect(checkFlag({ ...rule, caseSensitive: false }, 'tt{MÈO-MƯỚP}')).toBe(true);
    expect(normalizeFlag(' ĐÀ LẠT ', false)).toBe('đà lạt');
  });

  it('calls empty, whitespace-only and over-long submissions wrong', () => {
    expect(checkFlag({ ...rule, value: '' }, '   ')).toBe(false);
    expect(checkFlag(rule, `TT{mèo-Mướp}${' '.repeat(MAX_FLAG_LENGTH)}`)).toBe(false);
  });

  it('uses the compare it is given', () => {
    const seen: [string, string][] = [];
    checkFlag(rule, ' x ', (a, b) => (seen.push([a, b]), false));
    expect(seen).toEqual([['x', 'TT{mèo-Mướp}']]);
  });
});

describe('checkFlag (pattern)', () => {
  it('matches the whole submission, never a part of it', () => {
    const rule = { kind: 'pattern' as const, pattern: 'TT\\{[0-9]{4}\\}', caseSensitive: true };
    expect(checkFlag(rule, 'TT{2026}')).toBe(true);
    expect(checkFlag(rule, 'xTT{2026}')).toBe(false);
    expect(checkFlag(rule, 'TT{2026}x')).toBe(false);
    // An alternation at the top must not escape the anchors: ^(?:a|b)$, not ^a|b$.
    const either = { kind: 'pattern' as const, pattern: '203\\.0\\.113\\.7|máy chủ lạ', caseSensitive: false };
    expect(checkFlag(either, 'Máy chủ lạ')).toBe(true);
    expect(checkFlag(either, '203.0.113.7 và hơn nữa')).toBe(false);
  });

  it('matches nothing with a pattern that would be refused', () => {
    expect(checkFlag({ kind: 'pattern', pattern: '(a+)+', caseSensitive: true }, 'aaaa')).toBe(false);
  });
});

describe(patternProblem.name, () => {
  it('accepts the patterns a flag needs', () => {
    for (const ok of ['TT\\{[a-z0-9_]{4,40}\\}', '(?:TT|tt)\\{\\d+\\}', 'th(?:ư|u) gi(?:ả|a)', '\\p{L}+', 'a?b*c+', '(ab){3}', '(a|b)?c'])
      expect([ok, patternProblem(ok)]).toEqual([ok, null]);
  });

  it('refuses repetition of a group that holds a quantifier or an alternation', () => {
    for (const bad of ['(a+)+', '(a*)*', '(?:a|aa)*', '((ab)+c)+', '(a?){2,}', '(x+x+)+y', '(\\d+)*$'])
      expect([bad, patternProblem(bad)]).toEqual([bad, 'nested_quantifier']);
  });

  it('refuses backreferences, lookarounds, huge counts, long and broken patterns', () => {
    expect(patternProblem('(a)\\1')).toBe('backreference');
    expect(patternProblem('(?<x>a)\\k<x>')).toBe('backreference');
    expect(patternProblem('(?=a)a')).toBe('lookaround');
    expect(patternProblem('(?<!a)b')).toBe('lookaround');
    expect(patternProblem('a{1,1000}')).toBe('repeat_too_large');
    expect(patternProblem('a'.repeat(201))).toBe('too_long');
    expect(patternProblem('(')).toBe('invalid');
    expect(patternProblem('')).toBe('invalid');
  });

  it('reads a quantifier character inside a class or escaped as a plain character', () => {
    expect(patternProblem('([+*])+')).toBe(null);
    expect(patternProblem('(\\+)+')).toBe(null);
  });
});

describe(checkPerStudentFlag.name, () => {
  const KEY = 'khoa-thu-nghiem-chi-dung-trong-spec';
  const derive = (ref: string) => rangeFlag(KEY, 'sql-dang-nhap', ref);
  const participants = [
    { id: 'an', ref: 'hs_7Qk2Xm9a' },
    { id: 'binh', ref: 'hs_Zz81LpQe' },
  ];
  const ownerOf = derivedFlagOwners(participants, derive);

  it("scores the owner's own flag", () => {
    expect(checkPerStudentFlag(` ${derive('hs_7Qk2Xm9a')} `, { expected: derive('hs_7Qk2Xm9a'), ownerOf })).toEqual({ verdict: 'correct' });
  });

  it("calls another participant's flag shared, naming whose, and tells the submitter only that it is wrong", () => {
    const verdict = checkPerStudentFlag(derive('hs_7Qk2Xm9a'), { expected: derive('hs_Zz81LpQe'), ownerOf });
    expect(verdict).toEqual({ verdict: 'shared', ownerId: 'an' });
    expect(verdictForSubmitter(verdict)).toBe('wrong');
  });

  it('calls a made-up flag of the right shape wrong, and never matches in another case', () => {
    expect(checkPerStudentFlag('TT{00000000000000000000}', { expected: derive('hs_Zz81LpQe'), ownerOf })).toEqual({ verdict: 'wrong' });
    expect(checkPerStudentFlag(derive('hs_Zz81LpQe').toUpperCase(), { expected: derive('hs_Zz81LpQe'), ownerOf })).toEqual({ verdict: 'wrong' });
  });

  it('refuses hostile text as wrong: U+0000, a lone surrogate, 10,000 characters', () => {
    for (const hostile of ['\u0000', '\uD800', 'x'.repeat(10_000)])
      expect(checkPerStudentFlag(hostile, { expected: derive('hs_Zz81LpQe'), ownerOf })).toEqual({ verdict: 'wrong' });
  });
});

describe(judgeFlag.name, () => {
  it('judges static rules alone and needs the check for a per-student rule', () => {
    expect(judgeFlag({ kind: 'static', value: 'TT{x}', caseSensitive: true }, 'TT{x}')).toEqual({ verdict: 'correct' });
    expect(() => judgeFlag({ kind: 'per_student' }, 'TT{x}')).toThrow(/per-student/);
    expect(judgeFlag({ kind: 'per_student' }, 'TT{x}', { expected: 'TT{x}', ownerOf: () => null })).toEqual({ verdict: 'correct' });
  });
});

describe(takeAttempt.name, () => {
  it('lets `limit` attempts through in a window and refuses the next until the window ends', () => {
    // limit 3, window 60 s, from t = 1,000,000.
    let state = null as Parameters<typeof takeAttempt>[0];
    const t0 = 1_000_000;
    for (const [k, remaining] of [
      [0, 2],
      [10_000, 1],
      [20_000, 0],
    ] as const) {
      const d = takeAttempt(state, t0 + k, 3, 60_000);
      expect(d).toMatchObject({ allowed: true, remaining });
      state = d.state;
    }
    // 4th at t0 + 30 s: refused, 30 s to wait; it does not count.
    expect(takeAttempt(state, t0 + 30_000, 3, 60_000)).toEqual({ allowed: false, state: { startedAt: t0, count: 3 }, retryAfterMs: 30_000 });
    // At t0 + 60 s the window has ended: a new one opens at that moment.
    expect(takeAttempt(state, t0 + 60_000, 3, 60_000)).toEqual({ allowed: true, state: { startedAt: t0 + 60_000, count: 1 }, remaining: 2 });
  });

  it('keeps the window when the clock goes back, so the count is never reset by it', () => {
    const full = { startedAt: 5000, count: 3 };
    expect(takeAttempt(full, 1000, 3, 60_000)).toEqual({ allowed: false, state: full, retryAfterMs: 60_000 });
  });

  it('uses 10 per minute by default', () => {
    expect(takeAttempt(null, 0)).toEqual({ allowed: true, state: { startedAt: 0, count: 1 }, remaining: 9 });
    expect(takeAttempt({ startedAt: 0, count: 10 }, 59_999)).toEqual({ allowed: false, state: { startedAt: 0, count: 10 }, retryAfterMs: 1 });
  });
});
