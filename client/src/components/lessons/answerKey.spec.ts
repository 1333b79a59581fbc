import { describe, expect, it } from '@jest/globals';

import { keyParts } from './answerKey';

/** The key itself stands for its words: what each part says is checked, not the catalogue. */
const t = (key: string) => `<${key}>`;
const options = ['Tin nhắn từ số lạ', 'Đường link rút gọn', 'Giục chuyển tiền ngay'];

describe('keyParts', () => {
  it('names the right options of a choice item by their text', () => {
    expect(keyParts('single_choice', options, [1], t)).toEqual([{ label: '<answerKey.rightOptions>', entries: ['Đường link rút gọn'] }]);
    expect(keyParts('multi_choice', options, [0, 2], t)).toEqual([
      { label: '<answerKey.rightOptions>', entries: ['Tin nhắn từ số lạ', 'Giục chuyển tiền ngay'] },
    ]);
  });

  it("says true/false in the reader's words", () => {
    expect(keyParts('true_false', ['Đúng', 'Sai'], [1], t)).toEqual([{ label: '<answerKey.rightOptions>', entries: ['<lesson.false>'] }]);
    expect(keyParts('true_false', ['Đúng', 'Sai'], [0], t)[0]!.entries).toEqual(['<lesson.true>']);
  });

  it('lists an ordering in the right order, marked as ordered', () => {
    expect(keyParts('ordering', options, [2, 0, 1], t)).toEqual([
      { label: '<answerKey.rightOrder>', entries: ['Giục chuyển tiền ngay', 'Tin nhắn từ số lạ', 'Đường link rút gọn'], ordered: true },
    ]);
  });

  it('gives a claim its verdict and its evidence', () => {
    expect(keyParts('claim_check', options, { verdict: 'misleading', evidence: [1] }, t)).toEqual([
      { label: '<answerKey.verdict>', entries: ['<lesson.verdict.misleading>'] },
      { label: '<answerKey.evidence>', entries: ['Đường link rút gọn'] },
    ]);
  });

  it('names the flagged segments and the model answer', () => {
    expect(keyParts('red_flags', options, { marked: [0, 2] }, t)).toEqual([
      { label: '<answerKey.flagged>', entries: ['Tin nhắn từ số lạ', 'Giục chuyển tiền ngay'] },
    ]);
    expect(keyParts('short_answer', [], { text: 'Hỏi lại thầy cô.' }, t)).toEqual([{ label: '<answerKey.modelAnswer>', entries: ['Hỏi lại thầy cô.'] }]);
  });

  it('numbers an index with no option (#n, counted from 1) and skips what is not an index', () => {
    expect(keyParts('multi_choice', options, [0, 7, 'x', null], t)[0]!.entries).toEqual(['Tin nhắn từ số lạ', '#8']);
  });

  it('gives empty parts for a missing or malformed key, never throws', () => {
    expect(keyParts('single_choice', options, undefined, t)[0]!.entries).toEqual([]);
    expect(keyParts('claim_check', options, null, t).map((part) => part.entries)).toEqual([[], []]);
    expect(keyParts('red_flags', options, { marked: 'all' }, t)[0]!.entries).toEqual([]);
    expect(keyParts('short_answer', [], {}, t)[0]!.entries).toEqual([]);
  });
});
