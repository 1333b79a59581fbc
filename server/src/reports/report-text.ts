import {
  type CoverageDto,
  type CurriculumLevel,
  type DiagnosticResultsDto,
  formatVietnamDateTime,
  type Interval,
  type ProgramKind,
  type Quarter,
  type QuarterCoverageDto,
  vietnamWallClock,
} from '@tinhtao/shared';

/** The words both report formats share, in the administrative Vietnamese a Department signs. */
export const PROGRAM_NAMES: Record<ProgramKind, string> = {
  SAFETY: 'An toàn thông tin trên không gian mạng',
  MEDIA_LITERACY: 'Đọc hiểu tin tức, tư duy phản biện trước thông tin sai lệch',
};

export const LEVEL_NAMES: Record<CurriculumLevel, string> = {
  THCS: 'Trung học cơ sở',
  THPT: 'Trung học phổ thông',
};

export const LEGAL_BASIS_1907 =
  'Căn cứ Quyết định số 1907/QĐ-TTg ngày 23/11/2020 của Thủ tướng Chính phủ phê duyệt Đề án “Tuyên truyền, nâng cao nhận thức và phổ biến kiến thức về an toàn thông tin giai đoạn 2021 - 2025”;';

export interface ReportContext {
  province: { code: string; name: string };
  year: string;
  planReference: string;
  now: Date;
}

/** "UBND TỈNH …" above "SỞ GIÁO DỤC VÀ ĐÀO TẠO": a city's name already says what it is. */
export function authorityName(provinceName: string): string {
  const upper = provinceName.toLocaleUpperCase('vi');
  return /^(TỈNH|THÀNH PHỐ)\s/.test(upper) ? `ỦY BAN NHÂN DÂN ${upper}` : `ỦY BAN NHÂN DÂN TỈNH ${upper}`;
}

/** "Hà Nội, ngày 23 tháng 11 năm 2026", in Vietnam's time. */
export function placeAndDate(provinceName: string, now: Date): string {
  const vn = vietnamWallClock(now);
  const place = provinceName.replace(/^(Tỉnh|Thành phố)\s+/i, '');
  return `${place}, ngày ${vn.getUTCDate()} tháng ${vn.getUTCMonth() + 1} năm ${vn.getUTCFullYear()}`;
}

/** When the figures were read, in Vietnam time: "Số liệu tổng hợp đến 07/12/2026 09:12 (giờ Việt Nam)." */
export function asOfLine(now: Date): string {
  return `Số liệu tổng hợp đến ${formatVietnamDateTime(now)} (giờ Việt Nam).`;
}

/** The basis of the report; `period` is what it covers ("năm học 2026-2027", or a quarter of it). */
export function basisLines(ctx: ReportContext, period = `năm học ${ctx.year}`): string[] {
  const lines = [LEGAL_BASIS_1907];
  if (ctx.planReference) lines.push(`Căn cứ ${ctx.planReference.replace(/^căn cứ\s+/i, '')};`);
  lines.push(
    `Sở Giáo dục và Đào tạo báo cáo kết quả triển khai chương trình hằng năm về an toàn thông tin và về đọc hiểu tin tức, tư duy phản biện trong các trường trung học cơ sở và trung học phổ thông, ${period}, như sau:`,
  );
  return lines;
}

export const QUARTER_NAMES: Record<Quarter, string> = { 1: 'quý I', 2: 'quý II', 3: 'quý III', 4: 'quý IV' };

/** "30/11/2026" from "2026-11-30". */
export const dayText = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** "quý I năm học 2026-2027 (từ 01/09/2026 đến 30/11/2026)". */
export function quarterPeriodText(q: Pick<QuarterCoverageDto, 'quarter' | 'year' | 'period'>): string {
  return `${QUARTER_NAMES[q.quarter]} năm học ${q.year} (từ ${dayText(q.period.firstDay)} đến ${dayText(q.period.lastDay)})`;
}

/** What a quarterly report says of its figures' date, its projection and the next report due. */
export function quarterNotes(q: QuarterCoverageDto, now: Date): { asOf: string; projection: string; nextDeadline: string } {
  const asOf = q.ended
    ? `Số liệu tính đến hết ngày ${dayText(q.period.lastDay)} (giờ Việt Nam), theo số liệu tổng hợp hằng tháng; báo cáo lập lúc ${formatVietnamDateTime(now)}.`
    : `Quý chưa kết thúc: số liệu tổng hợp hằng tháng đến thời điểm lập báo cáo, ${formatVietnamDateTime(now)} (giờ Việt Nam).`;
  return {
    asOf,
    projection: `Trường có nguy cơ không đạt: dưới ngưỡng ${q.settings.schoolThreshold}% vào cuối quý và, giữ nhịp độ từ ngày ${dayText(q.projection.from)} đến cuối quý, dự kiến đến ngày ${dayText(q.projection.to)} vẫn chưa đạt ngưỡng. Tỷ lệ tính trên sĩ số hiện tại.`,
    nextDeadline: `Hạn nộp báo cáo ${QUARTER_NAMES[q.nextDeadline.quarter]} năm học ${q.nextDeadline.schoolYear}: ngày ${dayText(q.nextDeadline.date)}.`,
  };
}

/** The schools that gained a program in the quarter, per level and program, in the schools' (Vietnamese) order. */
export function newlyWithProgram(levels: QuarterCoverageDto[]) {
  return levels.flatMap((q) =>
    (['SAFETY', 'MEDIA_LITERACY'] as const).flatMap((kind) =>
      q.schools.filter((s) => s.kinds[kind].newlyWithProgram).map((school) => ({ level: q.level, kind, school })),
    ),
  );
}

/** The schools at risk at the quarter's end in either program. */
export function atRiskAtQuarterEnd(levels: QuarterCoverageDto[]) {
  return levels.flatMap((q) => q.schools.filter((s) => s.kinds.SAFETY.atRisk || s.kinds.MEDIA_LITERACY.atRisk).map((school) => ({ level: q.level, school })));
}

export const percentText = (p: number | null) => (p === null ? '—' : `${p.toLocaleString('vi-VN')}%`);

export const SIGNATURE = {
  recipients: ['- Bộ Giáo dục và Đào tạo;', '- UBND tỉnh;', '- Sở Khoa học và Công nghệ;', '- Lưu: VT.'],
  title: 'GIÁM ĐỐC',
  note: '(Ký, ghi rõ họ tên và đóng dấu)',
};

/** Schools below the threshold in either program, worst first. */
export function belowThreshold(levels: CoverageDto[]) {
  return levels
    .flatMap((c) =>
      c.schools
        .filter((s) => (['SAFETY', 'MEDIA_LITERACY'] as const).some((k) => c.totals[k].curriculumInForce && !s.kinds[k].hasProgram))
        .map((s) => ({ level: c.level, school: s })),
    )
    .sort((a, b) => (a.school.kinds.SAFETY.coverage.percent ?? -1) - (b.school.kinds.SAFETY.coverage.percent ?? -1));
}

/** The techniques and skills as the report names them. */
export const TAG_NAMES: Record<string, string> = {
  impersonation: 'Mạo danh',
  emotional_language: 'Ngôn ngữ kích động cảm xúc',
  polarisation: 'Gây phân cực',
  conspiracy: 'Thuyết âm mưu',
  discrediting: 'Bôi nhọ, hạ uy tín',
  trolling: 'Khiêu khích (troll)',
  fake_experts: 'Chuyên gia giả',
  cherry_picking: 'Chọn lọc dữ liệu',
  phishing: 'Lừa đảo giả mạo (phishing)',
  personal_data: 'Dữ liệu cá nhân',
  scams: 'Lừa đảo trực tuyến',
  malware: 'Mã độc',
  account_security: 'Bảo mật tài khoản',
};

/** One diagnostic's line in the report: rounded figures, or nulls where the group is too small to show. */
export interface DiagnosticReportRow {
  title: string;
  level: CurriculumLevel;
  kind: ProgramKind;
  pre: number;
  post: number;
  paired: number;
  preMean: number | null;
  postMean: number | null;
  gain: Interval | null;
  normalizedGain: number | null;
  improvedPercent: number | null;
  discernmentPre: number | null;
  discernmentPost: number | null;
  skepticismPre: number | null;
  skepticismPost: number | null;
  /** The three techniques most fallen for after the program, with the share fooled (%). */
  stillFooled: { tag: string; percent: number }[];
}

const round1 = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

/** What the report says of each diagnostic of the year, from the results the dashboard shows. */
export function diagnosticRows(results: DiagnosticResultsDto[]): DiagnosticReportRow[] {
  return results.map(({ diagnostic: d, total, techniques }) => {
    const s = total.summary;
    return {
      title: d.title,
      level: d.level,
      kind: d.kind,
      pre: s?.preCount ?? 0,
      post: s?.postCount ?? 0,
      paired: s?.pairedCount ?? 0,
      preMean: round1(s?.pre?.mean),
      postMean: round1(s?.post?.mean),
      gain: s?.gain ? { mean: round1(s.gain.mean)!, low: round1(s.gain.low)!, high: round1(s.gain.high)! } : null,
      normalizedGain: s?.normalizedGain ? Math.round(s.normalizedGain.mean * 100) / 100 : null,
      improvedPercent: round1(s?.improvedShare === null || s?.improvedShare === undefined ? null : s.improvedShare * 100),
      discernmentPre: round1(s?.discernment ? s.discernment.pre * 100 : null),
      discernmentPost: round1(s?.discernment ? s.discernment.post * 100 : null),
      skepticismPre: round1(s?.skepticism ? s.skepticism.pre * 100 : null),
      skepticismPost: round1(s?.skepticism ? s.skepticism.post * 100 : null),
      stillFooled: s
        ? techniques
            .filter((t) => t.post !== null)
            .slice(0, 3)
            .map((t) => ({ tag: TAG_NAMES[t.tag] ?? t.tag, percent: round1(t.post! * 100)! }))
        : [],
    };
  });
}

/** "+12,3 (8,1 – 16,5)". */
export const gainText = (g: Interval | null) =>
  g ? `${g.mean > 0 ? '+' : ''}${g.mean.toLocaleString('vi-VN')} (${g.low.toLocaleString('vi-VN')} – ${g.high.toLocaleString('vi-VN')})` : '—';
