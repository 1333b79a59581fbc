import type { z } from 'zod';

import { addValidationMessages, validationCatalogue } from '../platform/validation.js';
import { weightedTotal } from './jury.js';
import { SUBMISSION_VALIDATION_MESSAGES } from './messages.js';
import {
  AddJudgeBody,
  ConfirmEntryBody,
  ConflictBody,
  DEFAULT_KIND_RULES,
  DEFAULT_RUBRIC,
  fileFitsKind,
  JudgeScoreBody,
  KindRuleSchema,
  ReturnEntryBody,
  RoundJudgesBody,
  RubricBody,
  SubmissionContestBody,
  SubmissionEntryBody,
  VoteBody,
} from './schemas.js';

const id = (n: number) => `${String(n).padStart(8, '0')}-5b7d-4c2e-9a8f-1b2c3d4e5f60`;

const schoolRound = {
  stage: 'school',
  submissionOpensAt: '2026-11-01T07:00:00+07:00',
  submissionClosesAt: '2026-11-15T17:00:00+07:00',
  judgingOpensAt: '2026-11-16T07:00:00+07:00',
  judgingClosesAt: '2026-11-25T17:00:00+07:00',
  advance: { per: 'school', top: 2 },
};
const areaRound = {
  stage: 'area',
  promotionOpensAt: '2026-11-26T07:00:00+07:00',
  promotionClosesAt: '2026-11-28T17:00:00+07:00',
  judgingOpensAt: '2026-11-29T07:00:00+07:00',
  judgingClosesAt: '2026-12-05T17:00:00+07:00',
  advance: { per: 'area', top: 3 },
};
const provinceRound = {
  stage: 'province',
  promotionOpensAt: '2026-12-06T07:00:00+07:00',
  promotionClosesAt: '2026-12-08T17:00:00+07:00',
  judgingOpensAt: '2026-12-09T07:00:00+07:00',
  judgingClosesAt: '2026-12-20T17:00:00+07:00',
};
const contest = {
  title: 'Cuộc thi thiết kế áp phích, mô hình và video clip "Tỉnh táo trên không gian mạng" năm học 2026-2027',
  kinds: [DEFAULT_KIND_RULES.poster, DEFAULT_KIND_RULES.video],
  levels: ['THCS', 'THPT'],
  themes: ['Nhận diện lừa đảo trực tuyến', 'Bảo vệ dữ liệu cá nhân'],
  rules: 'Mỗi học sinh hoặc nhóm gửi một bài.\nBài không ghi tên, trường, lớp trên tác phẩm.',
  entryMode: 'team',
  maxTeamSize: 3,
  rounds: [schoolRound, areaRound, provinceRound],
  peoplesChoice: { stage: 'province', opensAt: '2026-12-09T07:00:00+07:00', closesAt: '2026-12-19T17:00:00+07:00' },
};
const entry = {
  kind: 'poster',
  theme: 'Nhận diện lừa đảo trực tuyến',
  title: 'Dừng lại – kiểm tra – rồi mới chia sẻ',
  description: 'Áp phích ba bước: dừng lại, kiểm tra nguồn, hỏi người lớn.',
  technique: 'Vẽ tay trên giấy A3, màu nước, chữ thư pháp.',
  memberIds: [id(1), id(2)],
  fileIds: [id(10)],
};
const score = {
  stage: 'school',
  criteria: DEFAULT_RUBRIC.criteria.map((c) => ({ criterionId: c.id, score: 7.5, comment: 'Ý tưởng rõ ràng' })),
  comment: 'Bài tốt, cần chữ to hơn.',
};

/** The messages (catalogue keys) and paths of a refused value. */
function issuesOf(schema: z.ZodType, value: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const withRound = (i: number, patch: Record<string, unknown>) => ({ ...contest, rounds: contest.rounds.map((r, k) => (k === i ? { ...r, ...patch } : r)) });

/** One input for each rule the submission schemas add, with the key and the path it must be refused with. */
const RULES: [string, z.ZodType, unknown, string, string][] = [
  [
    'a kind twice',
    SubmissionContestBody,
    { ...contest, kinds: [DEFAULT_KIND_RULES.poster, DEFAULT_KIND_RULES.poster] },
    'kinds.1.kind',
    'submission.kindTwice',
  ],
  ['a level twice', SubmissionContestBody, { ...contest, levels: ['THCS', 'THCS'] }, 'levels.1', 'submission.levelTwice'],
  ['a theme twice, whatever its case', SubmissionContestBody, { ...contest, themes: ['Tin giả', 'TIN GIẢ'] }, 'themes.1', 'submission.themeTwice'],
  ['a team contest without a team size', SubmissionContestBody, { ...contest, maxTeamSize: undefined }, 'maxTeamSize', 'submission.teamSizeNeeded'],
  ['an individual contest with a team size', SubmissionContestBody, { ...contest, entryMode: 'individual' }, 'maxTeamSize', 'submission.teamSizeForTeams'],
  ['rounds out of order', SubmissionContestBody, { ...contest, rounds: [provinceRound, schoolRound] }, 'rounds', 'submission.roundOrder'],
  ['no school round', SubmissionContestBody, { ...contest, rounds: [areaRound, provinceRound] }, 'rounds', 'submission.roundOrder'],
  [
    'a school round without its window',
    SubmissionContestBody,
    withRound(0, { submissionOpensAt: undefined }),
    'rounds.0.submissionOpensAt',
    'submission.submissionWindowNeeded',
  ],
  [
    'a later round without its promotion window',
    SubmissionContestBody,
    withRound(2, { promotionClosesAt: undefined }),
    'rounds.2.promotionClosesAt',
    'submission.promotionWindowNeeded',
  ],
  [
    'a later round taking submissions',
    SubmissionContestBody,
    withRound(1, { submissionOpensAt: '2026-11-26T07:00:00+07:00' }),
    'rounds.1.submissionOpensAt',
    'submission.windowNotForStage',
  ],
  [
    'a submission window closing before it opens',
    SubmissionContestBody,
    withRound(0, { submissionClosesAt: '2026-10-01T07:00:00+07:00' }),
    'rounds.0.submissionClosesAt',
    'when.afterOpening',
  ],
  [
    'judging before the submissions close',
    SubmissionContestBody,
    withRound(0, { judgingOpensAt: '2026-11-15T16:59:00+07:00' }),
    'rounds.0.judgingOpensAt',
    'submission.judgingAfterIntake',
  ],
  [
    'judging closing before it opens',
    SubmissionContestBody,
    withRound(0, { judgingClosesAt: '2026-11-16T06:00:00+07:00' }),
    'rounds.0.judgingClosesAt',
    'when.afterOpening',
  ],
  [
    'a round starting before the previous is judged',
    SubmissionContestBody,
    withRound(1, { promotionOpensAt: '2026-11-25T16:00:00+07:00' }),
    'rounds.1.promotionOpensAt',
    'submission.afterPreviousRound',
  ],
  ['a round without its top K', SubmissionContestBody, withRound(0, { advance: undefined }), 'rounds.0.advance', 'submission.advanceNeeded'],
  ['a last round with a top K', SubmissionContestBody, withRound(2, { advance: { per: 'area', top: 1 } }), 'rounds.2.advance', 'submission.noAdvanceAfterLast'],
  [
    'a vote on a round the contest lacks',
    SubmissionContestBody,
    {
      ...contest,
      rounds: [schoolRound, { ...provinceRound, promotionOpensAt: '2026-11-26T07:00:00+07:00' }],
      peoplesChoice: { ...contest.peoplesChoice, stage: 'area' },
    },
    'peoplesChoice.stage',
    'submission.voteStage',
  ],
  [
    'a vote closing before it opens',
    SubmissionContestBody,
    { ...contest, peoplesChoice: { ...contest.peoplesChoice, closesAt: '2026-12-01T00:00:00Z' } },
    'peoplesChoice.closesAt',
    'when.afterOpening',
  ],
  [
    'a video type for a poster',
    KindRuleSchema,
    { ...DEFAULT_KIND_RULES.poster, mediaTypes: ['image/png', 'video/mp4'] },
    'mediaTypes.1',
    'submission.mediaTypeForKind',
  ],
  ['a file type twice', KindRuleSchema, { ...DEFAULT_KIND_RULES.video, mediaTypes: ['video/mp4', 'video/mp4'] }, 'mediaTypes.1', 'submission.mediaTypeTwice'],
  ['a criterion twice', RubricBody, { criteria: [DEFAULT_RUBRIC.criteria[0], DEFAULT_RUBRIC.criteria[0]] }, 'criteria.1.id', 'submission.criterionTwice'],
  ['a criterion id with capitals', RubricBody, { criteria: [{ ...DEFAULT_RUBRIC.criteria[1], id: 'Sáng_tạo' }] }, 'criteria.0.id', 'submission.criterionId'],
  [
    'a band beyond the scale',
    RubricBody,
    { criteria: [{ ...DEFAULT_RUBRIC.criteria[1], descriptors: [{ label: 'Tốt', from: 8, to: 12, text: 'Rất mới' }] }] },
    'criteria.0.descriptors.0',
    'submission.descriptorRange',
  ],
  [
    'overlapping bands',
    RubricBody,
    {
      criteria: [
        {
          ...DEFAULT_RUBRIC.criteria[1],
          descriptors: [
            { label: 'Tốt', from: 7, to: 10, text: 'Rất mới' },
            { label: 'Khá', from: 5, to: 7, text: 'Có ý mới' },
          ],
        },
      ],
    },
    'criteria.0.descriptors.0',
    'submission.descriptorOverlap',
  ],
  ['a team member twice', SubmissionEntryBody, { ...entry, memberIds: [id(1), id(1)] }, 'memberIds.1', 'submission.memberTwice'],
  ['a file twice', SubmissionEntryBody, { ...entry, fileIds: [id(10), id(10)] }, 'fileIds.1', 'submission.fileTwice'],
  ['a judge twice', RoundJudgesBody, { judgeIds: [id(1), id(2), id(1)] }, 'judgeIds.2', 'submission.judgeTwice'],
  [
    'a criterion scored twice',
    JudgeScoreBody,
    { ...score, criteria: [score.criteria[0], score.criteria[0]] },
    'criteria.1.criterionId',
    'submission.criterionTwice',
  ],
  ['a score between quarters', JudgeScoreBody, { ...score, criteria: [{ criterionId: 'message', score: 7.3 }] }, 'criteria.0.score', 'review.quarterSteps'],
  ['another reason, unsaid', ConflictBody, { stage: 'school', reason: 'other' }, 'note', 'submission.conflictNoteNeeded'],
];

describe('the submission contest schemas', () => {
  it('take a whole contest of three rounds, and one of two, filling the defaults', () => {
    const parsed = SubmissionContestBody.parse(contest);
    expect(parsed.rounds.map((r) => [r.stage, r.judgesPerEntry])).toEqual([
      ['school', 3],
      ['area', 3],
      ['province', 3],
    ]);
    const two = SubmissionContestBody.parse({
      ...contest,
      entryMode: 'individual',
      maxTeamSize: undefined,
      themes: undefined,
      rules: undefined,
      rounds: [schoolRound, provinceRound],
    });
    expect(two).toMatchObject({ themes: [], rules: '', entryMode: 'individual' });
    expect(two.maxTeamSize).toBeUndefined();
  });

  it('take the default kinds and rubric as an organiser starts from them', () => {
    for (const rule of Object.values(DEFAULT_KIND_RULES)) expect(KindRuleSchema.safeParse(rule).success).toBe(true);
    expect(RubricBody.parse(DEFAULT_RUBRIC)).toEqual(DEFAULT_RUBRIC);
  });

  it.each(RULES)('refuse %s, with its catalogue key at its field', (_name, schema, value, path, message) => {
    expect(issuesOf(schema, value)).toContainEqual({ path, message });
  });

  it('take an entry, a score, a conflict, a vote, a confirmation, as sent', () => {
    expect(SubmissionEntryBody.parse(entry)).toEqual(entry);
    expect(SubmissionEntryBody.parse({ ...entry, memberIds: undefined, theme: undefined }).memberIds).toEqual([]);
    expect(JudgeScoreBody.parse(score).criteria).toHaveLength(4);
    expect(ConflictBody.parse({ stage: 'area', reason: 'taught_author' })).toEqual({ stage: 'area', reason: 'taught_author', note: '' });
    expect(VoteBody.safeParse({ entryId: id(3) }).success).toBe(true);
    expect(VoteBody.safeParse({ entryId: 'bài-3' }).success).toBe(false);
    expect(ConfirmEntryBody.safeParse({ consentOnFile: 'có' }).success).toBe(false);
    expect(AddJudgeBody.parse({})).toEqual({});
    expect(RoundJudgesBody.safeParse({ judgeIds: [id(1), id(2)] }).success).toBe(false);
  });

  it('refuse a file larger than 2 GiB, a judge panel under three, and a top K of zero', () => {
    expect(issuesOf(KindRuleSchema, { ...DEFAULT_KIND_RULES.video, maxBytes: 2048 * 1024 * 1024 + 1 })[0].path).toBe('maxBytes');
    expect(issuesOf(SubmissionContestBody, withRound(0, { judgesPerEntry: 2 }))[0].path).toBe('rounds.0.judgesPerEntry');
    expect(issuesOf(SubmissionContestBody, withRound(0, { advance: { per: 'school', top: 0 } }))[0].path).toBe('rounds.0.advance.top');
  });
});

describe('free text in the submission schemas', () => {
  /** Every free-text field: the body, a way to put a text in it, and its limit. */
  const FIELDS: [string, z.ZodType, (text: string) => unknown, number][] = [
    ['contest title', SubmissionContestBody, (t) => ({ ...contest, title: t }), 200],
    ['theme', SubmissionContestBody, (t) => ({ ...contest, themes: [t] }), 120],
    ['rules', SubmissionContestBody, (t) => ({ ...contest, rules: t }), 20_000],
    ['criterion name', RubricBody, (t) => ({ criteria: [{ ...DEFAULT_RUBRIC.criteria[1], name: t }] }), 80],
    ['band label', RubricBody, (t) => ({ criteria: [{ ...DEFAULT_RUBRIC.criteria[1], descriptors: [{ label: t, from: 0, to: 10, text: 'Mô tả' }] }] }), 40],
    ['band text', RubricBody, (t) => ({ criteria: [{ ...DEFAULT_RUBRIC.criteria[1], descriptors: [{ label: 'Tốt', from: 0, to: 10, text: t }] }] }), 500],
    ['entry title', SubmissionEntryBody, (t) => ({ ...entry, title: t }), 200],
    ['entry theme', SubmissionEntryBody, (t) => ({ ...entry, theme: t }), 120],
    ['description', SubmissionEntryBody, (t) => ({ ...entry, description: t }), 3000],
    ['technique', SubmissionEntryBody, (t) => ({ ...entry, technique: t }), 2000],
    ['return reason', ReturnEntryBody, (t) => ({ reason: t }), 1000],
    ['score comment', JudgeScoreBody, (t) => ({ ...score, comment: t }), 2000],
    ['criterion comment', JudgeScoreBody, (t) => ({ ...score, criteria: [{ criterionId: 'message', score: 5, comment: t }] }), 1000],
    ['conflict note', ConflictBody, (t) => ({ stage: 'school', reason: 'other', note: t }), 500],
  ];

  it.each(FIELDS)('%s refuses U+0000, other controls, lone surrogates and text over its limit', (_name, schema, put, limit) => {
    for (const bad of ['Tên\u0000', 'a\u0007b', '\u001B[31m', 'x\uD800', '\uDC00y', 'cuối\uFFFF']) {
      const messages = issuesOf(schema, put(bad)).map((i) => i.message);
      expect({ bad, refused: messages.some((m) => m === 'text.forbiddenCharacters' || m === 'text.loneSurrogate') }).toEqual({ bad, refused: true });
    }
    expect(issuesOf(schema, put('ạ'.repeat(limit + 1))).length).toBeGreaterThan(0);
    expect(issuesOf(schema, put('x'.repeat(100_000))).length).toBeGreaterThan(0);
  });

  it.each(FIELDS)('%s keeps Vietnamese text byte for byte (precomposed and combining marks alike)', (_name, schema, put) => {
    // "Tỉnh táo" precomposed (NFC) and with combining marks (NFD): neither is normalised into the other.
    for (const text of ['Tỉnh táo trước tin giả 👀', 'Tỉnh táo'.normalize('NFD'), 'Đừng chia sẻ mã OTP']) {
      const parsed = schema.parse(put(text));
      expect(JSON.stringify(parsed)).toContain(JSON.stringify(text).slice(1, -1));
    }
  });

  it('refuses a line break in one-line text (titles, themes, labels) and keeps it in paragraphs', () => {
    expect(issuesOf(SubmissionEntryBody, { ...entry, title: 'Dòng một\nDòng hai' })[0].message).toBe('text.forbiddenCharacters');
    expect(SubmissionEntryBody.parse({ ...entry, description: 'Dòng một\r\nDòng hai' }).description).toBe('Dòng một\r\nDòng hai');
  });

  it('trims the spaces around a title', () => {
    expect(SubmissionEntryBody.parse({ ...entry, title: '  Áp phích  ' }).title).toBe('Áp phích');
  });
});

addValidationMessages(SUBMISSION_VALIDATION_MESSAGES);

describe('the submission catalogue', () => {
  /** A letter only Vietnamese writes, and English words no Vietnamese message of ours holds (as `platform/validation.spec.ts`). */
  const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
  const ENGLISH_WORD =
    /\b(the|must|needs?|expected|invalid|input|too|small|big|least|most|characters?|items?|required|received|string|number|array|object|option|genuine|letters?|digits?|and|or|is|are|of|be|listed|twice|after|before|should|format)\b/i;

  it('words every key in Vietnamese (no English in it) and in English', () => {
    for (const [key, text] of Object.entries(SUBMISSION_VALIDATION_MESSAGES)) {
      expect({ key, vietnamese: VIETNAMESE_LETTER.test(text.vi) && !ENGLISH_WORD.test(text.vi) }).toEqual({ key, vietnamese: true });
      expect(text.en.length).toBeGreaterThan(0);
    }
  });

  it('knows every key the schemas and `weightedTotal` give, and each of its keys is given by some rule', () => {
    const given = new Set(RULES.map((rule) => rule[4]));
    // Given by the server, which alone knows the stored windows: moving one that has already closed.
    const GIVEN_BY_THE_SERVER = ['submission.windowClosed'];
    for (const key of GIVEN_BY_THE_SERVER) given.add(key);
    const total = weightedTotal({ criteria: [{ id: 'a', weight: 1, maxScore: 10 }] }, [
      { criterionId: 'a', score: 11 },
      { criterionId: 'a', score: 1 },
      { criterionId: 'b', score: 1 },
    ]);
    if (!total.ok) for (const issue of total.issues) given.add(issue.code);
    const missing = weightedTotal({ criteria: [{ id: 'a', weight: 1, maxScore: 10 }] }, []);
    if (!missing.ok) for (const issue of missing.issues) given.add(issue.code);
    expect([...given].filter((key) => !(key in validationCatalogue()))).toEqual([]);
    expect(Object.keys(SUBMISSION_VALIDATION_MESSAGES).filter((key) => !given.has(key))).toEqual([]);
  });
});

describe(fileFitsKind.name, () => {
  const pngOnly = { mediaTypes: ['image/png' as const], maxBytes: 1000 };
  it('takes a picture stored re-encoded as JPEG into a kind that takes PNG pictures', () => {
    expect(fileFitsKind({ mediaType: 'image/jpeg', bytes: 1000 }, pngOnly)).toBe(true);
  });
  it('refuses a file larger than the kind takes, by one byte', () => {
    expect(fileFitsKind({ mediaType: 'image/jpeg', bytes: 1001 }, pngOnly)).toBe(false);
  });
  it('takes a clip only of a type the kind names', () => {
    const mp4 = { mediaTypes: ['video/mp4' as const], maxBytes: 1000 };
    expect(fileFitsKind({ mediaType: 'video/mp4', bytes: 10 }, mp4)).toBe(true);
    expect(fileFitsKind({ mediaType: 'video/webm', bytes: 10 }, mp4)).toBe(false);
    expect(fileFitsKind({ mediaType: 'image/jpeg', bytes: 10 }, mp4)).toBe(false);
    expect(fileFitsKind({ mediaType: 'video/mp4', bytes: 10 }, pngOnly)).toBe(false);
  });
});
