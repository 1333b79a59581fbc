import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';

import type { RawCell } from '@tinhtao/shared';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';

/**
 * The first sheet of an XLSX, row by row, without holding the sheet in memory.
 *
 * Why not exceljs's `stream.xlsx.WorkbookReader`: it decodes each inflated chunk to text on
 * its own, so a multi-byte character that straddles two chunks (ầ is three bytes) comes out as
 * U+FFFD (exceljs issues #2084, #2316). Here yauzl reads the zip's entries (from the central
 * directory, so their order in the file does not matter), one `TextDecoder` per entry decodes
 * with `{stream: true}` (it keeps an incomplete character for the next chunk), and saxes parses
 * the XML as it comes. Only the shared-strings table is held, as the format requires.
 */
export interface XlsxReadOptions {
  /** Cut the inflated bytes into pieces of at most this many bytes before decoding (tests use it to put chunk boundaries inside characters). */
  chunkBytes?: number;
}

export interface XlsxRow {
  /** The sheet's row number (1-based, as the sheet numbers it). */
  row: number;
  cells: RawCell[];
}

/** A file the reader refuses, with a reason fit for the person who sent it. */
export class XlsxFormatError extends Error {}

/** The most text a zip entry may inflate to: a 200,000-row sheet is about 150 MB; anything far past that is a zip bomb. */
const MAX_SHEET_BYTES = 1024 * 1024 * 1024;
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/** Excel's own limits: 16,384 columns (XFD) and 32,767 characters in a cell. */
const MAX_COLUMNS = 16_384;
const MAX_ROW_CHARS = 1024 * 1024;

/** Built-in number formats that show a date or a time (ECMA-376 §18.8.30: 14-22, and the East Asian date formats 27-36, 50-58; 45-47 are times). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

export async function* readXlsxRows(file: string, options: XlsxReadOptions = {}): AsyncGenerator<XlsxRow> {
  const zip = await openZip(file);
  try {
    const parts = new Parts(zip, await entriesOf(zip), options);
    const workbookPath = (await parts.relationships(''))?.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
    const workbook = await parts.workbook(workbookPath);
    const related = (await parts.relationships(workbookPath)) ?? [];
    const sheetPath =
      related.find((r) => r.id === workbook.firstSheetRelId)?.target ?? (parts.has('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml' : null);
    if (!sheetPath || !parts.has(sheetPath)) throw new XlsxFormatError('The workbook has no sheet');
    const stylesPath = related.find((r) => REL_STYLES.test(r.type))?.target ?? 'xl/styles.xml';
    const stringsPath = related.find((r) => REL_SHARED_STRINGS.test(r.type))?.target ?? 'xl/sharedStrings.xml';
    const dateStyles = parts.has(stylesPath) ? await parts.dateStyles(stylesPath) : [];
    const strings = parts.has(stringsPath) ? await parts.sharedStrings(stringsPath) : [];
    yield* parts.sheetRows(sheetPath, { strings, dateStyles, date1904: workbook.date1904 });
  } finally {
    zip.close();
  }
}

async function openZip(file: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw new XlsxFormatError(`not a readable zip (${(error as Error).message})`);
  }
}

async function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ''), entry);
  return entries;
}

interface Relationship {
  id: string;
  type: string;
  /** The target as a path inside the zip. */
  target: string;
}

interface SheetContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** The parts of one opened package, each parsed as a stream of decoded text. */
class Parts {
  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly options: XlsxReadOptions,
  ) {}

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The relationships of a part (`''` is the package itself), with targets resolved against the part's folder. */
  async relationships(part: string): Promise<Relationship[] | null> {
    const relsPath = path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
    if (!this.entries.has(relsPath)) return null;
    const found: Relationship[] = [];
    await this.parse(relsPath, MAX_SHARED_STRINGS_BYTES, (parser) => {
      parser.on('opentag', (tag) => {
        if (localName(tag.name) !== 'Relationship' || tag.attributes.TargetMode === 'External') return;
        const target = tag.attributes.Target ?? '';
        found.push({
          id: tag.attributes.Id ?? '',
          type: tag.attributes.Type ?? '',
          target: target.startsWith('/') ? target.slice(1) : path.join(path.dirname(part), target),
        });
      });
    });
    return found;
  }

  /** The first sheet in tab order, and the date system (1900 or 1904). */
  async workbook(workbookPath: string): Promise<{ firstSheetRelId: string | null; date1904: boolean }> {
    let firstSheetRelId: string | null = null;
    let date1904 = false;
    if (!this.entries.has(workbookPath)) throw new XlsxFormatError('The file is a zip but not an Excel workbook');
    await this.parse(workbookPath, MAX_SHARED_STRINGS_BYTES, (parser) => {
      parser.on('opentag', (tag) => {
        const name = localName(tag.name);
        if (name === 'workbookPr') date1904 = isTrue(tag.attributes.date1904);
        else if (name === 'sheet' && firstSheetRelId === null) {
          const relId = Object.entries(tag.attributes).find(([key]) => localName(key) === 'id' && key.includes(':'));
          firstSheetRelId = relId?.[1] ?? null;
        }
      });
    });
    return { firstSheetRelId, date1904 };
  }

  /** For each cell style (`s` in a cell), whether its number format shows a date. */
  async dateStyles(stylesPath: string): Promise<boolean[]> {
    const customFormats = new Map<number, string>();
    const xfFormats: number[] = [];
    let inCellXfs = false;
    await this.parse(stylesPath, MAX_SHARED_STRINGS_BYTES, (parser) => {
      parser.on('opentag', (tag) => {
        const name = localName(tag.name);
        if (name === 'numFmt') customFormats.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(tag.attributes.numFmtId ?? 0));
      });
      parser.on('closetag', (tag) => {
        if (localName(tag.name) === 'cellXfs') inCellXfs = false;
      });
    });
    return xfFormats.map((id) => (customFormats.has(id) ? isDateFormat(customFormats.get(id)!) : BUILT_IN_DATE_FORMATS.has(id)));
  }

  /** The shared-strings table: each `<si>`'s text runs joined, phonetic runs (`<rPh>`) left out. */
  async sharedStrings(stringsPath: string): Promise<string[]> {
    const strings: string[] = [];
    let text: string[] | null = null;
    let inText = false;
    let phonetic = 0;
    await this.parse(stringsPath, MAX_SHARED_STRINGS_BYTES, (parser) => {
      parser.on('opentag', (tag) => {
        const name = localName(tag.name);
        if (name === 'si') text = [];
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0 && !tag.isSelfClosing) inText = true;
      });
      parser.on('text', (chunk) => {
        if (inText) text?.push(chunk);
      });
      parser.on('cdata', (chunk) => {
        if (inText) text?.push(chunk);
      });
      parser.on('closetag', (tag) => {
        const name = localName(tag.name);
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') {
          strings.push(unescapeXString((text ?? []).join('')));
          text = null;
        }
      });
    });
    return strings;
  }

  /** The sheet's non-empty rows as they are parsed: at most one inflated chunk's rows are held at a time. */
  async *sheetRows(sheetPath: string, context: SheetContext): AsyncGenerator<XlsxRow> {
    const ready: XlsxRow[] = [];
    const reader = new SheetReader(context, (row) => ready.push(row));
    const parser = newParser();
    reader.listen(parser);
    for await (const text of this.text(sheetPath, MAX_SHEET_BYTES)) {
      parser.write(text);
      yield* ready.splice(0);
    }
    parser.close();
    yield* ready.splice(0);
  }

  /** Parses a whole (small) part with the listeners `listen` adds. */
  private async parse(name: string, maxBytes: number, listen: (parser: PlainParser) => void): Promise<void> {
    const parser = newParser();
    listen(parser);
    for await (const text of this.text(name, maxBytes)) parser.write(text);
    parser.close();
  }

  /** A part's text, decoded across chunk boundaries: an incomplete character waits in the decoder for its next bytes. */
  private async *text(name: string, maxBytes: number): AsyncGenerator<string> {
    const entry = this.entries.get(name)!;
    if (entry.uncompressedSize > maxBytes) throw new XlsxFormatError(`${name} is too large`);
    if (entry.isEncrypted()) throw new XlsxFormatError('The workbook is protected with a password: save it without one');
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    let decoder: TextDecoder | null = null;
    const size = this.options.chunkBytes;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= new TextDecoder(encodingOf(chunk));
      for (let at = 0; at < chunk.length; at += size ?? chunk.length) {
        const text = decoder.decode(size ? chunk.subarray(at, at + size) : chunk, { stream: true });
        if (text) yield text;
      }
    }
    const rest = decoder?.decode() ?? '';
    if (rest) yield rest;
  }
}

/** Builds rows from a sheet's `<row>` and `<c>` elements. */
class SheetReader {
  private rowNumber = 0;
  private cells: RawCell[] = [];
  private rowChars = 0;
  private column = -1;
  private cell: { type: string; style: number; value: string[] | null; formula: string[] | null; inline: string[] | null } | null = null;
  /** Which text the parser is in: a value, a formula, or an inline string's text run. */
  private into: string[] | null = null;
  private inInline = false;
  private phonetic = 0;

  constructor(
    private readonly context: SheetContext,
    private readonly emit: (row: XlsxRow) => void,
  ) {}

  listen(parser: PlainParser): void {
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', (tag) => this.close(tag));
    const text = (chunk: string) => {
      if (this.into) {
        this.into.push(chunk);
        this.rowChars += chunk.length;
        if (this.rowChars > MAX_ROW_CHARS) throw new XlsxFormatError(`row ${this.rowNumber} holds more than ${MAX_ROW_CHARS} characters`);
      }
    };
    parser.on('text', text);
    parser.on('cdata', text);
  }

  private open(tag: SaxesTagPlain): void {
    switch (localName(tag.name)) {
      case 'row': {
        const r = Number(tag.attributes.r);
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.cells = [];
        this.rowChars = 0;
        this.column = -1;
        break;
      }
      case 'c': {
        const ref = tag.attributes.r;
        this.column = ref ? columnIndex(ref) : this.column + 1;
        if (this.column < 0 || this.column >= MAX_COLUMNS) throw new XlsxFormatError(`row ${this.rowNumber} has a cell outside the sheet (${ref})`);
        this.cell = { type: tag.attributes.t ?? 'n', style: Number(tag.attributes.s ?? 0), value: null, formula: null, inline: null };
        break;
      }
      case 'v':
        if (this.cell && !tag.isSelfClosing) this.into = this.cell.value = [];
        break;
      case 'f':
        if (this.cell) {
          this.cell.formula ??= [];
          if (!tag.isSelfClosing) this.into = this.cell.formula;
        }
        break;
      case 'is':
        if (this.cell) {
          this.inInline = true;
          this.cell.inline = [];
        }
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.cell && this.inInline && this.phonetic === 0 && !tag.isSelfClosing) this.into = this.cell.inline;
        break;
    }
  }

  private close(tag: SaxesTagPlain): void {
    switch (localName(tag.name)) {
      case 'v':
      case 'f':
      case 't':
        this.into = null;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        if (this.cell) this.cells[this.column] = this.value(this.cell);
        this.cell = null;
        this.into = null;
        break;
      case 'row': {
        const cells = Array.from(this.cells, (v) => v ?? null);
        if (cells.some((v) => v !== null && v !== '')) this.emit({ row: this.rowNumber, cells });
        this.cells = [];
        break;
      }
    }
  }

  /** A cell as exceljs's reader gave it to the import: text, number, date, a boolean as text; a formula as its formula text, so that the row is refused, not run. */
  private value(cell: NonNullable<SheetReader['cell']>): RawCell {
    if (cell.formula) return `=${cell.formula.join('')}`;
    const raw = cell.value?.join('') ?? null;
    switch (cell.type) {
      case 'inlineStr':
        return cell.inline ? unescapeXString(cell.inline.join('')) : raw === null ? null : unescapeXString(raw);
      case 's': {
        if (raw === null) return null;
        const text = this.context.strings[Number(raw)];
        if (text === undefined) throw new XlsxFormatError(`row ${this.rowNumber} names a shared string that does not exist (${raw})`);
        return text;
      }
      case 'str':
        return raw === null ? null : unescapeXString(raw);
      case 'b':
        return raw === null ? null : String(raw.trim() === '1' || raw.trim() === 'true');
      case 'e':
        return raw;
      case 'd': {
        if (raw === null) return null;
        const date = new Date(raw.trim());
        return Number.isNaN(date.getTime()) ? raw : date;
      }
      default: {
        if (raw === null || raw.trim() === '') return null;
        const number = Number(raw);
        if (!Number.isFinite(number)) return raw;
        return this.context.dateStyles[cell.style] ? excelToDate(number, this.context.date1904) : number;
      }
    }
  }
}

/** A parser without namespaces or positions: the parts are read as plain tags. */
type PlainParser = SaxesParser<{ xmlns: false; position: false }>;

function newParser(): PlainParser {
  return new SaxesParser({ xmlns: false, position: false });
}

/** `x:row` → `row`: some writers prefix SpreadsheetML's elements. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const isTrue = (value: string | undefined) => value === '1' || value === 'true';

/** A part is UTF-8, unless it starts with a UTF-16 byte-order mark (the format allows both). */
function encodingOf(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** "B12" → 1. */
function columnIndex(ref: string): number {
  let column = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
  }
  return column - 1;
}

/** Text as SpreadsheetML stores it: `_x000D_` is a carriage return, and `_x005F_` the underscore that keeps a literal `_x…_`. */
function unescapeXString(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** A custom number format shows a date or time when a date or time code is left once quoted text, colours, escapes and padding are removed. */
export function isDateFormat(format: string): boolean {
  const codes = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  if (/^general$/i.test(codes.trim())) return false;
  return /[ymdhs]/i.test(codes.replace(/E[+-]/gi, ''));
}

/** A serial day number as a date, the way exceljs converted it (so an import reads the same dates as before). */
function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}
