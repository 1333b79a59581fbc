import type { Block, CurriculumLevel, SignCode } from '@tinhtao/shared';
import MiniSearch from 'minisearch';

import { foldText } from './fold.js';

/** A lesson of the province's library, as the helper searches it. */
export interface LibraryLesson {
  id: string;
  title: string;
  level: CurriculumLevel;
  summary: string;
  objectives: string[];
  body: Block[];
}

/** The words each sign's lesson is about: searched in the library, so that a province's own lessons are found too. */
const SIGN_QUERIES: Record<SignCode, string> = {
  URGENCY: 'lừa đảo gấp gáp hối thúc tin nhắn',
  THREAT: 'đe doạ khoá tài khoản lừa đảo giả mạo',
  SECRECY: 'bí mật đe doạ tìm trợ giúp người lớn',
  PRIZE_OR_REFUND: 'trúng thưởng quà tặng tin nhắn lừa đảo',
  TOO_GOOD_TO_BE_TRUE: 'việc nhẹ lương cao nhiệm vụ hoa hồng',
  FEE_REQUEST: 'nộp tiền trước phí cộng tác viên lừa đảo',
  MONEY_TRANSFER: 'mượn tiền chuyển khoản tài khoản người quen bị chiếm',
  OTP_REQUEST: 'mã OTP chiếm đoạt tài khoản',
  PASSWORD_REQUEST: 'mật khẩu đăng nhập chiếm tài khoản mã OTP',
  PERSONAL_DATA_REQUEST: 'thông tin cá nhân căn cước quyền riêng tư',
  APP_INSTALL_REQUEST: 'mã độc ứng dụng lạ file APK',
  IMPERSONATION: 'giả mạo ngân hàng công an tin nhắn mã OTP',
  CLAIMS_RELATIVE: 'tài khoản người quen bị chiếm giả giọng người thân mượn tiền',
  SUSPICIOUS_LINK: 'đường link lạ tin nhắn email lừa đảo',
  SHORTENED_LINK: 'đường link rút gọn lừa đảo',
  LOOKALIKE_DOMAIN: 'đường link tên miền giả mạo ngân hàng tin nhắn',
  LOOKALIKE_CHARACTERS: 'đường link tên miền giả mạo ngân hàng tin nhắn',
  BLOCKLISTED: 'lừa đảo tin nhắn cảnh báo',
};

/** When a message shows nothing: the lessons on recognising scam messages. */
const GENERAL_QUERY = 'nhận diện tin nhắn lừa đảo';

const bodyText = (block: Block): string => {
  switch (block.type) {
    case 'list':
      return block.items.join(' ');
    case 'image':
      return block.alt;
    case 'video':
      return block.title;
    default:
      return block.text;
  }
};

/** Vietnamese words matched with or without their marks: "mật khẩu", "mat khau" and "MẬT KHẨU" are one term. */
const processTerm = (term: string): string | null => {
  const folded = foldText(term);
  return folded.length > 0 ? folded : null;
};

export class LessonIndex {
  private readonly search: MiniSearch<{ id: string; title: string; summary: string; text: string; level: CurriculumLevel }>;
  private readonly titles = new Map<string, { title: string; level: CurriculumLevel }>();

  constructor(lessons: readonly LibraryLesson[]) {
    this.search = new MiniSearch({
      fields: ['title', 'summary', 'text'],
      storeFields: ['level'],
      processTerm,
      searchOptions: { boost: { title: 3, summary: 2 }, prefix: false, fuzzy: false },
    });
    this.search.addAll(
      lessons.map((l) => ({ id: l.id, title: l.title, summary: l.summary, level: l.level, text: [...l.objectives, ...l.body.map(bodyText)].join('\n') })),
    );
    for (const l of lessons) this.titles.set(l.id, { title: l.title, level: l.level });
  }

  titleOf(id: string): { id: string; title: string } | null {
    const found = this.titles.get(id);
    return found ? { id, title: found.title } : null;
  }

  /** Lessons for free words, best first, of the given levels only. */
  find(query: string, levels: readonly CurriculumLevel[], limit = 5): { id: string; title: string; score: number }[] {
    return this.search
      .search(query, { filter: (r) => levels.includes(r.level as CurriculumLevel) })
      .slice(0, limit)
      .map((r) => ({ id: String(r.id), title: this.titles.get(String(r.id))!.title, score: r.score }));
  }

  /** The one or two lessons that teach the signs found (the first signs weigh most), or the general ones. */
  forSigns(signs: readonly SignCode[], levels: readonly CurriculumLevel[], limit = 2): { id: string; title: string }[] {
    const scores = new Map<string, number>();
    const queries = signs.length > 0 ? signs.map((s) => SIGN_QUERIES[s]) : [GENERAL_QUERY];
    queries.forEach((query, rank) => {
      const found = this.find(query, levels, 3);
      const top = found[0]?.score ?? 1;
      for (const r of found) scores.set(r.id, (scores.get(r.id) ?? 0) + (r.score / top) * (1 / (1 + rank * 0.5)));
    });
    return [...scores]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => ({ id, title: this.titles.get(id)!.title }));
  }
}
