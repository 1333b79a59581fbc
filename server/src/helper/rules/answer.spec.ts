import { compose, composeFollowUp, isFollowUp } from './answer.js';
import { analyze } from './signs.js';

const lists = { blocked: 3, patterns: 1 };

describe('compose', () => {
  it('names each sign with its quote, what to do and where to report', () => {
    const analysis = analyze('Vui lòng cung cấp mã OTP tại vietcombank-xacminh.com ngay');
    const { answer, advice, checked } = compose(analysis, [{ title: 'Lừa đảo lấy mã OTP' }], lists);
    for (const sign of analysis.signs) expect(answer).toContain(`“${sign.quote}”`);
    expect(advice.join(' ')).toContain('OTP');
    expect(advice.join(' ')).toContain('đường link');
    expect(answer).toContain('Lừa đảo lấy mã OTP');
    expect(answer).toContain('156');
    expect(checked.join(' ')).toContain('1 đường link');
    expect(checked.join(' ')).toContain('3 tên miền và số');
  });

  it('never calls a message safe when it finds nothing, and says what to check next', () => {
    const { answer, checked } = compose(analyze('Chiều nay lớp mình học bù tiết Toán nhé'), [], lists);
    expect(answer).toContain('không có nghĩa là tin nhắn an toàn');
    expect(answer.replace('không có nghĩa là tin nhắn an toàn', '')).not.toContain('an toàn');
    expect(answer).toContain('Em kiểm tra thêm');
    expect(checked.length).toBeGreaterThanOrEqual(5);
  });
});

describe('follow-ups', () => {
  it('takes a short question with no link or number as a follow-up', () => {
    for (const q of ['vậy em nên làm gì?', 'Em phải làm sao', 'giờ sao ạ', 'có phải lừa đảo không']) expect(isFollowUp(q, analyze(q))).toBe(true);
    for (const q of ['Gửi mã OTP cho anh', 'xem tại bit.ly/abc được không?', 'Chiều nay học Toán']) expect(isFollowUp(q, analyze(q))).toBe(false);
  });

  it("answers from the earlier message's signs", () => {
    const { answer, advice } = composeFollowUp(['MONEY_TRANSFER', 'CLAIMS_RELATIVE'], []);
    expect(answer).toContain('lúc nãy');
    expect(advice.join(' ')).toContain('Không chuyển tiền');
    expect(advice.join(' ')).toContain('số cũ');
  });
});
