import { findUnsafeText, gradeFitsLevel, schoolYearOf, SchoolYearSchema, trimmed, trimmedLine, unsafeTextReason } from './common.js';

describe('schoolYearOf', () => {
  it('starts a school year in August (months before count to the previous one)', () => {
    expect(schoolYearOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-05-31T00:00:00Z'))).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-08-01T00:00:00Z'))).toBe('2027-2028');
  });
});

describe('SchoolYearSchema', () => {
  it('accepts consecutive years only', () => {
    expect(SchoolYearSchema.safeParse('2026-2027').success).toBe(true);
    expect(SchoolYearSchema.safeParse('2026-2028').success).toBe(false);
    expect(SchoolYearSchema.safeParse('26-27').success).toBe(false);
  });
});

describe('gradeFitsLevel', () => {
  it('teaches 6-9 at THCS, 10-12 at THPT and all at a mixed school', () => {
    expect(gradeFitsLevel(9, 'THCS')).toBe(true);
    expect(gradeFitsLevel(10, 'THCS')).toBe(false);
    expect(gradeFitsLevel(10, 'THPT')).toBe(true);
    expect(gradeFitsLevel(6, 'MIXED')).toBe(true);
  });
});

describe('text helpers', () => {
  it('trims and bounds text, keeping line breaks in multi-line text only', () => {
    expect(trimmed(1, 10).parse('  Hà Nội  ')).toBe('Hà Nội');
    expect(trimmed(1, 20).safeParse('dòng 1\ndòng 2').success).toBe(true);
    expect(trimmedLine(1, 20).safeParse('dòng 1\ndòng 2').success).toBe(false);
    expect(trimmedLine(1, 20).safeParse('a\tb').success).toBe(false);
    expect(trimmedLine(1, 3).safeParse('abcd').success).toBe(false);
  });

  it('refuses U+0000, other controls and lone surrogates in every text', () => {
    for (const bad of ['a\u0000b', 'a\u0007', '\u007F', 'x\uD800', '\uDC00y', 'a\u001Bb', 'a\uFFFF', '\uFFFE']) {
      const result = trimmed(0, 100).safeParse(bad);
      expect({ bad, success: result.success }).toEqual({ bad, success: false });
      expect(result.error!.issues[0].message).toMatch(/^text\.(forbiddenCharacters|loneSurrogate)$/);
    }
    // A whole pair (an emoji) is fine.
    expect(trimmed(0, 10).safeParse('👍 Đạt').success).toBe(true);
  });

  it('finds the first unsafe string or key anywhere in a value, with its path', () => {
    expect(findUnsafeText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toEqual({ path: ['a', 1, 'c'], code: 'text.forbiddenCharacters' });
    expect(findUnsafeText({ ['k\uD800']: 1 })).toEqual({ path: ['k\uD800'], code: 'text.loneSurrogate' });
    expect(findUnsafeText({ note: 'hai dòng\r\nvà tab\t', n: 1, list: ['Đúng', 'Sai'] })).toBeNull();
    expect(unsafeTextReason('a\nb', false)).toBe('control_character');
    expect(unsafeTextReason('a\nb', true)).toBeNull();
  });
});
