/*
 * The helper's words and limits, without zod: the student pages import them, and a phone
 * should not download the schemas to show a sign's name (see scripts/budget.mjs).
 */

/**
 * "Hỏi Tỉnh Táo", the awareness helper (DESIGN §4). A sign means the message *asks for* or *does*
 * the thing; a bank reminder that says "never share your OTP" has no OTP_REQUEST.
 */
export const SIGN_CODES = [
  'URGENCY',
  'THREAT',
  'SECRECY',
  'PRIZE_OR_REFUND',
  'TOO_GOOD_TO_BE_TRUE',
  'FEE_REQUEST',
  'MONEY_TRANSFER',
  'OTP_REQUEST',
  'PASSWORD_REQUEST',
  'PERSONAL_DATA_REQUEST',
  'APP_INSTALL_REQUEST',
  'IMPERSONATION',
  'CLAIMS_RELATIVE',
  'SUSPICIOUS_LINK',
  'SHORTENED_LINK',
  'LOOKALIKE_DOMAIN',
  'LOOKALIKE_CHARACTERS',
  'BLOCKLISTED',
] as const;
export type SignCode = (typeof SIGN_CODES)[number];

type Text = Readonly<{ vi: string; en: string }>;

/** What each sign is called and why it matters, in words a 13-year-old reads (the answer and the pages use these). */
export const HELPER_SIGNS: Readonly<Record<SignCode, { label: Text; why: Text }>> = {
  URGENCY: {
    label: { vi: 'Hối thúc phải làm ngay', en: 'Pressure to act now' },
    why: { vi: 'Kẻ gian muốn em làm trước khi kịp suy nghĩ hay hỏi ai.', en: 'Scammers want you to act before you think or ask anyone.' },
  },
  THREAT: {
    label: { vi: 'Đe doạ', en: 'A threat' },
    why: { vi: 'Doạ khoá tài khoản, phạt hay bắt giữ để em sợ mà làm theo.', en: 'Threats of locked accounts, fines or arrest make you obey out of fear.' },
  },
  SECRECY: {
    label: { vi: 'Bảo em giữ bí mật', en: 'Asks you to keep it secret' },
    why: { vi: 'Người tốt không bắt em giấu bố mẹ hay thầy cô.', en: 'Nobody honest asks you to hide things from your parents or teachers.' },
  },
  PRIZE_OR_REFUND: {
    label: { vi: 'Quà, giải thưởng hoặc hoàn tiền', en: 'A prize, a gift or a refund' },
    why: { vi: 'Phần thưởng bất ngờ là mồi nhử quen thuộc nhất.', en: 'A surprise reward is the most common bait.' },
  },
  TOO_GOOD_TO_BE_TRUE: {
    label: { vi: 'Hứa hẹn quá hời', en: 'Too good to be true' },
    why: {
      vi: 'Việc nhẹ lương cao, lãi lớn dễ dàng: cái giá thật là tiền hoặc tài khoản của em.',
      en: 'Easy money and big returns: the real price is your money or account.',
    },
  },
  FEE_REQUEST: {
    label: { vi: 'Đòi đóng phí trước', en: 'Asks for a fee first' },
    why: { vi: 'Phải trả phí để nhận quà hay hồ sơ là dấu hiệu lừa đảo.', en: 'Paying a fee to receive a prize or a document is a scam sign.' },
  },
  MONEY_TRANSFER: {
    label: { vi: 'Nhờ hoặc đòi chuyển tiền', en: 'Asks for a money transfer' },
    why: { vi: 'Tiền đã chuyển cho kẻ gian gần như không lấy lại được.', en: 'Money sent to a scammer is almost never recovered.' },
  },
  OTP_REQUEST: {
    label: { vi: 'Xin mã OTP hoặc mã xác nhận', en: 'Asks for an OTP or verification code' },
    why: { vi: 'Mã OTP là chìa khoá cuối cùng của tài khoản: không ai được hỏi mã này.', en: 'The OTP is the last key to an account: nobody may ask for it.' },
  },
  PASSWORD_REQUEST: {
    label: { vi: 'Xin mật khẩu hoặc bảo đăng nhập qua đường link', en: 'Asks for a password or a login through a link' },
    why: { vi: 'Trang đăng nhập giả lấy mật khẩu ngay khi em gõ.', en: 'A fake login page takes your password as you type it.' },
  },
  PERSONAL_DATA_REQUEST: {
    label: { vi: 'Xin thông tin cá nhân', en: 'Asks for personal data' },
    why: { vi: 'Số CCCD, ngày sinh, ảnh chân dung giúp kẻ gian mạo danh em.', en: 'ID numbers, birth dates and face photos let scammers pose as you.' },
  },
  APP_INSTALL_REQUEST: {
    label: { vi: 'Bảo cài ứng dụng hoặc tệp lạ', en: 'Asks you to install an app or file' },
    why: { vi: 'Ứng dụng lạ, tệp APK có thể đọc tin nhắn và điều khiển máy.', en: 'Unknown apps and APK files can read messages and control the phone.' },
  },
  IMPERSONATION: {
    label: { vi: 'Mạo danh cơ quan, tổ chức', en: 'Poses as an authority or company' },
    why: {
      vi: 'Công an, ngân hàng, nhà trường thật không đòi những việc này qua tin nhắn.',
      en: 'Real police, banks and schools do not demand this by message.',
    },
  },
  CLAIMS_RELATIVE: {
    label: { vi: 'Tự nhận là người thân, bạn bè', en: 'Claims to be a relative or friend' },
    why: { vi: 'Số lạ hay tài khoản bị chiếm dễ giả làm người quen.', en: 'A new number or a hacked account easily poses as someone you know.' },
  },
  SUSPICIOUS_LINK: {
    label: { vi: 'Đường link đáng ngờ', en: 'A suspicious link' },
    why: { vi: 'Tên miền lạ không thuộc tổ chức mà tin nhắn nhắc tới.', en: 'An odd domain that does not belong to the organisation named.' },
  },
  SHORTENED_LINK: {
    label: { vi: 'Link rút gọn che địa chỉ thật', en: 'A shortened link hides the real address' },
    why: { vi: 'Không nhìn thấy link sẽ dẫn tới đâu.', en: 'You cannot see where the link leads.' },
  },
  LOOKALIKE_DOMAIN: {
    label: { vi: 'Tên miền nhái thương hiệu', en: 'A domain imitating a brand' },
    why: { vi: 'Tên na ná trang thật để em tưởng là thật.', en: 'A name close to the real one, made to fool you.' },
  },
  LOOKALIKE_CHARACTERS: {
    label: { vi: 'Ký tự giả trông giống chữ thường', en: 'Characters imitating others' },
    why: {
      vi: 'Chữ của bảng chữ cái khác, hay số thay chữ, trông giống hệt nhưng là địa chỉ khác.',
      en: 'Letters from another alphabet, or digits for letters, look the same but are another address.',
    },
  },
  BLOCKLISTED: {
    label: { vi: 'Có trong danh sách cảnh báo của Sở', en: "On the Department's warning list" },
    why: { vi: 'Tên miền hoặc số điện thoại này đã bị báo là lừa đảo.', en: 'This domain or phone number has been reported as a scam.' },
  },
};

/** Where to report, the same for every answer (DESIGN §4 `report`). */
export const REPORT_CHANNELS: readonly { name: string; how: string }[] = [
  { name: 'Đường dây nóng 156', how: 'Gọi 156 (miễn phí) để báo tin nhắn, cuộc gọi lừa đảo.' },
  { name: 'khonggianmang.vn', how: 'Báo cáo trang web, đường link lừa đảo tại canhbao.khonggianmang.vn.' },
  { name: 'tinnhiemmang.vn', how: 'Kiểm tra và phản ánh trang, tài khoản mạo danh tại tinnhiemmang.vn.' },
];

export const HELPER_TEXT_MAX = 5000;
