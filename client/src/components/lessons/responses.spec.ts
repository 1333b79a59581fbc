import { describe, expect, it } from '@jest/globals';

import { emptyResponse, isAnswered, isClaim, isOptions, isRedFlags, isSafeUrl, isText, type ItemResponse, toggleIndex } from './responses';

describe('emptyResponse', () => {
  it('starts each kind in its own shape', () => {
    expect(emptyResponse('claim_check')).toEqual({ verdict: null, evidence: [] });
    expect(emptyResponse('red_flags')).toEqual({ marked: [] });
    expect(emptyResponse('short_answer')).toEqual({ text: '' });
    expect(emptyResponse('single_choice')).toEqual([]);
    expect(emptyResponse('multi_choice')).toEqual([]);
    expect(emptyResponse('true_false')).toEqual([]);
  });

  it('starts an ordering in the order shown (none without options)', () => {
    expect(emptyResponse('ordering', { options: ['Dừng lại', 'Kiểm tra nguồn', 'Hỏi người lớn'] })).toEqual([0, 1, 2]);
    expect(emptyResponse('ordering')).toEqual([]);
  });
});

describe('the shape guards', () => {
  it('tell the four shapes apart, and none of them is null or undefined', () => {
    const shapes: ItemResponse[] = [[1], { verdict: null, evidence: [] }, { marked: [] }, { text: '' }];
    expect(shapes.map((one) => [isOptions(one), isClaim(one), isRedFlags(one), isText(one)])).toEqual([
      [true, false, false, false],
      [false, true, false, false],
      [false, false, true, false],
      [false, false, false, true],
    ]);
    for (const nothing of [null, undefined])
      expect([isOptions(nothing), isClaim(nothing), isRedFlags(nothing), isText(nothing)]).toEqual([false, false, false, false]);
  });
});

describe('isAnswered', () => {
  it('counts a claim as answered once a verdict or any evidence is picked', () => {
    expect(isAnswered('claim_check', { verdict: null, evidence: [] })).toBe(false);
    expect(isAnswered('claim_check', { verdict: 'misleading', evidence: [] })).toBe(true);
    expect(isAnswered('claim_check', { verdict: null, evidence: [2] })).toBe(true);
  });

  it('counts red flags once one segment is marked', () => {
    expect(isAnswered('red_flags', { marked: [] })).toBe(false);
    expect(isAnswered('red_flags', { marked: [0] })).toBe(true);
  });

  it('does not count a short answer of spaces or line breaks, but counts any Vietnamese word', () => {
    expect(isAnswered('short_answer', { text: '' })).toBe(false);
    expect(isAnswered('short_answer', { text: '  \n\t\u00a0' })).toBe(false);
    expect(isAnswered('short_answer', { text: 'Ừ' })).toBe(true);
    expect(isAnswered('short_answer', { text: ' Em hỏi lại cô chủ nhiệm. ' })).toBe(true);
  });

  it('counts a choice once something is picked, and an ordering once it is stored', () => {
    expect(isAnswered('single_choice', [])).toBe(false);
    expect(isAnswered('single_choice', [0])).toBe(true);
    expect(isAnswered('ordering', [0, 1, 2])).toBe(true);
    expect(isAnswered('ordering', [])).toBe(false);
  });

  it('is false for nothing stored, or for a response of another shape than the kind', () => {
    expect(isAnswered('short_answer', null)).toBe(false);
    expect(isAnswered('multi_choice', undefined)).toBe(false);
    expect(isAnswered('short_answer', [1])).toBe(false);
    expect(isAnswered('red_flags', { text: 'x' })).toBe(false);
    expect(isAnswered('single_choice', { marked: [1] })).toBe(false);
  });
});

describe('toggleIndex', () => {
  it('adds an index in order, or removes it', () => {
    expect(toggleIndex([0, 4], 2)).toEqual([0, 2, 4]);
    expect(toggleIndex([0, 2, 4], 2)).toEqual([0, 4]);
    expect(toggleIndex([], 10)).toEqual([10]);
  });

  it('sorts numbers by value, not as text (10 after 9)', () => {
    expect(toggleIndex([1, 9], 10)).toEqual([1, 9, 10]);
  });

  it('never changes the list it was given', () => {
    const list = Object.freeze([3, 1]);
    expect(toggleIndex(list, 2)).toEqual([1, 2, 3]);
    expect(list).toEqual([3, 1]);
  });
});

describe('isSafeUrl', () => {
  it('allows https addresses and paths on this site', () => {
    expect(isSafeUrl('https://moet.gov.vn/tin-tuc')).toBe(true);
    expect(isSafeUrl('/uploads/anh-bai-dang.png')).toBe(true);
  });

  it('refuses http, javascript:, protocol-relative addresses, spaces and quotes', () => {
    expect(isSafeUrl('http://moet.gov.vn')).toBe(false);
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl('//evil.example/x.png')).toBe(false);
    expect(isSafeUrl('https://a.vn/ảnh đẹp.png')).toBe(false);
    expect(isSafeUrl('https://a.vn/"onerror="x')).toBe(false);
    expect(isSafeUrl('/')).toBe(false);
    expect(isSafeUrl('')).toBe(false);
  });
});
