import { HELPER_SIGNS, type HelperSignDto, REPORT_CHANNELS, type SignCode } from '@tinhtao/shared';

import { foldText } from './fold.js';
import type { Analysis } from './signs.js';

/**
 * The helper's words, in Vietnamese a 13-year-old reads: the signs with their quotes, what to do
 * now, where to report, what was checked. It never calls a message safe: when nothing is found it
 * says what it looked at and what to check next.
 */
export interface Composed {
  advice: string[];
  checked: string[];
  answer: string;
}

const ADVICE: readonly { when: readonly SignCode[]; say: string }[] = [
  { when: ['OTP_REQUEST'], say: 'Không đọc, không gửi mã OTP hay mã xác nhận cho bất kỳ ai, kể cả người xưng là ngân hàng, công an hay người quen.' },
  { when: ['PASSWORD_REQUEST'], say: 'Không nhập mật khẩu qua đường link trong tin nhắn. Muốn kiểm tra tài khoản, em tự mở ứng dụng chính thức.' },
  {
    when: ['MONEY_TRANSFER', 'FEE_REQUEST'],
    say: 'Không chuyển tiền, không nạp thẻ, không đóng “phí” nào. Hỏi bố mẹ trước khi làm bất cứ việc gì liên quan đến tiền.',
  },
  { when: ['PERSONAL_DATA_REQUEST'], say: 'Không gửi ảnh căn cước, ngày sinh, địa chỉ hay ảnh khuôn mặt cho người lạ.' },
  { when: ['APP_INSTALL_REQUEST'], say: 'Không cài ứng dụng, tệp APK hay phần mềm điều khiển máy từ đường link trong tin nhắn.' },
  {
    when: ['SUSPICIOUS_LINK', 'SHORTENED_LINK', 'LOOKALIKE_DOMAIN', 'LOOKALIKE_CHARACTERS', 'BLOCKLISTED'],
    say: 'Không bấm vào đường link. Nếu cần, em tự gõ địa chỉ trang chính thức hoặc mở ứng dụng chính thức.',
  },
  {
    when: ['IMPERSONATION'],
    say: 'Gọi lại số điện thoại chính thức của cơ quan hay ngân hàng (in trên thẻ, trên trang web chính thức) để hỏi, không gọi số trong tin nhắn.',
  },
  {
    when: ['CLAIMS_RELATIVE'],
    say: 'Gọi điện trực tiếp vào số cũ của người thân, hoặc hỏi một câu chỉ người đó biết, trước khi tin.',
  },
  { when: ['SECRECY', 'THREAT'], say: 'Em không có lỗi và không phải giữ bí mật: hãy kể ngay với bố mẹ hoặc thầy cô.' },
];

const ALWAYS = 'Kể với bố mẹ hoặc thầy cô, và chụp màn hình tin nhắn để báo cáo.';
const IF_DONE = 'Nếu lỡ làm theo: đổi mật khẩu ngay, gọi ngân hàng khoá tài khoản, và báo người lớn.';

const NEXT_CHECKS = [
  'Người gửi có phải người em biết, qua số điện thoại hay tài khoản em đã lưu từ trước không?',
  'Tin nhắn có muốn em bấm link, gửi mã, chuyển tiền hay cài gì không? Nếu có, hãy hỏi người lớn trước.',
  'Gọi trực tiếp cho người hoặc cơ quan được nhắc tới, qua số chính thức, để hỏi lại.',
];

export function compose(analysis: Analysis, lessons: readonly { title: string }[], lists: { blocked: number; patterns: number }): Composed {
  const codes = new Set(analysis.signs.map((s) => s.code));
  const advice = ADVICE.filter((a) => a.when.some((c) => codes.has(c))).map((a) => a.say);
  advice.push(ALWAYS);
  if (codes.has('OTP_REQUEST') || codes.has('PASSWORD_REQUEST') || codes.has('MONEY_TRANSFER')) advice.push(IF_DONE);

  const checked = [
    'Lời lẽ hối thúc, đe doạ, bắt giữ bí mật, hứa quà hay hứa hẹn quá hời',
    'Yêu cầu mã OTP, mật khẩu, thông tin cá nhân, tiền, phí hay cài ứng dụng',
    'Lời xưng là cơ quan, ngân hàng, nhà trường hay người thân',
    analysis.links.length > 0
      ? `${analysis.links.length} đường link: tên miền, link rút gọn, tên nhái thương hiệu, ký tự giả (Tỉnh Táo không mở link)`
      : 'Đường link: tin nhắn không có đường link nào',
    analysis.phones.length > 0 ? `${analysis.phones.length} số điện thoại, so với danh sách cảnh báo của Sở` : 'Số điện thoại: tin nhắn không có số nào',
    `Danh sách cảnh báo của Sở (${lists.blocked} tên miền và số) và ${lists.patterns} mẫu cảnh báo riêng`,
  ];

  const answer = analysis.signs.length > 0 ? warning(analysis.signs, advice, lessons) : nothingFound(advice, lessons);
  return { advice, checked, answer };
}

function warning(signs: readonly HelperSignDto[], advice: readonly string[], lessons: readonly { title: string }[]): string {
  const lines = [
    `Tỉnh Táo thấy ${signs.length} dấu hiệu lừa đảo trong tin nhắn này:`,
    ...signs.map((s) => `• ${HELPER_SIGNS[s.code].label.vi}: “${s.quote}”. ${HELPER_SIGNS[s.code].why.vi}`),
    '',
    'Em nên làm ngay:',
    ...advice.map((a) => `• ${a}`),
  ];
  return [...lines, ...lessonLines(lessons), ...reportLines()].join('\n');
}

function nothingFound(advice: readonly string[], lessons: readonly { title: string }[]): string {
  return [
    'Tỉnh Táo chưa thấy dấu hiệu lừa đảo quen thuộc nào trong tin nhắn này. Điều đó không có nghĩa là tin nhắn an toàn: kẻ gian luôn nghĩ ra cách mới.',
    '',
    'Em kiểm tra thêm:',
    ...NEXT_CHECKS.map((c) => `• ${c}`),
    ...advice.map((a) => `• ${a}`),
    ...lessonLines(lessons),
    ...reportLines(),
  ].join('\n');
}

/** A follow-up question ("vậy em nên làm gì?") about the message asked before: what to do, from that message's signs. */
export function composeFollowUp(previous: readonly SignCode[], lessons: readonly { title: string }[]): Composed {
  const codes = new Set(previous);
  const advice = ADVICE.filter((a) => a.when.some((c) => codes.has(c))).map((a) => a.say);
  advice.push(ALWAYS, IF_DONE);
  const named = previous.map((c) => HELPER_SIGNS[c].label.vi.toLowerCase());
  const intro =
    named.length > 0
      ? `Với tin nhắn em hỏi lúc nãy (${named.join('; ')}), em nên:`
      : 'Với tin nhắn em hỏi lúc nãy, Tỉnh Táo chưa thấy dấu hiệu quen thuộc, nhưng em vẫn nên cẩn thận:';
  const answer = [intro, ...advice.map((a) => `• ${a}`), ...lessonLines(lessons), ...reportLines()].join('\n');
  return { advice, checked: ['Câu hỏi tiếp theo về tin nhắn trước: Tỉnh Táo trả lời theo các dấu hiệu của tin nhắn đó'], answer };
}

function lessonLines(lessons: readonly { title: string }[]): string[] {
  return lessons.length > 0 ? ['', 'Bài học giúp em nhận ra kiểu lừa này:', ...lessons.map((l) => `• ${l.title}`)] : [];
}

function reportLines(): string[] {
  return ['', 'Báo cáo lừa đảo:', ...REPORT_CHANNELS.map((r) => `• ${r.name}: ${r.how}`)];
}

/** A short question about the message before, not a new message: no link, no number, a question's words. */
export function isFollowUp(text: string, analysis: Analysis): boolean {
  if (analysis.signs.length > 0 || analysis.links.length > 0 || analysis.phones.length > 0 || text.length > 200) return false;
  return /\?|\b(?:lam gi|lam sao|the nao|co sao|co phai|nen|phai lam|gio sao|roi sao|bao ai|o dau)\b/.test(foldText(text));
}
