import * as nodeCrypto from 'node:crypto';

import { defineApp, escapeHtml, flagBox, notFound, page } from '../app-kit.js';

const TICKET_COOKIE = 've';
/** The app's own signing key, made at start: it guards nothing but this lesson. */
const SIGNING_KEY = nodeCrypto.randomBytes(32);

const b64 = (json: unknown) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');

function studentTicket(): string {
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ten: 'hocsinh', vai_tro: 'hoc_sinh' })}`;
  return `${unsigned}.${nodeCrypto.createHmac('sha256', SIGNING_KEY).update(unsigned).digest('base64url')}`;
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads a ticket the way the broken library does: "alg: none" means "no signature to check". */
function readTicket(ticket: string): Record<string, unknown> | null {
  const parts = ticket.split('.');
  if (parts.length !== 3 || ticket.length > 2000) return null;
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = parseJson(headerPart);
  const alg = typeof header?.alg === 'string' ? header.alg : '';
  if (alg.toLowerCase() === 'none') return parseJson(payloadPart);
  if (alg !== 'HS256') return null;
  const expected = nodeCrypto.createHmac('sha256', SIGNING_KEY).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && nodeCrypto.timingSafeEqual(given, expected) ? parseJson(payloadPart) : null;
}

/** A signed ticket whose header may say it is not signed. */
export const jwtNoneApp = defineApp({
  manifest: {
    slug: 'jwt-none',
    title: { vi: 'Vé JWT không cần chữ ký', en: 'A JWT that needs no signature' },
    level: 'THPT',
    topic: 'authentication',
    statement:
      'Ứng dụng điểm danh cấp cho bạn một "vé" JWT có chữ ký. Chỉ giáo viên (vai_tro quan_tri) mới xem được trang điểm danh có cờ. Hãy làm giả một vé.',
    hints: [
      'Vé nằm trong cookie ve. Nó gồm ba phần ngăn cách bởi dấu chấm, mỗi phần là base64url.',
      'Giải mã hai phần đầu (ví dụ bằng CyberChef hoặc jwt.io): phần đầu nói thuật toán ký (alg), phần hai là thông tin của bạn.',
      'Có những thư viện JWT cũ chấp nhận "alg": "none", nghĩa là không cần chữ ký. Thử đổi alg thành none, vai_tro thành quan_tri, bỏ trống phần chữ ký (giữ dấu chấm cuối).',
    ],
    solution: [
      '**Lỗ hổng:** máy chủ đọc thuật toán ký từ chính vé do người dùng gửi lên, và chấp nhận `alg: none` (vé không có chữ ký).',
      '',
      '**Cách giải:** tạo phần đầu `{"alg":"none","typ":"JWT"}`, phần hai `{"ten":"hocsinh","vai_tro":"quan_tri"}`, mã hóa base64url từng phần, ghép thành `<đầu>.<thân>.` (phần chữ ký để trống), đặt vào cookie `ve` rồi tải lại trang.',
      '',
      '**Cách sửa:** máy chủ tự quyết định thuật toán (ví dụ chỉ nhận HS256 hoặc EdDSA) và luôn kiểm tra chữ ký; không bao giờ chấp nhận `none`. Dùng thư viện JWT cập nhật và cấu hình danh sách thuật toán được phép.',
    ].join('\n'),
  },
  cookies: [TICKET_COOKIE],
  handle(request, { base, flag, cookiePath }) {
    if (request.path !== '/') return notFound(base);
    const ticket = request.cookies.get(TICKET_COOKIE);
    const claims = ticket === undefined ? null : readTicket(ticket);
    if (!claims) {
      return {
        ...page(base, 'Ứng dụng điểm danh', '<p>Bạn vừa được cấp vé đăng nhập (cookie <code>ve</code>) với vai trò học sinh. Tải lại trang để vào.</p>'),
        setCookies: [`${TICKET_COOKIE}=${studentTicket()}; Path=${cookiePath}; SameSite=Lax`],
      };
    }
    const name = escapeHtml(typeof claims.ten === 'string' ? claims.ten.slice(0, 60) : '?');
    if (claims.vai_tro === 'quan_tri') {
      return page(base, 'Điểm danh: trang giáo viên', `<p>Xin chào ${name}, bạn đang xem với vai trò giáo viên.</p>${flagBox(flag)}`);
    }
    return page(
      base,
      'Ứng dụng điểm danh',
      `<p>Xin chào <strong>${name}</strong>. Vai trò của bạn: học sinh.</p><p class="warn">🔒 Trang điểm danh chỉ dành cho giáo viên (vai_tro: quan_tri).</p>`,
    );
  },
});
