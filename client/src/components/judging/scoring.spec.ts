import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RUBRIC, JudgeScoreBody } from '@tinhtao/shared';

import { bandFor, clampScore, liveTotal, neighbours, scoreBody, scoreForm, unscored } from './scoring';

const criteria = DEFAULT_RUBRIC.criteria;

function filled(scores: Record<string, number>) {
  const form = scoreForm(criteria, null);
  Object.assign(form.scores, scores);
  return form;
}

describe('scoreForm', () => {
  it('starts with no score at all, so that nothing is saved as a zero by mistake', () => {
    const form = scoreForm(criteria, null);
    expect(form.scores).toEqual({ message: null, creativity: null, accuracy: null, craft: null });
    expect(unscored(criteria, form).map((c) => c.id)).toEqual(['message', 'creativity', 'accuracy', 'craft']);
  });

  it('reopens a saved score with its comments', () => {
    const saved = {
      criteria: [
        { criterionId: 'message', score: 9, comment: 'Thông điệp rõ' },
        { criterionId: 'craft', score: 6.5, comment: '' },
      ],
      comment: 'Bài tốt',
      total: 0,
      savedAt: '2026-12-01T08:00:00Z',
    };
    const form = scoreForm(criteria, saved);
    expect(form.scores).toEqual({ message: 9, creativity: null, accuracy: null, craft: 6.5 });
    expect(form.comments.message).toBe('Thông điệp rõ');
    expect(form.comment).toBe('Bài tốt');
  });
});

describe('clampScore', () => {
  it('keeps a score on quarter points within 0..max', () => {
    expect(clampScore(7.3, 10)).toBe(7.25);
    expect(clampScore(7.4, 10)).toBe(7.5);
    expect(clampScore(11, 10)).toBe(10);
    expect(clampScore(-1, 10)).toBe(0);
  });

  it('has no score for an empty or broken value', () => {
    expect(clampScore(null, 10)).toBeNull();
    expect(clampScore(Number.NaN, 10)).toBeNull();
    expect(clampScore(Infinity, 10)).toBeNull();
  });
});

describe('liveTotal and scoreBody', () => {
  it('computes the weighted total by hand: (30×0.9 + 25×0.8 + 25×0.75 + 20×0.6) / 100 × 100 = 77.75', () => {
    expect(liveTotal(criteria, filled({ message: 9, creativity: 8, accuracy: 7.5, craft: 6 }))).toBe(77.75);
  });

  it('has no total and no body while a criterion is unscored', () => {
    const form = filled({ message: 9, creativity: 8, accuracy: 7.5 });
    expect(liveTotal(criteria, form)).toBeNull();
    expect(scoreBody('school', criteria, form)).toBeNull();
  });

  it('builds a body the shared schema accepts, comments trimmed, Vietnamese kept', () => {
    const form = filled({ message: 10, creativity: 0, accuracy: 5.25, craft: 9.75 });
    form.comments.message = '  Rất sáng tạo – đúng chủ đề  ';
    form.comment = ' Nên chỉnh màu chữ. ';
    const body = scoreBody('province', criteria, form);
    expect(body).toEqual({
      stage: 'province',
      criteria: [
        { criterionId: 'message', score: 10, comment: 'Rất sáng tạo – đúng chủ đề' },
        { criterionId: 'creativity', score: 0, comment: '' },
        { criterionId: 'accuracy', score: 5.25, comment: '' },
        { criterionId: 'craft', score: 9.75, comment: '' },
      ],
      comment: 'Nên chỉnh màu chữ.',
    });
    expect(JudgeScoreBody.safeParse(body).success).toBe(true);
  });
});

describe('bandFor', () => {
  const message = criteria[0]!;

  it('finds the band a score falls in, ends included', () => {
    expect(bandFor(message, 9)?.label).toBe('Xuất sắc');
    expect(bandFor(message, 8.75)?.label).toBe('Đạt');
    expect(bandFor(message, 0)?.label).toBe('Chưa đạt');
  });

  it('has none between bands, without a score or without descriptors', () => {
    expect(bandFor(message, 8.9)).toBeUndefined();
    expect(bandFor(message, null)).toBeUndefined();
    expect(bandFor(criteria[1]!, 5)).toBeUndefined();
  });
});

describe('neighbours', () => {
  const entry = (id: string, scored: boolean) => ({ entryId: id, code: id, kind: 'poster' as const, title: id, scored, total: null });
  const list = [entry('a', true), entry('b', false), entry('c', true), entry('d', false)];

  it('goes back and on in code order', () => {
    expect(neighbours(list, 'b')).toEqual({ index: 1, previous: 'a', next: 'c', nextUnscored: 'd' });
    expect(neighbours(list, 'a')).toMatchObject({ previous: null, next: 'b' });
    expect(neighbours(list, 'd')).toMatchObject({ next: null, nextUnscored: 'b' });
  });

  it('sends a judge from an entry no longer theirs to the first unscored one', () => {
    expect(neighbours(list, 'gone')).toEqual({ index: -1, previous: null, next: null, nextUnscored: 'b' });
  });

  it('has nowhere to go when everything else is scored', () => {
    expect(neighbours([entry('a', true), entry('b', false)], 'b').nextUnscored).toBeNull();
  });
});
