import { createRequire } from 'node:module';

import type { DiagnosticResultsDto } from '@tinhtao/shared';

import { REPORT_FONT_FILE } from './report-pdf.js';
import { authorityName, diagnosticRows, gainText, placeAndDate } from './report-text.js';

describe('the report header', () => {
  it('names the province’s people’s committee, once, whatever the province is called', () => {
    expect(authorityName('Tỉnh Lạng Sơn')).toBe('ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN');
    expect(authorityName('Thành phố Hà Nội')).toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI');
    expect(authorityName('Quảng Ninh')).toBe('ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH');
  });

  it('dates the report in Vietnam’s time, at the province’s own place name', () => {
    expect(placeAndDate('Tỉnh Lạng Sơn', new Date('2026-11-23T18:30:00Z'))).toBe('Lạng Sơn, ngày 24 tháng 11 năm 2026');
    expect(placeAndDate('Thành phố Hà Nội', new Date('2027-01-05T02:00:00Z'))).toBe('Hà Nội, ngày 5 tháng 1 năm 2027');
  });
});

describe('the report font', () => {
  it('has a glyph for every Vietnamese letter, lower and upper case, and the marks the reports print', () => {
    // fontkit is what pdfkit (under pdfmake) reads fonts with.
    const requireFromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = requireFromPdfkit('fontkit');
    const font = fontkit.openSync(REPORT_FONT_FILE);
    const vowels = 'aăâeêioôơuưy';
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const letters = [...vowels].flatMap((v) => tones.map((t) => (v + t).normalize('NFC'))).join('') + 'đ';
    const all = letters + letters.toLocaleUpperCase('vi') + '“”–—%';
    const missing = [...all].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)));
    expect(missing).toEqual([]);
    expect(all.length).toBeGreaterThan(140);
  });
});

describe(diagnosticRows.name, () => {
  const summary = {
    preCount: 120,
    postCount: 110,
    pairedCount: 100,
    pre: { mean: 52.345, sd: 10 },
    post: { mean: 64.06, sd: 11 },
    gain: { mean: 11.71, low: 9.04, high: 14.38 },
    normalizedGain: { mean: 0.24567, low: 0.2, high: 0.3 },
    improvedShare: 0.7123,
    discernment: { pre: 0.2, post: 0.456, gain: null },
    skepticism: { pre: 0.31, post: 0.25, gain: null },
  };
  const result = (total: DiagnosticResultsDto['total']) =>
    ({
      diagnostic: { id: 'd', title: 'Khảo sát', level: 'THCS', kind: 'MEDIA_LITERACY' },
      total,
      techniques: [
        { tag: 'conspiracy', pre: 0.5, post: 0.41, change: -0.09, postLow: 0.3, postHigh: 0.5 },
        { tag: 'trolling', pre: 0.4, post: null, change: null, postLow: null, postHigh: null },
      ],
    }) as unknown as DiagnosticResultsDto;

  it('rounds the province figures for the report and names the techniques still fallen for', () => {
    const [row] = diagnosticRows([result({ id: 'p', name: 'Tỉnh', students: 120, summary })]);
    expect(row).toEqual({
      title: 'Khảo sát',
      level: 'THCS',
      kind: 'MEDIA_LITERACY',
      pre: 120,
      post: 110,
      paired: 100,
      preMean: 52.3,
      postMean: 64.1,
      gain: { mean: 11.7, low: 9, high: 14.4 },
      normalizedGain: 0.25,
      improvedPercent: 71.2,
      discernmentPre: 20,
      discernmentPost: 45.6,
      skepticismPre: 31,
      skepticismPost: 25,
      stillFooled: [{ tag: 'Thuyết âm mưu', percent: 41 }],
    });
    expect(gainText(row.gain)).toBe('+11,7 (9 – 14,4)');
  });

  it('says nothing of a province too small to show', () => {
    const [row] = diagnosticRows([result({ id: 'p', name: 'Tỉnh', students: 8, summary: null })]);
    expect(row).toMatchObject({ pre: 0, preMean: null, gain: null, stillFooled: [] });
    expect(gainText(null)).toBe('—');
  });
});
