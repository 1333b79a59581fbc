import { defineApp, flagBox, notFound, page } from '../app-kit.js';

const ROLE_COOKIE = 'role';

/** The server believes what the browser says about who it is. */
export const cookieRoleApp = defineApp({
  manifest: {
    slug: 'cookie-vai-tro',
    title: { vi: 'Cookie nói bạn là ai', en: 'The cookie says who you are' },
    level: 'THCS',
    topic: 'access-control',
    statement: 'Bảng tin nội bộ của trường chỉ cho quản trị viên xem mục "Cờ". Bạn đang là học sinh. Liệu có cách nào để trang web nghĩ bạn là quản trị viên?',
    hints: [
      'Trang web nhớ bạn là ai nhờ một thứ nhỏ được lưu trong trình duyệt.',
      'Mở công cụ dành cho nhà phát triển (F12) → Application (hoặc Storage) → Cookies.',
      'Có một cookie tên role với giá trị student. Quản trị viên trong tiếng Anh là admin.',
    ],
    solution: [
      '**Lỗ hổng:** máy chủ lưu vai trò của người dùng trong cookie `role=student` và tin ngay giá trị đó. Cookie nằm trong trình duyệt, người dùng sửa được.',
      '',
      '**Cách giải:** F12 → Application → Cookies, đổi giá trị `role` thành `admin`, tải lại trang.',
      '',
      '**Cách sửa:** vai trò phải được lưu và kiểm tra ở máy chủ (trong phiên đăng nhập hoặc cơ sở dữ liệu); cookie chỉ nên giữ một mã phiên ngẫu nhiên, hoặc phải được ký để không sửa được.',
    ].join('\n'),
  },
  cookies: [ROLE_COOKIE],
  handle(request, { base, flag, cookiePath }) {
    if (request.path !== '/') return notFound(base);
    const role = request.cookies.get(ROLE_COOKIE);
    if (role === 'admin') {
      return page(base, 'Bảng tin nội bộ', `<p>Xin chào <strong>quản trị viên</strong>! Đây là mục "Cờ":</p>${flagBox(flag)}`);
    }
    const reply = page(
      base,
      'Bảng tin nội bộ',
      '<p>Xin chào! Bạn đang xem với vai trò: <strong>học sinh</strong>.</p>' +
        '<ul><li>Lịch thi học kỳ: tuần 18.</li><li>Câu lạc bộ bóng rổ tuyển thành viên.</li></ul>' +
        '<p class="warn">🔒 Mục "Cờ" chỉ dành cho quản trị viên.</p>',
    );
    return role === undefined ? { ...reply, setCookies: [`${ROLE_COOKIE}=student; Path=${cookiePath}; SameSite=Lax`] } : reply;
  },
});
