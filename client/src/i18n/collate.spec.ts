import { describe, expect, it } from '@jest/globals';

import { compareText, compareVietnameseNames } from './collate';

describe('compareVietnameseNames', () => {
  it('orders a class list by given name (the last word), not by family name', () => {
    const names = ['Trần Thị Bình', 'Nguyễn Văn An', 'Lê Hữu Tuấn', 'Bùi Văn Dũng'];
    expect([...names].sort(compareVietnameseNames)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Bùi Văn Dũng', 'Lê Hữu Tuấn']);
  });

  it('puts Đ after D, as the Vietnamese alphabet does', () => {
    expect(['Đặng Minh Đạt', 'Bùi Văn Dũng', 'Dương Đức Hải'].sort(compareVietnameseNames)).toEqual(['Bùi Văn Dũng', 'Đặng Minh Đạt', 'Dương Đức Hải']);
  });

  it('breaks a tie on the given name by the whole name', () => {
    expect(['Phạm Thị An', 'Nguyễn Văn An', 'Lê An'].sort(compareVietnameseNames)).toEqual(['Lê An', 'Nguyễn Văn An', 'Phạm Thị An']);
  });

  it('ignores case', () => {
    expect(compareVietnameseNames('Nguyễn Văn An', 'NGUYỄN VĂN AN')).toBe(0);
  });

  it('finds the given name past extra spaces', () => {
    expect(compareVietnameseNames('Trần Thị Bình  ', ' Nguyễn Văn An')).toBeGreaterThan(0);
  });

  it('keeps Ă and Â apart from A (letters of their own)', () => {
    expect(['Lê Thị Ân', 'Lê Thị Ăn', 'Lê Thị An'].sort(compareVietnameseNames)).toEqual(['Lê Thị An', 'Lê Thị Ăn', 'Lê Thị Ân']);
  });

  it('takes a name written with combining marks (NFD) as the same name', () => {
    expect(compareVietnameseNames('Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An')).toBe(0);
  });
});

describe('compareText', () => {
  it('compares numbers inside text by value ("Lớp 9" before "Lớp 10")', () => {
    expect(['Lớp 10A1', 'Lớp 9A2', 'Lớp 9A10'].sort(compareText)).toEqual(['Lớp 9A2', 'Lớp 9A10', 'Lớp 10A1']);
  });
});
