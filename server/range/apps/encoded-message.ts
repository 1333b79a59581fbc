import { defineApp, notFound, page } from '../app-kit.js';

/** ROT13 on ASCII letters; Vietnamese letters with marks stay as they are. */
export function rot13(value: string): string {
  return value.replace(/[A-Za-z]/g, (c) => {
    const a = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - a + 13) % 26) + a);
  });
}

/** A message "hidden" by encoding: base64 over ROT13, both undone without any key. */
export const encodedMessageApp = defineApp({
  manifest: {
    slug: 'thong-diep-ma-hoa',
    title: { vi: 'Bức thư được "mã hóa"', en: 'An "encrypted" letter' },
    level: 'THCS',
    topic: 'cryptography',
    statement: 'Bạn nhặt được một bức thư "đã mã hóa" của đội bạn. Họ tin rằng không ai đọc được. Hãy giải nó ra để lấy cờ.',
    hints: [
      'Chuỗi ký tự chỉ gồm chữ hoa, chữ thường, số, dấu + / và có thể có dấu = ở cuối: đó là dấu hiệu của base64.',
      'Giải base64 (ví dụ bằng CyberChef, công thức "From Base64") xong mà chữ vẫn lạ? Mỗi chữ cái có thể đã bị dịch đi 13 vị trí.',
      'Dùng thêm "ROT13" trong CyberChef. Cờ có dạng TT{…}.',
    ],
    solution: [
      '**Điều cần hiểu:** base64 và ROT13 là *mã hóa dạng biểu diễn* (encoding), không phải *mật mã* (encryption): không cần khóa, ai biết cách là đọc được.',
      '',
      '**Cách giải:** trong CyberChef dùng "From Base64" rồi "ROT13", đọc được câu chúc mừng kèm cờ.',
      '',
      '**Bài học:** muốn giữ bí mật phải dùng mật mã thật (như AES) với khóa được giữ kín; đừng tin "mã hóa" tự chế.',
    ].join('\n'),
  },
  handle(request, { base, flag }) {
    if (request.path !== '/') return notFound(base);
    const secret = Buffer.from(rot13(`Chúc mừng bạn đã giải được thư! Cờ của bạn là ${flag}`), 'utf8').toString('base64');
    return page(base, 'Bức thư bí ẩn', '<p>Thư của đội bạn, gửi cho nhau qua bảng tin lớp. Họ nói rằng "không ai đọc được đâu":</p>' + `<pre>${secret}</pre>`);
  },
});
