import { afterEach, describe, expect, it } from '@jest/globals';

import en from './en.json';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatShortDateTime,
  formatTime,
  formatVietnamDateTime,
  formatWait,
  vietnamDayStart,
} from './format';
import { i18n, type MessageSchema } from './index';

/** Intl separates numbers with a narrow or plain no-break space in some locales; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function inEnglish(): void {
  i18n.global.setLocaleMessage('en', en as MessageSchema);
  i18n.global.locale.value = 'en';
}

afterEach(() => {
  i18n.global.locale.value = 'vi';
});

describe('formatDate (a calendar date, no time zone involved)', () => {
  it('writes dd/mm/yyyy in Vietnamese and the long date in English', () => {
    expect(formatDate('2026-11-15')).toBe('15/11/2026');
    expect(formatDate('2027-01-01')).toBe('01/01/2027');
    inEnglish();
    expect(formatDate('2026-11-15')).toBe('15 November 2026');
  });

  it('shows a dash for nothing and gives back what is not a date', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('sắp tới')).toBe('sắp tới');
  });
});

describe('formatDateTime (a moment, in Vietnam time)', () => {
  it('turns UTC into Vietnam time (UTC+7), crossing midnight and the new year', () => {
    const at = formatDateTime('2026-09-05T08:30:00Z');
    expect(at).toContain('05/09/2026');
    expect(at).toContain('15:30');
    const newYear = formatDateTime('2026-12-31T17:05:00Z');
    expect(newYear).toContain('01/01/2027');
    expect(newYear).toContain('00:05');
  });

  it('reads a moment written with another offset as the same instant', () => {
    expect(formatDateTime('2026-09-05T10:30:00+02:00')).toBe(formatDateTime('2026-09-05T08:30:00Z'));
  });

  it('shows a dash for nothing and gives back what is not a moment', () => {
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('hôm qua')).toBe('hôm qua');
  });
});

describe('formatTime', () => {
  it('is the hour and minute in Vietnam time, for a string or a Date', () => {
    expect(formatTime('2026-09-05T03:42:00Z')).toBe('10:42');
    expect(formatTime(new Date('2026-09-05T16:59:00Z'))).toBe('23:59');
    expect(formatTime('2026-09-05T17:00:00Z')).toBe('00:00');
  });

  it('shows a dash for nothing and gives back what is not a moment', () => {
    expect(formatTime(null)).toBe('—');
    expect(formatTime('lúc nào')).toBe('lúc nào');
  });
});

describe('formatShortDateTime', () => {
  it('writes the date first with slashes in Vietnamese, in Vietnam time', () => {
    expect(formatShortDateTime('2026-11-28T15:48:00Z')).toBe('28/11 22:48');
    expect(formatShortDateTime('2026-11-28T17:01:00Z')).toBe('29/11 00:01');
  });

  it('uses the 24-hour clock in English too', () => {
    inEnglish();
    expect(formatShortDateTime('2026-11-28T15:48:00Z')).toBe('28 Nov, 22:48');
  });

  it('shows a dash for nothing and gives back what is not a moment', () => {
    expect(formatShortDateTime(null)).toBe('—');
    expect(formatShortDateTime('x')).toBe('x');
  });
});

describe('formatVietnamDateTime (the audit log: to the second, the same for every reader)', () => {
  it('is dd/mm/yyyy hh:mm:ss in Vietnam time whatever the locale', () => {
    expect(formatVietnamDateTime('2026-09-05T08:30:07Z')).toBe('05/09/2026 15:30:07');
    inEnglish();
    expect(formatVietnamDateTime('2026-09-05T08:30:07Z')).toBe('05/09/2026 15:30:07');
  });

  it('writes midnight as 00, never 24', () => {
    expect(formatVietnamDateTime('2026-09-04T17:00:00Z')).toBe('05/09/2026 00:00:00');
  });

  it('shows a dash for nothing and gives back what is not a moment', () => {
    expect(formatVietnamDateTime('')).toBe('—');
    expect(formatVietnamDateTime('không rõ')).toBe('không rõ');
  });
});

describe('formatNumber and formatPercent', () => {
  it('uses a decimal comma and dot thousands in Vietnamese, at most two decimals', () => {
    expect(formatNumber(7.5)).toBe('7,5');
    expect(formatNumber(1234.567)).toBe('1.234,57');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(0.125, 1)).toBe('0,1');
  });

  it('uses a decimal point in English', () => {
    inEnglish();
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('writes a percentage with one decimal and no space before the sign', () => {
    expect(plain(formatPercent(75.55))).toBe('75,6%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('shows a dash for a missing number, never "NaN"', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

/** The reader's time zone, which Node reads from TZ each time a date is made (the client has no Node types). */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe('vietnamDayStart', () => {
  const zone = env.TZ;
  afterEach(() => {
    if (zone === undefined) delete env.TZ;
    else env.TZ = zone;
  });

  it("is the picked day's midnight in Vietnam, with its +07:00 offset", () => {
    const picked = new Date(2026, 8, 5).getTime(); // a date picker's value: midnight on the reader's clock
    expect(vietnamDayStart(picked)).toBe('2026-09-05T00:00:00+07:00');
    expect(vietnamDayStart(picked, 1)).toBe('2026-09-06T00:00:00+07:00');
    expect(vietnamDayStart(new Date(2026, 11, 31).getTime(), 1)).toBe('2027-01-01T00:00:00+07:00');
    expect(vietnamDayStart(new Date(2028, 1, 28).getTime(), 1)).toBe('2028-02-29T00:00:00+07:00');
  });

  it('keeps the day the reader picked when their own clock is far from Vietnam, across a daylight-saving change', () => {
    env.TZ = 'America/New_York';
    // 8 March 2026 is 23 hours long in New York: adding a day must still land on the 9th.
    expect(vietnamDayStart(new Date(2026, 2, 8).getTime(), 1)).toBe('2026-03-09T00:00:00+07:00');
    env.TZ = 'Pacific/Kiritimati';
    expect(vietnamDayStart(new Date(2026, 8, 5).getTime())).toBe('2026-09-05T00:00:00+07:00');
  });
});

describe('formatWait', () => {
  it('says seconds under two minutes, else about so many minutes, rounded up', () => {
    expect(formatWait(45)).toBe('45 giây');
    expect(formatWait(119)).toBe('119 giây');
    expect(formatWait(120)).toBe('khoảng 2 phút');
    expect(formatWait(121)).toBe('khoảng 3 phút');
    expect(formatWait(900)).toBe('khoảng 15 phút');
  });

  it('picks the English plural', () => {
    inEnglish();
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(30)).toBe('30 seconds');
    expect(formatWait(120)).toBe('about 2 minutes');
  });
});
