import { defineApp, flagBox, notFound, page } from '../app-kit.js';

const SECRET_PAGE = '/phong-giao-vien-7f3a';

/** The password is checked by JavaScript in the browser, so the browser holds the password, and the page behind it is open. */
export const clientCheckApp = defineApp({
  manifest: {
    slug: 'mat-khau-js',
    title: { vi: 'Mật khẩu kiểm tra bằng JavaScript', en: 'A password checked in JavaScript' },
    level: 'THCS',
    topic: 'client-side',
    statement: 'Phòng giáo viên trực tuyến được bảo vệ bằng mật khẩu. Bạn không có mật khẩu, nhưng người làm trang web lại kiểm tra nó ngay trên máy của bạn…',
    hints: [
      'Khi bạn bấm "Vào phòng", trang không gửi gì lên máy chủ cả. Vậy ai kiểm tra mật khẩu?',
      'Xem mã nguồn trang: có một tệp JavaScript được nạp vào. Mở tệp đó ra đọc.',
      'Trong tệp JavaScript có cả mật khẩu lẫn địa chỉ của trang bí mật.',
    ],
    solution: [
      '**Lỗ hổng:** mật khẩu được so sánh bằng JavaScript chạy trong trình duyệt. Mọi thứ gửi tới trình duyệt (kể cả mật khẩu đúng và trang bí mật) người dùng đều đọc được.',
      '',
      '**Cách giải:** xem nguồn trang, mở `kiem-tra.js`: thấy mật khẩu `meo-con-2012` và trang `phong-giao-vien-7f3a`. Gõ mật khẩu, hoặc mở thẳng trang đó, là thấy cờ.',
      '',
      '**Cách sửa:** kiểm tra mật khẩu ở máy chủ, và máy chủ chỉ trả trang bí mật cho người đã đăng nhập đúng. Kiểm tra ở trình duyệt chỉ để tiện cho người dùng, không phải để bảo vệ.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    switch (request.path) {
      case '/':
        return page(
          base,
          'Phòng giáo viên trực tuyến',
          '<form id="dang-nhap"><label for="mat-khau">Mật khẩu phòng giáo viên</label>' +
            '<input id="mat-khau" name="mat-khau" type="password" autocomplete="off"> <button type="submit">Vào phòng</button></form>' +
            '<p id="thong-bao" role="alert"></p>',
          `<script src="${base}/kiem-tra.js" defer></script>`,
        );
      case '/kiem-tra.js':
        return {
          type: 'js',
          body:
            '// Kiểm tra mật khẩu phòng giáo viên (làm nhanh cho kịp, hôm nào sửa sau).\n' +
            "document.getElementById('dang-nhap').addEventListener('submit', function (event) {\n" +
            '  event.preventDefault();\n' +
            "  var matKhau = document.getElementById('mat-khau').value;\n" +
            "  if (matKhau === 'meo-con-2012') {\n" +
            `    window.location.href = '${base}${SECRET_PAGE}';\n` +
            '  } else {\n' +
            "    document.getElementById('thong-bao').textContent = 'Sai mật khẩu!';\n" +
            '  }\n' +
            '});\n',
        };
      case SECRET_PAGE:
        return page(base, 'Phòng giáo viên', `<p>Chào thầy cô! Đề kiểm tra tuần sau nằm trong tủ số 3.</p>${flagBox(flag)}`);
      default:
        return notFound(base);
    }
  },
});
