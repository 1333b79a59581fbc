import type { CoverageDto, CurriculumLevel, ProgramKind } from '@tinhtao/shared';

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
  const vn = new Date(now.getTime() + 7 * 3600 * 1000);
  const place = provinceName.replace(/^(Tỉnh|Thành phố)\s+/i, '');
  return `${place}, ngày ${vn.getUTCDate()} tháng ${vn.getUTCMonth() + 1} năm ${vn.getUTCFullYear()}`;
}

export function basisLines(ctx: ReportContext): string[] {
  const lines = [LEGAL_BASIS_1907];
  if (ctx.planReference) lines.push(`Căn cứ ${ctx.planReference.replace(/^căn cứ\s+/i, '')};`);
  lines.push(
    `Sở Giáo dục và Đào tạo báo cáo kết quả triển khai chương trình hằng năm về an toàn thông tin và về đọc hiểu tin tức, tư duy phản biện trong các trường trung học cơ sở và trung học phổ thông, năm học ${ctx.year}, như sau:`,
  );
  return lines;
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
