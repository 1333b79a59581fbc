import type { CoverageDto, ProgramKind, QuarterCoverageDto, SchoolCoverageDetailDto, TrainingCoverageDto } from '@tinhtao/shared';

import { FONT_FILE, pdfmake } from '../platform/pdf.js';
import {
  asOfLine,
  atRiskAtQuarterEnd,
  authorityName,
  basisLines,
  belowThreshold,
  type DiagnosticReportRow,
  gainText,
  LEVEL_NAMES,
  newlyWithProgram,
  percentText,
  placeAndDate,
  PROGRAM_NAMES,
  quarterNotes,
  quarterPeriodText,
  type ReportContext,
  SIGNATURE,
} from './report-text.js';

const KINDS: readonly ProgramKind[] = ['SAFETY', 'MEDIA_LITERACY'];

type Node = Record<string, unknown> | string;
const cell = (text: string | number | null, extra: Record<string, unknown> = {}) => ({ text: text === null ? '—' : String(text), ...extra });
const num = (n: number) => cell(n.toLocaleString('vi-VN'), { alignment: 'right' });
const pct = (p: number | null) => cell(percentText(p), { alignment: 'right' });
const th = (text: string) => cell(text, { style: 'th' });

/** Section headings: `headlineLevel` marks them for keepHeadingsWithContent. */
const h2 = (text: string) => ({ text, style: 'h2', headlineLevel: 2 });
const h3 = (text: string) => ({ text, bold: true, margin: [0, 4, 0, 0], headlineLevel: 3 });

/** The least a heading needs below it on its page: its own line and the first rows of what it heads. */
const ROOM_UNDER_HEADING = 70;

/** What pdfmake tells pageBreakBefore about a laid-out node. */
interface NodeInfo {
  headlineLevel?: number;
  startPosition: { top: number; pageNumber: number };
}
interface NodeQueries {
  getFollowingNodesOnPage(): NodeInfo[];
  getNodesOnNextPage(): NodeInfo[];
}

/**
 * pdfmake's pageBreakBefore: a heading starts a new page when its section goes on to the next
 * page and what follows the heading on its own page starts less than ROOM_UNDER_HEADING below it
 * (nothing, or a table's header row alone), so that no page ends with a heading.
 */
export function keepHeadingsWithContent(node: NodeInfo, nodes: NodeQueries): boolean {
  if (!node.headlineLevel) return false;
  const all = nodes.getFollowingNodesOnPage();
  // Headings right under this one (a level under a section) go with it.
  const first = all.findIndex((n) => !n.headlineLevel);
  const following = first < 0 ? [] : all.slice(first);
  // The section ends on this page when the next heading is on it too.
  if (following.some((n) => n.headlineLevel)) return false;
  if (nodes.getNodesOnNextPage().length === 0) return false;
  const { top, pageNumber } = node.startPosition;
  const reach = Math.max(top, ...following.filter((n) => n.startPosition.pageNumber === pageNumber).map((n) => n.startPosition.top));
  return reach - top < ROOM_UNDER_HEADING;
}

function grid(widths: (string | number)[], header: string[], rows: Node[][]): Node {
  return { table: { headerRows: 1, widths, body: [header.map(th), ...rows] }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 10] };
}

/** The two-column header of a Vietnamese administrative document, then the title. */
function heading(ctx: ReportContext, issuer: [string, string, string?], title: string, subtitle: string): Node[] {
  return [
    {
      columns: [
        {
          width: '45%',
          stack: [
            { text: issuer[0], fontSize: 10 },
            { text: issuer[1], bold: true, fontSize: 10 },
            { text: issuer[2] ?? 'Số:       /BC', fontSize: 10, margin: [0, 6, 0, 0] },
          ],
          alignment: 'center',
        },
        {
          width: '55%',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, fontSize: 10 },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: 11 },
            { text: placeAndDate(ctx.province.name, ctx.now), italics: true, fontSize: 10, margin: [0, 6, 0, 0] },
          ],
          alignment: 'center',
        },
      ],
    },
    { text: title, style: 'title', margin: [0, 18, 0, 2] },
    { text: subtitle, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
  ];
}

function signature(title: string): Node {
  return {
    columns: [
      { width: '50%', stack: [{ text: 'Nơi nhận:', bold: true, italics: true, fontSize: 10 }, ...SIGNATURE.recipients.map((r) => ({ text: r, fontSize: 9 }))] },
      {
        width: '50%',
        stack: [
          { text: title, bold: true },
          { text: SIGNATURE.note, italics: true, fontSize: 9 },
        ],
        alignment: 'center',
      },
    ],
    margin: [0, 20, 0, 0],
    unbreakable: true,
  };
}

function render(content: Node[], info: { title: string }): Promise<Buffer> {
  return pdfmake
    .createPdf({
      info: { title: info.title, creator: 'Tỉnh Táo' },
      pageSize: 'A4',
      pageMargins: [50, 40, 40, 40],
      defaultStyle: { font: 'Roboto', fontSize: 10 },
      styles: {
        title: { fontSize: 14, bold: true, alignment: 'center' },
        h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
        th: { bold: true, fillColor: '#e8f0fe' },
      },
      footer: (page: number, pages: number) => ({ text: `${page}/${pages}`, alignment: 'right', fontSize: 8, margin: [0, 10, 40, 0] }),
      pageBreakBefore: keepHeadingsWithContent,
      content,
    })
    .getBuffer();
}

/**
 * A before-and-after pair as two labelled lines, "trước 12,5" over "sau 40": the dash stays the
 * intervals' alone, and Roboto has no arrow glyph.
 */
function beforeAfter(pre: number | null, post: number | null): Node {
  if (pre === null || post === null) return cell(null, { alignment: 'right' });
  return { stack: [`trước ${pre.toLocaleString('vi-VN')}`, `sau ${post.toLocaleString('vi-VN')}`], alignment: 'right' };
}

/** V: whether students got better, from the year's before-and-after diagnostics. */
function diagnosticSection(rows: DiagnosticReportRow[]): Node[] {
  const head = h2('V. HIỆU QUẢ CHƯƠNG TRÌNH: KHẢO SÁT TRƯỚC VÀ SAU');
  if (rows.length === 0) return [head, { text: 'Năm học này chưa có bài khảo sát trước và sau chương trình.', italics: true }];
  return [
    head,
    {
      text: 'Điểm là tỷ lệ câu đúng (%). Mức tiến bộ tính trên học sinh làm cả hai bài, kèm khoảng tin cậy 95%. Khả năng phân biệt = tỷ lệ tin nội dung thật trừ tỷ lệ tin nội dung sai; hoài nghi = tỷ lệ nội dung thật bị cho là không đáng tin. Nhóm dưới 10 học sinh không được nêu.',
      fontSize: 9,
      margin: [0, 0, 0, 4],
    },
    grid(
      ['*', 34, 34, 66, 40, 36, 58, 58],
      ['Bài khảo sát', 'Trước', 'Sau', 'Tiến bộ (KTC 95%)', 'Chuẩn hoá', 'HS tiến bộ', 'Phân biệt', 'Hoài nghi'],
      rows.map((r) => [
        cell(`${r.title} (${LEVEL_NAMES[r.level]}; ${r.paired.toLocaleString('vi-VN')} HS làm cả hai bài)`),
        pct(r.preMean),
        pct(r.postMean),
        cell(gainText(r.gain), { alignment: 'right' }),
        cell(r.normalizedGain === null ? null : r.normalizedGain.toLocaleString('vi-VN'), { alignment: 'right' }),
        pct(r.improvedPercent),
        beforeAfter(r.discernmentPre, r.discernmentPost),
        beforeAfter(r.skepticismPre, r.skepticismPost),
      ]),
    ),
    ...rows
      .filter((r) => r.stillFooled.length > 0)
      .map((r) => ({
        text: `${r.title}: học sinh còn dễ bị lừa nhất bởi ${r.stillFooled.map((t) => `${t.tag} (${percentText(t.percent)})`).join(', ')}.`,
        margin: [0, 0, 0, 4],
      })),
  ];
}

/** VI: the staff program, a program of its own, never mixed into the students' figures. */
function staffSection(staff: TrainingCoverageDto): Node[] {
  const met = (m: boolean) => cell(m ? 'Đạt' : 'Chưa đạt');
  return [
    h2('VI. BỒI DƯỠNG CÁN BỘ, GIÁO VIÊN'),
    {
      text: `Chương trình riêng cho cán bộ, giáo viên (${staff.requiredLessons} bài bắt buộc). Một đơn vị đạt khi tỷ lệ hoàn thành bài bắt buộc từ ${staff.schoolThreshold}% trở lên.`,
      fontSize: 9,
      margin: [0, 0, 0, 4],
    },
    grid(
      ['*', 50, 50, 45, 50],
      ['Chỉ số', 'Kết quả', 'Tỷ lệ', 'Chỉ tiêu', 'Đánh giá'],
      [
        [
          cell('Trường có chương trình'),
          cell(`${staff.schools.done}/${staff.schools.of}`),
          pct(staff.schools.percent),
          pct(staff.schools.target),
          met(staff.schools.met),
        ],
        [
          cell('Cán bộ, giáo viên tiếp cận'),
          cell(`${staff.staffReached.done}/${staff.staffReached.of}`),
          pct(staff.staffReached.percent),
          pct(staff.staffReached.target),
          met(staff.staffReached.met),
        ],
      ],
    ),
    grid(
      ['*', 50, 60, 50, 50],
      ['Đơn vị', 'Cán bộ, GV', 'Hoàn thành', 'Đạt', 'Tiếp cận'],
      [...(staff.department ? [staff.department] : []), ...staff.units].map((u) => [
        cell(u.name),
        num(u.staff),
        pct(u.coverage.percent),
        cell(u.hasProgram ? 'Đạt' : 'Chưa đạt'),
        num(u.reached.done),
      ]),
    ),
  ];
}

/** The annual report: results against each target, by level and area, schools below the threshold, contests, signature. */
export function annualPdf(
  ctx: ReportContext,
  levels: CoverageDto[],
  diagnostics: DiagnosticReportRow[] = [],
  staff: TrainingCoverageDto | null = null,
): Promise<Buffer> {
  const threshold = levels[0]?.settings.schoolThreshold ?? 80;
  const below = belowThreshold(levels);
  const content: Node[] = [
    ...heading(
      ctx,
      [authorityName(ctx.province.name), 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'Số:       /BC-SGDĐT'],
      'BÁO CÁO',
      `Kết quả triển khai chương trình an toàn thông tin và đọc hiểu tin tức, tư duy phản biện năm học ${ctx.year} — ${ctx.province.name}`,
    ),
    ...basisLines(ctx).map((text) => ({ text, margin: [0, 0, 0, 4], alignment: 'justify' })),
    { text: asOfLine(ctx.now), italics: true, margin: [0, 0, 0, 4] },
    h2('I. KẾT QUẢ SO VỚI CHỈ TIÊU'),
    grid(
      ['*', '*', 40, 45, 40, 40, 45, 45],
      ['Cấp học', 'Chương trình', 'Số trường', 'Trường có CT', 'Tỷ lệ', 'Chỉ tiêu', 'Đánh giá', 'HS tiếp cận'],
      levels.flatMap((c) =>
        KINDS.map((k) => {
          const t = c.totals[k];
          return [
            cell(LEVEL_NAMES[c.level]),
            cell(PROGRAM_NAMES[k]),
            num(t.schools.of),
            num(t.schools.done),
            pct(t.schools.percent),
            pct(t.schools.target),
            cell(t.schools.met ? 'Đạt' : 'Chưa đạt'),
            pct(t.reached.percent),
          ];
        }),
      ),
    ),
    h2('II. KẾT QUẢ THEO CẤP HỌC VÀ ĐỊA BÀN'),
    ...levels.flatMap((c) => [
      h3(LEVEL_NAMES[c.level]),
      grid(
        ['*', 40, 50, 50, 50, 50],
        ['Địa bàn', 'Số trường', 'An toàn TT: trường có CT', 'An toàn TT: hoàn thành', 'Đọc hiểu: trường có CT', 'Đọc hiểu: hoàn thành'],
        c.areas.map((a) => [
          cell(a.name || '(chưa gán)'),
          num(a.schools),
          num(a.kinds.SAFETY.withProgram.done),
          pct(a.kinds.SAFETY.pairs.percent),
          num(a.kinds.MEDIA_LITERACY.withProgram.done),
          pct(a.kinds.MEDIA_LITERACY.pairs.percent),
        ]),
      ),
    ]),
    h2(`III. CÁC TRƯỜNG CHƯA ĐẠT NGƯỠNG ${threshold}% (${below.length} trường)`),
    below.length === 0
      ? { text: 'Không có trường nào dưới ngưỡng.', italics: true }
      : grid(
          [45, '*', '*', 50, 50],
          ['Mã trường', 'Tên trường', 'Địa bàn', 'An toàn TT', 'Đọc hiểu'],
          below.map(({ school: s }) => [
            cell(s.ministryCode),
            cell(s.name),
            cell(s.areaName ?? ''),
            pct(s.kinds.SAFETY.coverage.percent),
            pct(s.kinds.MEDIA_LITERACY.coverage.percent),
          ]),
        ),
    h2('IV. CUỘC THI'),
    contestsGrid(levels),
    ...diagnosticSection(diagnostics),
    ...(staff ? staffSection(staff) : []),
    signature(SIGNATURE.title),
  ];
  return render(content, { title: `Báo cáo năm học ${ctx.year} — ${ctx.province.name}` });
}

const small = (node: Node): Node => ({ ...(node as Record<string, unknown>), fontSize: 8 });

/** The contests of the year or of a quarter, per level and program. */
function contestsGrid(levels: Pick<CoverageDto, 'level' | 'contests'>[]): Node {
  return grid(
    ['*', '*', 60, 70],
    ['Cấp học', 'Chương trình', 'Số cuộc thi', 'Lượt tham gia'],
    levels.flatMap((c) =>
      KINDS.map((k) => [cell(LEVEL_NAMES[c.level]), cell(PROGRAM_NAMES[k]), num(c.contests.byKind[k].held), num(c.contests.byKind[k].participants)]),
    ),
  );
}

/**
 * A quarterly province's report for one quarter, in the annual report's form: figures at the
 * quarter's end beside its start, the schools newly with a program by name, the schools at risk
 * with what they project to, the quarter's contests, and the next report due.
 */
export function quarterlyPdf(ctx: ReportContext, levels: QuarterCoverageDto[]): Promise<Buffer> {
  const q = levels[0];
  const notes = quarterNotes(q, ctx.now);
  const period = quarterPeriodText(q);
  const newly = newlyWithProgram(levels);
  const atRisk = atRiskAtQuarterEnd(levels);
  const content: Node[] = [
    ...heading(
      ctx,
      [authorityName(ctx.province.name), 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'Số:       /BC-SGDĐT'],
      'BÁO CÁO',
      `Kết quả triển khai chương trình an toàn thông tin và đọc hiểu tin tức, tư duy phản biện ${period} — ${ctx.province.name}`,
    ),
    ...basisLines(ctx, period).map((text) => ({ text, margin: [0, 0, 0, 4], alignment: 'justify' })),
    { text: notes.asOf, italics: true, margin: [0, 0, 0, 4] },
    h2('I. KẾT QUẢ ĐẾN CUỐI QUÝ SO VỚI CHỈ TIÊU'),
    // Eleven columns: a smaller type than the annual table's, so that the row fits an A4 page.
    small(
      grid(
        ['*', '*', 28, 32, 32, 32, 32, 38, 32, 32, 32],
        [
          'Cấp học',
          'Chương trình',
          'Số trường',
          'Có CT đầu quý',
          'Có CT cuối quý',
          'Tỷ lệ',
          'Chỉ tiêu',
          'Đánh giá',
          'HS tiếp cận',
          'HS mới trong quý',
          'Bài đã làm',
        ],
        levels.flatMap((c) =>
          KINDS.map((k) => {
            const t = c.totals[k];
            return [
              cell(LEVEL_NAMES[c.level]),
              cell(PROGRAM_NAMES[k]),
              num(t.schools.of),
              num(t.schoolsAtStart.done),
              num(t.schools.done),
              pct(t.schools.percent),
              pct(t.schools.target),
              cell(t.schools.met ? 'Đạt' : 'Chưa đạt'),
              num(t.reached.done),
              num(t.reachedInQuarter),
              num(t.lessonsDone),
            ];
          }),
        ),
      ),
    ),
    h2(`II. TRƯỜNG MỚI CÓ CHƯƠNG TRÌNH TRONG QUÝ (${new Set(newly.map((n) => n.school.id)).size} trường)`),
    newly.length === 0
      ? { text: 'Trong quý không có trường nào mới có chương trình.', italics: true }
      : grid(
          [45, '*', '*', 60],
          ['Mã trường', 'Tên trường', 'Chương trình', 'Hoàn thành'],
          newly.map(({ kind, school: s }) => [cell(s.ministryCode), cell(s.name), cell(PROGRAM_NAMES[kind]), pct(s.kinds[kind].coverage.percent)]),
        ),
    h2(`III. TRƯỜNG CÓ NGUY CƠ KHÔNG ĐẠT NGƯỠNG ${q.settings.schoolThreshold}% (${atRisk.length} trường)`),
    { text: notes.projection, fontSize: 9, margin: [0, 0, 0, 4] },
    atRisk.length === 0
      ? { text: 'Không có trường nào có nguy cơ không đạt.', italics: true }
      : grid(
          [45, '*', 50, 50, 50, 50],
          ['Mã trường', 'Tên trường', 'An toàn TT', 'An toàn TT: dự kiến', 'Đọc hiểu', 'Đọc hiểu: dự kiến'],
          atRisk.map(({ school: s }) => [
            cell(s.ministryCode),
            cell(s.name),
            pct(s.kinds.SAFETY.coverage.percent),
            pct(s.kinds.SAFETY.projected),
            pct(s.kinds.MEDIA_LITERACY.coverage.percent),
            pct(s.kinds.MEDIA_LITERACY.projected),
          ]),
        ),
    h2('IV. CUỘC THI TỔ CHỨC TRONG QUÝ'),
    contestsGrid(levels),
    { text: notes.nextDeadline, bold: true, margin: [0, 6, 0, 0] },
    signature(SIGNATURE.title),
  ];
  return render(content, { title: `Báo cáo ${period} — ${ctx.province.name}` });
}

/** One school's report in the same form. */
export function schoolPdf(ctx: ReportContext, d: SchoolCoverageDetailDto): Promise<Buffer> {
  const content: Node[] = [
    ...heading(
      ctx,
      ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', d.school.name.toLocaleUpperCase('vi')],
      'BÁO CÁO',
      `${d.school.name} (${d.school.ministryCode}) — năm học ${ctx.year} — ${ctx.province.name}`,
    ),
    { text: asOfLine(ctx.now), italics: true, margin: [0, 0, 0, 4] },
    h2('I. KẾT QUẢ'),
    grid(
      ['*', '*', 50, 45, 50, 55],
      ['Cấp học', 'Chương trình', 'Hoàn thành', 'Có CT', 'HS tiếp cận', 'Lớp thiếu bài'],
      d.levels.flatMap((l) =>
        KINDS.map((k) => [
          cell(LEVEL_NAMES[l.level]),
          cell(PROGRAM_NAMES[k]),
          pct(l.kinds[k].coverage.percent),
          cell(l.kinds[k].hasProgram ? 'Có' : 'Chưa'),
          pct(l.kinds[k].reached.percent),
          num(l.kinds[k].classesLacking),
        ]),
      ),
    ),
    h2('II. THEO LỚP'),
    grid(
      [35, '*', 40, 50, 50, '*'],
      ['Lớp', 'Giáo viên', 'Số HS', 'An toàn TT', 'Đọc hiểu', 'Bài bắt buộc chưa giao'],
      d.classes.map((c) => [
        cell(c.name),
        cell(c.teachers.map((t) => t.fullName).join(', ')),
        num(c.students),
        pct(c.kinds.SAFETY.coverage.percent),
        pct(c.kinds.MEDIA_LITERACY.coverage.percent),
        cell(c.missing.map((m) => m.title).join('; ')),
      ]),
    ),
    signature('HIỆU TRƯỞNG'),
  ];
  return render(content, { title: `Báo cáo ${d.school.name} năm học ${ctx.year}` });
}

/** The font the reports use (for the test that checks its Vietnamese letters). */
export const REPORT_FONT_FILE = FONT_FILE;
