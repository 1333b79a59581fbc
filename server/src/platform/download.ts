import { StreamableFile } from '@nestjs/common';

/**
 * `Content-Disposition` for a file the server sends (RFC 6266): the real name as UTF-8 in
 * `filename*` (RFC 8187, formerly 5987), and a plain-ASCII `filename` for the few clients that
 * read only that, e.g. `attachment; filename="Ket qua.xlsx"; filename*=UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3.xlsx`.
 */
export function contentDisposition(filename: string): string {
  const name = safeFilename(filename);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** A file answer: its bytes, its media type and its name. */
export function downloadFile(body: Buffer, type: string, filename: string): StreamableFile {
  return new StreamableFile(body, { type, disposition: contentDisposition(filename) });
}

/** No path, no control character, no empty name: what a browser would refuse or rename anyway. */
function safeFilename(filename: string): string {
  const cleaned = filename
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f/\\]+/g, '_')
    .trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'tep' : cleaned;
}

/** Percent-encoding of everything outside RFC 8187's attr-char. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The name without its diacritics (Vietnamese đ included), any other non-ASCII or quoting character as `_`. */
function asciiFallback(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
}
