import fs from 'node:fs';

import type { RawCell } from '@tinhtao/shared';
import { parse } from 'csv-parse';

import { AppError, ErrorCode } from '../platform/app-error.js';
import { readXlsxRows } from './xlsx-reader.js';

export interface SheetRow {
  /** The sheet's row number: the header is row 1. */
  row: number;
  cells: RawCell[];
}

export type FileKind = 'csv' | 'xlsx';

/**
 * What a file is, from its first bytes: an XLSX is a zip; a CSV is UTF-8 text (with or
 * without a BOM). Anything else, or a name that says otherwise, is refused.
 */
export async function detectKind(path: string, fileName: string): Promise<FileKind> {
  const handle = await fs.promises.open(path, 'r');
  const head = Buffer.alloc(4096);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  await handle.close();
  const bytes = head.subarray(0, bytesRead);
  const extension = fileName.toLowerCase().split('.').pop();
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (zip && extension !== 'csv') return 'xlsx';
  if (!zip && extension !== 'xlsx' && extension !== 'xls' && isText(bytes)) return 'csv';
  throw new AppError(ErrorCode.UnsupportedFile, 'Only CSV (UTF-8) and XLSX files are read: save the sheet as "Excel Workbook (.xlsx)" or "CSV UTF-8"');
}

/**
 * UTF-8 text without NUL bytes. Streaming decode, so that a character cut by the 4 KiB window is
 * not held against the file; fatal, so that bytes that are not UTF-8 refuse it while a U+FFFD the
 * file really holds does not (its row is refused as ENCODING instead).
 */
function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface ReadOptions {
  /** Read the file (CSV) or cut its inflated parts (XLSX) in chunks of this many bytes; tests put chunk boundaries inside characters with it. */
  chunkBytes?: number;
}

/** How much of a CSV is read at once: fs's default, named so that the tests can aim at its boundaries. */
export const CSV_CHUNK_BYTES = 64 * 1024;

/** The rows of the first sheet, streamed: the file is never held in memory whole. */
export async function* readRows(path: string, kind: FileKind, options: ReadOptions = {}): AsyncGenerator<SheetRow> {
  if (kind === 'csv') yield* readCsv(path, options);
  else yield* readXlsx(path, options);
}

/** csv-parse takes the bytes and decodes each field whole, so a character split between two chunks survives (see readers.spec.ts). */
async function* readCsv(path: string, options: ReadOptions): AsyncGenerator<SheetRow> {
  const delimiter = await sniffDelimiter(path);
  const parser = fs
    .createReadStream(path, { highWaterMark: options.chunkBytes ?? CSV_CHUNK_BYTES })
    .pipe(parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, max_record_size: 64 * 1024 }));
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { row: record.info.lines, cells: record.record };
    }
  } catch (error) {
    throw new AppError(ErrorCode.UnsupportedFile, `The CSV cannot be read: ${(error as Error).message}`);
  }
}

/** Excel in Vietnamese locales saves CSV with semicolons: whichever the header line has more of. */
async function sniffDelimiter(path: string): Promise<string> {
  const handle = await fs.promises.open(path, 'r');
  const head = Buffer.alloc(4096);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  await handle.close();
  const firstLine = head.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(';') > count(',') ? ';' : count('\t') > count(',') ? '\t' : ',';
}

/** The first sheet through our own streaming reader (xlsx-reader.ts), not exceljs's, which breaks characters at chunk boundaries. */
async function* readXlsx(path: string, options: ReadOptions): AsyncGenerator<SheetRow> {
  try {
    yield* readXlsxRows(path, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.UnsupportedFile, `The XLSX cannot be read: ${(error as Error).message}`);
  }
}
