import { defineApp, flagBox, notFound, page, text } from '../app-kit.js';

export const ROBOTS_SECRET_PATH = '/khu-vuc-an/';

/** robots.txt tells search engines what not to index, and so tells everyone where the secret is. */
export const robotsApp = defineApp({
  manifest: {
    slug: 'robots',
    title: { vi: 'Điều robots.txt không giấu được', en: 'What robots.txt cannot hide' },
    level: 'THCS',
    topic: 'recon',
    statement: 'Trang web của Câu lạc bộ Tin học có một khu vực mà người quản trị không muốn Google tìm thấy. Hãy tìm khu vực đó và lấy cờ.',
    hints: [
      'Các trang web thường có một tệp dành riêng cho "rô-bốt" của máy tìm kiếm.',
      'Tệp đó tên là robots.txt và nằm ngay trong thư mục của trang.',
      'Mở robots.txt, xem dòng "Disallow" rồi gõ đường dẫn đó vào thanh địa chỉ.',
    ],
    solution: [
      '**Lỗ hổng:** robots.txt chỉ là lời *đề nghị* gửi cho máy tìm kiếm, không phải khóa cửa. Ai cũng đọc được nó.',
      '',
      '**Cách giải:** mở `/robots/robots.txt` (hoặc `/robots.txt`), thấy dòng `Disallow: /robots/khu-vuc-an/`, mở đường dẫn đó là thấy cờ.',
      '',
      '**Cách sửa:** trang bí mật phải được bảo vệ bằng đăng nhập và phân quyền; đừng liệt kê nó trong robots.txt.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    switch (request.path) {
      case '/':
        return page(
          base,
          'Câu lạc bộ Tin học THCS Hoa Sen',
          '<p>Chào mừng các bạn đến với trang của câu lạc bộ! Lịch sinh hoạt: chiều thứ Năm hằng tuần tại phòng máy 2.</p>' +
            '<p>Tháng này chúng mình học lập trình Scratch và cách đặt mật khẩu mạnh.</p>' +
            '<p class="note">Trang web này được làm "thân thiện với máy tìm kiếm", trừ một khu vực mà quản trị viên đã dặn các rô-bốt đừng ghé.</p>',
        );
      case '/robots.txt':
        return text(robotsTxt(base));
      case ROBOTS_SECRET_PATH:
      case ROBOTS_SECRET_PATH.slice(0, -1):
        return page(base, 'Khu vực của quản trị viên', `<p>Bạn đã vào được khu vực mà robots.txt "giấu" đi.</p>${flagBox(flag)}`);
      default:
        return notFound(base);
    }
  },
});

export function robotsTxt(base: string): string {
  return `# Rô-bốt của máy tìm kiếm, xin đừng vào đây!\nUser-agent: *\nDisallow: ${base}${ROBOTS_SECRET_PATH}\n`;
}
