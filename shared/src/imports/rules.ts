import { GRADES_BY_LEVEL, type SchoolLevel } from '../common.js';
import type { ImportCellError, ImportErrorCode } from './schemas.js';

/**
 * How a spreadsheet from the sector's databases is read: headers matched without regard to
 * diacritics, case or punctuation; every cell checked, with a reason per cell. Pure, so the
 * server's import and its unit tests share it.
 */

/** "Mã định danh" → "ma dinh danh"; "Xã/Phường" → "xa phuong". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export const normalizeHeader = (header: string) =>
  foldVietnamese(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export interface ColumnSpec<K extends string> {
  key: K;
  /** The header as the template writes it. */
  header: string;
  aliases: string[];
  required: boolean;
}

export const STUDENT_COLUMNS: ColumnSpec<'className' | 'grade' | 'fullName' | 'birthDate' | 'gender' | 'studentCode'>[] = [
  { key: 'className', header: 'Lớp', aliases: ['lop', 'ten lop'], required: true },
  { key: 'grade', header: 'Khối', aliases: ['khoi', 'khoi lop'], required: false },
  { key: 'fullName', header: 'Họ và tên', aliases: ['ho va ten', 'ho ten', 'ho ten hoc sinh', 'ho va ten hoc sinh'], required: true },
  { key: 'birthDate', header: 'Ngày sinh', aliases: ['ngay sinh', 'ngay thang nam sinh'], required: false },
  { key: 'gender', header: 'Giới tính', aliases: ['gioi tinh'], required: false },
  {
    key: 'studentCode',
    header: 'Mã định danh',
    aliases: ['ma dinh danh', 'ma dinh danh ca nhan', 'ma dinh danh hoc sinh', 'ma hoc sinh', 'ma hs'],
    required: true,
  },
];

export const SCHOOL_COLUMNS: ColumnSpec<'ministryCode' | 'name' | 'level' | 'area'>[] = [
  { key: 'ministryCode', header: 'Mã trường', aliases: ['ma truong'], required: true },
  { key: 'name', header: 'Tên trường', aliases: ['ten truong'], required: true },
  { key: 'level', header: 'Cấp học', aliases: ['cap hoc', 'cap'], required: true },
  { key: 'area', header: 'Xã/Phường', aliases: ['xa phuong', 'phuong xa', 'xa phuong thi tran', 'dia ban', 'khu vuc'], required: false },
];

/** Which column of the file holds each field, and the required headers that are missing. */
export function mapHeaders<K extends string>(headers: string[], columns: ColumnSpec<K>[]): { index: Partial<Record<K, number>>; missing: string[] } {
  const folded = headers.map((h) => normalizeHeader(h ?? ''));
  const index: Partial<Record<K, number>> = {};
  for (const column of columns) {
    const at = folded.findIndex((h) => column.aliases.includes(h));
    if (at >= 0) index[column.key] = at;
  }
  return { index, missing: columns.filter((c) => c.required && index[c.key] === undefined).map((c) => c.header) };
}

export type RawCell = string | number | Date | null | undefined;

/** What a spreadsheet would run as a formula if this text were written back into a cell. */
export const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text);

/** A cell as trimmed text ('' when empty); a date cell as YYYY-MM-DD. */
export function cellText(value: RawCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).replace(/\s+/g, ' ').trim();
}

/** Why a birth date was not taken: not written as a date, a day the calendar does not have (31/02), or not a secondary school student's age. */
export type BirthDateProblem = 'format' | 'not_exist' | 'out_of_range';

/** A birth date from a real date cell, or from text as dd/mm/yyyy (or d/m/yyyy, dd-mm-yyyy, yyyy-mm-dd): the date, or why not. */
export function readBirthDate(value: RawCell, today: Date): { date: string } | { problem: BirthDateProblem } {
  let y: number;
  let m: number;
  let d: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: 'format' };
    [y, m, d] = [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
  } else {
    const text = cellText(value);
    const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
    else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else return { problem: 'format' };
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { problem: 'not_exist' };
  // A secondary school student is between about 9 and 25 years old.
  if (y < today.getUTCFullYear() - 30 || y > today.getUTCFullYear() - 8) return { problem: 'out_of_range' };
  return { date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** A birth date as YYYY-MM-DD, or null when `readBirthDate` gives a problem. */
export function parseBirthDate(value: RawCell, today: Date): string | null {
  const read = readBirthDate(value, today);
  return 'date' in read ? read.date : null;
}

/** What a cell holds where the file's bytes were not UTF-8, or a reader broke a character: U+FFFD, the replacement character. */
export const hasReplacementCharacter = (value: RawCell) => typeof value === 'string' && value.includes('\uFFFD');

export function parseGender(text: string): 'M' | 'F' | null | undefined {
  const folded = foldVietnamese(text).trim();
  if (folded === '') return null;
  if (['nam', 'm', 'male', 'trai'].includes(folded)) return 'M';
  if (['nu', 'f', 'female', 'gai'].includes(folded)) return 'F';
  return undefined;
}

export function parseLevel(text: string): SchoolLevel | null {
  const folded = normalizeHeader(text);
  if (['thcs', 'trung hoc co so'].includes(folded)) return 'THCS';
  if (['thpt', 'trung hoc pho thong'].includes(folded)) return 'THPT';
  if (['mixed', 'lien cap', 'thcs thpt', 'thcs va thpt', 'th thcs thpt', 'lien cap thcs thpt'].includes(folded)) return 'MIXED';
  return null;
}

/** The grade a class name starts with: "8A1" → 8, "10 Toán" → 10. */
export function gradeOfClassName(name: string): number | null {
  const match = /^(\d{1,2})(?!\d)/.exec(name.trim());
  const grade = match ? Number(match[1]) : NaN;
  return grade >= 6 && grade <= 12 ? grade : null;
}

export interface StudentRow {
  className: string;
  grade: number;
  fullName: string;
  birthDate: string | null;
  gender: 'M' | 'F' | null;
  studentCode: string;
}

export interface SchoolRow {
  ministryCode: string;
  name: string;
  level: SchoolLevel;
  area: string | null;
}

const error = (column: string, code: ImportErrorCode, message: string): ImportCellError => ({ column, code, message });
const header = <K extends string>(columns: ColumnSpec<K>[], key: K) => columns.find((c) => c.key === key)!.header;

const BIRTH_DATE_ERRORS: Record<BirthDateProblem, [ImportErrorCode, string]> = {
  format: ['DATE_INVALID', 'is not a date as dd/mm/yyyy'],
  not_exist: ['DATE_NOT_EXIST', 'is written as dd/mm/yyyy but no such day exists'],
  out_of_range: ['DATE_OUT_OF_RANGE', 'is not the birth date of a secondary school student'],
};

/**
 * A cell with U+FFFD is refused as ENCODING, in place of whatever else its column got: the
 * text is already lost, and storing it would make the loss permanent and invisible.
 */
function withEncodingErrors<K extends string>(columns: ColumnSpec<K>[], cells: Partial<Record<K, RawCell>>, errors: ImportCellError[]): ImportCellError[] {
  const broken = columns.filter((c) => hasReplacementCharacter(cells[c.key])).map((c) => c.header);
  if (broken.length === 0) return errors;
  return [
    ...broken.map((column) =>
      error(column, 'ENCODING', 'holds characters that could not be read (U+FFFD): save the file again as "Excel Workbook (.xlsx)" or "CSV UTF-8"'),
    ),
    ...errors.filter((e) => !broken.includes(e.column)),
  ];
}

/** Text fields: required or not, not too long, never a formula. */
function text<K extends string>(columns: ColumnSpec<K>[], key: K, raw: RawCell, errors: ImportCellError[], max: number, required: boolean): string {
  const value = cellText(raw);
  const column = header(columns, key);
  if (value === '') {
    if (required) errors.push(error(column, 'REQUIRED', 'is empty'));
  } else if (looksLikeFormula(value)) {
    errors.push(error(column, 'FORMULA', 'starts with = + - or @, which a spreadsheet runs as a formula'));
  } else if (value.length > max) {
    errors.push(error(column, 'TOO_LONG', `is longer than ${max} characters`));
  }
  return value;
}

/** One student row of a school of `level`: the values, or the reasons per cell. */
export function readStudentRow(
  cells: Partial<Record<keyof StudentRow, RawCell>>,
  level: SchoolLevel,
  today: Date,
): { value: StudentRow | null; errors: ImportCellError[] } {
  const errors: ImportCellError[] = [];
  const cols = STUDENT_COLUMNS;
  const className = text(cols, 'className', cells.className, errors, 40, true);
  const fullName = text(cols, 'fullName', cells.fullName, errors, 120, true);
  const studentCode = text(cols, 'studentCode', cells.studentCode, errors, 20, true);
  if (studentCode && !errors.some((e) => e.column === header(cols, 'studentCode')) && !/^[0-9A-Za-z]{4,20}$/.test(studentCode)) {
    errors.push(error(header(cols, 'studentCode'), 'CODE_INVALID', 'must be 4-20 letters or digits'));
  }
  const gradeText = cellText(cells.grade);
  let grade: number | null = null;
  if (gradeText !== '') {
    grade = /^\d{1,2}$/.test(gradeText) ? Number(gradeText) : NaN;
    if (!(grade >= 6 && grade <= 12)) errors.push(error(header(cols, 'grade'), 'GRADE_UNKNOWN', 'must be a grade from 6 to 12'));
  } else if (className) {
    grade = gradeOfClassName(className);
    if (grade === null) errors.push(error(header(cols, 'grade'), 'REQUIRED', 'is empty and the class name does not start with a grade'));
  }
  if (grade !== null && grade >= 6 && grade <= 12) {
    if (!GRADES_BY_LEVEL[level].includes(grade))
      errors.push(error(header(cols, 'grade'), 'GRADE_NOT_IN_LEVEL', `grade ${grade} is not taught at a ${level} school`));
    const named = className ? gradeOfClassName(className) : null;
    if (named !== null && named !== grade) errors.push(error(header(cols, 'className'), 'CLASS_GRADE_MISMATCH', `class ${className} is not in grade ${grade}`));
  }
  let birthDate: string | null = null;
  if (cellText(cells.birthDate) !== '') {
    const read = readBirthDate(cells.birthDate ?? null, today);
    if ('date' in read) birthDate = read.date;
    else errors.push(error(header(cols, 'birthDate'), ...BIRTH_DATE_ERRORS[read.problem]));
  }
  const gender = parseGender(cellText(cells.gender));
  if (gender === undefined) errors.push(error(header(cols, 'gender'), 'GENDER_UNKNOWN', 'must be Nam or Nữ'));
  const refused = withEncodingErrors(cols, cells, errors);
  if (refused.length > 0) return { value: null, errors: refused };
  return { value: { className, grade: grade!, fullName, birthDate, gender: gender ?? null, studentCode: studentCode.toUpperCase() }, errors };
}

export function readSchoolRow(cells: Partial<Record<keyof SchoolRow, RawCell>>): { value: SchoolRow | null; errors: ImportCellError[] } {
  const errors: ImportCellError[] = [];
  const cols = SCHOOL_COLUMNS;
  const ministryCode = text(cols, 'ministryCode', cells.ministryCode, errors, 20, true);
  if (ministryCode && !errors.length && !/^[0-9A-Za-z]{2,20}$/.test(ministryCode))
    errors.push(error(header(cols, 'ministryCode'), 'CODE_INVALID', 'must be 2-20 letters or digits'));
  const name = text(cols, 'name', cells.name, errors, 200, true);
  const levelText = text(cols, 'level', cells.level, errors, 40, true);
  const level = levelText ? parseLevel(levelText) : null;
  if (levelText && level === null && !errors.some((e) => e.column === header(cols, 'level'))) {
    errors.push(error(header(cols, 'level'), 'LEVEL_UNKNOWN', 'must be THCS, THPT or Liên cấp'));
  }
  const area = text(cols, 'area', cells.area, errors, 120, false);
  const refused = withEncodingErrors(cols, cells, errors);
  if (refused.length > 0) return { value: null, errors: refused };
  return { value: { ministryCode, name, level: level!, area: area || null }, errors };
}

/**
 * A readable username without diacritics: the given name and the initials of the others,
 * "Nguyễn Văn An" → "annv". The import adds a number when it is taken.
 */
export function usernameBase(fullName: string): string {
  const words = foldVietnamese(fullName)
    .replace(/[^a-z ]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return 'hs';
  const given = words.at(-1)!;
  const base =
    given +
    words
      .slice(0, -1)
      .map((w) => w[0])
      .join('');
  return base.slice(0, 24);
}

/** Next year's name of a class: its grade number moves up ("8A1" → "9A1", "Lớp 9 Toán" → "Lớp 10 Toán"). */
export function nextClassName(name: string, grade: number): string {
  const pattern = new RegExp(`(^|\\D)${grade}(?!\\d)`);
  return pattern.test(name) ? name.replace(pattern, `$1${grade + 1}`) : `${name} (${grade + 1})`;
}

/** A cell for a CSV that a spreadsheet opens: text it would run as a formula gets a leading apostrophe. */
export const csvSafe = (text: string) => (looksLikeFormula(text) ? `'${text}` : text);
