import {
  type CoverageDto,
  type ProgramKind,
  type QuarterCoverageDto,
  type SchoolCoverageDetailDto,
  type TrainingCoverageDto,
  vietnamWallClock,
} from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import {
  asOfLine,
  atRiskAtQuarterEnd,
  authorityName,
  basisLines,
  belowThreshold,
  dayText,
  type DiagnosticReportRow,
  LEVEL_NAMES,
  newlyWithProgram,
  placeAndDate,
  PROGRAM_NAMES,
  quarterNotes,
  quarterPeriodText,
  type ReportContext,
  SIGNATURE,
} from './report-text.js';

const KINDS: readonly ProgramKind[] = ['SAFETY', 'MEDIA_LITERACY'];
const PERCENT = '0.0';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };

/** A sheet with a bold, wrapped, frozen header row and the given column widths. */
function table(book: ExcelJS.Workbook, name: string, columns: { header: string; width: number; percent?: boolean }[]): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.percent ? { numFmt: PERCENT } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  return sheet;
}

const yesNo = (v: boolean) => (v ? 'Đạt' : 'Chưa đạt');

/** A table's header row inside a sheet: bold, wrapped, shaded. */
function styleHeader(head: ExcelJS.Row): void {
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
}

type BelowThreshold = ReturnType<typeof belowThreshold>;

/**
 * The annual report as a workbook: the signed summary first, then one sheet per table, every
 * figure a real number cell (percentages as numbers in columns marked %).
 */
export async function annualXlsx(
  ctx: ReportContext,
  levels: CoverageDto[],
  onProgress: (percent: number) => void = () => {},
  diagnostics: DiagnosticReportRow[] = [],
  staff: TrainingCoverageDto | null = null,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tỉnh Táo';
  book.created = ctx.now;

  const below = belowThreshold(levels);
  addSummarySheet(book, ctx, levels, below, staff);
  onProgress(70);
  addAreasSheet(book, levels);
  addSchoolsSheet(book, levels);
  onProgress(85);
  addBelowThresholdSheet(book, below);
  addContestsSheet(book, levels);
  addTrendSheet(book, levels);
  addDiagnosticsSheet(book, diagnostics);
  if (staff) addStaffSheet(book, staff);
  onProgress(92);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The signed summary: the header, the figures against the targets, and what the other sheets hold. */
function addSummarySheet(book: ExcelJS.Workbook, ctx: ReportContext, levels: CoverageDto[], below: BelowThreshold, staff: TrainingCoverageDto | null): void {
  const summary = book.addWorksheet('Báo cáo');
  summary.columns = [
    { width: 20 },
    { width: 42 },
    { width: 12 },
    { width: 14 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
    { width: 12 },
    { width: 12 },
  ];
  addLetterhead(summary, ctx);
  summary.addRow([]);
  addTargetsTable(summary, levels);
  summary.addRow([]);
  summary.addRow([
    `II. Số trường chưa đạt ngưỡng ${levels[0]?.settings.schoolThreshold ?? ''}% ở ít nhất một chương trình: ${below.length} (xem trang “Dưới ngưỡng”).`,
  ]);
  const contests = levels.reduce((n, c) => n + c.contests.held, 0);
  summary.addRow([`III. Cuộc thi đã tổ chức: ${contests} (xem trang “Cuộc thi”).`]);
  if (staff)
    summary.addRow([
      `IV. Bồi dưỡng cán bộ, giáo viên: ${staff.schools.done}/${staff.schools.of} trường đạt chương trình, ` +
        `${staff.staffReached.done}/${staff.staffReached.of} cán bộ, giáo viên tiếp cận (xem trang “Cán bộ, giáo viên”).`,
    ]);
  summary.addRow([]);
  summary.addRow(['Nơi nhận:', '', '', '', '', SIGNATURE.title]).font = { bold: true };
  SIGNATURE.recipients.forEach((r, i) => summary.addRow([r, '', '', '', '', i === 0 ? SIGNATURE.note : '']));
}

/** The official letterhead (authority, motto, number, place and date), the title and the basis of the report, for a year or a quarter of it. */
function addLetterhead(summary: ExcelJS.Worksheet, ctx: ReportContext, period = `năm học ${ctx.year}`, asOf = asOfLine(ctx.now)): void {
  summary.addRow([authorityName(ctx.province.name), '', '', '', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).font = { bold: true };
  summary.addRow(['SỞ GIÁO DỤC VÀ ĐÀO TẠO', '', '', '', '', 'Độc lập - Tự do - Hạnh phúc']).font = { bold: true };
  summary.addRow(['Số:      /BC-SGDĐT', '', '', '', '', placeAndDate(ctx.province.name, ctx.now)]);
  summary.addRow([]);
  const title = summary.addRow(['BÁO CÁO']);
  title.font = { bold: true, size: 14 };
  summary.addRow([`Kết quả triển khai chương trình an toàn thông tin và đọc hiểu tin tức, tư duy phản biện ${period}`]).font = { bold: true };
  summary.addRow([asOf]).font = { italic: true };
  summary.addRow([]);
  for (const line of basisLines(ctx, period)) summary.addRow([line]).alignment = { wrapText: false };
}

/** Section I: each level's and program's figures against the province's targets. */
function addTargetsTable(summary: ExcelJS.Worksheet, levels: CoverageDto[]): void {
  summary.addRow(['I. KẾT QUẢ SO VỚI CHỈ TIÊU']).font = { bold: true };
  const head = summary.addRow([
    'Cấp học',
    'Chương trình',
    'Số trường',
    'Số trường có chương trình',
    'Tỷ lệ (%)',
    'Chỉ tiêu (%)',
    'Đánh giá',
    'Số học sinh',
    'Học sinh được tiếp cận',
    'Tỷ lệ HS (%)',
    'Chỉ tiêu HS (%)',
  ]);
  styleHeader(head);
  for (const c of levels) {
    for (const k of KINDS) {
      const t = c.totals[k];
      const row = summary.addRow([
        LEVEL_NAMES[c.level],
        PROGRAM_NAMES[k],
        t.schools.of,
        t.schools.done,
        t.schools.percent,
        t.schools.target,
        yesNo(t.schools.met),
        t.reached.of,
        t.reached.done,
        t.reached.percent,
        t.reached.target,
      ]);
      for (const col of [5, 6, 10, 11]) row.getCell(col).numFmt = PERCENT;
    }
  }
}

/** Per level and area: schools, students, and each program's figures. */
function addAreasSheet(book: ExcelJS.Workbook, levels: CoverageDto[]): void {
  const areas = table(book, 'Theo địa bàn', [
    { header: 'Cấp học', width: 20 },
    { header: 'Địa bàn', width: 28 },
    { header: 'Số trường', width: 10 },
    { header: 'Số học sinh', width: 12 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: trường có chương trình`, width: 18 },
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ trường (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: học sinh được tiếp cận`, width: 18 },
    ]),
  ]);
  for (const c of levels) {
    for (const a of c.areas) {
      areas.addRow([
        LEVEL_NAMES[c.level],
        a.name || '(chưa gán địa bàn)',
        a.schools,
        a.students,
        ...KINDS.flatMap((k) => [a.kinds[k].withProgram.done, a.kinds[k].withProgram.percent, a.kinds[k].pairs.percent, a.kinds[k].reached.done]),
      ]);
    }
  }
}

/** Every school of every level with its figures and its last activity. */
function addSchoolsSheet(book: ExcelJS.Workbook, levels: CoverageDto[]): void {
  const schools = table(book, 'Danh sách trường', [
    { header: 'Cấp học', width: 20 },
    { header: 'Mã trường', width: 12 },
    { header: 'Tên trường', width: 36 },
    { header: 'Địa bàn', width: 22 },
    { header: 'Số học sinh', width: 12 },
    { header: 'Số lớp', width: 8 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: có chương trình`, width: 14 },
      { header: `${PROGRAM_NAMES[k]}: lớp còn thiếu bài bắt buộc`, width: 16 },
    ]),
    { header: 'Hoạt động gần nhất', width: 20 },
  ]);
  for (const c of levels) {
    for (const s of c.schools) {
      const row = schools.addRow([
        LEVEL_NAMES[c.level],
        s.ministryCode,
        s.name,
        s.areaName ?? '',
        s.students,
        s.classes,
        ...KINDS.flatMap((k) => [s.kinds[k].coverage.percent, s.kinds[k].hasProgram ? 'Có' : 'Chưa', s.kinds[k].classesLacking]),
        // A date cell has no time zone: it gets Vietnam's wall clock, as the dashboard shows it.
        s.lastActivityAt ? vietnamWallClock(s.lastActivityAt) : null,
      ]);
      row.getCell(13).numFmt = 'dd/mm/yyyy hh:mm';
    }
  }
}

/** The schools below the threshold in at least one program, with where they are heading by the deadline. */
function addBelowThresholdSheet(book: ExcelJS.Workbook, below: BelowThreshold): void {
  const low = table(book, 'Dưới ngưỡng', [
    { header: 'Cấp học', width: 20 },
    { header: 'Mã trường', width: 12 },
    { header: 'Tên trường', width: 36 },
    { header: 'Địa bàn', width: 22 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: dự kiến đến hạn (%)`, width: 16, percent: true },
    ]),
  ]);
  for (const { level, school: s } of below) {
    low.addRow([LEVEL_NAMES[level], s.ministryCode, s.name, s.areaName ?? '', ...KINDS.flatMap((k) => [s.kinds[k].coverage.percent, s.kinds[k].projected])]);
  }
}

/** Contests held and participations, per level and program (of the year, or of a quarter). */
function addContestsSheet(book: ExcelJS.Workbook, levels: Pick<CoverageDto, 'level' | 'contests'>[]): void {
  const contestSheet = table(book, 'Cuộc thi', [
    { header: 'Cấp học', width: 20 },
    { header: 'Chương trình', width: 42 },
    { header: 'Số cuộc thi đã tổ chức', width: 14 },
    { header: 'Lượt học sinh tham gia', width: 14 },
  ]);
  for (const c of levels) {
    for (const k of KINDS) contestSheet.addRow([LEVEL_NAMES[c.level], PROGRAM_NAMES[k], c.contests.byKind[k].held, c.contests.byKind[k].participants]);
    contestSheet.addRow([LEVEL_NAMES[c.level], 'Cộng', c.contests.held, c.contests.participants]).font = { bold: true };
  }
}

/** Month by month, per level. */
function addTrendSheet(book: ExcelJS.Workbook, levels: CoverageDto[]): void {
  const trend = table(book, 'Theo tháng', [
    { header: 'Cấp học', width: 20 },
    { header: 'Tháng', width: 10 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: trường có chương trình`, width: 18 },
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: bài đã nộp`, width: 14 },
    ]),
  ]);
  for (const c of levels) {
    for (const p of c.trend)
      trend.addRow([
        LEVEL_NAMES[c.level],
        p.month,
        ...KINDS.flatMap((k) => [p.kinds[k].schoolsWithProgram.done, p.kinds[k].pairs.percent, p.kinds[k].submitted]),
      ]);
  }
}

/** The pre/post diagnostics, one row each. */
function addDiagnosticsSheet(book: ExcelJS.Workbook, diagnostics: DiagnosticReportRow[]): void {
  const diag = table(book, 'Khảo sát trước – sau', [
    { header: 'Bài khảo sát', width: 44 },
    { header: 'Cấp học', width: 20 },
    { header: 'Chương trình', width: 30 },
    { header: 'HS làm bài trước', width: 12 },
    { header: 'HS làm bài sau', width: 12 },
    { header: 'HS làm cả hai', width: 12 },
    { header: 'Điểm trước (%)', width: 12, percent: true },
    { header: 'Điểm sau (%)', width: 12, percent: true },
    { header: 'Tiến bộ (điểm %)', width: 12, percent: true },
    { header: 'KTC 95%: từ', width: 10, percent: true },
    { header: 'KTC 95%: đến', width: 10, percent: true },
    { header: 'Tiến bộ chuẩn hoá', width: 12 },
    { header: 'HS tiến bộ (%)', width: 12, percent: true },
    { header: 'Phân biệt trước', width: 12, percent: true },
    { header: 'Phân biệt sau', width: 12, percent: true },
    { header: 'Hoài nghi trước (%)', width: 12, percent: true },
    { header: 'Hoài nghi sau (%)', width: 12, percent: true },
    { header: 'Còn dễ bị lừa nhất bởi', width: 48 },
  ]);
  for (const r of diagnostics)
    diag.addRow([
      r.title,
      LEVEL_NAMES[r.level],
      PROGRAM_NAMES[r.kind],
      r.pre,
      r.post,
      r.paired,
      r.preMean,
      r.postMean,
      r.gain?.mean ?? null,
      r.gain?.low ?? null,
      r.gain?.high ?? null,
      r.normalizedGain,
      r.improvedPercent,
      r.discernmentPre,
      r.discernmentPost,
      r.skepticismPre,
      r.skepticismPost,
      r.stillFooled.map((t) => `${t.tag} (${t.percent}%)`).join('; '),
    ]);
}

const SUMMARY_WIDTHS = [20, 42, 12, 14, 14, 12, 12, 12, 12, 14, 14, 14, 14];

/**
 * A quarterly province's report for one quarter, in the annual report's form: the signed summary
 * with each level's and program's figures at the quarter's end beside its start, then the schools
 * newly with a program, the schools at risk, every school, and the quarter's contests.
 */
export async function quarterlyXlsx(ctx: ReportContext, levels: QuarterCoverageDto[], onProgress: (percent: number) => void = () => {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tỉnh Táo';
  book.created = ctx.now;
  const q = levels[0];
  const notes = quarterNotes(q, ctx.now);
  const newly = newlyWithProgram(levels);
  const atRisk = atRiskAtQuarterEnd(levels);

  const summary = book.addWorksheet('Báo cáo');
  summary.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  addLetterhead(summary, ctx, quarterPeriodText(q), notes.asOf);
  summary.addRow([]);
  summary.addRow(['I. KẾT QUẢ ĐẾN CUỐI QUÝ SO VỚI CHỈ TIÊU']).font = { bold: true };
  const head = summary.addRow([
    'Cấp học',
    'Chương trình',
    'Số trường',
    'Trường có chương trình đầu quý',
    'Trường có chương trình cuối quý',
    'Tỷ lệ (%)',
    'Chỉ tiêu (%)',
    'Đánh giá',
    'Số học sinh',
    'Học sinh được tiếp cận cuối quý',
    'Học sinh mới được tiếp cận trong quý',
    'Bài đã làm trong quý',
    'Tỷ lệ hoàn thành (%)',
  ]);
  styleHeader(head);
  for (const c of levels) {
    for (const k of KINDS) {
      const t = c.totals[k];
      const row = summary.addRow([
        LEVEL_NAMES[c.level],
        PROGRAM_NAMES[k],
        t.schools.of,
        t.schoolsAtStart.done,
        t.schools.done,
        t.schools.percent,
        t.schools.target,
        yesNo(t.schools.met),
        t.reached.of,
        t.reached.done,
        t.reachedInQuarter,
        t.lessonsDone,
        t.pairs.percent,
      ]);
      for (const col of [6, 7, 13]) row.getCell(col).numFmt = PERCENT;
    }
  }
  summary.addRow([]);
  summary.addRow([`II. Trường mới có chương trình trong quý: ${new Set(newly.map((n) => n.school.id)).size} (xem trang “Trường mới đạt”).`]);
  summary.addRow([`III. Trường có nguy cơ không đạt vào cuối quý: ${atRisk.length} (xem trang “Nguy cơ”).`]);
  summary.addRow([notes.projection]);
  const held = levels.reduce((n, c) => n + c.contests.held, 0);
  const taking = levels.reduce((n, c) => n + c.contests.participants, 0);
  summary.addRow([`IV. Cuộc thi tổ chức trong quý: ${held}, ${taking} lượt học sinh tham gia (xem trang “Cuộc thi”).`]);
  summary.addRow([notes.nextDeadline]).font = { bold: true };
  summary.addRow([]);
  summary.addRow(['Nơi nhận:', '', '', '', '', SIGNATURE.title]).font = { bold: true };
  SIGNATURE.recipients.forEach((r, i) => summary.addRow([r, '', '', '', '', i === 0 ? SIGNATURE.note : '']));
  onProgress(70);

  const gained = table(book, 'Trường mới đạt', [
    { header: 'Cấp học', width: 20 },
    { header: 'Chương trình', width: 42 },
    { header: 'Mã trường', width: 12 },
    { header: 'Tên trường', width: 36 },
    { header: 'Địa bàn', width: 22 },
    { header: 'Tỷ lệ hoàn thành cuối quý (%)', width: 16, percent: true },
  ]);
  for (const { level, kind, school: s } of newly)
    gained.addRow([LEVEL_NAMES[level], PROGRAM_NAMES[kind], s.ministryCode, s.name, s.areaName ?? '', s.kinds[kind].coverage.percent]);

  const risk = table(book, 'Nguy cơ', [
    { header: 'Cấp học', width: 20 },
    { header: 'Mã trường', width: 12 },
    { header: 'Tên trường', width: 36 },
    { header: 'Địa bàn', width: 22 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành cuối quý (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: dự kiến đến ${dayText(q.projection.to)} (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: nguy cơ`, width: 12 },
    ]),
  ]);
  for (const { level, school: s } of atRisk)
    risk.addRow([
      LEVEL_NAMES[level],
      s.ministryCode,
      s.name,
      s.areaName ?? '',
      ...KINDS.flatMap((k) => [s.kinds[k].coverage.percent, s.kinds[k].projected, s.kinds[k].atRisk ? 'Có' : 'Không']),
    ]);
  onProgress(85);

  const schools = table(book, 'Danh sách trường', [
    { header: 'Cấp học', width: 20 },
    { header: 'Mã trường', width: 12 },
    { header: 'Tên trường', width: 36 },
    { header: 'Địa bàn', width: 22 },
    { header: 'Số học sinh', width: 12 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành cuối quý (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: có chương trình`, width: 14 },
      { header: `${PROGRAM_NAMES[k]}: mới trong quý`, width: 12 },
      { header: `${PROGRAM_NAMES[k]}: học sinh được tiếp cận`, width: 14 },
    ]),
  ]);
  for (const c of levels)
    for (const s of c.schools)
      schools.addRow([
        LEVEL_NAMES[c.level],
        s.ministryCode,
        s.name,
        s.areaName ?? '',
        s.students,
        ...KINDS.flatMap((k) => [
          s.kinds[k].coverage.percent,
          s.kinds[k].hasProgram ? 'Có' : 'Chưa',
          s.kinds[k].newlyWithProgram ? 'Có' : '',
          s.kinds[k].reached.done,
        ]),
      ]);
  addContestsSheet(book, levels);
  onProgress(92);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One school's report: its figure per level, its classes, its teachers and what is missing. */
export async function schoolXlsx(ctx: ReportContext, detail: SchoolCoverageDetailDto): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tỉnh Táo';
  const summary = table(book, 'Tổng hợp', [
    { header: 'Cấp học', width: 20 },
    { header: 'Chương trình', width: 42 },
    { header: 'Tỷ lệ hoàn thành (%)', width: 14, percent: true },
    { header: 'Có chương trình', width: 12 },
    { header: 'Học sinh được tiếp cận', width: 14 },
    { header: 'Số học sinh', width: 12 },
    { header: 'Lớp còn thiếu bài bắt buộc', width: 16 },
    { header: 'Dự kiến đến hạn (%)', width: 14, percent: true },
  ]);
  for (const l of detail.levels) {
    for (const k of KINDS) {
      const s = l.kinds[k];
      summary.addRow([
        LEVEL_NAMES[l.level],
        PROGRAM_NAMES[k],
        s.coverage.percent,
        s.hasProgram ? 'Có' : 'Chưa',
        s.reached.done,
        s.reached.of,
        s.classesLacking,
        s.projected,
      ]);
    }
  }
  summary.addRow([]);
  summary.addRow([
    `${detail.school.name} (${detail.school.ministryCode}), năm học ${ctx.year}. Ngưỡng: ${detail.settings.schoolThreshold}%, điểm đạt: ${detail.settings.passMark}%.`,
  ]);
  summary.addRow([asOfLine(ctx.now)]);

  const classes = table(book, 'Theo lớp', [
    { header: 'Lớp', width: 10 },
    { header: 'Khối', width: 8 },
    { header: 'Giáo viên', width: 28 },
    { header: 'Số học sinh', width: 12 },
    ...KINDS.flatMap((k) => [
      { header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành (%)`, width: 16, percent: true },
      { header: `${PROGRAM_NAMES[k]}: bài đã giao / bắt buộc`, width: 16 },
    ]),
    { header: 'Bài bắt buộc chưa giao', width: 60 },
  ]);
  for (const c of detail.classes) {
    classes.addRow([
      c.name,
      c.grade,
      c.teachers.map((t) => t.fullName).join(', '),
      c.students,
      ...KINDS.flatMap((k) => [c.kinds[k].coverage.percent, `${c.kinds[k].assigned}/${c.kinds[k].required}`]),
      c.missing.map((m) => m.title).join('; '),
    ]);
  }

  const teachers = table(book, 'Theo giáo viên', [
    { header: 'Giáo viên', width: 28 },
    { header: 'Số lớp', width: 8 },
    { header: 'Số học sinh', width: 12 },
    ...KINDS.map((k) => ({ header: `${PROGRAM_NAMES[k]}: tỷ lệ hoàn thành (%)`, width: 16, percent: true })),
  ]);
  for (const t of detail.teachers) teachers.addRow([t.fullName, t.classes, t.students, ...KINDS.map((k) => t.kinds[k].percent)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The staff program (officials, school leaders, teachers), a program of its own: the totals
 * against its targets, then the Department and every school.
 */
function addStaffSheet(book: ExcelJS.Workbook, staff: TrainingCoverageDto): void {
  const sheet = table(book, 'Cán bộ, giáo viên', [
    { header: 'Đơn vị', width: 44 },
    { header: 'Địa bàn', width: 24 },
    { header: 'Số cán bộ, giáo viên', width: 14 },
    { header: 'Lượt hoàn thành bài bắt buộc', width: 16 },
    { header: 'Lượt cần hoàn thành', width: 14 },
    { header: 'Tỷ lệ hoàn thành (%)', width: 14, percent: true },
    { header: 'Đạt chương trình', width: 14 },
    { header: 'Người hoàn thành ít nhất một bài', width: 16 },
  ]);
  for (const u of [...(staff.department ? [staff.department] : []), ...staff.units])
    sheet.addRow([u.name, u.areaName ?? '', u.staff, u.coverage.done, u.coverage.of, u.coverage.percent, yesNo(u.hasProgram), u.reached.done]);
  sheet.addRow([]);
  sheet.addRow([`Trường có chương trình: ${staff.schools.done}/${staff.schools.of}`, '', '', '', '', staff.schools.percent, yesNo(staff.schools.met)]);
  sheet.addRow([`Chỉ tiêu (%)`, '', '', '', '', staff.schools.target]);
  sheet.addRow([
    `Cán bộ, giáo viên tiếp cận: ${staff.staffReached.done}/${staff.staffReached.of}`,
    '',
    '',
    '',
    '',
    staff.staffReached.percent,
    yesNo(staff.staffReached.met),
  ]);
  sheet.addRow([`Chỉ tiêu (%)`, '', '', '', '', staff.staffReached.target]);
  sheet.addRow([`Số bài bắt buộc: ${staff.requiredLessons}; ngưỡng đạt: ${staff.schoolThreshold}%; điểm qua bài: ${staff.passMark}%`]);
}
