import { defineApp, escapeHtml, notFound, page } from '../app-kit.js';

/** A secret left in an HTML comment: the browser hides it, "view source" shows it. */
export const viewSourceApp = defineApp({
  manifest: {
    slug: 'xem-nguon',
    title: { vi: 'Bí mật trong mã nguồn trang', en: 'A secret in the page source' },
    level: 'THCS',
    topic: 'client-side',
    statement: 'Bảng tin của lớp 7A trông rất bình thường. Nhưng lớp trưởng đã để quên một ghi chú ở đâu đó trên trang. Hãy tìm cờ.',
    hints: [
      'Những gì trình duyệt hiển thị chưa phải là tất cả những gì trang web gửi đến.',
      'Thử xem mã nguồn của trang (nhấn Ctrl+U, hoặc chuột phải → "Xem nguồn trang").',
      'Tìm đoạn nằm giữa <!-- và -->: đó là chú thích HTML, trình duyệt không hiển thị nó.',
    ],
    solution: [
      '**Lỗ hổng:** chú thích HTML (`<!-- … -->`) không hiện trên màn hình nhưng vẫn được gửi tới trình duyệt của mọi người xem.',
      '',
      '**Cách giải:** nhấn Ctrl+U (hoặc "Xem nguồn trang"), tìm chú thích của lớp trưởng: cờ nằm ngay trong đó.',
      '',
      '**Cách sửa:** không bao giờ để mật khẩu, ghi chú nội bộ hay dữ liệu bí mật trong HTML, CSS hay JavaScript gửi cho người dùng.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    if (request.path !== '/') return notFound(base);
    return page(
      base,
      'Bảng tin lớp 7A',
      '<ul><li>Thứ Hai: nộp bài tập Toán trang 45.</li><li>Thứ Tư: mang áo đồng phục thể dục.</li><li>Thứ Sáu: sinh hoạt lớp, bầu ban cán sự mới.</li></ul>' +
        `<!-- Ghi chú của lớp trưởng (nhớ xóa trước khi đăng!): mã mở tủ đồ dùng của lớp là ${escapeHtml(flag)} -->` +
        '<p class="note">Mọi thắc mắc xin hỏi lớp trưởng.</p>',
    );
  },
});
