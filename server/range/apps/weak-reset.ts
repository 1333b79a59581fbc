import * as nodeCrypto from 'node:crypto';

import { defineApp, escapeHtml, flagBox, foldVietnamese, notFound, page, type RangeReply } from '../app-kit.js';

interface ForumState {
  adminPassword: string;
}

const ADMIN = 'quantri';
const PET_ANSWER = 'muop';
const MAX_FIELD = 200;

function loginForm(base: string): string {
  return (
    `<form method="post" action="${base}/dang-nhap"><label for="ten">Tên đăng nhập</label><input id="ten" name="ten" autocomplete="off">` +
    '<label for="mat_khau">Mật khẩu</label><input id="mat_khau" name="mat_khau" type="password" autocomplete="off"> <button type="submit">Đăng nhập</button></form>' +
    `<p><a href="${base}/quen-mat-khau">Quên mật khẩu?</a> · <a href="${base}/gioi-thieu">Giới thiệu quản trị viên</a></p>`
  );
}

function resetForm(base: string, message = ''): RangeReply {
  return page(
    base,
    'Lấy lại mật khẩu',
    `${message}<form method="post" action="${base}/quen-mat-khau"><label for="ten">Tên đăng nhập</label><input id="ten" name="ten" autocomplete="off">` +
      '<label for="cau_tra_loi">Câu hỏi bảo mật: Con mèo của bạn tên là gì?</label><input id="cau_tra_loi" name="cau_tra_loi" autocomplete="off">' +
      '<label for="mat_khau_moi">Mật khẩu mới</label><input id="mat_khau_moi" name="mat_khau_moi" type="password" autocomplete="off"> <button type="submit">Đặt lại mật khẩu</button></form>',
  );
}

/** A password reset guarded by a question whose answer the admin posted on the forum. */
export const weakResetApp = defineApp<ForumState>({
  manifest: {
    slug: 'quen-mat-khau',
    title: { vi: 'Câu hỏi bảo mật ai cũng trả lời được', en: 'A security question anyone can answer' },
    level: 'THCS',
    topic: 'authentication',
    statement: 'Diễn đàn lớp 9 cho phép lấy lại mật khẩu bằng một câu hỏi bảo mật. Hãy chiếm tài khoản quản trị "quantri" và đăng nhập để lấy cờ.',
    hints: [
      'Trang "Quên mật khẩu?" hỏi tên con mèo của chủ tài khoản.',
      'Quản trị viên có kể về bản thân ở trang "Giới thiệu quản trị viên".',
      'Đặt lại mật khẩu của quantri với câu trả lời là tên con mèo, rồi đăng nhập bằng mật khẩu mới.',
    ],
    solution: [
      '**Lỗ hổng:** khôi phục mật khẩu yếu. Câu trả lời cho câu hỏi bảo mật (tên thú cưng, trường cũ, ngày sinh…) thường được chính chủ kể trên mạng; trang cũng không giới hạn số lần thử.',
      '',
      '**Cách giải:** đọc trang giới thiệu: mèo tên "Mướp". Đặt lại mật khẩu của `quantri` với câu trả lời `Mướp`, rồi đăng nhập bằng mật khẩu mới.',
      '',
      '**Cách sửa:** gửi liên kết đặt lại mật khẩu dùng một lần, có hạn dùng, tới email hoặc số điện thoại đã xác minh; giới hạn số lần thử; không dùng câu hỏi bảo mật. Về phía người dùng: đừng kể công khai những điều dùng làm câu trả lời bảo mật.',
    ].join('\n'),
  },
  createState: () => ({ adminPassword: nodeCrypto.randomBytes(12).toString('base64url') }),
  handle(request, { base, flag, state }) {
    switch (request.path) {
      case '/':
        return page(base, 'Diễn đàn lớp 9', `<p>Nơi các bạn lớp 9 trao đổi bài vở. Hãy đăng nhập để viết bài.</p>${loginForm(base)}`);
      case '/gioi-thieu':
        return page(
          base,
          'Giới thiệu quản trị viên',
          '<p>Chào các bạn, mình là <strong>quantri</strong>, người lập ra diễn đàn này. Mình thích lập trình, đá cầu và nuôi mèo.</p>' +
            '<p>Con mèo mướp nhà mình tên là <strong>Mướp</strong>, suốt ngày nằm ngủ trên bàn phím 🐈.</p>',
        );
      case '/quen-mat-khau': {
        if (request.method !== 'POST') return resetForm(base);
        const name = request.form.get('ten') ?? '';
        const answer = request.form.get('cau_tra_loi') ?? '';
        const newPassword = request.form.get('mat_khau_moi') ?? '';
        if (name !== ADMIN) return resetForm(base, '<p class="warn">Không có tài khoản này.</p>');
        if (foldVietnamese(answer) !== PET_ANSWER) return resetForm(base, '<p class="warn">Câu trả lời không đúng.</p>');
        if (newPassword.length < 1 || newPassword.length > MAX_FIELD) return resetForm(base, '<p class="warn">Mật khẩu mới phải có từ 1 đến 200 ký tự.</p>');
        state.adminPassword = newPassword;
        return page(base, 'Đã đặt lại mật khẩu', `<p>Mật khẩu của <strong>${ADMIN}</strong> đã được đổi.</p>${loginForm(base)}`);
      }
      case '/dang-nhap': {
        if (request.method !== 'POST') return { body: '', location: `${base}/` };
        const name = request.form.get('ten') ?? '';
        if (name === ADMIN && request.form.get('mat_khau') === state.adminPassword) {
          return page(base, 'Trang quản trị diễn đàn', `<p>Xin chào <strong>${ADMIN}</strong>!</p>${flagBox(flag)}`);
        }
        return page(
          base,
          'Diễn đàn lớp 9',
          `<p class="warn">Sai tên đăng nhập hoặc mật khẩu${name ? ` cho «${escapeHtml(name.slice(0, 60))}»` : ''}.</p>${loginForm(base)}`,
        );
      }
      default:
        return notFound(base);
    }
  },
});
