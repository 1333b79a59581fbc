import { runToyQuery, type ToyDatabase } from './toy-sql.js';

const db: ToyDatabase = new Map([
  [
    'nguoi_dung',
    {
      columns: ['id', 'ten', 'vai_tro', 'mat_khau'],
      rows: [
        [1, 'quantri', 'quan_tri', 's3cret'],
        [2, 'lan', 'hoc_sinh', 'abc'],
        [3, 'minh', 'hoc_sinh', null],
      ],
    },
  ],
  ['ma_bi_mat', { columns: ['id', 'gia_tri'], rows: [[1, 'TT{0123456789abcdef0123}']] }],
]);

const login = (name: string, password: string) => `SELECT id, ten, vai_tro FROM nguoi_dung WHERE ten = '${name}' AND mat_khau = '${password}'`;

function rows(sql: string) {
  const result = runToyQuery(db, sql);
  if (!result.ok) throw new Error(`expected rows, got the error: ${result.error}`);
  return result.rows;
}
function error(sql: string): string {
  const result = runToyQuery(db, sql);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.rows)}`);
  return result.error;
}

describe('runToyQuery', () => {
  it('finds a user by name and password, and nobody with a wrong password', () => {
    expect(rows(login('lan', 'abc'))).toEqual([[2, 'lan', 'hoc_sinh']]);
    expect(rows(login('lan', 'sai'))).toEqual([]);
  });

  it("lets a comment cut the password check off: quantri' -- ", () => {
    expect(rows(login("quantri' -- ", 'x'))).toEqual([[1, 'quantri', 'quan_tri']]);
    expect(rows(login("quantri'#", 'x'))).toEqual([[1, 'quantri', 'quan_tri']]);
    expect(rows(login("quantri'/*", 'x'))).toEqual([[1, 'quantri', 'quan_tri']]);
  });

  it("evaluates ' OR '1'='1 with AND binding tighter than OR, as SQL does", () => {
    // In the name only: ten='' OR ('1'='1' AND mat_khau='x') is false on every row.
    expect(rows(login("' OR '1'='1", 'x'))).toEqual([]);
    // In both fields the last OR '1'='1' makes every row match; the first row is the admin.
    expect(rows(login("' OR '1'='1", "' OR '1'='1"))).toEqual([
      [1, 'quantri', 'quan_tri'],
      [2, 'lan', 'hoc_sinh'],
      [3, 'minh', 'hoc_sinh'],
    ]);
    expect(rows(login("' or 1=1 -- ", ''))).toHaveLength(3);
  });

  it('reads another toy table through UNION, and refuses a UNION of another width', () => {
    expect(rows(login("' UNION SELECT id, gia_tri, 'x' FROM ma_bi_mat -- ", ''))).toEqual([[1, 'TT{0123456789abcdef0123}', 'x']]);
    expect(rows('SELECT id FROM nguoi_dung WHERE id = 9 UNION SELECT 7 UNION SELECT 7')).toEqual([[7]]);
    expect(rows('SELECT id FROM nguoi_dung WHERE id = 9 UNION ALL SELECT 7 UNION ALL SELECT 7')).toEqual([[7], [7]]);
    expect(error('SELECT id, ten FROM nguoi_dung UNION SELECT id FROM ma_bi_mat')).toBe('Các câu SELECT nối bằng UNION phải có cùng số cột.');
  });

  it('names no table, catalog or function beyond its own: information_schema, pg_catalog, sqlite_master, version()', () => {
    expect(error('SELECT table_name FROM information_schema.tables')).toBe('Không có bảng «information_schema.tables» trong cơ sở dữ liệu này.');
    expect(error(login("' UNION SELECT tablename, schemaname, 1 FROM pg_catalog.pg_tables -- ", ''))).toBe(
      'Không có bảng «pg_catalog.pg_tables» trong cơ sở dữ liệu này.',
    );
    expect(error('SELECT usename FROM pg_shadow')).toBe('Không có bảng «pg_shadow» trong cơ sở dữ liệu này.');
    expect(error('SELECT name FROM sqlite_master')).toBe('Không có bảng «sqlite_master» trong cơ sở dữ liệu này.');
    expect(error(login("' UNION SELECT version(), 1, 1 -- ", ''))).toBe('Hàm «version» không có trong cơ sở dữ liệu đồ chơi này.');
    expect(error("SELECT pg_read_file('/etc/passwd')")).toBe('Hàm «pg_read_file» không có trong cơ sở dữ liệu đồ chơi này.');
    expect(error('SELECT current_user')).toBe('Không có cột «current_user».');
  });

  it('runs one statement only: a stacked DROP or INSERT is refused', () => {
    expect(error(login("'; DROP TABLE nguoi_dung; -- ", ''))).toBe('Cơ sở dữ liệu này chỉ chạy một câu lệnh SELECT mỗi lần.');
    expect(error("INSERT INTO nguoi_dung VALUES (4, 'x', 'quan_tri', 'x')")).toBe('Lỗi cú pháp SQL gần «INSERT INTO nguoi_du».');
    expect(rows('SELECT id FROM nguoi_dung WHERE id = 1;')).toEqual([[1]]);
  });

  it('explains a lone quote as an unclosed string', () => {
    expect(error(login("'", ''))).toBe('Lỗi cú pháp SQL: có một chuỗi mở bằng dấu nháy mà chưa được đóng.');
  });

  it('reads a doubled quote as one quote inside a string', () => {
    expect(rows("SELECT 'it''s', 1")).toEqual([["it's", 1]]);
  });

  it('compares a number and a string as MySQL does (leading digits, else 0)', () => {
    expect(rows("SELECT 1 WHERE 1 = '1'")).toEqual([[1]]);
    expect(rows("SELECT 1 WHERE 'abc' = 0")).toEqual([[1]]);
    expect(rows("SELECT 1 WHERE '2x' > 1")).toEqual([[1]]);
    expect(rows("SELECT 1 WHERE 'abc'")).toEqual([]);
  });

  it('supports LIKE, NOT LIKE, IS NULL, NOT, <>, parentheses, aliases, star and LIMIT', () => {
    expect(rows("SELECT ten FROM nguoi_dung WHERE ten LIKE '%a%'")).toEqual([['quantri'], ['lan']]);
    expect(rows("SELECT ten FROM nguoi_dung WHERE ten NOT LIKE 'q___tri'")).toEqual([['lan'], ['minh']]);
    expect(rows('SELECT ten FROM nguoi_dung WHERE mat_khau IS NULL')).toEqual([['minh']]);
    expect(rows('SELECT ten FROM nguoi_dung WHERE NOT (id <> 2 AND id != 3)')).toEqual([['lan'], ['minh']]);
    expect(runToyQuery(db, 'SELECT ten AS who, nguoi_dung.id FROM nguoi_dung LIMIT 1')).toEqual({
      ok: true,
      columns: ['who', 'nguoi_dung.id'],
      rows: [['quantri', 1]],
    });
    expect(rows('select * from NGUOI_DUNG where ID = -(-1)')).toEqual([[1, 'quantri', 'quan_tri', 's3cret']]);
  });

  it('keeps NULL in a comparison unknown, so it matches nothing', () => {
    expect(rows("SELECT ten FROM nguoi_dung WHERE mat_khau = NULL OR mat_khau <> 'abc'")).toEqual([['quantri']]);
  });

  it('treats U+0000, a lone surrogate and Vietnamese inside a string as plain data', () => {
    expect(rows("SELECT 'a\u0000b', '\uD800', 'Nguyễn Thị Ánh'")).toEqual([['a\u0000b', '\uD800', 'Nguyễn Thị Ánh']]);
    expect(error('SELECT ten FROM nguoi_dung WHERE ten = \u0000')).toBe('Lỗi cú pháp SQL gần «\u0000».');
  });

  it('refuses very long or very deep queries with a message instead of running them', () => {
    expect(error(`SELECT '${'a'.repeat(100_000)}'`)).toBe('Câu lệnh quá dài với cơ sở dữ liệu đồ chơi này.');
    expect(error(`SELECT ${'('.repeat(60)}1${')'.repeat(60)}`)).toBe('Câu lệnh quá phức tạp với cơ sở dữ liệu đồ chơi này.');
    expect(error(`SELECT 1 WHERE ${'NOT '.repeat(60)}1`)).toBe('Câu lệnh quá phức tạp với cơ sở dữ liệu đồ chơi này.');
    expect(error(`SELECT 1 ${'OR 1 '.repeat(300)}`)).toBe('Câu lệnh quá dài với cơ sở dữ liệu đồ chơi này.');
  });

  it('names an unknown column and a missing FROM', () => {
    expect(error('SELECT mat_khau_bam FROM nguoi_dung')).toBe('Không có cột «mat_khau_bam» trong bảng «nguoi_dung».');
    expect(error('SELECT *')).toBe('SELECT * cần có FROM và tên một bảng.');
    expect(error('SELECT')).toBe('Lỗi cú pháp SQL: câu lệnh kết thúc quá sớm.');
  });
});
