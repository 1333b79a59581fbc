import { defineApp, escapeHtml, flagBox, notFound, page, text } from '../app-kit.js';

const FOLDER = '/tai-lieu/';
const ADMIN = 'admin';
const ADMIN_PASSWORD = 'Robot@2024';

const FILES: ReadonlyMap<string, string> = new Map([
  ['lich-tap.txt', 'Lịch tập CLB Robotics\nThứ Ba, thứ Năm: 16h30-18h00 tại phòng Công nghệ.\n'],
  ['noi-quy.txt', 'Nội quy phòng Robotics\n1. Tắt nguồn pin khi không dùng.\n2. Cất dụng cụ đúng chỗ.\n'],
  [
    'dang-nhap.php.bak',
    '<?php\n// Bản sao lưu trước khi sửa trang đăng nhập — nhớ xóa!\n' +
      `$tai_khoan = '${ADMIN}';\n$mat_khau = '${ADMIN_PASSWORD}';\n` +
      'if ($_POST["tai_khoan"] === $tai_khoan && $_POST["mat_khau"] === $mat_khau) {\n  hien_trang_quan_tri();\n}\n',
  ],
]);

function loginForm(base: string): string {
  return (
    `<form method="post" action="${base}/dang-nhap"><label for="tai_khoan">Tài khoản</label><input id="tai_khoan" name="tai_khoan" autocomplete="off">` +
    '<label for="mat_khau">Mật khẩu</label><input id="mat_khau" name="mat_khau" type="password" autocomplete="off"> <button type="submit">Đăng nhập</button></form>'
  );
}

/** The web server lists a folder's files, and someone left a backup of the login code in it. */
export const backupFileApp = defineApp({
  manifest: {
    slug: 'tep-sao-luu',
    title: { vi: 'Thư mục mở và tệp sao lưu bị bỏ quên', en: 'An open folder and a forgotten backup' },
    level: 'THPT',
    topic: 'recon',
    statement: 'Trang của CLB Robotics có phần quản trị cần đăng nhập. Ai đó đã sửa trang đăng nhập và để quên một thứ trên máy chủ. Hãy đăng nhập và lấy cờ.',
    hints: [
      'Liên kết "Lịch tập" mở một tệp trong một thư mục. Thử bỏ tên tệp đi, chỉ mở thư mục.',
      'Máy chủ liệt kê hết các tệp trong thư mục. Tệp có đuôi .bak là bản sao lưu.',
      'Trong tệp .bak có tài khoản và mật khẩu viết thẳng ra.',
    ],
    solution: [
      '**Lỗ hổng:** máy chủ bật liệt kê thư mục (directory listing) và còn để lại tệp sao lưu `dang-nhap.php.bak`. Tệp `.bak` không được chạy như mã PHP mà được gửi nguyên văn, lộ cả mật khẩu.',
      '',
      `**Cách giải:** mở \`/tep-sao-luu/tai-lieu/\`, thấy \`dang-nhap.php.bak\`, mở ra đọc được tài khoản \`${ADMIN}\` và mật khẩu \`${ADMIN_PASSWORD}\`, đăng nhập để thấy cờ.`,
      '',
      '**Cách sửa:** tắt liệt kê thư mục; không để tệp sao lưu, tệp tạm, thư mục `.git` trên máy chủ web; không viết mật khẩu trong mã nguồn.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    if (request.path === '/') {
      return page(
        base,
        'CLB Robotics',
        `<p>Chào mừng đến với CLB Robotics! Tài liệu: <a href="${base}${FOLDER}lich-tap.txt">Lịch tập</a>, <a href="${base}${FOLDER}noi-quy.txt">Nội quy</a>.</p>` +
          `<h2>Quản trị</h2>${loginForm(base)}`,
      );
    }
    if (request.path === FOLDER || request.path === FOLDER.slice(0, -1)) {
      const items = [...FILES.keys()].map((name) => `<li><a href="${base}${FOLDER}${name}">${name}</a></li>`).join('');
      return page(base, `Index of ${base}${FOLDER}`, `<ul><li><a href="${base}/">../</a></li>${items}</ul>`);
    }
    if (request.path.startsWith(FOLDER)) {
      const file = FILES.get(request.path.slice(FOLDER.length));
      return file === undefined ? notFound(base) : text(file);
    }
    if (request.path === '/dang-nhap' && request.method === 'POST') {
      if (request.form.get('tai_khoan') === ADMIN && request.form.get('mat_khau') === ADMIN_PASSWORD) {
        return page(base, 'Quản trị CLB Robotics', `<p>Xin chào ${escapeHtml(ADMIN)}!</p>${flagBox(flag)}`);
      }
      return page(base, 'CLB Robotics', `<p class="warn">Sai tài khoản hoặc mật khẩu.</p>${loginForm(base)}`);
    }
    return notFound(base);
  },
});
