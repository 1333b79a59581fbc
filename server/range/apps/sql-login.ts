import * as nodeCrypto from 'node:crypto';

import { defineApp, escapeHtml, flagBox, notFound, page, type RangeReply } from '../app-kit.js';
import { runToyQuery, type ToyDatabase } from '../toy-sql.js';

const MAX_FIELD = 500;

/** Each student gets their own little database, with passwords nobody can guess. */
function createDatabase(): ToyDatabase {
  const secret = () => nodeCrypto.randomBytes(9).toString('base64url');
  return new Map([
    [
      'nguoi_dung',
      {
        columns: ['id', 'ten_dang_nhap', 'vai_tro', 'mat_khau'],
        rows: [
          [1, 'quantri', 'quan_tri', secret()],
          [2, 'lan.nguyen', 'hoc_sinh', secret()],
          [3, 'minh.tran', 'hoc_sinh', secret()],
        ],
      },
    ],
    [
      'thong_bao',
      {
        columns: ['id', 'tieu_de', 'noi_dung'],
        rows: [
          [1, 'Lịch thi học kỳ', 'Thi học kỳ I từ ngày 20/12.'],
          [2, 'Câu lạc bộ Tin học', 'Sinh hoạt chiều thứ Năm tại phòng máy 2.'],
        ],
      },
    ],
  ]);
}

function loginForm(base: string, name = ''): string {
  return (
    `<form method="post" action="${base}/dang-nhap"><label for="ten">Tên đăng nhập</label><input id="ten" name="ten" value="${escapeHtml(name)}" autocomplete="off">` +
    '<label for="mat_khau">Mật khẩu</label><input id="mat_khau" name="mat_khau" type="password" autocomplete="off"> <button type="submit">Đăng nhập</button></form>'
  );
}

/** A login that pastes what you type straight into its SQL. */
export const sqlLoginApp = defineApp<ToyDatabase>({
  manifest: {
    slug: 'sql-dang-nhap',
    title: { vi: 'Đăng nhập không cần mật khẩu (SQL injection)', en: 'Logging in without a password (SQL injection)' },
    level: 'THPT',
    topic: 'injection',
    statement:
      'Trang quản lý thư viện trường có tài khoản quản trị "quantri". Bạn không biết mật khẩu. Trang web ghép những gì bạn gõ vào một câu lệnh SQL… Hãy đăng nhập với vai trò quản trị để lấy cờ.',
    hints: [
      "Thử gõ một dấu nháy đơn (') vào ô tên đăng nhập và xem trang báo gì.",
      'Câu lệnh SQL được hiện ra bên dưới. Bạn có thể làm cho phần kiểm tra mật khẩu biến mất không? Trong SQL, -- bắt đầu một chú thích.',
      "Gõ tên đăng nhập là quantri' -- (có dấu cách sau hai gạch) và mật khẩu bất kỳ. Hoặc dùng ' OR '1'='1 ở cả hai ô.",
    ],
    solution: [
      "**Lỗ hổng:** SQL injection. Trang ghép chuỗi: `SELECT … WHERE ten_dang_nhap = '<tên>' AND mat_khau = '<mật khẩu>'`. Dấu nháy đơn trong dữ liệu làm thay đổi câu lệnh.",
      '',
      "**Cách giải:** tên đăng nhập `quantri' -- ` biến câu lệnh thành `… WHERE ten_dang_nhap = 'quantri' -- ' AND mat_khau = '…'`: phần kiểm tra mật khẩu thành chú thích. " +
        "Cách khác: `' OR '1'='1` ở cả hai ô làm điều kiện luôn đúng, trả về hàng đầu tiên là quản trị viên. " +
        "Học sinh THPT có thể thử `' UNION SELECT id, mat_khau, vai_tro FROM nguoi_dung -- ` để đọc mật khẩu.",
      '',
      '**Cách sửa:** dùng câu lệnh tham số hóa (prepared statement), ví dụ `WHERE ten_dang_nhap = $1 AND mat_khau_bam = $2`; không bao giờ ghép chuỗi nhập vào SQL. Mật khẩu phải được băm (bcrypt, argon2), không lưu nguyên văn.',
    ].join('\n'),
  },
  createState: createDatabase,
  handle(request, { base, flag, state }) {
    if (request.path === '/') {
      return page(base, 'Thư viện trường: đăng nhập', `<p>Chỉ thủ thư và quản trị viên mới được đăng nhập.</p>${loginForm(base)}`);
    }
    if (request.path !== '/dang-nhap') return notFound(base);
    if (request.method !== 'POST') return { body: '', location: `${base}/` };
    return login(base, flag, state, request.form.get('ten') ?? '', request.form.get('mat_khau') ?? '');
  },
});

function login(base: string, flag: string, db: ToyDatabase, name: string, password: string): RangeReply {
  if (name.length > MAX_FIELD || password.length > MAX_FIELD) {
    return page(base, 'Thư viện trường: đăng nhập', `<p class="warn">Tên hoặc mật khẩu quá dài.</p>${loginForm(base)}`);
  }
  // The bug of the lesson: input pasted into the SQL text.
  const sql = `SELECT id, ten_dang_nhap, vai_tro FROM nguoi_dung WHERE ten_dang_nhap = '${name}' AND mat_khau = '${password}'`;
  const result = runToyQuery(db, sql);
  const shown = `<p>Câu lệnh máy chủ đã chạy:</p><pre>${escapeHtml(sql)}</pre>`;
  if (!result.ok) {
    return page(base, 'Thư viện trường: đăng nhập', `<p class="warn">Lỗi cơ sở dữ liệu: ${escapeHtml(result.error)}</p>${shown}${loginForm(base, name)}`);
  }
  const first = result.rows[0];
  if (!first) {
    return page(base, 'Thư viện trường: đăng nhập', `<p class="warn">Sai tên đăng nhập hoặc mật khẩu.</p>${shown}${loginForm(base, name)}`);
  }
  const who = escapeHtml(String(first[1] ?? ''));
  if (String(first[2] ?? '') === 'quan_tri') {
    return page(base, 'Thư viện trường: trang quản trị', `<p>Xin chào <strong>${who}</strong>, bạn đang ở trang quản trị.</p>${flagBox(flag)}${shown}`);
  }
  return page(base, 'Thư viện trường', `<p>Xin chào <strong>${who}</strong>. Tài khoản của bạn không phải quản trị viên.</p>${shown}`);
}
