import { defineApp, escapeHtml, flagBox, notFound, page } from '../app-kit.js';

export const OWN_PROFILE_ID = '1042';
const ADMIN_PROFILE_ID = '1';

interface Profile {
  name: string;
  detail: string;
}

const PROFILES: ReadonlyMap<string, Profile> = new Map([
  [ADMIN_PROFILE_ID, { name: 'Quản trị hệ thống', detail: 'Tài khoản quản trị sổ liên lạc.' }],
  ['1041', { name: 'Nguyễn Văn An (8A)', detail: 'Điểm trung bình: 8,1. Ghi chú riêng: quên mật khẩu thì hỏi tài khoản quản trị, mã số nhỏ nhất.' }],
  [OWN_PROFILE_ID, { name: 'Bạn (8A)', detail: 'Điểm trung bình: 8,4. Ghi chú riêng: nhớ nộp bài thu hoạch môn Sử.' }],
  ['1043', { name: 'Trần Thị Bình (8A)', detail: 'Điểm trung bình: 9,0. Ghi chú riêng: trực nhật thứ Ba.' }],
]);

/** The profile page shows any id it is asked for: it checks that you are logged in, never whose profile it is. */
export const idorApp = defineApp({
  manifest: {
    slug: 'idor-ho-so',
    title: { vi: 'Sổ liên lạc và con số trên địa chỉ', en: 'The school record and the number in the URL' },
    level: 'THCS',
    topic: 'access-control',
    statement: 'Sổ liên lạc điện tử cho bạn xem hồ sơ của chính mình. Người quản trị hệ thống cũng có một hồ sơ, trong đó có cờ. Hãy đọc nó.',
    hints: [
      'Nhìn kỹ thanh địa chỉ khi bạn xem hồ sơ của mình.',
      'Hồ sơ được chọn bằng tham số id. Điều gì xảy ra nếu bạn đổi con số đó?',
      'Tài khoản được tạo đầu tiên thường có mã số nhỏ nhất.',
    ],
    solution: [
      '**Lỗ hổng:** IDOR (tham chiếu trực tiếp đến đối tượng không an toàn): trang `ho-so?id=…` trả về hồ sơ theo id mà không kiểm tra id đó có phải của người đang xem không.',
      '',
      '**Cách giải:** đổi `?id=1042` thành `?id=1` để xem hồ sơ quản trị viên, cờ nằm trong phần ghi chú riêng.',
      '',
      '**Cách sửa:** với mỗi yêu cầu, máy chủ phải kiểm tra người đang đăng nhập có quyền xem đúng đối tượng đó không; dùng mã khó đoán không thay được việc kiểm tra quyền.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    if (request.path === '/') {
      return page(base, 'Sổ liên lạc điện tử', `<p>Xin chào! Bạn đã đăng nhập.</p><p><a href="${base}/ho-so?id=${OWN_PROFILE_ID}">Xem hồ sơ của tôi</a></p>`);
    }
    if (request.path !== '/ho-so') return notFound(base);
    const id = request.query.get('id') ?? '';
    const profile = PROFILES.get(id);
    if (!profile) return { ...page(base, 'Không có hồ sơ', `<p>Không có hồ sơ số ${escapeHtml(id.slice(0, 40))}.</p>`), status: 404 };
    const secret = id === ADMIN_PROFILE_ID ? `<p>Ghi chú riêng:</p>${flagBox(flag)}` : '';
    return page(base, `Hồ sơ số ${id}`, `<p><strong>${escapeHtml(profile.name)}</strong></p><p>${escapeHtml(profile.detail)}</p>${secret}`);
  },
});
