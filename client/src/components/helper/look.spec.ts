import { describe, expect, it } from '@jest/globals';

import { alertLessonChoices, chartSigns, isoDay, isRising, leadOf, signLabel, weekLabel } from './look';

describe('leadOf', () => {
  it('keeps the opening sentence of an answer that found nothing, the one that says it is not a verdict', () => {
    const answer = [
      'Tỉnh Táo chưa thấy dấu hiệu lừa đảo quen thuộc nào trong tin nhắn này. Điều đó không có nghĩa là tin nhắn an toàn: kẻ gian luôn nghĩ ra cách mới.',
      '',
      'Em kiểm tra thêm:',
      '• Người gửi có phải người em biết?',
    ].join('\n');
    expect(leadOf(answer)).toBe(
      'Tỉnh Táo chưa thấy dấu hiệu lừa đảo quen thuộc nào trong tin nhắn này. Điều đó không có nghĩa là tin nhắn an toàn: kẻ gian luôn nghĩ ra cách mới.',
    );
  });

  it("leaves out the bullets the card shows as lists (a follow-up's advice)", () => {
    expect(leadOf('Với tin nhắn em hỏi lúc nãy (xin mã otp), em nên:\n• Không đọc mã OTP.\n• Kể với bố mẹ.')).toBe(
      'Với tin nhắn em hỏi lúc nãy (xin mã otp), em nên:',
    );
  });

  it('joins the lines of a rephrased first paragraph', () => {
    expect(leadOf('Em ơi cẩn thận!\nNgười này xin mã: “OTP”.\n\nĐừng gửi nhé.')).toBe('Em ơi cẩn thận! Người này xin mã: “OTP”.');
  });
});

describe('signLabel', () => {
  it('names a sign in the page language', () => {
    expect(signLabel('OTP_REQUEST', 'vi')).toBe('Xin mã OTP hoặc mã xác nhận');
    expect(signLabel('OTP_REQUEST', 'en')).toBe('Asks for an OTP or verification code');
  });
});

describe('isRising', () => {
  it('marks a count that grew since the week before, not one that stayed or fell', () => {
    expect([isRising({ lastWeek: 3, weekBefore: 1 }), isRising({ lastWeek: 2, weekBefore: 2 }), isRising({ lastWeek: 0, weekBefore: 4 })]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('isoDay', () => {
  it("writes the picker's local day as a calendar date, whatever the hour", () => {
    expect(isoDay(new Date(2026, 10, 4).getTime())).toBe('2026-11-04');
    expect(isoDay(new Date(2026, 0, 9, 23, 59).getTime())).toBe('2026-01-09');
  });
});

describe('weekLabel', () => {
  it('writes a Monday day first in Vietnamese and with the month name in English', () => {
    expect(weekLabel('2026-11-02', 'vi')).toBe('02/11');
    expect(weekLabel('2026-11-02', 'en')).toBe('2 Nov');
  });
});

describe('chartSigns', () => {
  const weeks = [
    { week: '2026-11-02', asks: 4, signs: { OTP_REQUEST: 3, URGENCY: 1, THREAT: 1 } },
    { week: '2026-11-09', asks: 6, signs: { OTP_REQUEST: 2, URGENCY: 4, SECRECY: 1 } },
  ];

  it('stacks the most counted signs by name and sums the rest per week', () => {
    expect(chartSigns(weeks, 2)).toEqual({ shown: ['OTP_REQUEST', 'URGENCY'], others: [1, 1] });
  });

  it('breaks a tie by code, so the colours do not swap between loads', () => {
    expect(chartSigns(weeks, 3).shown).toEqual(['OTP_REQUEST', 'URGENCY', 'SECRECY']);
  });

  it('stacks nothing in weeks without signs', () => {
    expect(chartSigns([{ week: '2026-11-02', asks: 2, signs: {} }])).toEqual({ shown: [], others: [0] });
  });
});

describe('alertLessonChoices', () => {
  const published = [
    { id: 'a', title: 'Mã OTP là chìa khoá cuối cùng', level: 'THCS' as const },
    { id: 'b', title: 'Nhận diện đường link giả', level: 'THPT' as const },
  ];

  it("keeps the server's order and marks each lesson with its level", () => {
    expect(alertLessonChoices(published, { id: 'b', title: 'Nhận diện đường link giả' })).toEqual([
      { id: 'a', title: 'Mã OTP là chìa khoá cuối cùng', level: 'THCS' },
      { id: 'b', title: 'Nhận diện đường link giả', level: 'THPT' },
    ]);
  });

  it("puts the trends row's lesson first when no published curriculum lists it, so that the server can say why", () => {
    expect(alertLessonChoices(published, { id: 'c', title: 'Bài nháp “quà tặng”' })[0]).toEqual({ id: 'c', title: 'Bài nháp “quà tặng”', level: null });
    expect(alertLessonChoices(published, null)).toHaveLength(2);
  });
});
