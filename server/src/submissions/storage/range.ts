/**
 * What to answer an HTTP `Range` header (RFC 9110 §14) for an object of `size` bytes:
 * - `whole`: 200 with every byte. No header, another unit than `bytes`, several ranges, or a
 *   header that does not parse: §14.2 lets a server ignore a Range it does not serve.
 * - `partial`: 206 with bytes `start`…`end` (inclusive), already cut to the object's end.
 * - `unsatisfiable`: 416 with `Content-Range: bytes *\/size`.
 */
export type RangeAnswer = { kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const WHOLE: RangeAnswer = { kind: 'whole' };
const UNSATISFIABLE: RangeAnswer = { kind: 'unsatisfiable' };

/** One `first-last`, `first-` or `-suffix`; digits only (no sign, no exponent, no spaces). */
const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined || header.length > 200) return WHOLE;
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return WHOLE;
  const [, first, last] = match;
  if (first === '' && last === '') return WHOLE;
  if (first === '') {
    // A suffix: the last N bytes, or all of them when the object is shorter.
    const suffix = Number(last);
    if (suffix === 0) return UNSATISFIABLE;
    // §14.1.1: a non-empty suffix is satisfiable even on an empty object, which has no byte to put in a 206.
    if (size === 0) return WHOLE;
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
