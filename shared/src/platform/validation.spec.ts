import { z } from 'zod';

import { CTF_VALIDATION_MESSAGES } from '../ctf/messages.js';
import * as shared from '../index.js';
import { SUBMISSION_VALIDATION_MESSAGES } from '../submissions/messages.js';
import {
  addValidationMessages,
  issueCode,
  isValidationCode,
  validate,
  validationCatalogue,
  validationErrorMap,
  type ValidationIssue,
  validationMessage,
} from './validation.js';

// The whole catalogue, as the server has it: the features that keep their messages apart added.
addValidationMessages({ ...SUBMISSION_VALIDATION_MESSAGES, ...CTF_VALIDATION_MESSAGES });
const VALIDATION_MESSAGES = validationCatalogue();

/** A letter only Vietnamese writes: every Vietnamese sentence of ours has one. */
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
/** Words of zod's and our own English messages that no Vietnamese message of ours contains. */
const ENGLISH_WORD =
  /\b(the|must|needs?|expected|invalid|input|too|small|big|least|most|characters?|items?|required|received|string|number|array|object|option|genuine|letters?|digits?|and|or|is|are|of|be|listed|twice|after|before|should|format)\b/i;

const UNASKED = '(the parse map)';
const englishIn = (text: string) => !VIETNAMESE_LETTER.test(text) || ENGLISH_WORD.test(text);

/** Values that break some rule of almost any field: missing, wrong type, empty, huge, negative, hostile text. */
const BAD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'x'.repeat(6000),
  'a\u0000b\u0007',
  'not-an-id',
  '2026-2028',
  'https://',
  -1,
  0,
  1.3,
  1e12,
  true,
  [],
  [''],
  Array.from({ length: 600 }, (_, i) => i),
  {},
  { unknown: 1 },
];

type AnySchema = z.ZodType & { shape?: Record<string, z.ZodType> };

/** Invalid inputs for a schema: the bad values alone, and for an object each field in turn set to each (two levels deep). */
function invalidInputs(schema: AnySchema, depth = 2): unknown[] {
  const inputs: unknown[] = [...BAD_VALUES];
  const shape = schema.shape ?? (schema instanceof z.ZodObject ? schema.shape : undefined);
  if (shape && depth > 0) {
    for (const [key, field] of Object.entries(shape)) {
      const unwrapped = field as AnySchema;
      for (const value of depth > 1 ? invalidInputs(unwrapped, depth - 1) : BAD_VALUES) inputs.push({ [key]: value });
    }
  }
  return inputs;
}

const id = (n: number) => `${String(n).padStart(8, '0')}-5b7d-4c2e-9a8f-1b2c3d4e5f60`;
const item = { prompt: 'Câu hỏi?', feedback: 'Vì sao.' };
const sms = { channel: 'sms', sender: 'NH-HUNGPHAT' };
const measures = shared.DiagnosticTagSchema.options[0];
const formItems = (ids: number[], genuine: boolean) => ids.map((n) => ({ itemId: id(n), measures, genuine }));
const lesson = {
  title: 'Bài học',
  kind: 'SAFETY',
  level: 'THCS',
  gradeMin: 10,
  gradeMax: 6,
  durationMinutes: 45,
  objectives: ['Biết'],
  body: [{ type: 'image', url: 'javascript:alert(1)', alt: 'Ảnh' }],
  items: [{ kind: 'single_choice', ...item, options: ['A', 'B'], answer: [0] }],
};

/** The inputs that reach the shared schemas' own rules, which only run once the plain fields are right. */
const RULE_INPUTS: [z.ZodType, unknown][] = [
  [shared.SchoolYearSchema, '2026-2028'],
  [shared.SchoolYearSchema, '26-27'],
  [shared.IdSchema, 'nope'],
  [shared.HelperTrendsQuery, { from: '2026-12-01', to: '2026-11-01' }],
  [shared.HelperTrendsQuery, { from: '2024-01-01', to: '2026-11-01' }],
  [
    shared.TrainingProgramBody,
    { year: '2026-2027', lessons: [{ lessonId: '00000000-0000-4000-8000-000000000001' }, { lessonId: '00000000-0000-4000-8000-000000000001' }] },
  ],
  [shared.TrainingAssignBody, { lessonId: '00000000-0000-4000-8000-000000000001', opensAt: '2026-12-01T08:00:00+07:00', dueAt: '2026-12-08T08:00:00+07:00' }],
  [shared.NewPasswordSchema, 'abc'],
  [shared.NewPasswordSchema, '12345678'],
  [shared.NewPasswordSchema, 'abcdefgh'],
  [shared.PinSchema, '12ab'],
  [
    shared.CreateDiagnosticBody,
    {
      title: 'Khảo sát',
      schoolYear: '2026-2027',
      level: 'THCS',
      kind: 'MEDIA_LITERACY',
      forms: { A: formItems([1, 2, 3, 4], true), B: formItems([1, 5, 6, 7, 8], false) },
    },
  ],
  [shared.GradableItemSchema, { kind: 'single_choice', ...item, options: ['A', 'a'], answer: [] }],
  [shared.GradableItemSchema, { kind: 'multi_choice', ...item, options: ['A', 'B'], answer: [] }],
  [shared.GradableItemSchema, { kind: 'multi_choice', ...item, options: ['A', 'B'], answer: [1, 1, 5] }],
  [shared.GradableItemSchema, { kind: 'ordering', ...item, options: ['A', 'B', 'C'], answer: [0] }],
  [shared.GradableItemSchema, { kind: 'red_flags', ...item, message: sms, options: ['a', 'b'], answer: { marked: [] } }],
  [shared.GradableItemSchema, { kind: 'red_flags', ...item, message: sms, options: ['a', 'b'], answer: { marked: [0, 1] } }],
  [
    shared.GradableItemSchema,
    { kind: 'claim_check', ...item, claim: { format: 'post', source: 'A', text: 'B' }, options: ['c'], answer: { verdict: 'false', evidence: [] } },
  ],
  [shared.LessonBody, lesson],
  [shared.CreateContestBody, { title: 'Cuộc thi', mode: 'scheduled', scope: { type: 'school', id: id(1) }, itemIds: [id(2), id(2)], secondsPerQuestion: 20 }],
  [shared.CreateAssignmentBody, { lessonId: id(1), classIds: [id(2)], opensAt: '2026-10-02T00:00:00Z', dueAt: '2026-10-01T00:00:00Z' }],
  [shared.CreateAssignmentBody, { lessonId: id(1), classIds: [id(2)], opensAt: 'mai', dueAt: '2026-10-01T00:00:00Z' }],
  [shared.AuditQuery, { action: 'User.Created', entity: 'User-1' }],
];

function messagesOf(schema: z.ZodType, input: unknown): ValidationIssue[] {
  const result = validate(schema, input, 'vi');
  return result.success ? [] : result.issues;
}

describe('the validation catalogue', () => {
  it('has Vietnamese and English for every code, and the Vietnamese is not English', () => {
    const wrong = Object.entries(VALIDATION_MESSAGES).filter(
      ([, text]) => !text.vi || !text.en || text.vi === text.en || englishIn(text.vi.replace(/\{\w+\}/g, '')),
    );
    expect(wrong.map(([code]) => code)).toEqual([]);
  });

  it('fills parameters, and says the same in both languages from one map', () => {
    expect(validationMessage('too_big.string', { maximum: 120 }, 'vi')).toBe('Tối đa 120 ký tự');
    expect(validationMessage('too_big.string', { maximum: 120 }, 'en')).toBe('At most 120 characters');
    const result = z
      .string()
      .max(3)
      .safeParse('abcdef', { error: validationErrorMap('vi') });
    expect(result.error?.issues[0]?.message).toBe('Tối đa 3 ký tự');
  });

  it("gives every issue a stable code: the schema's own key, or zod's refined by origin", () => {
    const result = validate(z.object({ title: z.string().min(3), year: shared.SchoolYearSchema, n: z.number().int() }), { title: 'ab', year: '2026' }, 'en');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'title', code: 'too_small.string', params: { minimum: 3 } },
      { field: 'year', code: 'schoolYear.format', params: {} },
      { field: 'year', code: 'schoolYear.consecutive', params: {} },
      { field: 'n', code: 'required', params: {} },
    ]);
    expect(issueCode({ code: 'custom', message: 'lesson.gradeBand', params: { level: 'THCS', from: 6, to: 9 } })).toEqual({
      code: 'lesson.gradeBand',
      params: { level: 'THCS', from: 6, to: 9 },
    });
  });

  it('shows no English to a Vietnamese reader, whatever is wrong with whatever shared schema', () => {
    const schemas = (Object.entries(shared) as [string, unknown][]).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);
    expect(schemas.length).toBeGreaterThan(40);
    const english = new Set<string>();
    let seen = 0;
    const inputs: [string, z.ZodType, unknown][] = [
      ...schemas.flatMap(([name, schema]) => invalidInputs(schema as AnySchema).map((input): [string, z.ZodType, unknown] => [name, schema, input])),
      ...RULE_INPUTS.map(([schema, input]): [string, z.ZodType, unknown] => ['(rule)', schema, input]),
    ];
    const unnamed = new Set<string>();
    for (const [name, schema, input] of inputs) {
      for (const issue of messagesOf(schema, input)) {
        seen++;
        if (englishIn(issue.message)) english.add(`${name} ${issue.field}: ${issue.message} (${issue.code})`);
      }
      // A message the schema wrote itself (the parse's map was not asked) must be a catalogue key, not text.
      const raw = schema.safeParse(input, { error: () => UNASKED });
      for (const issue of raw.error?.issues ?? []) if (issue.message !== UNASKED && !isValidationCode(issue.message)) unnamed.add(`${name}: ${issue.message}`);
    }
    expect(seen).toBeGreaterThan(1000);
    expect([...english]).toEqual([]);
    expect([...unnamed]).toEqual([]);
  });

  it('reaches every rule the shared schemas add', () => {
    const codes = new Set(RULE_INPUTS.flatMap(([schema, input]) => messagesOf(schema, input).map((issue) => issue.code)));
    const ownRules = Object.keys(VALIDATION_MESSAGES).filter((code) => code.includes('.') && !/^(invalid_type|too_small|too_big|invalid_format)\./.test(code));
    // Reached by the walk above, or by schemas whose other rules need a longer valid input than this list holds.
    // The server's own checks against stored data, which no schema here can reach, are named in its e2e tests.
    const onTheServer = [
      'password.wrong',
      'taken.username',
      'taken.ministryCode',
      'taken.areaName',
      'taken.className',
      'school.unknownArea',
      'school.levelMisfit',
      'import.missingColumn',
      'curriculum.lessonMisfit',
      'class.notStudents',
      'class.gradeNotInLevel',
      'class.notTeachers',
      'upload.oneFile',
      'diagnostic.autoGradedOnly',
      'diagnostic.verdictGenuine',
      'diagnostic.classesNeeded',
      'diagnostic.noClass',
      'contest.oneTapKinds',
      // A list import's rejected lines (test/e2e/helper).
      'helper.entryFormat',
      'helper.entryDuplicate',
      'training.notStaffLesson',
    ];
    const elsewhere = [
      ...onTheServer,
      'text.forbiddenCharacters',
      'text.loneSurrogate',
      'lesson.slug',
      'curriculum.lessonTwice',
      'school.ministryCode',
      'user.username',
      'user.schoolRole',
      'attempt.responseRequired',
      'review.quarterSteps',
      // The submission contests' rules are reached one by one in `submissions/schemas.spec.ts`.
      ...ownRules.filter((code) => code.startsWith('submission.')),
      // The CTF contests' rules likewise, in `ctf/schemas.spec.ts`.
      ...ownRules.filter((code) => code.startsWith('ctf.')),
    ];
    expect(ownRules.filter((code) => !codes.has(code as never) && !elsewhere.includes(code))).toEqual([]);
  });
});
