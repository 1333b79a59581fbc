import { defineApp, escapeHtml, flagBox, notFound, page } from '../app-kit.js';

const REQUIRED_AGENT = 'TinhTaoBrowser';

/** The page trusts the User-Agent header, which every client writes as it likes. */
export const userAgentApp = defineApp({
  manifest: {
    slug: 'trinh-duyet-rieng',
    title: { vi: 'Chỉ dành cho trình duyệt của trường', en: 'For the school browser only' },
    level: 'THPT',
    topic: 'http',
    statement: 'Kho đề ôn tập chỉ mở cho "trình duyệt nội bộ TinhTaoBrowser" của phòng máy trường. Bạn đang dùng trình duyệt thường. Hãy vào được kho đề.',
    hints: [
      'Làm sao máy chủ biết bạn đang dùng trình duyệt nào? Mỗi yêu cầu đều kèm vài "tiêu đề" (header).',
      'Tiêu đề User-Agent cho biết tên trình duyệt. Nó do chính trình duyệt tự khai.',
      'Trong Chrome: F12 → ⋮ → More tools → Network conditions → bỏ chọn "Use browser default" và gõ TinhTaoBrowser. Hoặc dùng curl -A TinhTaoBrowser.',
    ],
    solution: [
      '**Lỗ hổng:** máy chủ cho vào dựa trên tiêu đề `User-Agent`. Tiêu đề này do người dùng gửi, muốn ghi gì cũng được.',
      '',
      '**Cách giải:** gửi yêu cầu với `User-Agent: TinhTaoBrowser` (công cụ Network conditions của trình duyệt, hoặc `curl -A TinhTaoBrowser …` kèm cookie phiên).',
      '',
      '**Cách sửa:** không dùng User-Agent, Referer hay các tiêu đề khác do người dùng gửi để phân quyền; hãy dùng đăng nhập và kiểm tra quyền ở máy chủ.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    if (request.path !== '/') return notFound(base);
    const agent = request.headers['user-agent'] ?? '';
    if (agent.includes(REQUIRED_AGENT)) {
      return page(base, 'Kho đề ôn tập', `<p>Chào mừng trình duyệt nội bộ!</p>${flagBox(flag)}`);
    }
    return page(
      base,
      'Kho đề ôn tập',
      `<p class="warn">⛔ Kho đề chỉ mở bằng trình duyệt nội bộ <strong>${REQUIRED_AGENT}</strong> của phòng máy.</p>` +
        `<p>Trình duyệt của bạn tự giới thiệu là:</p><pre>${escapeHtml(agent.slice(0, 300))}</pre>`,
    );
  },
});
