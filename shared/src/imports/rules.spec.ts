import {
  csvSafe,
  gradeOfClassName,
  mapHeaders,
  nextClassName,
  normalizeHeader,
  parseBirthDate,
  parseGender,
  parseLevel,
  readBirthDate,
  readSchoolRow,
  readStudentRow,
  STUDENT_COLUMNS,
  usernameBase,
} from './rules.js';

const TODAY = new Date('2026-11-23T00:00:00Z');

describe('reading a school spreadsheet', () => {
  it('matches headers whatever their diacritics, case and punctuation', () => {
    expect(normalizeHeader('  Mã Định Danh ')).toBe('ma dinh danh');
    expect(normalizeHeader('Xã/Phường')).toBe('xa phuong');
    const { index, missing } = mapHeaders(['STT', 'Họ và tên', 'LỚP', 'khối', 'Ngày sinh', 'Giới tính', 'Mã định danh'], STUDENT_COLUMNS);
    expect(index).toEqual({ fullName: 1, className: 2, grade: 3, birthDate: 4, gender: 5, studentCode: 6 });
    expect(missing).toEqual([]);
    expect(mapHeaders(['Họ tên', 'Ngày sinh'], STUDENT_COLUMNS).missing).toEqual(['Lớp', 'Mã định danh']);
  });

  it('reads dates as dd/mm/yyyy text or as date cells, and refuses impossible ones', () => {
    expect(parseBirthDate('05/09/2012', TODAY)).toBe('2012-09-05');
    expect(parseBirthDate('5/9/2012', TODAY)).toBe('2012-09-05');
    expect(parseBirthDate('2012-09-05', TODAY)).toBe('2012-09-05');
    expect(parseBirthDate(new Date(Date.UTC(2012, 8, 5)), TODAY)).toBe('2012-09-05');
    expect(parseBirthDate('31/02/2012', TODAY)).toBeNull();
    expect(parseBirthDate('09/05/12', TODAY)).toBeNull();
    expect(parseBirthDate('05/09/1950', TODAY)).toBeNull();
    expect(parseBirthDate('hôm qua', TODAY)).toBeNull();
  });

  it("says why a date is refused: not written as a date, a day that does not exist, or not a student's age", () => {
    expect(readBirthDate('31/02/2012', TODAY)).toEqual({ problem: 'not_exist' });
    expect(readBirthDate('29/02/2013', TODAY)).toEqual({ problem: 'not_exist' });
    expect(readBirthDate('29/02/2012', TODAY)).toEqual({ date: '2012-02-29' });
    expect(readBirthDate('2012-13-01', TODAY)).toEqual({ problem: 'not_exist' });
    expect(readBirthDate('05/09/1950', TODAY)).toEqual({ problem: 'out_of_range' });
    expect(readBirthDate('09/05/12', TODAY)).toEqual({ problem: 'format' });
    expect(readBirthDate('hôm qua', TODAY)).toEqual({ problem: 'format' });
    const cells = { className: '8A1', fullName: 'Nguyễn Văn An', studentCode: 'HS0001' };
    const codeOf = (birthDate: string) => readStudentRow({ ...cells, birthDate }, 'THCS', TODAY).errors.map((e) => [e.column, e.code]);
    expect(codeOf('31/02/2012')).toEqual([['Ngày sinh', 'DATE_NOT_EXIST']]);
    expect(codeOf('05/09/1950')).toEqual([['Ngày sinh', 'DATE_OUT_OF_RANGE']]);
    expect(codeOf('5 tháng 9')).toEqual([['Ngày sinh', 'DATE_INVALID']]);
  });

  it('refuses a cell holding U+FFFD as ENCODING, naming its column, in place of what else the column got', () => {
    const broken = readStudentRow({ className: '8A1', fullName: 'Tr\uFFFD\uFFFD\uFFFDn Khánh An', gender: 'N\uFFFD', studentCode: 'HS0001' }, 'THCS', TODAY);
    expect(broken.value).toBeNull();
    expect(broken.errors.map((e) => [e.column, e.code])).toEqual([
      ['Họ và tên', 'ENCODING'],
      ['Giới tính', 'ENCODING'],
    ]);
    expect(broken.errors[0].message).toContain('U+FFFD');
    const school = readSchoolRow({ ministryCode: '20000101', name: 'Trường THCS \uFFFDông Kinh', level: 'THCS' });
    expect([school.value, school.errors.map((e) => [e.column, e.code])]).toEqual([null, [['Tên trường', 'ENCODING']]]);
    // The same letters, correctly read, are taken.
    expect(readStudentRow({ className: '8A1', fullName: 'Trần Khánh An', gender: 'Nữ', studentCode: 'HS0001' }, 'THCS', TODAY).errors).toEqual([]);
  });

  it('reads genders, levels and the grade a class name starts with', () => {
    expect([parseGender('Nam'), parseGender('nữ'), parseGender('NỮ'), parseGender(''), parseGender('khác')]).toEqual(['M', 'F', 'F', null, undefined]);
    expect([parseLevel('THCS'), parseLevel('Trung học phổ thông'), parseLevel('Liên cấp'), parseLevel('Tiểu học')]).toEqual(['THCS', 'THPT', 'MIXED', null]);
    expect([gradeOfClassName('8A1'), gradeOfClassName('10 Toán'), gradeOfClassName('A1'), gradeOfClassName('13A')]).toEqual([8, 10, null, null]);
  });

  it('gives a reason per cell: missing name, bad date, unknown grade, a grade the school does not teach, a formula', () => {
    const ok = readStudentRow(
      { className: '8A1', grade: 8, fullName: 'Nguyễn Văn An', birthDate: '05/09/2012', gender: 'Nam', studentCode: '001212000123' },
      'THCS',
      TODAY,
    );
    expect(ok).toEqual({
      value: { className: '8A1', grade: 8, fullName: 'Nguyễn Văn An', birthDate: '2012-09-05', gender: 'M', studentCode: '001212000123' },
      errors: [],
    });
    const bad = readStudentRow(
      { className: '8A1', grade: '14', fullName: '', birthDate: '32/01/2012', gender: 'Nam', studentCode: '=HYPERLINK("x")' },
      'THCS',
      TODAY,
    );
    expect(bad.value).toBeNull();
    expect(bad.errors.map((e) => [e.column, e.code])).toEqual([
      ['Họ và tên', 'REQUIRED'],
      ['Mã định danh', 'FORMULA'],
      ['Khối', 'GRADE_UNKNOWN'],
      ['Ngày sinh', 'DATE_NOT_EXIST'],
    ]);
    expect(readStudentRow({ className: '10A1', fullName: 'Lê Thu', studentCode: 'HS0001' }, 'THCS', TODAY).errors.map((e) => e.code)).toEqual([
      'GRADE_NOT_IN_LEVEL',
    ]);
    expect(readStudentRow({ className: '9A1', grade: 8, fullName: 'Lê Thu', studentCode: 'HS0001' }, 'THCS', TODAY).errors.map((e) => e.code)).toEqual([
      'CLASS_GRADE_MISMATCH',
    ]);
  });

  it('reads school rows', () => {
    expect(readSchoolRow({ ministryCode: '20000101', name: 'Trường THCS Đông Kinh', level: 'THCS', area: 'Phường Đông Kinh' }).value).toEqual({
      ministryCode: '20000101',
      name: 'Trường THCS Đông Kinh',
      level: 'THCS',
      area: 'Phường Đông Kinh',
    });
    expect(readSchoolRow({ ministryCode: '20000101', name: 'Trường Tiểu học A', level: 'Tiểu học' }).errors.map((e) => e.code)).toEqual(['LEVEL_UNKNOWN']);
  });
});

describe('usernames and exports', () => {
  it('makes a readable username without diacritics from the given name and the initials', () => {
    expect(usernameBase('Nguyễn Văn An')).toBe('annv');
    expect(usernameBase('Đặng Thị Ngọc Ánh')).toBe('anhdtn');
    expect(usernameBase('Lò Văn Đức')).toBe('duclv');
    expect(usernameBase('  ')).toBe('hs');
  });

  it("names next year's class by moving its grade up", () => {
    expect(nextClassName('8A1', 8)).toBe('9A1');
    expect(nextClassName('Lớp 9 Toán', 9)).toBe('Lớp 10 Toán');
    expect(nextClassName('11A18', 11)).toBe('12A18');
    expect(nextClassName('A1', 6)).toBe('A1 (7)');
  });

  it('never writes a CSV cell that a spreadsheet would run', () => {
    expect(csvSafe('=HYPERLINK("http://x","bấm")')).toBe('\'=HYPERLINK("http://x","bấm")');
    expect(csvSafe('+84 912')).toBe("'+84 912");
    expect(csvSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvSafe('Nguyễn Văn An')).toBe('Nguyễn Văn An');
  });
});
