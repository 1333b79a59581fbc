import { defineApp, escapeHtml, flagBox, notFound, page } from '../app-kit.js';

/** A stand-in origin to resolve `tiep` against: whatever it resolves elsewhere leaves the school's site. */
const HERE = 'http://truong.invalid';

/** "Only paths starting with /" lets `//elsewhere.example` through: a browser reads it as another site. */
export const openRedirectApp = defineApp({
  manifest: {
    slug: 'chuyen-huong',
    title: { vi: 'Liên kết chuyển hướng mở', en: 'An open redirect' },
    level: 'THPT',
    topic: 'http',
    statement:
      'Cổng thông tin trường có trang đăng nhập với tham số "tiep" cho biết sẽ đưa bạn đi đâu sau khi đăng nhập. Kẻ lừa đảo muốn một liên kết trông như của trường nhưng lại đưa người dùng sang trang khác (ví dụ example.com). Hãy tạo được liên kết như vậy.',
    hints: [
      'Bấm "Xem thời khóa biểu" và nhìn địa chỉ: tham số tiep chứa đường dẫn trang đích.',
      'Trang chỉ kiểm tra xem tiep có bắt đầu bằng dấu / hay không. Đường dẫn bắt đầu bằng / luôn ở trong trường… phải không?',
      'Trình duyệt hiểu //example.com là "trang example.com, cùng giao thức http/https".',
    ],
    solution: [
      '**Lỗ hổng:** chuyển hướng mở (open redirect). Trang chỉ kiểm tra `tiep` bắt đầu bằng `/`, nhưng `//example.com` cũng bắt đầu bằng `/` và trình duyệt coi đó là một trang web khác.',
      '',
      '**Cách giải:** mở `/chuyen-huong/dang-nhap?tiep=//example.com`. Sân tập không chuyển bạn đi thật mà hiện cảnh báo kèm cờ.',
      '',
      '**Cách sửa:** chỉ cho phép chuyển tới một danh sách trang cố định, hoặc phân tích địa chỉ và kiểm tra nó thật sự thuộc trang của mình. Kẻ lừa đảo dùng lỗi này để gửi liên kết "của trường" dẫn tới trang giả mạo.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    switch (request.path) {
      case '/':
        return page(
          base,
          'Cổng thông tin THPT Lê Lợi',
          `<p>Chào mừng các em! <a href="${base}/dang-nhap?tiep=${encodeURIComponent(`${base}/thoi-khoa-bieu`)}">Xem thời khóa biểu</a> (cần đăng nhập).</p>`,
        );
      case '/thoi-khoa-bieu':
        return page(base, 'Thời khóa biểu lớp 10A1', '<ul><li>Thứ Hai: Toán, Văn, Tin học</li><li>Thứ Ba: Lý, Hóa, Tiếng Anh</li></ul>');
      case '/dang-nhap': {
        const next = request.query.get('tiep') ?? `${base}/`;
        // The bug of the lesson: "starts with /" is taken to mean "stays on this site".
        if (!next.startsWith('/'))
          return page(base, 'Đăng nhập', '<p class="warn">Địa chỉ chuyển tới không hợp lệ: chỉ được chuyển tới trang trong trường.</p>');
        let target: URL;
        try {
          target = new URL(next, HERE);
        } catch {
          return page(base, 'Đăng nhập', '<p class="warn">Địa chỉ chuyển tới không hợp lệ.</p>');
        }
        if (target.origin !== HERE) {
          // The range never sends a student off-site: it shows where the link would have gone.
          return page(
            base,
            'Chuyển hướng mở!',
            `<p class="warn">Liên kết này mang địa chỉ của trường nhưng sẽ đưa người bấm sang <strong>${escapeHtml(target.host.slice(0, 100))}</strong>. ` +
              'Kẻ lừa đảo có thể dùng nó để dẫn học sinh tới một trang đăng nhập giả.</p>' +
              flagBox(flag),
          );
        }
        return { body: '', location: `${target.pathname}${target.search}` };
      }
      default:
        return notFound(base);
    }
  },
});
