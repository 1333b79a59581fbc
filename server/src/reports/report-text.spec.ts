import { createRequire } from 'node:module';
import { REPORT_FONT_FILE } from './report-pdf.js';
import { authorityName, placeAndDate } from './report-text.js';

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
  it('has a glyph for every Vietnamese letter, lower and upper case, and the marks the reports print', async () => {
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
