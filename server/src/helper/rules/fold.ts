/**
 * Vietnamese text folded for matching with or without diacritics ("mã OTP", "ma otp", "MÃ OTP"
 * all read "ma otp"), with a map back to the original, so that every quote is the exact
 * substring the user wrote (DESIGN §4), whatever normal form their phone sent.
 */
export interface FoldedText {
  readonly original: string;
  readonly folded: string;
  /** For each folded character, where its code point starts and ends in the original. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

const COMBINING = /\p{M}/u;

/** One code point folded: no tone or vowel marks, đ as d, lower case; a lone combining mark folds to nothing. */
export function foldChar(char: string): string {
  if (COMBINING.test(char)) return '';
  return char.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

export function fold(original: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const char of original) {
    const end = index + char.length;
    const f = foldChar(char);
    if (f === '' && ends.length > 0) ends[ends.length - 1] = end; // a combining mark belongs to the letter before it
    for (const unit of f) {
      folded += unit;
      starts.push(index);
      ends.push(end);
    }
    index = end;
  }
  return { original, folded, starts, ends };
}

/** Folded plain text (for keys, patterns and search terms). */
export function foldText(value: string): string {
  return fold(value).folded;
}

/** A warning pattern's phrase as it is matched and kept unique: folded, one space between words. */
export function phraseKey(phrase: string): string {
  return foldText(phrase).replace(/\s+/g, ' ').trim();
}

/** The original substring behind folded[from, to). */
export function originalSlice(text: FoldedText, from: number, to: number): string {
  if (to <= from) return '';
  return text.original.slice(text.starts[from], text.ends[to - 1]);
}
