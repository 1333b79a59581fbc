import type { HelperSignDto, SignCode } from '@tinhtao/shared';

import { WELL_KNOWN_DOMAINS } from './brands.js';
import { fold, type FoldedText, originalSlice } from './fold.js';
import { findLinks, findPhones, type FoundLink, judgeLinks, mixesScripts } from './links.js';

/**
 * The warning signs of a message, found by rules over its folded text (with or without
 * diacritics), each with the exact words that show it. Pure: the province's lists and
 * patterns come in as arguments; nothing is fetched.
 */
export interface ProvinceLists {
  blockedDomains: ReadonlySet<string>;
  blockedPhones: ReadonlySet<string>;
  allowedDomains: ReadonlySet<string>;
  allowedPhones: ReadonlySet<string>;
  /** The Department's own phrases, folded. */
  patterns: readonly { id: string; sign: SignCode; folded: string }[];
}

export const NO_LISTS: ProvinceLists = {
  blockedDomains: new Set(),
  blockedPhones: new Set(),
  allowedDomains: new Set(),
  allowedPhones: new Set(),
  patterns: [],
};

export interface Analysis {
  signs: (HelperSignDto & { index: number })[];
  links: FoundLink[];
  /** Registrable domains of the links (for the weekly counts). */
  domains: string[];
  phones: string[];
  /** The Department's patterns that matched. */
  patternIds: string[];
}

interface PhraseRule {
  sign: SignCode;
  /** Over the folded text (lower case, no diacritics). */
  pattern: RegExp;
  /**
   * "Never share your OTP": a negation just before the words means the message does not ask (true);
   * pressure words inside a warning ("giả danh giáo viên yêu cầu chuyển tiền gấp") are not pressure ('warning').
   */
  negatable: boolean | 'warning';
  /** Words around the match that mean it is not the sign (a transfer that was made, a school's tuition). */
  unless?: RegExp;
}

// Requests: someone asks you to give, send, read, type or show.
const ASK = String.raw`\b(?:cung cap|cap nhat lai|xac nhan|gui|gui lai|gui qua|doc|doc lai|doc giup|nhap|dien|go|chup|nhan tin|nhan lai|reply|xin|dua|chuyen tiep|forward|share|chia se|khai bao|cap nhat|ib|inbox|cho (?:em|minh|anh|chi|toi|to|tao|chu|co|thay|ad|shop|ban)(?: xin)?)\b`;
const GAP = String.raw`[^.!?\n]{0,50}?`;
const CODE = String.raw`(?:otp|ma xac (?:nhan|thuc|minh)|ma kich hoat|ma bao mat|ma (?:gom |co )?\d so|ma so vua|ma (?:vua|da) (?:gui|nhan|den|ve)|ma code|\bcode\b(?= (?:vua|da|gui|ve|de))|ma (?:tin nhan|sms)|ma gui (?:ve|den)|ma (?:do|ngan hang|dang|ay))`;
const AUTHORITY = String.raw`(?:cong an|csgt|canh sat giao thong|cuc csgt|\bmeta\b|ielts|tiktok shop|\bhr\b|phong nhan su|chu nhiem|phu trach cntt|toa an|vien kiem sat|canh sat|an ninh mang|bo cong an|cuc thue|chi cuc thue|co quan thue|ngan hang|vietcombank|\bvcb\b|techcombank|bidv|vietinbank|agribank|mb ?bank|tpbank|\bacb\b|sacombank|vpbank|\bmomo\b|zalopay|buu dien|buu cuc|vnpost|viettel ?post|\bghn\b|giao hang (?:nhanh|tiet kiem)|\bghtk\b|j&t|shipper|don vi van chuyen|shopee|lazada|\btiki\b|dien luc|\bevn\b|tong dai|nha mang|viettel|vinaphone|mobifone|bhxh|bao hiem xa hoi|bo giao duc|so giao duc|phong giao duc|nha truong|ban giam hieu|hieu truong|giao vien chu nhiem|\bgvcn\b|ban quan tri|\bzalo\b|facebook|garena|free ?fire|lien quan|tiktok|bo y te|\bubnd\b|chinh phu|vneid|dich vu cong|cskh|cham soc khach hang|trung tam ho tro)`;

/** What a deadline is for: a deadline on paying or confirming is pressure, one on coming to school is not. */
const ACTION = String.raw`(?:thanh toan|chuyen|\bck\b|nop|dong|xac nhan|xac minh|xac thuc|cap nhat|dang nhap|kich hoat|khang nghi|lien he|bam|truy cap|hoan tat|phan hoi|nhap|gui|nhan qua|nhan thuong|dang ky|gia han)`;

const RULES: readonly PhraseRule[] = [
  {
    sign: 'URGENCY',
    pattern: new RegExp(
      String.raw`khan cap|ngay lap tuc|lap tuc|(?:can|dang can|rat can|cho|muon|chuyen|gui|lam|viec|tien|vay)[^.!?\n]{0,25}\bgap\b|\bgap (?:lam|qua|nhe|nha|gap)\b|${ACTION}[^.!?\n]{0,40}(?:trong (?:vong )?\d+ ?(?:gio|tieng|h|phut|p)\b|truoc \d+ ?(?:h|gio)(?:\d+)?\b)|(?:trong (?:vong )?\d+ ?(?:gio|tieng|h|phut|p)|truoc \d+ ?(?:h|gio)(?:\d+)?)[^.!?\n]{0,30}(?:neu khong|khong se|se bi|qua han|hom nay|toi nay)|(?:trong|truoc) (?:toi|dem) nay|(?:chuyen|thanh toan|nop|xac nhan|xac minh|dong|cap nhat|hoan tat|kich hoat)[^.!?\n]{0,40}trong (?:ngay )?hom nay|neu trong (?:ngay )?hom nay|trong (?:ngay )?hom nay[^.!?\n]{0,30}(?:neu khong|khong la|se bi)|(?:se bi|bi)[^.!?\n]{0,30}(?:sau|trong(?: vong)?) \d+ ?(?:gio|tieng|h|phut)\b|lan cuoi|ngay bay gio|(?:co hoi|ngay|han|thoi han) cuoi|cuoi cung\b|\bhan chot\b|sap het han|het han (?:trong|hom nay|sau)|truoc khi het (?:han|luot|suat|qua)|chi ap dung (?:hom nay|trong)|(?:so luong|sl|suat) co han|chi con (?:\d+|vai|it) (?:gio|phut|suat|ngay|tieng)|(?:bam|nhan|truy cap|xac nhan|lien he|chuyen|chuyen khoan|dang ky|thanh toan|cap nhat|click|vao|goi|huy|xu ly|kiem tra) ngay\b(?! mai| hom| \d| kia| mot)|ngay hom nay(?= (?:neu|de|ke))|nhanh (?:len|chan)|\bkeo (?:mat|lo|het)|\burgent\b|immediately`,
      'g',
    ),
    negatable: 'warning',
  },
  {
    sign: 'THREAT',
    pattern: new RegExp(
      String.raw`(?:se |bi |tam )?khoa (?:vinh vien|tai khoan|\btk\b|sim|the|nick|so dien thoai)|(?:se bi|bi|se) (?:tam )?(?:khoa|dinh chi|cat|huy|xoa|giu (?:lai|tai)|dong bang|loai|tuoc|thu hoi|vo hieu hoa|truy to|tieu huy|gian doan|xu ly|chuyen (?:ho so )?(?:sang|cho) (?:co quan|cong an|toa))\b|vi pham (?:toc do|phap luat|tieu chuan|ban quyen)|tuoc (?:gplx|bang)|(?:gui|dang|tung|phat tan) (?:cho|len) (?:ca lop|ca truong|bo me|gia dinh|moi nguoi|mang|group|nhom|facebook|fb|tiktok)|(?:gui|dang|tung|phat tan|cong khai) (?:het |nhung |cac )?(?:anh|clip|video|hinh)[^.!?\n]{0,40}(?:len mang|cho (?:ca lop|ca truong|ban be|bo me|gia dinh|moi nguoi|nha truong))|vo hieu hoa|dinh chi|truy cuu|khoi to|bat giu|tam giam|lenh bat|trieu tap|giay moi (?:lam viec|len)|xu ly theo (?:quy dinh|phap luat)|xu phat|phat (?:hanh chinh|tien|nguoi|\d)|cat (?:dien|dich vu|sim|song|nuoc)|thu hoi (?:so|sim|tai khoan)|phong toa|(?:lien quan|dinh liu) (?:den|toi) (?:vu an|duong day|rua tien|ma tuy)|rua tien|\bbi xoa (?:tai khoan|nick|acc)|(?:tung|phat tan|cong khai|gui) (?:anh|clip|video|hinh)[^.!?\n]{0,25}(?:len mang|cho (?:ca lop|ban be|bo me|gia dinh|moi nguoi|nha truong))|huy (?:ket qua|tu cach|ho so)`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'SECRECY',
    pattern: new RegExp(
      String.raw`(?:dung|khong duoc|khong nen|khong can|cam|khong|chua|ko|k|ko duoc|ko can|kg)(?: (?:dai ma|co|duoc))? (?:noi|ke|bao|mach|ke lai|noi lai|de lo|lo|tiet lo)(?: (?:chuyen nay|viec nay|gi))?(?: (?:voi|cho))? (?:ai|bat ky ai|bo me|ba me|bo|me|thay|co|thay co|co giao|thay giao|nguoi khac|gia dinh|nguoi nha|phu huynh|ban be|cong an|co chu nhiem|thay chu nhiem|nha truong)\b|chia se cho nguoi ngoai|giu bi mat|giu kin|bi mat (?:nhe|nha|giua|voi|cua (?:hai|chung))|chi (?:minh|hai) (?:ta|dua minh|chung ta|dua) biet|xoa (?:tin nhan|doan chat)(?: nay)? (?:sau khi|di)|khong duoc (?:de )?(?:ai|nguoi khac) biet`,
      'g',
    ),
    negatable: 'warning',
  },
  {
    sign: 'PRIZE_OR_REFUND',
    pattern: new RegExp(
      String.raw`trung thuong|trung giai|giai (?:nhat|nhi|ba|dac biet|thuong)|qua tang|phan thuong|(?:nhan|lanh|tang) (?:qua|thuong|ngay \d|\d+ ?(?:trieu|tr|k|kim cuong|kc|quan huy))|hoan (?:\d+% |lai )?(?:tien|phi|ve)|boi thuong|hoan tra|hoan thue|(?:hop|mon|goi) qua|(?:tang|free) (?:skin|robux|kim cuong|kc|qua|\d[\d.,]* ?(?:kim cuong|kc|trieu|tr|k|quan huy|robux))|tri an|may man|quay so|boc tham|voucher|\biphone\b|xe (?:sh|may)\b|kim cuong mien phi|(?:tang|mien phi) \d+ ?(?:kim cuong|kc|quan huy|skin)|(?:nhan|trung tuyen|duoc cap|duoc xet|duoc chon)[^.!?\n]{0,20}hoc bong|hoc bong[^.!?\n]{0,25}(?:\d+ ?(?:trieu|tr|%|usd)|toan phan)|duoc chon (?:nhan|de nhan|la nguoi|lam)|khach hang (?:may man|than thiet duoc)`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'TOO_GOOD_TO_BE_TRUE',
    pattern: new RegExp(
      String.raw`viec nhe luong cao|kiem (?:tien|them|thu nhap)[^.!?\n]{0,25}(?:online|tai nha|moi ngay|de dang|nhanh|\d+ ?(?:k|trieu|tr))|thu nhap[^.!?\n]{0,25}\d+ ?(?:trieu|tr|k)\b|\d+ ?(?:k|trieu|tr|nghin|ngan)\b[^.!?\n]{0,15}(?:moi ngay|\/ ?ngay|1 ngay|mot ngay|moi gio|\/ ?gio|moi don|\/ ?don)|hoa hong (?:cao|\d|len)|lai (?:suat )?(?:\d+ ?%|khung|cao|khung)|loi nhuan[^.!?\n]{0,20}\d+ ?%|nhan doi (?:so )?tien|gap (?:doi|ba)\b|\bx\d+ (?:tai khoan|\btk\b|so tien|von)|nhiem vu ?=? ?\d+ ?k|khong can (?:von|kinh nghiem|bang cap)|(?:chac chan|cam ket|dam bao) (?:trung|thang|lai|co lai|loi nhuan|100%)|100% (?:trung|co lai)|lam nhiem vu|tha tim|(?:like|xem|danh gia) (?:video|bai|san pham)[^.!?\n]{0,25}(?:nhan|kiem|duoc) \d|mua (?:don|hang) ao|cho thue tai khoan|viec lam online|cong tac vien[^.!?\n]{0,20}(?:online|tai nha|luong)`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'FEE_REQUEST',
    pattern: new RegExp(
      String.raw`(?:nop|dong|chuyen|tra|thanh toan|gui|\bck\b)\s*(?:truoc\s*|them\s*)?(?:khoan\s*)?(?:\d[\d.,]*\s*(?:%|k|d|dong|vnd|nghin|ngan|trieu|tr)?\s*)?(?:tien\s*)?(?:phi|le phi|coc|tien coc|tien thue|thue)\b(?! van chuyen (?:0|mien))|le phi[^.!?\n]{0,5}\d|dat coc|tien coc|phi (?:dich vu hack|giao lai|thong quan|xac minh|xac thuc|xac nhan|xet duyet|giu (?:suat|cho)|hai quan|ho so|kich hoat|mo khoa|giai ngan|nhan (?:thuong|qua|giai|tien)|rut tien|bao hiem (?:don|khoan)|duy tri|thu tuc|dang ky (?:thi|nhan|hoc bong)|xu ly|ship ho so|chuyen doi)|(?:phi|coc|tien coc)[^.!?\n]{0,25}(?:de|moi|thi moi|roi) (?:nhan|duoc|rut|mo|kich hoat|giai ngan)|nap (?:truoc|tien)[^.!?\n]{0,25}(?:de|moi|thi) (?:nhan|duoc|rut|kich hoat)|phi van chuyen va thu tuc`,
      'g',
    ),
    negatable: true,
    unless: /hoc phi|cuoc phi|phi bao hiem y te|hoc ba|bhyt/,
  },
  {
    sign: 'MONEY_TRANSFER',
    pattern: new RegExp(
      String.raw`chuyen khoan|chuyen tien|chuyen (?:gap |giup |ho |truoc )?(?:cho|qua|vao) (?:em|minh|anh|chi|to|tai khoan|stk|so tai khoan|\d)|nap[^.!?\n]{0,25}(?:vao|qua) (?:tai khoan|\btk\b|stk|vi|so tai khoan|app)|ung ho (?:qua|tu|\d)|quyen gop|(?:chuyen|\bck\b|nap|gui|dong|nop)[^.!?\n]{0,30}(?:vao|qua|toi|den) (?:so tai khoan|stk|\btk\b)(?! chinh)|nap (?:tien|the) (?:cho|giup|ho) (?:em|minh|anh|chi|to)|gui (?:tien|\d+ ?(?:k|trieu|tr|nghin))|\bck\b|\bstk:? ?\d|(?:muon|vay) (?:tam |gap |giup )?(?:\d[\d.,]* ?(?:k|tr|trieu|nghin|ngan|d|dong|vnd)\b|it tien|tien|chut tien|mot it)|(?:vay|muon)(?: tam)? (?:qua|vao) (?:stk|\btk\b|tai khoan)|cho (?:minh|em|anh|chi|to|tao|chau|con) (?:muon|vay)|(?:mua|nap)[^.!?\n]{0,20}\bthe (?:cao|dien thoai|game|garena|viettel|vinaphone|mobifone|vina|mobi|zing)|the cao[^.!?\n]{0,20}(?:gui|chup|doc)|(?<!van )chuyen (?:ngay |gap |giup |ho |truoc )?(?:\d[\d.,]* ?(?:k|trieu|tr|nghin|ngan|d|dong)\b)`,
      'g',
    ),
    negatable: true,
    unless:
      /(?:da|vua) (?:chuyen khoan|chuyen tien|nap)[^.!?\n]{0,40}thanh cong|giao dich thanh cong|so du|bien dong so du|giao dich chuyen (?:tien|khoan)|dich vu chuyen tien|\bgd: ?[+-]|\bsd: ?\d|\bnd: |(?:ck|chuyen khoan|chuyen tien) cho (?:con|em)[^.!?\n]{0,20}\broi\b/,
  },
  {
    sign: 'OTP_REQUEST',
    pattern: new RegExp(
      String.raw`${ASK}${GAP}${CODE}|${CODE}[^.!?\n]{0,40}?(?:gui lai|gui cho|doc (?:giup|cho|lai)|chup (?:lai|man hinh)|nhan (?:lai|giup) cho|de (?:xac nhan|nhan qua|nhan thuong|hoan tat|kich hoat))`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'PASSWORD_REQUEST',
    pattern: new RegExp(
      String.raw`${ASK}${GAP}(?:mat khau|\bpass(?:word)?\b|\bpw\b|ma pin|\bmk (?:nick|acc|tk|tai khoan|game|zalo|facebook|fb|garena))|(?:dang nhap|dn|login|xac minh tai khoan|xac thuc tai khoan)[^.!?\n]{0,30}(?:link|duong dan|duong link|trang web|website|tai day|vao day|ben duoi|sau day|tai:|tai duong)|(?:tai khoan|acc|nick|\btk\b) ?(?:va|\+|,) ?(?:mat khau|mk|pass)|(?:dang nhap|xac thuc|xac minh|khang nghi)[^.!?\n]{0,40}(?:tai|vao|qua|o)\s+(?:https?:|www\.|[a-z0-9-]+\.[a-z]{2,})|dang nhap (?:bang|voi) (?:tai khoan|facebook|google|zalo|gmail|acc|nick)`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'PERSONAL_DATA_REQUEST',
    pattern: new RegExp(
      String.raw`${ASK}${GAP}\b(?:cccd|can cuoc|cmnd|chung minh (?:nhan dan|thu)|ngay (?:thang nam )?sinh|dia chi\b|anh (?:chan dung|the|mat|2 mat|hai mat|khuon mat)|so the|\bcvv\b|ma pin|so tai khoan (?:cua|ngan hang)|thong tin ca nhan|ho (?:va )?ten (?:day du|cua)|so dien thoai (?:cua )?(?:bo|me|phu huynh|gia dinh)|selfie|(?:quay|chup) (?:video )?(?:khuon )?mat)\b`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'APP_INSTALL_REQUEST',
    pattern: new RegExp(
      String.raw`(?:tai|cai|cai dat|download|tai ve|install|cap nhat)\s*(?:ngay\s*|lai\s*|giup\s*)?(?:ung dung|app|phan mem|file|tep|ban cap nhat|bang link|qua link|tai link)|\.apk\b|\bapk\b|\b(?:anydesk|ultraviewer|teamviewer|airdroid|rustdesk)\b|(?:cai|tai)[^.!?\n]{0,20}(?:vneid|dich vu cong|etax|bhxh|chong lua dao)[^.!?\n]{0,10}(?:theo link|tai link|qua link|ban moi)`,
      'g',
    ),
    negatable: true,
  },
  {
    sign: 'CLAIMS_RELATIVE',
    pattern: new RegExp(
      String.raw`(?:doi|dung|xai|lap) (?:so|sim|so dien thoai|\bsdt\b|zalo|nick|facebook|fb|tai khoan)(?: dien thoai)? moi|(?:moi|vua) doi (?:so|sim|so dien thoai|\bsdt\b|zalo|nick|facebook|fb)|so (?:moi|nay) (?:cua|la cua|la) (?:con|em|chau|anh|chi|minh|me|bo)|day la (?:so|zalo|nick) (?:moi )?(?:cua )?(?:con|em|chau|anh|chi|minh|to)|(?:dien thoai|\bdt\b|may|sim|zalo|nick) (?:cua )?(?:con|em|chau|minh|to) (?:bi|dang bi) (?:hong|hu|mat|roi|khoa|het pin|hack)|(?:muon|dung) (?:tam )?(?:may|dien thoai|\bdt\b) (?:cua )?(?:ban|nguoi khac|co|thay|chu|bac)|(?:nick|tai khoan|zalo|facebook|fb) (?:cu|kia) (?:bi|cua (?:con|em|minh|to) bi)|(?:me|bo|ba|ong|co|chu|di|cau|mo) oi,? (?:con|chau|em) (?:day|nay|dang (?:gap|o|bi))`,
      'g',
    ),
    negatable: false,
  },
];

/** A negation just before the words, in the same clause, turns a request into a warning ("không bao giờ yêu cầu cung cấp OTP"). */
const NEGATION = /\b(?:(?<!hang )khong(?! gian)|ko|dung|chua bao gio|cam|never|do not|don't|not)\b/;
/** A warning earlier in the sentence does too ("cảnh giác với tin nhắn giả danh nhà trường yêu cầu chuyển tiền, cung cấp mật khẩu"). */
const WARNING =
  /\b(?:canh giac|gia danh|mao danh|coi chung|ke gian|khong bao gio|tuyet doi khong|dung bao gio|ai (?:goi|nhan tin|nhan|bao)|neu (?:co )?ai|phong tranh|de phong)\b/;

function negated(text: FoldedText, index: number, warningOnly: boolean): boolean {
  const folded = text.folded;
  const sentenceStart = Math.max(...['.', '!', '?', '\n'].map((c) => folded.lastIndexOf(c, index - 1)), index - 160) + 1;
  if (WARNING.test(folded.slice(sentenceStart, index))) return true;
  if (warningOnly) return false;
  const clauseStart = Math.max(...[',', ';', ':'].map((c) => folded.lastIndexOf(c, index - 1)), sentenceStart - 1, index - 60) + 1;
  const clause = folded.slice(clauseStart, index);
  const found = NEGATION.exec(clause);
  // "Nếu không cung cấp mã…" is a condition, not a warning.
  return found !== null && !/\bneu\s*$/.test(clause.slice(0, found.index));
}

const DEMANDS: ReadonlySet<SignCode> = new Set([
  'OTP_REQUEST',
  'PASSWORD_REQUEST',
  'FEE_REQUEST',
  'APP_INSTALL_REQUEST',
  'THREAT',
  'SUSPICIOUS_LINK',
  'LOOKALIKE_DOMAIN',
  'SHORTENED_LINK',
  'LOOKALIKE_CHARACTERS',
  'BLOCKLISTED',
]);

/** Asking for money or data is a demand of an authority only under pressure (a real school also collects fees). */
const SOFT_DEMANDS: ReadonlySet<SignCode> = new Set(['MONEY_TRANSFER', 'PERSONAL_DATA_REQUEST']);
const PRESSURE: ReadonlySet<SignCode> = new Set(['URGENCY', 'THREAT', 'SECRECY']);

/** An organisation the message speaks as: named at its start, or after "là", "bên", "từ"… ("anh bên công an phường"). */
function claimedAuthority(folded: string): RegExpExecArray | null {
  for (const m of folded.matchAll(new RegExp(AUTHORITY, 'g'))) {
    const before = folded.slice(Math.max(0, m.index - 14), m.index);
    if (
      (m.index < 40 && !/\b(?:nick|tai khoan|\btk|acc|tren|qua|mk|mat khau|bang|voi|doi|dung|xai|cai|mo|vao|hack|choi|game|nap)\s+$/.test(before)) ||
      /\b(?:la|ben|tu|thuoc|day la|nhan vien|can bo|dai dien|thay mat|phia)\s+(?:[a-z]+\s+){0,2}$/.test(folded.slice(Math.max(0, m.index - 30), m.index))
    )
      return m;
  }
  return null;
}

const REQUESTS: ReadonlySet<SignCode> = new Set([
  'OTP_REQUEST',
  'PASSWORD_REQUEST',
  'PERSONAL_DATA_REQUEST',
  'FEE_REQUEST',
  'MONEY_TRANSFER',
  'APP_INSTALL_REQUEST',
]);

export function analyze(input: string, lists: ProvinceLists = NO_LISTS): Analysis {
  const text = fold(input);
  const signs: Analysis['signs'] = [];
  const add = (code: SignCode, index: number, quote: string) => {
    if (quote.trim() !== '' && !signs.some((s) => s.code === code)) signs.push({ code, quote, index });
  };

  for (const rule of RULES) {
    for (const m of text.folded.matchAll(rule.pattern)) {
      if (rule.negatable && negated(text, m.index, rule.negatable === 'warning')) continue;
      if (rule.unless && rule.unless.test(aroundOf(text.folded, m.index, m[0].length))) continue;
      add(rule.sign, text.starts[m.index], originalSlice(text, m.index, m.index + m[0].length).trim());
      break;
    }
  }

  const patternIds: string[] = [];
  for (const pattern of lists.patterns) {
    const at = indexOfWords(text.folded, pattern.folded);
    if (at < 0) continue;
    patternIds.push(pattern.id);
    add(pattern.sign, text.starts[at], originalSlice(text, at, at + pattern.folded.length));
  }

  const links = findLinks(input);
  const asks = signs.some((s) => REQUESTS.has(s.code));
  for (const finding of judgeLinks(links, lists.allowedDomains, asks)) add(finding.code, finding.link.index, finding.link.raw);
  for (const word of input.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) if (mixesScripts(word[0])) add('LOOKALIKE_CHARACTERS', word.index, word[0]);

  const phones = findPhones(input).filter((p) => !lists.allowedPhones.has(p.normal));
  const blocked = [
    ...links.filter((l) => l.domain && lists.blockedDomains.has(l.domain)).map((l) => ({ index: l.index, raw: l.raw })),
    ...phones.filter((p) => lists.blockedPhones.has(p.normal)),
  ];
  if (blocked.length > 0) add('BLOCKLISTED', blocked[0].index, blocked[0].raw);

  const authority = claimedAuthority(text.folded);
  const pressed = signs.some((s) => DEMANDS.has(s.code)) || (signs.some((s) => SOFT_DEMANDS.has(s.code)) && signs.some((s) => PRESSURE.has(s.code)));
  if (authority && pressed && !officialLinkOnly(links)) {
    add('IMPERSONATION', text.starts[authority.index], originalSlice(text, authority.index, authority.index + authority[0].length));
  }

  signs.sort((a, b) => a.index - b.index);
  return {
    signs,
    links,
    domains: [...new Set(links.map((l) => l.domain ?? l.host))],
    phones: [...new Set(phones.map((p) => p.normal))],
    patternIds,
  };
}

function aroundOf(folded: string, index: number, length: number): string {
  return folded.slice(Math.max(0, index - 40), index + length + 60);
}

/** Where a folded phrase occurs as whole words, or -1. */
function indexOfWords(folded: string, phrase: string): number {
  if (phrase === '') return -1;
  let at = folded.indexOf(phrase);
  while (at >= 0) {
    const before = at === 0 ? ' ' : folded[at - 1];
    const after = folded[at + phrase.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
    at = folded.indexOf(phrase, at + 1);
  }
  return -1;
}

/** Every link the message has goes where the organisation it names really is: that alone is no sign of posing. */
function officialLinkOnly(links: readonly FoundLink[]): boolean {
  return links.length > 0 && links.every((l) => l.domain !== null && WELL_KNOWN_DOMAINS.has(l.domain));
}
