import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import type { RawCell } from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import { AppError } from '../platform/app-error.js';
import { detectKind, readRows, type SheetRow } from './readers.js';
import { isDateFormat } from './xlsx-reader.js';

/**
 * The readers cut their input into chunks of a few bytes (`chunkBytes`), so that chunk
 * boundaries fall inside ầ (3 bytes), ữ (3 bytes) and Đ (2 bytes): every string must still come
 * back byte for byte. exceljs's streaming reader, which decoded each chunk alone, failed this.
 */
const SIZES = [1, 2, 3, 5, 7, undefined];
const CASES = SIZES.map((size) => [size ? `${size}-byte` : 'whole', size] as const);
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readers-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A zip as Excel writes one: each part deflated, then the central directory. */
function zip(parts: [string, string | Buffer][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = Buffer.from(content);
    const packed = zlib.deflateRawSync(data);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, fileName, packed);
    central.push(entry, fileName);
    offset += header.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The strings of the crafted workbook's shared-strings table, in order. */
const SHARED = ['Họ và tên', 'Trần Khánh An', 'Nguyễn Hữu Đức', 'Lò Văn Ữ 😀', 'dòng 1_x000D_\ndòng 2', 'Ngày sinh'];

function craftedWorkbook(options: { date1904?: boolean } = {}): { file: Buffer; sharedStringsXml: string } {
  const sharedStringsXml = xml(
    `<sst ${NS} count="7" uniqueCount="7">${SHARED.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}` +
      // A rich-text string with a phonetic run that is not part of the text.
      `<si><r><rPr><b/></rPr><t xml:space="preserve">Phạm </t></r><r><t>Thị Hằng</t></r><rPh sb="0" eb="1"><t>ファム</t></rPh></si></sst>`,
  );
  const serial = (options.date1904 ? 41157 - 1462 : 41157).toString(); // 05/09/2012
  const sheet = xml(
    `<worksheet ${NS}><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c><c r="C1" t="inlineStr"><is><t>Khối</t></is></c><c r="D1" t="inlineStr"><is><t>Đã nộp</t></is></c><c r="E1" t="inlineStr"><is><r><t>Ghi </t></r><r><t>chú</t></r></is></c></row>` +
      `<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>${serial}</v></c><c r="C2"><v>8</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="inlineStr"><is><t>Đinh Bộ Lĩnh &amp; &lt;Ầu&gt;</t></is></c></row>` +
      `<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" s="2"><v>${serial}.5</v></c><c r="C3"><f>ROW()-1</f><v>2</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>Họ và tênx</v></c><c r="E3"><f t="shared" si="0"/><v>3</v></c></row>` +
      `<row r="4"><c r="A4" s="1"/><c r="B4" s="2"/></row>` +
      `<row r="6"><c t="s"><v>2</v></c><c t="e"><v>#N/A</v></c><c><v>3.25</v></c></row>` +
      `<row r="7"><c r="C7" t="s"><v>4</v></c></row>` +
      `<row r="8"><c r="A8" t="d"><v>2012-09-05T00:00:00Z</v></c><c r="B8" s="3"><v>1234.5</v></c><c r="C8" t="b"><v>0</v></c></row>` +
      `<row><c r="A9" t="s"><v>3</v></c></row>` +
      `</sheetData></worksheet>`,
  );
  const other = xml(`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this sheet</t></is></c></row></sheetData></worksheet>`);
  const styles = xml(
    `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
      `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
  );
  const workbook = xml(
    `<workbook ${NS}><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Danh sách" sheetId="2" r:id="rId2"/><sheet name="Khác" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  const workbookRels = xml(
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
  );
  const rootRels = xml(
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  // The sheet comes before the shared strings it uses: the reader must not care about the order of the entries.
  const file = zip([
    ['xl/worksheets/sheet2.xml', sheet],
    ['xl/worksheets/sheet1.xml', other],
    ['[Content_Types].xml', xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ['_rels/.rels', rootRels],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ['xl/styles.xml', styles],
    ['xl/sharedStrings.xml', sharedStringsXml],
  ]);
  return { file, sharedStringsXml };
}

const DATE = new Date(Date.UTC(2012, 8, 5));
const EXPECTED: SheetRow[] = [
  { row: 1, cells: ['Họ và tên', 'Ngày sinh', 'Khối', 'Đã nộp', 'Ghi chú'] },
  { row: 2, cells: ['Trần Khánh An', DATE, 8, 'true', 'Đinh Bộ Lĩnh & <Ầu>'] },
  { row: 3, cells: ['Phạm Thị Hằng', new Date(Date.UTC(2012, 8, 5, 12)), '=ROW()-1', '=A1&"x"', '='] },
  { row: 6, cells: ['Nguyễn Hữu Đức', '#N/A', 3.25] },
  { row: 7, cells: [null, null, 'dòng 1\r\ndòng 2'] },
  { row: 8, cells: [DATE, 1234.5, 'false'] },
  { row: 9, cells: ['Lò Văn Ữ 😀'] },
];

async function read(file: Buffer, name: string, chunkBytes?: number): Promise<SheetRow[]> {
  const at = path.join(dir, name);
  fs.writeFileSync(at, file);
  const rows: SheetRow[] = [];
  for await (const row of readRows(at, name.endsWith('.csv') ? 'csv' : 'xlsx', { chunkBytes })) rows.push(row);
  return rows;
}

/** The characters of `text` whose UTF-8 bytes a cut every `size` bytes splits. */
function splitCharacters(text: string, size: number): Set<string> {
  const split = new Set<string>();
  let offset = 0;
  for (const ch of text) {
    const length = Buffer.byteLength(ch);
    if (Math.floor(offset / size) !== Math.floor((offset + length - 1) / size)) split.add(ch);
    offset += length;
  }
  return split;
}

const isContinuationAt = (bytes: Buffer, at: number) => bytes[at] >= 0x80 && bytes[at] <= 0xbf;

/** Every text cell, as bytes: a test that compares these compares byte for byte. */
const bytesOf = (rows: SheetRow[]) =>
  rows.flatMap((r) => r.cells.filter((c): c is string => typeof c === 'string').map((c) => Buffer.from(c, 'utf8').toString('hex')));

describe('reading an XLSX', () => {
  it('puts chunk boundaries inside ầ, ữ and Đ with the chunk sizes the tests use', () => {
    const { sharedStringsXml } = craftedWorkbook();
    for (const ch of ['ầ', 'ữ', 'Đ', 'Ữ', '😀']) {
      const cutBy = SIZES.filter((size) => size && size > 1 && splitCharacters(sharedStringsXml, size).has(ch));
      expect({ ch, cutBy: cutBy.length > 0 }).toEqual({ ch, cutBy: true });
    }
  });

  it.each(CASES)('reads every string back byte for byte from %s inflated chunks', async (_, size) => {
    const rows = await read(craftedWorkbook().file, `crafted-${size}.xlsx`, size);
    expect(rows).toEqual(EXPECTED);
    expect(bytesOf(rows)).toEqual(bytesOf(EXPECTED));
    expect(JSON.stringify(rows)).not.toContain('\uFFFD');
  });

  it('reads date cells in the 1904 date system', async () => {
    const rows = await read(craftedWorkbook({ date1904: true }).file, 'date1904.xlsx', 3);
    expect(rows[1].cells[1]).toEqual(DATE);
  });

  it('reads what exceljs writes: shared strings, numbers, date cells, formulas, 1,000 rows, with 2-byte and whole chunks', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Ghi chú']);
    const names = Array.from(
      { length: 1000 },
      (_, n) => `${['Trần', 'Đặng', 'Nguyễn'][n % 3]} ${['Hữu', 'Thị', 'Ngọc'][n % 3]} ${['Khánh', 'Ầu', 'Đức', 'Ữ'][n % 4]} ${n}`,
    );
    names.forEach((name, n) =>
      sheet.addRow([n + 1, name, new Date(Date.UTC(2012, n % 12, 1 + (n % 28))), n === 7 ? { formula: 'HYPERLINK("http://x","bấm")' } : null]),
    );
    sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
    const file = Buffer.from(await book.xlsx.writeBuffer());
    for (const size of [2, undefined]) {
      const rows = await read(file, `exceljs-${size}.xlsx`, size);
      expect(rows).toHaveLength(1001);
      expect(rows[0]).toEqual({ row: 1, cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Ghi chú'] });
      expect(rows.slice(1).map((r) => r.cells[1])).toEqual(names);
      expect(bytesOf(rows.slice(1).map((r) => ({ row: r.row, cells: [r.cells[1]] })))).toEqual(names.map((n) => Buffer.from(n).toString('hex')));
      expect(rows[1]).toEqual({ row: 2, cells: [1, names[0], new Date(Date.UTC(2012, 0, 1))] });
      expect(rows[8].cells[3]).toBe('=HYPERLINK("http://x","bấm")');
      expect(rows[1000].row).toBe(1001);
    }
  });

  it('refuses a zip that is no workbook, and broken XML, as an unreadable file', async () => {
    await expect(read(zip([['hello.txt', 'xin chào']]), 'not-a-book.xlsx')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    const broken = zip([
      ['xl/workbook.xml', xml(`<workbook ${NS}><sheets><sheet r:id="rId1"/></sheets></workbook>`)],
      ['xl/worksheets/sheet1.xml', '<worksheet><sheetData><row><c>'],
    ]);
    await expect(read(broken, 'broken.xlsx')).rejects.toBeInstanceOf(AppError);
    await expect(read(Buffer.from('PK\u0003\u0004 not really'), 'truncated.xlsx')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('tells date formats from number formats', () => {
    for (const format of ['dd/mm/yyyy', 'DD/MM/YYYY', '[$-42A]dd/mm/yyyy;@', 'd-mmm-yy', '[h]:mm:ss', 'yyyy"年"m"月"'])
      expect({ format, date: isDateFormat(format) }).toEqual({ format, date: true });
    for (const format of ['General', '0.00', '#,##0 "đồng"', '0.00" ngày"', '[Red]0.00', '0.00E+00', '@', '\\d0'])
      expect({ format, date: isDateFormat(format) }).toEqual({ format, date: false });
  });
});

describe('reading a CSV', () => {
  const NAMES = ['Trần Khánh An', 'Nguyễn Hữu Đức', 'Đặng Thị Ngọc Ánh', 'Lò Văn Ữ 😀', '"Hoàng; Ầu"'];
  const csv =
    '\uFEFFLớp;Họ và tên;Ngày sinh\r\n' +
    NAMES.map((name, n) => `8A${n};${name.includes(';') ? `"""${name.slice(1, -1)}"""` : name};05/09/2012`).join('\r\n') +
    '\r\n';

  it('puts chunk boundaries inside ầ, ữ and Đ with the chunk sizes the tests use', () => {
    for (const ch of ['ầ', 'ữ', 'Đ', 'Ữ', '😀']) {
      const cutBy = SIZES.filter((size) => size && size > 1 && splitCharacters(csv, size).has(ch));
      expect({ ch, cutBy: cutBy.length > 0 }).toEqual({ ch, cutBy: true });
    }
  });

  it.each(CASES)('reads every string back byte for byte from %s chunks, BOM and quotes included', async (_, size) => {
    const rows = await read(Buffer.from(csv), `lop-${size}.csv`, size);
    const expected: SheetRow[] = [
      { row: 1, cells: ['Lớp', 'Họ và tên', 'Ngày sinh'] },
      ...NAMES.map((name, n) => ({ row: n + 2, cells: [`8A${n}`, name.includes(';') ? `"${name.slice(1, -1)}"` : name, '05/09/2012'] as RawCell[] })),
    ];
    expect(rows).toEqual(expected);
    expect(bytesOf(rows)).toEqual(bytesOf(expected));
  });

  it('takes a CSV that holds a real U+FFFD or whose first 4 KiB end inside a character, and refuses bytes that are not UTF-8', async () => {
    const kindOf = (content: Buffer, name = 'lop.csv') => {
      const at = path.join(dir, `kind-${name}`);
      fs.writeFileSync(at, content);
      return detectKind(at, name);
    };
    await expect(kindOf(Buffer.from('Lớp,Họ và tên\n8A1,Tr\uFFFDn An\n'))).resolves.toBe('csv');
    const head = Buffer.from('Lớp,Họ và tên\n');
    const cut = Buffer.concat([head, Buffer.alloc(4095 - head.length, 'a'), Buffer.from('ầ\n')]);
    expect(isContinuationAt(cut, 4096)).toBe(true);
    await expect(kindOf(cut)).resolves.toBe('csv');
    await expect(kindOf(Buffer.from([0x4c, 0xe1, 0x70, 0x2c, 0x48, 0xf4, 0x0a]))).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('gives U+FFFD for bytes that are not UTF-8, for the import to refuse the row', async () => {
    const file = Buffer.concat([Buffer.from('Lớp,Họ và tên\n8A1,Tr'), Buffer.from([0xe1, 0xba]), Buffer.from('n An\n')]);
    const rows = await read(file, 'cut.csv', 2);
    expect(rows[1].cells[1]).toBe('Tr\uFFFDn An');
  });
});
