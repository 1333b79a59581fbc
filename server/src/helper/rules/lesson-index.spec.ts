import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { SignCode } from '@tinhtao/shared';

import { LessonIndex, type LibraryLesson } from './lesson-index.js';

const lesson = (id: string, title: string, level: 'THCS' | 'THPT', text: string): LibraryLesson => ({
  id,
  title,
  level,
  summary: '',
  objectives: ['Nhận ra lừa đảo'],
  body: [{ type: 'paragraph', text }],
});

const index = new LessonIndex([
  lesson('otp', 'Lừa đảo lấy mã OTP và chiếm đoạt tài khoản', 'THPT', 'Mã OTP là chìa khoá cuối cùng của tài khoản ngân hàng.'),
  lesson('bank', 'Tin nhắn giả mạo ngân hàng và tài khoản người quen bị chiếm', 'THCS', 'Người quen bị chiếm Zalo nhờ mượn tiền, đòi mã OTP.'),
  lesson('job', '“Việc nhẹ lương cao”: lừa đảo việc làm online', 'THPT', 'Làm nhiệm vụ thả tim nhận hoa hồng rồi phải nạp tiền.'),
  lesson('news', 'Ai đăng tin này? Kiểm tra nguồn tin', 'THCS', 'Đọc ngang, tìm nguồn gốc của tin.'),
]);

describe(LessonIndex.name, () => {
  it('finds a lesson with or without diacritics, in any case', () => {
    for (const query of ['mã OTP', 'ma otp', 'MÃ OTP', 'Mã Otp']) expect(index.find(query, ['THCS', 'THPT'])[0]?.id).toMatch(/otp|bank/);
    expect(index.find('viec nhe luong cao', ['THPT'])[0]?.id).toBe('job');
    expect(index.find('việc nhẹ lương cao', ['THPT'])[0]?.id).toBe('job');
  });

  it('keeps to the levels the asker may read', () => {
    expect(index.find('viec nhe luong cao', ['THCS']).map((r) => r.id)).not.toContain('job');
    expect(index.forSigns(['OTP_REQUEST'], ['THCS']).map((l) => l.id)).toEqual(['bank']);
    expect(index.forSigns(['OTP_REQUEST'], ['THPT'])[0].id).toBe('otp');
  });

  it('weighs the first signs most and gives two lessons at most', () => {
    const found = index.forSigns(['TOO_GOOD_TO_BE_TRUE', 'OTP_REQUEST'], ['THCS', 'THPT']);
    expect(found[0].id).toBe('job');
    expect(found.length).toBeLessThanOrEqual(2);
  });

  it('gives the general lessons when no sign was found, and nothing from an empty library', () => {
    expect(index.forSigns([], ['THCS']).length).toBeGreaterThan(0);
    expect(new LessonIndex([]).forSigns(['OTP_REQUEST'], ['THCS'])).toEqual([]);
  });
});

describe('the starter library, searched for each sign', () => {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../content/starter-library/lessons');
  const lessons = fs
    .readdirSync(dir)
    .map((f) => ({ ...(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as LibraryLesson), id: f.replace('.json', '') }));
  const starter = new LessonIndex(lessons);
  const first = (sign: SignCode, level: 'THCS' | 'THPT') => starter.forSigns([sign], [level], 1)[0]?.id;

  it('links the lesson that teaches the pattern', () => {
    expect(first('OTP_REQUEST', 'THPT')).toBe('thpt-attt-1-lua-dao-otp');
    expect(first('OTP_REQUEST', 'THCS')).toBe('thcs-attt-2-gia-mao-ngan-hang-zalo');
    expect(first('PASSWORD_REQUEST', 'THCS')).toBe('thcs-attt-3-mat-khau-2fa');
    expect(first('TOO_GOOD_TO_BE_TRUE', 'THPT')).toBe('thpt-attt-4-viec-nhe-luong-cao');
    expect(first('APP_INSTALL_REQUEST', 'THPT')).toBe('thpt-attt-2-ma-doc-app-crack');
    expect(first('PERSONAL_DATA_REQUEST', 'THPT')).toBe('thpt-attt-5-quyen-rieng-tu-du-lieu');
    expect(first('SECRECY', 'THCS')).toBe('thcs-attt-5-bat-nat-tren-mang');
    expect(first('PRIZE_OR_REFUND', 'THCS')).toBe('thcs-attt-1-tin-nhan-email-lua-dao');
  });
});
