import { defineApp, escapeHtml, notFound, page, type RangeReply } from '../app-kit.js';
import { runToyQuery, type ToyDatabase } from '../toy-sql.js';

const MAX_QUERY = 300;

function createDatabase(flag: string): ToyDatabase {
  return new Map([
    [
      'sach',
      {
        columns: ['id', 'tieu_de', 'tac_gia'],
        rows: [
          [1, 'Dế Mèn phiêu lưu ký', 'Tô Hoài'],
          [2, 'Tôi thấy hoa vàng trên cỏ xanh', 'Nguyễn Nhật Ánh'],
          [3, 'Đất rừng phương Nam', 'Đoàn Giỏi'],
          [4, 'Lập trình Python cho người mới bắt đầu', 'CLB Tin học'],
        ],
      },
    ],
    ['ma_bi_mat', { columns: ['id', 'gia_tri'], rows: [[1, flag]] }],
  ]);
}

function searchPage(base: string, q: string, body = ''): RangeReply {
  return page(
    base,
    'Tra cứu sách thư viện',
    `<form method="get" action="${base}/tim"><label for="q">Tên sách</label><input id="q" name="q" value="${escapeHtml(q)}" autocomplete="off"> <button type="submit">Tìm</button></form>${body}`,
  );
}

/** A search box whose words are pasted into a LIKE: UNION reads any other table of the same database. */
export const sqlSearchApp = defineApp<ToyDatabase>({
  manifest: {
    slug: 'sql-tim-sach',
    title: { vi: 'Tra cứu sách và UNION', en: 'Book search and UNION' },
    level: 'THPT',
    topic: 'injection',
    statement:
      'Ô tra cứu sách của thư viện ghép từ khóa của bạn vào câu lệnh SQL. Cùng cơ sở dữ liệu có bảng ma_bi_mat (cột id, gia_tri) chứa cờ. Hãy làm cho ô tra cứu hiện nội dung bảng đó.',
    hints: [
      "Tìm thử một từ rồi thử một dấu nháy đơn ('): câu lệnh SQL và lỗi của nó hiện ra.",
      'UNION SELECT nối thêm kết quả của một câu SELECT khác, với điều kiện số cột bằng nhau. Kết quả tra cứu có 2 cột.',
      "Gõ: ' UNION SELECT id, gia_tri FROM ma_bi_mat -- (có dấu cách sau hai gạch).",
    ],
    solution: [
      "**Lỗ hổng:** SQL injection trong ô tìm kiếm: `SELECT tieu_de, tac_gia FROM sach WHERE tieu_de LIKE '%<từ khóa>%'`.",
      '',
      '**Cách giải:** từ khóa `\' UNION SELECT id, gia_tri FROM ma_bi_mat -- ` đóng chuỗi, nối thêm câu SELECT đọc bảng bí mật (cùng 2 cột) và biến phần còn lại thành chú thích. Cờ hiện ra như một "cuốn sách".',
      '',
      '**Cách sửa:** dùng câu lệnh tham số hóa (`WHERE tieu_de ILIKE $1`); tài khoản cơ sở dữ liệu của trang tìm kiếm chỉ được đọc đúng những bảng nó cần.',
    ].join('\n'),
  },
  createState: createDatabase,
  handle(request, { base, state }) {
    if (request.path === '/') return searchPage(base, '', '<p>Gõ một phần tên sách để tìm, ví dụ "Dế Mèn".</p>');
    if (request.path !== '/tim') return notFound(base);
    const q = request.query.get('q') ?? '';
    if (q.length > MAX_QUERY) return searchPage(base, '', '<p class="warn">Từ khóa quá dài.</p>');
    // The bug of the lesson: the words are pasted into the SQL text.
    const sql = `SELECT tieu_de, tac_gia FROM sach WHERE tieu_de LIKE '%${q}%'`;
    const result = runToyQuery(state, sql);
    const shown = `<p>Câu lệnh máy chủ đã chạy:</p><pre>${escapeHtml(sql)}</pre>`;
    if (!result.ok) return searchPage(base, q, `<p class="warn">Lỗi cơ sở dữ liệu: ${escapeHtml(result.error)}</p>${shown}`);
    if (result.rows.length === 0) return searchPage(base, q, `<p>Không tìm thấy sách nào.</p>${shown}`);
    const rows = result.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell ?? ''))}</td>`).join('')}</tr>`).join('');
    return searchPage(
      base,
      q,
      `<table><thead><tr><th scope="col">Tên sách</th><th scope="col">Tác giả</th></tr></thead><tbody>${rows}</tbody></table>${shown}`,
    );
  },
});
