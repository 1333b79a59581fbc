import { parseRange } from './range.js';

describe(parseRange.name, () => {
  const size = 1000;

  it('answers the whole object when no range is asked', () => {
    expect(parseRange(undefined, size)).toEqual({ kind: 'whole' });
    expect(parseRange('', size)).toEqual({ kind: 'whole' });
  });

  it('serves a closed range as asked: bytes=0-499 is the first 500 bytes', () => {
    expect(parseRange('bytes=0-499', size)).toEqual({ kind: 'partial', start: 0, end: 499 });
    expect(parseRange('bytes=500-999', size)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=0-0', size)).toEqual({ kind: 'partial', start: 0, end: 0 });
  });

  it('runs an open range to the last byte', () => {
    expect(parseRange('bytes=500-', size)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=999-', size)).toEqual({ kind: 'partial', start: 999, end: 999 });
  });

  it('cuts a range that runs past the end to the last byte', () => {
    expect(parseRange('bytes=900-5000', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=0-99999999999999999999', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  it('serves a suffix as the last N bytes, or all of them when the object is shorter', () => {
    expect(parseRange('bytes=-500', size)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=-1', size)).toEqual({ kind: 'partial', start: 999, end: 999 });
    expect(parseRange('bytes=-1500', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseRange('bytes=-99999999999999999999', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  it('refuses (416) a range that starts at or past the end, and an empty suffix', () => {
    expect(parseRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=1000-1001', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=99999999999999999999-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
  });

  it('on an empty object refuses any first-last range and serves a suffix as the (empty) whole', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-0', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'whole' });
  });

  it('reads the unit without regard to case', () => {
    expect(parseRange('Bytes=0-9', size)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('BYTES=-10', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
  });

  it('ignores (200) several ranges, other units, backwards ranges and anything that does not parse', () => {
    for (const header of [
      'bytes=0-1,5-9',
      'items=0-5',
      'bytes=500-400',
      'bytes=',
      'bytes=-',
      'bytes=abc',
      'bytes=1-2-3',
      'bytes=+5-',
      'bytes=-+5',
      'bytes=1e3-',
      'bytes=0x10-20',
      'bytes=0 -5',
      'bytes 0-5',
      '=0-5',
      'bytes=0-5\u0000',
      'bytes=\uD800-5',
      'bytes=٠-٥',
      `bytes=${'1'.repeat(300)}-`,
    ]) {
      expect({ header, answer: parseRange(header, size) }).toEqual({ header, answer: { kind: 'whole' } });
    }
  });

  it('takes surrounding white space', () => {
    expect(parseRange('  bytes=0-9 ', size)).toEqual({ kind: 'partial', start: 0, end: 9 });
  });
});
