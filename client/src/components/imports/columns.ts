import { type ImportCellError, type ImportType, SCHOOL_COLUMNS, STUDENT_COLUMNS } from '@tinhtao/shared';

import { t, te } from '@/i18n';

/**
 * One expected column: its header as the template spells it, the server's name for its field
 * (what `changes` lists), and whether a row may leave it out.
 */
export interface ImportColumn {
  header: string;
  field: string;
  required: boolean;
  /** A name: the preview gives it room to stay on one line. */
  wide?: boolean;
}

/** The headers the server reads, in the order of the template: the shared column lists (DESIGN §4, issue: bulk import). */
const WIDE = new Set(['fullName', 'name']);
const columnsOf = (specs: readonly { key: string; header: string; required: boolean }[]): ImportColumn[] =>
  specs.map((spec) => ({ header: spec.header, field: spec.key, required: spec.required, ...(WIDE.has(spec.key) ? { wide: true } : {}) }));
export const IMPORT_COLUMNS: Record<ImportType, readonly ImportColumn[]> = {
  students: columnsOf(STUDENT_COLUMNS),
  schools: columnsOf(SCHOOL_COLUMNS),
};

/** A field the server names in `changes` ("birthDate"), as the column header people know ("Ngày sinh"). */
export function headerOfField(type: ImportType, field: string): string {
  return IMPORT_COLUMNS[type].find((column) => column.field === field || sameHeader(column.header, field))?.header ?? field;
}

/** The largest file the server takes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const IMPORT_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a picked file cannot be sent, before wasting an upload on it. */
export function fileProblem(file: File): 'type' | 'size' | 'empty' | null {
  if (!/\.(csv|xlsx)$/i.test(file.name)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_IMPORT_BYTES) return 'size';
  return null;
}

/**
 * An empty template: the header row only, so that no example row gets imported by mistake.
 * The byte-order mark makes Excel read the Vietnamese headers as UTF-8.
 */
export function templateCsv(type: ImportType): Blob {
  const header = IMPORT_COLUMNS[type].map((column) => csvCell(column.header)).join(',');
  return new Blob(['\uFEFF', `${header}\r\n`], { type: 'text/csv;charset=utf-8' });
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A refused cell in words: the code translated with its column ("Ngày sinh: …"), or the server's message. */
export function describeCellError(error: ImportCellError): string {
  const key = `imports.cellErrors.${error.code}`;
  return te(key) ? t(key, { column: error.column }) : error.message || error.code;
}

/** Headers compared as the server matches them: case, diacritics, spacing and punctuation aside ("Ngay sinh" is "Ngày sinh"). */
export function sameHeader(a: string, b: string): boolean {
  return foldHeader(a) === foldHeader(b);
}

function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
