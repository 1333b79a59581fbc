import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';

import { i18n, loadStaffMessages } from '@/i18n';

import { describeCellError, fileProblem, headerOfField, IMPORT_COLUMNS, MAX_IMPORT_BYTES, sameHeader, templateCsv } from './columns';

// The import page is a staff page: its messages come with the staff pages.
beforeAll(() => loadStaffMessages());

afterEach(() => {
  i18n.global.locale.value = 'vi';
});

describe('IMPORT_COLUMNS', () => {
  it("lists the template's student columns in order, names wide", () => {
    expect(IMPORT_COLUMNS.students.map((column) => column.header)).toEqual(['Lớp', 'Khối', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Mã định danh']);
    expect(IMPORT_COLUMNS.students.filter((column) => column.wide).map((column) => column.field)).toEqual(['fullName']);
    expect(IMPORT_COLUMNS.schools.filter((column) => column.required).map((column) => column.field)).toEqual(['ministryCode', 'name', 'level']);
  });
});

describe('sameHeader', () => {
  it('matches headers whatever their tone marks, case, spacing and punctuation', () => {
    expect(sameHeader('Ngày sinh', 'ngay sinh')).toBe(true);
    expect(sameHeader('NGÀY  SINH ', 'Ngày sinh')).toBe(true);
    expect(sameHeader('Xã/Phường', 'xa phuong')).toBe(true);
    expect(sameHeader('Mã định danh', 'Ma dinh danh')).toBe(true);
    expect(sameHeader('Mã định danh'.normalize('NFD'), 'Mã định danh')).toBe(true);
  });

  it('keeps different words apart', () => {
    expect(sameHeader('Mã trường', 'Tên trường')).toBe(false);
    expect(sameHeader('Lớp', 'Khối')).toBe(false);
  });
});

describe('headerOfField', () => {
  it("names a server field by the template's header", () => {
    expect(headerOfField('students', 'birthDate')).toBe('Ngày sinh');
    expect(headerOfField('schools', 'area')).toBe('Xã/Phường');
  });

  it('takes a header given without marks, and leaves an unknown field as it is', () => {
    expect(headerOfField('students', 'ho va ten')).toBe('Họ và tên');
    expect(headerOfField('students', 'email')).toBe('email');
  });
});

describe('fileProblem', () => {
  const file = (name: string, bytes: number) => ({ name, size: bytes }) as File;

  it('takes .csv and .xlsx files of any case', () => {
    expect(fileProblem(file('danh-sach-8A1.csv', 10))).toBeNull();
    expect(fileProblem(file('Danh sách lớp.XLSX', 10))).toBeNull();
  });

  it('refuses other types, empty files and files over 20 MB (exactly 20 MB passes)', () => {
    expect(fileProblem(file('danh-sach.xls', 10))).toBe('type');
    expect(fileProblem(file('danh-sach.csv.txt', 10))).toBe('type');
    expect(fileProblem(file('danh-sach.csv', 0))).toBe('empty');
    expect(fileProblem(file('danh-sach.csv', MAX_IMPORT_BYTES))).toBeNull();
    expect(fileProblem(file('danh-sach.csv', MAX_IMPORT_BYTES + 1))).toBe('size');
  });
});

describe('templateCsv', () => {
  it('is the header row only, UTF-8 with a byte-order mark for Excel', async () => {
    const blob = templateCsv('students');
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('Lớp,Khối,Họ và tên,Ngày sinh,Giới tính,Mã định danh\r\n');
  });

  it('needs no quoting for the school headers (a slash is not special)', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await templateCsv('schools').arrayBuffer());
    expect(text).toBe('\uFEFFMã trường,Tên trường,Cấp học,Xã/Phường\r\n');
  });
});

describe('describeCellError', () => {
  it('says a known code in Vietnamese with its column', () => {
    expect(describeCellError({ column: 'Ngày sinh', code: 'DATE_NOT_EXIST', message: 'no such date' })).toBe('Ngày sinh: ngày này không tồn tại (như 31/02)');
  });

  it("falls back to the server's message, then to the code", () => {
    const unknown = { column: 'Lớp', code: 'SOMETHING_NEW', message: 'Lớp không tồn tại' } as unknown as Parameters<typeof describeCellError>[0];
    expect(describeCellError(unknown)).toBe('Lớp không tồn tại');
    expect(describeCellError({ ...unknown, message: '' })).toBe('SOMETHING_NEW');
  });
});
