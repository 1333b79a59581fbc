import { describe, expect, it } from '@jest/globals';
import type { Block, ItemDto, ItemKind, LessonDto } from '@tinhtao/shared';

import { cleanBlock, cleanItem, draftFromLesson, editorItem, lessonBodyOf, newBlock, newItem, newLessonDraft, previewItem } from './draft';

const claimItem: ItemDto = {
  id: '6f1c1a52-3d7e-4c1e-9a55-0f6f2b0c1d01',
  kind: 'claim_check',
  prompt: 'Bài đăng này có đáng tin không?',
  feedback: 'Trang chính thức của trường không đăng tin này.',
  tags: { topics: ['tin giả'], techniques: [], difficulty: 'medium' },
  points: 2,
  claim: { format: 'post', source: 'Hội phụ huynh 8A1', text: 'Trường cho học sinh nghỉ thứ Sáu này.', date: '  ', engagement: '12 N lượt chia sẻ' },
  options: ['Không có nguồn', 'Ảnh chụp màn hình'],
  answer: { verdict: 'false', evidence: [0, 1] },
  lockedAt: '2026-09-01T00:00:00Z',
  revisesId: null,
  updatedAt: '2026-09-01T00:00:00Z',
};

const lesson = (overrides: Partial<LessonDto> = {}): LessonDto => ({
  id: 'b0c7d0f4-5a0e-4a8d-8d7e-2f4c8e1a9b10',
  title: 'Kiểm tra tin trước khi chia sẻ',
  kind: 'MEDIA_LITERACY',
  level: 'THCS',
  gradeMin: 8,
  gradeMax: 9,
  durationMinutes: 45,
  summary: 'Nhận ra tin đồn trên mạng.',
  objectives: ['Biết hỏi nguồn gốc tin'],
  body: [{ type: 'paragraph', text: 'Trước khi chia sẻ, hãy dừng lại.' }],
  items: [claimItem],
  lockedAt: null,
  revisesId: null,
  updatedAt: '2026-09-01T00:00:00Z',
  ...overrides,
});

describe('newLessonDraft', () => {
  it('starts a THCS safety lesson for grades 6-9, 40 minutes, one empty objective and paragraph', () => {
    expect(newLessonDraft()).toEqual({
      title: '',
      kind: 'SAFETY',
      level: 'THCS',
      gradeMin: 6,
      gradeMax: 9,
      durationMinutes: 40,
      summary: '',
      objectives: [''],
      body: [{ type: 'paragraph', text: '' }],
      items: [],
    });
  });

  it('takes the grades of the level asked for', () => {
    expect(newLessonDraft('THPT', 'MEDIA_LITERACY')).toMatchObject({ level: 'THPT', kind: 'MEDIA_LITERACY', gradeMin: 10, gradeMax: 12 });
  });
});

describe('editorItem', () => {
  it("keeps the item and its key, drops the bank's bookkeeping", () => {
    const held = editorItem(claimItem, 'k1');
    expect(held.key).toBe('k1');
    expect(held.id).toBe(claimItem.id);
    expect(held).not.toHaveProperty('lockedAt');
    expect(held).not.toHaveProperty('revisesId');
    expect(held).not.toHaveProperty('updatedAt');
    expect(held).toMatchObject({ prompt: claimItem.prompt, answer: { verdict: 'false', evidence: [0, 1] } });
  });

  it('is a deep copy: editing it leaves the bank item as it was', () => {
    const held = editorItem(claimItem, 'k1');
    if (held.kind !== 'claim_check') throw new Error('expected a claim_check');
    held.options.push('Thêm');
    held.answer.evidence.push(5);
    held.claim.text = 'Đã sửa';
    expect(claimItem.options).toEqual(['Không có nguồn', 'Ảnh chụp màn hình']);
    expect(claimItem.kind === 'claim_check' && claimItem.answer.evidence).toEqual([0, 1]);
    expect(claimItem.kind === 'claim_check' && claimItem.claim.text).toBe('Trường cho học sinh nghỉ thứ Sáu này.');
  });

  it('gives each item a key of its own when none is passed', () => {
    expect(editorItem(claimItem).key).not.toBe(editorItem(claimItem).key);
  });
});

describe('draftFromLesson', () => {
  it("copies the lesson's fields and gives its items the keys passed, in order", () => {
    const draft = draftFromLesson(lesson(), ['giữ-khóa']);
    expect(draft).toMatchObject({ title: 'Kiểm tra tin trước khi chia sẻ', kind: 'MEDIA_LITERACY', gradeMin: 8, gradeMax: 9, durationMinutes: 45 });
    expect(draft.items.map((item) => item.key)).toEqual(['giữ-khóa']);
    expect(draft.objectives).toEqual(['Biết hỏi nguồn gốc tin']);
  });

  it('offers one empty objective when the lesson has none', () => {
    expect(draftFromLesson(lesson({ objectives: [] })).objectives).toEqual(['']);
  });

  it('copies the body, so that editing the draft leaves the lesson alone', () => {
    const source = lesson();
    const draft = draftFromLesson(source);
    (draft.body[0] as { text: string }).text = 'Đã sửa';
    draft.objectives.push('Mới');
    expect(source.body[0]).toEqual({ type: 'paragraph', text: 'Trước khi chia sẻ, hãy dừng lại.' });
    expect(source.objectives).toEqual(['Biết hỏi nguồn gốc tin']);
  });
});

describe('newItem', () => {
  const kinds: ItemKind[] = ['single_choice', 'multi_choice', 'true_false', 'ordering', 'claim_check', 'red_flags', 'short_answer'];

  it('starts every kind with one point, medium difficulty and a fresh key', () => {
    const items = kinds.map(newItem);
    expect(items.map((item) => item.kind)).toEqual(kinds);
    for (const item of items) expect(item).toMatchObject({ points: 1, prompt: '', feedback: '', tags: { difficulty: 'medium' } });
    expect(new Set(items.map((item) => item.key)).size).toBe(kinds.length);
  });

  it('gives true/false its fixed options with "Đúng" as the key', () => {
    expect(newItem('true_false')).toMatchObject({ options: ['Đúng', 'Sai'], answer: [0] });
  });

  it('starts an ordering in an order other than the right one', () => {
    const ordering = newItem('ordering');
    expect(ordering.answer).toEqual([1, 2, 0]);
    expect(ordering.answer).not.toEqual([0, 1, 2]);
  });

  it('shapes claim_check, red_flags and short_answer for their editors', () => {
    expect(newItem('claim_check')).toMatchObject({
      claim: { format: 'post', source: '', text: '' },
      options: ['', ''],
      answer: { verdict: 'false', evidence: [] },
    });
    expect(newItem('red_flags')).toMatchObject({ message: { channel: 'sms', sender: '' }, options: ['', '', ''], answer: { marked: [] } });
    expect(newItem('short_answer')).toMatchObject({ options: [], answer: { text: '' } });
  });

  it('never shares arrays between two new items', () => {
    const a = newItem('single_choice');
    const b = newItem('single_choice');
    (a.options as string[]).push('x');
    a.tags.topics.push('lừa đảo');
    expect(b.options).toEqual(['', '', '']);
    expect(b.tags.topics).toEqual([]);
  });
});

describe('newBlock', () => {
  it('shapes each block type', () => {
    expect(newBlock('list')).toEqual({ type: 'list', ordered: false, items: [''] });
    expect(newBlock('image')).toEqual({ type: 'image', url: '', alt: '' });
    expect(newBlock('quote')).toEqual({ type: 'quote', format: 'sms', text: '' });
    expect(newBlock('video')).toEqual({ type: 'video', url: '', title: '' });
    expect(newBlock('heading')).toEqual({ type: 'heading', text: '' });
    expect(newBlock('tip')).toEqual({ type: 'tip', text: '' });
  });
});

describe('cleanItem', () => {
  it("drops the editor's key and the claim's optional fields left blank, keeping the filled ones", () => {
    const cleaned = cleanItem(editorItem(claimItem, 'k1'));
    expect(cleaned).not.toHaveProperty('key');
    expect(cleaned.kind === 'claim_check' && cleaned.claim).toEqual({
      format: 'post',
      source: 'Hội phụ huynh 8A1',
      text: 'Trường cho học sinh nghỉ thứ Sáu này.',
      engagement: '12 N lượt chia sẻ',
    });
    expect(cleaned.id).toBe(claimItem.id);
  });

  it('keeps required text even when empty, for the schema to refuse with its own message', () => {
    const cleaned = cleanItem(newItem('claim_check'));
    expect(cleaned.kind === 'claim_check' && cleaned.claim).toEqual({ format: 'post', source: '', text: '' });
  });

  it("drops a red_flags message's blank subject and a new item's missing id", () => {
    const item = newItem('red_flags');
    if (item.kind !== 'red_flags') throw new Error('expected red_flags');
    item.message.subject = '\u00a0 ';
    item.id = '';
    const cleaned = cleanItem(item);
    expect(cleaned.kind === 'red_flags' && cleaned.message).toEqual({ channel: 'sms', sender: '' });
    expect(cleaned).not.toHaveProperty('id');
  });

  it('leaves the editor item itself untouched', () => {
    const item = editorItem(claimItem, 'k1');
    cleanItem(item);
    expect(item.key).toBe('k1');
    expect(item.kind === 'claim_check' && item.claim.date).toBe('  ');
  });
});

describe('cleanBlock', () => {
  it("drops a quote's blank author and meta and an image's blank caption", () => {
    expect(cleanBlock({ type: 'quote', format: 'sms', author: ' ', meta: '', text: 'Con ơi chuyển tiền gấp' })).toEqual({
      type: 'quote',
      format: 'sms',
      text: 'Con ơi chuyển tiền gấp',
    });
    expect(cleanBlock({ type: 'quote', format: 'sms', author: 'Mẹ', text: 'x' })).toEqual({ type: 'quote', format: 'sms', author: 'Mẹ', text: 'x' });
    expect(cleanBlock({ type: 'image', url: '/a.png', alt: 'Ảnh', caption: '' })).toEqual({ type: 'image', url: '/a.png', alt: 'Ảnh' });
  });

  it('returns other blocks as they are', () => {
    const block: Block = { type: 'paragraph', text: ' ' };
    expect(cleanBlock(block)).toBe(block);
  });
});

describe('lessonBodyOf', () => {
  it('sends the lesson without blank objectives, with clean blocks and items', () => {
    const draft = draftFromLesson(lesson(), ['k1']);
    draft.objectives = ['Biết hỏi nguồn gốc tin', '', '   ', '\u00a0', 'Biết báo cho thầy cô'];
    draft.body.push({ type: 'image', url: '/anh.png', alt: 'Ảnh chụp', caption: ' ' });
    const body = lessonBodyOf(draft);
    expect(body.objectives).toEqual(['Biết hỏi nguồn gốc tin', 'Biết báo cho thầy cô']);
    expect(body.body[1]).toEqual({ type: 'image', url: '/anh.png', alt: 'Ảnh chụp' });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).not.toHaveProperty('key');
    expect(body).toMatchObject({ title: draft.title, kind: 'MEDIA_LITERACY', level: 'THCS', gradeMin: 8, gradeMax: 9, durationMinutes: 45 });
  });
});

describe('previewItem', () => {
  it('shows the item as a student gets it: the key as its id, no answer and no feedback', () => {
    const preview = previewItem(editorItem(claimItem, 'k7'));
    expect(preview).toEqual({
      id: 'k7',
      kind: 'claim_check',
      prompt: 'Bài đăng này có đáng tin không?',
      options: ['Không có nguồn', 'Ảnh chụp màn hình'],
      points: 2,
      claim: { format: 'post', source: 'Hội phụ huynh 8A1', text: 'Trường cho học sinh nghỉ thứ Sáu này.', engagement: '12 N lượt chia sẻ' },
    });
  });
});
