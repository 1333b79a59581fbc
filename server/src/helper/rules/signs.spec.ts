import type { SignCode } from '@tinhtao/shared';

import { fold, foldText, originalSlice } from './fold.js';
import { findLinks, findPhones, judgeLinks, normalListEntry, skeleton, withinOneEdit } from './links.js';
import { analyze, NO_LISTS, type ProvinceLists } from './signs.js';

const codes = (text: string, lists?: ProvinceLists) => analyze(text, lists).signs.map((s) => s.code);

/** Each sign on messages that show it and on messages that only look close. */
const CASES: Record<SignCode, { shows: string[]; not: string[] }> = {
  URGENCY: {
    shows: ['Tài khoản của bạn sẽ bị khoá trong vòng 24 giờ', 'Xác nhận ngay để nhận quà', 'KHẨN CẤP: mẹ đang ở viện', 'can gap 2 trieu'],
    not: ['Hẹn gặp em ở thư viện lúc 3 giờ', 'Lớp mình kiểm tra 15 phút vào thứ Hai'],
  },
  THREAT: {
    shows: ['Tài khoản sẽ bị khóa vĩnh viễn', 'Bạn có liên quan đến đường dây rửa tiền', 'sẽ bị cắt điện trong hôm nay'],
    not: ['Nhớ khoá cửa khi ra về nhé', 'Tài khoản của em sẽ không bị khoá nếu đổi mật khẩu định kỳ'],
  },
  SECRECY: {
    shows: ['Đừng nói với bố mẹ nhé', 'Chuyện này giữ bí mật giữa hai đứa mình', 'khong duoc ke voi ai'],
    not: ['Tuyệt đối không chia sẻ mã OTP cho người khác', 'Con nói với bố mẹ trước khi đi nhé'],
  },
  PRIZE_OR_REFUND: {
    shows: ['Chúc mừng bạn đã trúng thưởng một chiếc iPhone', 'Bạn được hoàn tiền 350.000đ', 'Nhận 5000 kim cương miễn phí'],
    not: ['Cô giao bài tập về nhà trang 45', 'Bạn đã thanh toán đơn hàng thành công'],
  },
  TOO_GOOD_TO_BE_TRUE: {
    shows: ['Việc nhẹ lương cao, làm tại nhà', 'Kiếm 500k mỗi ngày chỉ với điện thoại', 'Thả tim video nhận 20.000đ'],
    not: ['Lớp 8A được 9 điểm trung bình môn Toán', 'Mẹ mua cho con cái áo 200k'],
  },
  FEE_REQUEST: {
    shows: ['Vui lòng nộp phí xác minh 200.000đ', 'Chuyển trước 150k phí hồ sơ', 'Đóng phí kích hoạt để nhận thưởng'],
    not: ['Phụ huynh đóng học phí tại phòng kế toán', 'Phí vận chuyển 0đ cho đơn từ 99k'],
  },
  MONEY_TRANSFER: {
    shows: ['Cho mình mượn 2 triệu, mai trả', 'chuyển khoản vào STK 0123456789', 'Mua giúp chị 5 thẻ cào 200k'],
    not: ['Quý khách đã chuyển khoản thành công 500.000đ', 'Vietcombank không bao giờ yêu cầu chuyển tiền qua tin nhắn'],
  },
  OTP_REQUEST: {
    shows: ['Em đọc giúp anh mã OTP vừa gửi về máy nhé', 'Vui lòng cung cấp mã xác nhận để hoàn tất', 'gui lai ma 6 so cho minh'],
    not: ['Mã OTP của Quý khách là 482913. Tuyệt đối không cung cấp mã này cho bất kỳ ai.', 'Ngân hàng không bao giờ yêu cầu khách hàng cung cấp OTP'],
  },
  PASSWORD_REQUEST: {
    shows: ['Gửi mình tài khoản và mật khẩu để mình nạp kim cương', 'Đăng nhập tại link sau để xác minh', 'cho minh xin mk nick'],
    not: ['Không chia sẻ mật khẩu với bất kỳ ai', 'Em đổi mật khẩu mạnh hơn đi'],
  },
  PERSONAL_DATA_REQUEST: {
    shows: ['Vui lòng cung cấp số CCCD và ngày sinh', 'Gửi ảnh chân dung 2 mặt CCCD để xét duyệt'],
    not: ['Đừng cung cấp số CCCD cho người lạ', 'Hôm nay là ngày sinh của bà'],
  },
  APP_INSTALL_REQUEST: {
    shows: ['Tải ứng dụng theo link để cập nhật', 'Cài đặt file VNeID.apk', 'Bạn cài UltraViewer để bên mình hỗ trợ'],
    not: ['Không tải ứng dụng lạ ngoài kho chính thức', 'Tải đề cương ôn tập trên nhóm lớp'],
  },
  IMPERSONATION: {
    shows: ['Công an phường thông báo: bạn bị triệu tập, gọi ngay số này', 'Vietcombank: vui lòng cung cấp mã OTP để xác minh'],
    not: ['Vietcombank: Số dư TK 0123 +500,000VND lúc 10:00', 'Nhà trường thông báo lịch họp phụ huynh sáng thứ Bảy'],
  },
  CLAIMS_RELATIVE: {
    shows: ['Mẹ ơi con đổi số mới, lưu số này nhé', 'Đây là số mới của con', 'dien thoai cua con bi hong'],
    not: ['Mẹ ơi tối nay con về muộn', 'Em đổi giờ học thêm sang thứ Năm'],
  },
  SUSPICIOUS_LINK: {
    shows: ['Nhận quà tại http://qua-tang-2026.xyz', 'Xem tại http://103.45.6.7/login'],
    not: ['Xem thời khoá biểu tại https://thcs-dongkinh.edu.vn', 'Đơn hàng của bạn: shopee.vn/don-hang'],
  },
  SHORTENED_LINK: {
    shows: ['Bấm vào bit.ly/3xYz9 để nhận', 'Chi tiết: https://tinyurl.com/abcd'],
    not: ['Chi tiết tại vnexpress.net'],
  },
  LOOKALIKE_DOMAIN: {
    shows: ['Xác minh tại vietcombank-xacminh.com', 'Đăng nhập vietc0mbank.vn', 'Nhận quà shopee-tri-an.top'],
    not: ['Xem tại https://vietcombank.com.vn', 'Đơn hàng: https://shopee.vn/abc'],
  },
  LOOKALIKE_CHARACTERS: {
    shows: ['Truy cập vietcombаnk.com ngay', 'Tài khoản Zаlo của bạn'],
    not: ['Tài khoản Zalo của bạn', 'Привет, как дела'],
  },
  BLOCKLISTED: { shows: [], not: [] },
};

describe('analyze', () => {
  for (const [code, { shows, not }] of Object.entries(CASES) as [SignCode, { shows: string[]; not: string[] }][]) {
    for (const message of shows) it(`finds ${code} in "${message}"`, () => expect(codes(message)).toContain(code));
    for (const message of not) it(`finds no ${code} in "${message}"`, () => expect(codes(message)).not.toContain(code));
  }

  it('quotes the exact words, with or without diacritics, whatever normal form the text came in', () => {
    const nfd = 'Vui lòng cung cấp mã OTP ngay'.normalize('NFD');
    for (const message of ['Vui lòng cung cấp mã OTP ngay', 'vui long cung cap ma otp ngay', nfd]) {
      const signs = analyze(message).signs;
      expect(signs.length).toBeGreaterThan(0);
      for (const sign of signs) expect(message).toContain(sign.quote);
    }
  });

  it('reports the province blocklist for a domain or a phone number, and an allowed domain shows nothing', () => {
    const lists: ProvinceLists = {
      ...NO_LISTS,
      blockedDomains: new Set(['nhanqua-vn.com']),
      blockedPhones: new Set(['0912345678']),
      allowedDomains: new Set(['truong-abc.xyz']),
    };
    expect(codes('Vào nhanqua-vn.com nhé', lists)).toContain('BLOCKLISTED');
    expect(analyze('Gọi cho mình 0912 345 678', lists).signs).toEqual([{ code: 'BLOCKLISTED', quote: '0912 345 678', index: 13 }]);
    expect(codes('Thời khoá biểu ở truong-abc.xyz', lists)).toEqual([]);
  });

  it("finds the Department's own patterns with or without diacritics, as whole words", () => {
    const lists: ProvinceLists = { ...NO_LISTS, patterns: [{ id: 'p1', sign: 'PRIZE_OR_REFUND', folded: foldText('quỹ khuyến học') }] };
    const found = analyze('Con được QUỸ KHUYẾN HỌC xét duyệt', lists);
    expect(found.patternIds).toEqual(['p1']);
    expect(found.signs[0]).toMatchObject({ code: 'PRIZE_OR_REFUND', quote: 'QUỸ KHUYẾN HỌC' });
    expect(analyze('quykhuyenhocabc', lists).patternIds).toEqual([]);
  });

  it('never says more than once for a sign, and counts the registrable domains', () => {
    const found = analyze('Vào a.nhanqua.xyz và b.nhanqua.xyz ngay');
    expect(found.signs.filter((s) => s.code === 'SUSPICIOUS_LINK')).toHaveLength(1);
    expect(found.domains).toEqual(['nhanqua.xyz']);
  });

  it('reads 5,000 characters of hostile text without throwing', () => {
    const hostile = '\u{1F600}'.repeat(1000) + 'a'.repeat(2000) + 'ầ'.repeat(1000);
    expect(() => analyze(hostile)).not.toThrow();
  });
});

describe('fold', () => {
  it('maps folded text back to the original', () => {
    const text = fold('Đừng gửi MÃ OTP');
    expect(text.folded).toBe('dung gui ma otp');
    expect(originalSlice(text, 9, 15)).toBe('MÃ OTP');
  });

  it('keeps a combining mark with its letter', () => {
    const nfd = 'mã'.normalize('NFD');
    const text = fold(nfd);
    expect(text.folded).toBe('ma');
    expect(originalSlice(text, 0, 2)).toBe(nfd);
  });
});

describe('links', () => {
  it('finds links without a scheme and never a plain number', () => {
    expect(findLinks('vào shopee.vn/abc, hoặc 12.000đ').map((l) => l.domain)).toEqual(['shopee.vn']);
  });

  it('reads the registrable domain and punycode as letters', () => {
    expect(findLinks('https://a.b.vcb-online.com.vn/x')[0]).toMatchObject({ domain: 'vcb-online.com.vn', tld: 'vn' });
    expect(findLinks('http://xn--vietcombnk-8ij.com')[0].host).not.toContain('xn--');
  });

  it('sees a brand behind digits and other scripts', () => {
    expect(skeleton('vietc0mbank')).toBe('vietcombank');
    expect(skeleton('vіetcombank')).toBe('vietcombank');
    expect(withinOneEdit('vietcombanh', 'vietcombank')).toBe(true);
    expect(withinOneEdit('techcombank', 'vietcombank')).toBe(false);
  });

  it('judges an unknown domain suspicious only when the message asks for something', () => {
    const links = findLinks('xem tai lophoc-vui.com.vn');
    expect(judgeLinks(links, new Set(), false)).toEqual([]);
    expect(judgeLinks(links, new Set(), true).map((f) => f.code)).toEqual(['SUSPICIOUS_LINK']);
  });

  it('reads phone numbers in the ways people write them', () => {
    expect(findPhones('gọi 0912.345.678 hoặc +84 912 345 679').map((p) => p.normal)).toEqual(['0912345678', '0912345679']);
    expect(findPhones('mã 1234567890123')).toEqual([]);
  });

  it('normalises list entries to a registrable domain or a phone number', () => {
    expect(normalListEntry('https://www.Nhanqua-VN.com/abc')).toEqual({ kind: 'domain', value: 'nhanqua-vn.com' });
    expect(normalListEntry('+84 912 345 678')).toEqual({ kind: 'phone', value: '0912345678' });
    expect(normalListEntry('không phải')).toBeNull();
    expect(normalListEntry('localhost')).toBeNull();
  });
});
