import { describe, expect, it } from '@jest/globals';

import { foldForSearch } from './search';

describe('foldForSearch', () => {
  it('drops tone marks and đ, lower case, trimmed', () => {
    expect(foldForSearch('  Lừa đảo qua MẠNG ')).toBe('lua dao qua mang');
    expect(foldForSearch('ĐƯỜNG ĐI')).toBe('duong di');
    expect(foldForSearch('Nguyễn Thị Ánh Tuyết')).toBe('nguyen thi anh tuyet');
  });

  it('folds composed (NFC) and combining (NFD) spellings alike', () => {
    expect(foldForSearch('Cuộc thi'.normalize('NFD'))).toBe(foldForSearch('Cuộc thi'.normalize('NFC')));
    expect(foldForSearch('Cuộc thi')).toBe('cuoc thi');
  });

  it('lets a search without marks match a title with them', () => {
    expect(foldForSearch('Cuộc thi tìm hiểu An toàn thông tin').includes(foldForSearch('an toan'))).toBe(true);
  });

  it('leaves digits and other characters as they are', () => {
    expect(foldForSearch('THCS số 1 – 2026')).toBe('thcs so 1 – 2026');
    expect(foldForSearch('')).toBe('');
  });
});
