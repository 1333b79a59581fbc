/**
 * What a range app is: a manifest the app's seed can load (the challenge around it) and a
 * synchronous handler over a small request, a per-student context and a reply. Handlers do no
 * I/O: the server reads the body, finds the student's state, derives the flag and writes the reply.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type RangeLevel = 'THCS' | 'THPT';
export type RangeTopic = 'recon' | 'client-side' | 'access-control' | 'injection' | 'authentication' | 'business-logic' | 'cryptography' | 'http';

export interface RangeAppManifest {
  /** The app's URL segment, and the challenge slug its flag is derived from: rangeFlag(key, slug, studentRef). */
  slug: string;
  title: { vi: string; en: string };
  level: RangeLevel;
  topic: RangeTopic;
  /** What the challenge page tells the student (Vietnamese). */
  statement: string;
  /** Hints in Vietnamese, from the gentlest to the one that nearly gives it away. */
  hints: readonly string[];
  /** The write-up shown after the contest (Vietnamese, Markdown). */
  solution: string;
}

export interface RangeRequest {
  method: string;
  /** The path below the app, starting with '/': '/' is the app's home. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  cookies: ReadonlyMap<string, string>;
  /** A POSTed urlencoded form; empty otherwise. */
  form: URLSearchParams;
}

export interface RangeReply {
  status?: number;
  type?: 'html' | 'text' | 'js';
  body: string;
  /** A same-site path: the reply becomes a 303 to it. */
  location?: string;
  setCookies?: readonly string[];
}

export interface AppContext<S> {
  /** '/<slug>', for links. */
  base: string;
  /** This student's flag for this app. */
  flag: string;
  /** This student's state of this app, made by createState on first use and by a reset. */
  state: S;
  /** The cookie path of this app, for cookies an app sets. */
  cookiePath: string;
}

export interface RangeApp<S = unknown> {
  manifest: RangeAppManifest;
  /** This student's fresh state; given the student's flag for apps that hide it in their data. */
  createState?: (flag: string) => S;
  /** Cookies of the app's own (the vulnerable ones) that a reset clears. */
  cookies?: readonly string[];
  handle(request: RangeRequest, context: AppContext<S>): RangeReply;
}

/** Keeps an app's state type checked inside its file and lets the list hold apps of any state. */
export function defineApp<S>(app: RangeApp<S>): RangeApp {
  return app;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.55;color:#1b1f24;background:#f7f9fb}' +
  'header{border-bottom:2px solid #0e7490;margin-bottom:1rem}header p{margin:.25rem 0;color:#0e7490;font-weight:600}h1{font-size:1.45rem}' +
  'input,button{font:inherit;padding:.5rem;min-height:44px;box-sizing:border-box}input{border:1px solid #667;border-radius:4px;max-width:100%}' +
  'button{background:#0e7490;color:#fff;border:0;border-radius:4px;cursor:pointer;padding:.5rem 1rem}button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f59e0b}' +
  'label{display:block;margin:.75rem 0 .25rem}a{color:#0e5f78}.flag{background:#ecfdf5;border:2px solid #047857;padding:.75rem;border-radius:6px}.flag code{font-size:1.15rem}' +
  '.warn{background:#fff7ed;border:1px solid #c2410c;padding:.75rem;border-radius:6px}.note{color:#444}pre{background:#eef2f5;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}' +
  'table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:left}' +
  'footer{margin-top:2rem;border-top:1px solid #ccd;padding-top:1rem;font-size:.9rem;color:#444}footer button{background:#475569}';

/** A whole page of an app: the range's frame, the app's content, the reset button and the rule of the range. */
export function page(base: string, title: string, content: string, head = ''): RangeReply {
  return {
    body:
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)} · Sân tập Tỉnh Táo</title><style>${STYLE}</style>${head}</head><body>` +
      `<header><p>Sân tập Tỉnh Táo</p></header><main><h1>${escapeHtml(title)}</h1>${content}</main>` +
      `<footer><form method="post" action="${base}/reset"><button type="submit">Làm lại bài này từ đầu</button></form>` +
      '<p>Đây là một ứng dụng <strong>cố ý có lỗ hổng</strong>, dựng riêng cho bạn để luyện tập. ' +
      'Chỉ thử những kỹ thuật này ở sân tập; trên trang web thật mà không được phép là vi phạm pháp luật.</p></footer></body></html>',
  };
}

/** A page of the range itself (errors, its home): no app, so no reset button. */
export function rangePage(title: string, content: string, status = 200): RangeReply {
  return {
    status,
    body:
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)} · Sân tập Tỉnh Táo</title><style>${STYLE}</style></head><body>` +
      `<header><p>Sân tập Tỉnh Táo</p></header><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`,
  };
}

/** The box that shows a solved app's flag. */
export function flagBox(flag: string): string {
  return `<div class="flag" role="status"><p>🎉 Chúc mừng, bạn đã tìm ra lỗ hổng! Cờ của bạn:</p><p><code>${escapeHtml(flag)}</code></p><p>Hãy nộp cờ này ở trang thử thách.</p></div>`;
}

export function text(body: string, status = 200): RangeReply {
  return { status, type: 'text', body };
}

export function notFound(base: string): RangeReply {
  return { ...page(base, 'Không tìm thấy trang', `<p>Trang này không có ở đây. <a href="${base}/">Về trang đầu của bài</a>.</p>`), status: 404 };
}

/** Vietnamese letters folded to ASCII lower case, for answers typed with or without diacritics. */
export function foldVietnamese(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().trim();
}
