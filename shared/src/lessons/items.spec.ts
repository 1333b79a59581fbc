import { validationMessage } from '../platform/validation.js';
import { GradableItemSchema, type ItemDraftInput, ItemDraftSchema, itemProblems, studentItem } from './items.js';

const base = { prompt: 'Câu hỏi?', feedback: 'Vì sao.' };
const claim = { format: 'post', source: 'Trang tin ABC', text: 'Học sinh cả nước được nghỉ học từ mai.' } as const;
const parse = (input: ItemDraftInput) => ItemDraftSchema.parse(input);
/** Each problem as its English catalogue text, lower-cased at the start: `answer: mark exactly one right option`. */
const problemsOf = (input: ItemDraftInput) =>
  itemProblems(parse(input)).map((p) => {
    const text = validationMessage(p.message, p.params, 'en');
    return `${p.path.join('.')}: ${text[0].toLowerCase()}${text.slice(1)}`;
  });

describe('itemProblems', () => {
  it('accepts a single_choice with exactly one right option, and refuses none or two', () => {
    expect(problemsOf({ kind: 'single_choice', ...base, options: ['A', 'B'], answer: [1] })).toEqual([]);
    expect(problemsOf({ kind: 'single_choice', ...base, options: ['A', 'B'], answer: [] })).toEqual(['answer: mark exactly one right option']);
    expect(problemsOf({ kind: 'single_choice', ...base, options: ['A', 'B'], answer: [0, 1] })).toEqual(['answer: mark exactly one right option']);
  });

  it('refuses an answer pointing past the options', () => {
    expect(problemsOf({ kind: 'single_choice', ...base, options: ['A', 'B'], answer: [2] })).toEqual(['answer: options are numbered 0 to 1']);
  });

  it('refuses two options with the same text, whatever their case', () => {
    expect(problemsOf({ kind: 'single_choice', ...base, options: ['Đúng rồi', 'đúng rồi'], answer: [0] })).toEqual(['options: two options have the same text']);
  });

  it('asks a multi_choice for at least one right option, each once', () => {
    expect(problemsOf({ kind: 'multi_choice', ...base, options: ['A', 'B', 'C'], answer: [0, 2] })).toEqual([]);
    expect(problemsOf({ kind: 'multi_choice', ...base, options: ['A', 'B', 'C'], answer: [] })).toEqual(['answer: mark at least one right option']);
    expect(problemsOf({ kind: 'multi_choice', ...base, options: ['A', 'B', 'C'], answer: [1, 1] })).toEqual(['answer: an option is listed twice']);
  });

  it('gives a true_false the options Đúng and Sai and one answer', () => {
    const item = parse({ kind: 'true_false', ...base, answer: [1] });
    expect(item.options).toEqual(['Đúng', 'Sai']);
    expect(itemProblems(item)).toEqual([]);
    expect(problemsOf({ kind: 'true_false', ...base, answer: [] })).toEqual(['answer: mark exactly one right option']);
    expect(ItemDraftSchema.safeParse({ kind: 'true_false', ...base, options: ['Có', 'Không'], answer: [0] }).success).toBe(false);
  });

  it('asks an ordering for a permutation of every statement', () => {
    const options = ['một', 'hai', 'ba'];
    expect(problemsOf({ kind: 'ordering', ...base, options, answer: [2, 0, 1] })).toEqual([]);
    for (const answer of [
      [0, 1],
      [0, 1, 1],
      [0, 1, 3],
    ])
      expect(problemsOf({ kind: 'ordering', ...base, options, answer })).toEqual(['answer: give the right order of all 3 statements, each once']);
  });

  it('asks a claim_check for a verdict and at least one supporting evidence option', () => {
    expect(problemsOf({ kind: 'claim_check', ...base, claim, options: ['Không báo nào đưa tin'], answer: { verdict: 'false', evidence: [0] } })).toEqual([]);
    expect(problemsOf({ kind: 'claim_check', ...base, claim, options: ['Không báo nào đưa tin'], answer: { verdict: 'false', evidence: [] } })).toEqual([
      'answer.evidence: mark at least one piece of evidence that supports the verdict',
    ]);
    expect(ItemDraftSchema.safeParse({ kind: 'claim_check', ...base, claim, options: ['x'], answer: { evidence: [0] } }).success).toBe(false);
    expect(ItemDraftSchema.safeParse({ kind: 'claim_check', ...base, claim, options: [], answer: { verdict: 'false', evidence: [] } }).success).toBe(false);
  });

  const message = { channel: 'sms', sender: 'NH-HUNGPHAT' } as const;
  it('asks a red_flags message for at least one flagged and one unflagged segment', () => {
    const options = ['Tài khoản của bạn bị khoá.', 'Bấm vào hungphat-xacminh.top', 'Trân trọng.'];
    expect(problemsOf({ kind: 'red_flags', ...base, message, options, answer: { marked: [0, 1] } })).toEqual([]);
    expect(problemsOf({ kind: 'red_flags', ...base, message, options, answer: { marked: [] } })).toEqual(['answer.marked: flag at least one segment']);
    expect(problemsOf({ kind: 'red_flags', ...base, message, options, answer: { marked: [0, 1, 2] } })).toEqual([
      'answer.marked: leave at least one segment unflagged, or marking everything would score full',
    ]);
  });

  it('asks a short_answer for a model answer and no options', () => {
    expect(problemsOf({ kind: 'short_answer', ...base, answer: { text: 'Gọi lại cho bạn để hỏi.' } })).toEqual([]);
    expect(ItemDraftSchema.safeParse({ kind: 'short_answer', ...base, answer: { text: '' } }).success).toBe(false);
    expect(ItemDraftSchema.safeParse({ kind: 'short_answer', ...base, options: ['x'], answer: { text: 'a' } }).success).toBe(false);
  });

  it('reports the problems through the gradable schema at their paths', () => {
    const result = GradableItemSchema.safeParse({ kind: 'red_flags', ...base, message, options: ['a', 'b'], answer: { marked: [] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['answer.marked']);
  });
});

describe('studentItem', () => {
  it('keeps the question and drops the answer key and the feedback', () => {
    const item = { id: 'i1', ...parse({ kind: 'claim_check', ...base, claim, options: ['Bằng chứng'], answer: { verdict: 'false', evidence: [0] } }) };
    const view = studentItem(item);
    expect(view).toEqual({ id: 'i1', kind: 'claim_check', prompt: base.prompt, options: ['Bằng chứng'], points: 1, claim });
    expect(JSON.stringify(view)).not.toMatch(/answer|feedback|verdict/);
  });
});
