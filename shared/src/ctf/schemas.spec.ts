import type { z } from 'zod';

import { addValidationMessages, validate } from '../platform/validation.js';
import { CTF_VALIDATION_MESSAGES } from './messages.js';

addValidationMessages(CTF_VALIDATION_MESSAGES);
import { RANGE_APP_SLUG } from './range-token.js';
import {
  CTF_RANGE_APP_SLUG,
  CtfChallengeBody,
  CtfContestBody,
  CtfLibraryIndexSchema,
  FlagSubmitBody,
  JoinTeamBody,
  LibraryChallengeSchema,
  RangeAppSlugSchema,
  SecureCodeAnswerBody,
  type SecureCodeTask,
  SecureCodeTaskSchema,
} from './schemas.js';
import { attemptsLeft, gradeSecureCode, studentTask } from './tasks.js';

const id = (n: number) => `${String(n).padStart(8, '0')}-5b7d-4c2e-9a8f-1b2c3d4e5f60`;

/** The codes a value is refused with ([] when it passes). */
function codes(schema: z.ZodType, value: unknown): string[] {
  const result = validate(schema, value, 'vi');
  return result.success ? [] : result.issues.map((i) => `${i.field}:${i.code}`);
}

const SQL = [
  'import sqlite3',
  '',
  'def dang_nhap(ten, mat_khau):',
  '    sql = "SELECT * FROM hs WHERE ten = \'" + ten + "\'"',
  '    return db.execute(sql)',
].join('\n');
const common = {
  title: 'Dòng nào cho kẻ tấn công vào?',
  statement: 'Đọc đoạn mã và chọn dòng nguy hiểm.',
  level: 'THCS',
  topic: 'injection',
  writeup: 'Dòng 4 ghép chuỗi vào câu lệnh SQL.',
};
const findLine = { kind: 'find_line', language: 'python', code: SQL, answer: { lines: [4] }, explanation: 'Ghép chuỗi.' };
const challenge = (task: object, extra: object = {}) => ({ type: 'secure_code', ...common, task, ...extra });
const flagChallenge = (flag: object, extra: object = {}) => ({ type: 'flag', ...common, topic: 'recon', flag, ...extra });

describe('CtfChallengeBody', () => {
  it('takes a find_line task and fills the defaults', () => {
    const result = validate(CtfChallengeBody, challenge(findLine));
    expect(result.success && result.data).toMatchObject({ points: 100, hints: [], tags: [], maxAttempts: 2, task: { code: SQL } });
  });

  it('keeps code as written (indentation, blank lines) but makes CRLF into LF', () => {
    const crlf = `\n${SQL}`.replace(/\n/g, '\r\n');
    const result = validate(CtfChallengeBody, challenge({ ...findLine, code: crlf, answer: { lines: [5] } }));
    expect(result.success && result.data.type === 'secure_code' && result.data.task.code).toBe(`\n${SQL}`);
  });

  it('refuses a line outside the code, a blank line, a line twice', () => {
    expect(codes(CtfChallengeBody, challenge({ ...findLine, answer: { lines: [6] } }))).toEqual(['task.answer.lines.0:ctf.lineOutOfRange']);
    expect(codes(CtfChallengeBody, challenge({ ...findLine, answer: { lines: [2] } }))).toEqual(['task.answer.lines.0:ctf.blankLine']);
    expect(codes(CtfChallengeBody, challenge({ ...findLine, answer: { lines: [4, 4] } }))).toEqual(['task.answer.lines.1:ctf.lineTwice']);
  });

  it('refuses blank and over-long code', () => {
    expect(codes(CtfChallengeBody, challenge({ ...findLine, code: ' \n\t\n' }))).toContain('task.code:ctf.codeEmpty');
    expect(codes(CtfChallengeBody, challenge({ ...findLine, code: 'x\n'.repeat(121) }))).toContain('task.code:ctf.codeTooLong');
  });

  it('refuses a pick_fix answer outside the options and two equal options', () => {
    const pick = {
      kind: 'pick_fix',
      language: 'php',
      code: '<?php echo $_GET["q"];',
      options: ['echo htmlspecialchars($q);', 'echo $q;'],
      explanation: 'Vì sao.',
    };
    expect(codes(CtfChallengeBody, challenge({ ...pick, answer: { option: 2 } }))).toEqual(['task.answer.option:ctf.optionOutOfRange']);
    expect(codes(CtfChallengeBody, challenge({ ...pick, options: ['a', ' a '], answer: { option: 0 } }))).toEqual(['task.options.1:ctf.optionTwice']);
  });

  it('wants exactly one blank in a fill_safe task', () => {
    const fill = {
      kind: 'fill_safe',
      language: 'javascript',
      code: 'el.____ = ten;',
      options: ['textContent', 'innerHTML'],
      answer: { option: 0 },
      explanation: 'Vì sao.',
    };
    expect(codes(CtfChallengeBody, challenge(fill))).toEqual([]);
    expect(codes(CtfChallengeBody, challenge({ ...fill, code: 'el.innerHTML = ten;' }))).toEqual(['task.code:ctf.oneBlank']);
    expect(codes(CtfChallengeBody, challenge({ ...fill, code: 'a.____ = b.____;' }))).toEqual(['task.code:ctf.oneBlank']);
  });

  it('ties per-student flags and range apps together', () => {
    expect(codes(CtfChallengeBody, flagChallenge({ kind: 'per_student' }, { rangeApp: 'robots' }))).toEqual([]);
    expect(codes(CtfChallengeBody, flagChallenge({ kind: 'per_student' }))).toEqual(['rangeApp:ctf.perStudentNeedsRange']);
    expect(codes(CtfChallengeBody, flagChallenge({ kind: 'static', value: 'TT{x}' }, { rangeApp: 'robots' }))).toEqual(['flag.kind:ctf.rangeNeedsPerStudent']);
    expect(codes(CtfChallengeBody, flagChallenge({ kind: 'per_student' }, { rangeApp: '../admin' }))).toEqual(['rangeApp:ctf.rangeSlug']);
  });

  it('refuses flag patterns that could backtrack without end, each with its reason', () => {
    const pattern = (p: string) => codes(CtfChallengeBody, flagChallenge({ kind: 'pattern', pattern: p }));
    expect(pattern('TT\\{[a-z]{4,20}\\}')).toEqual([]);
    expect(pattern('(a+)+')).toEqual(['flag.pattern:ctf.patternNested']);
    expect(pattern('(a)\\1')).toEqual(['flag.pattern:ctf.patternBackreference']);
    expect(pattern('(?=a)a')).toEqual(['flag.pattern:ctf.patternLookaround']);
    expect(pattern('a{500}')).toEqual(['flag.pattern:ctf.patternRepeat']);
    expect(pattern('[')).toEqual(['flag.pattern:ctf.patternInvalid']);
    expect(pattern('a'.repeat(201))).toContain('flag.pattern:ctf.patternTooLong');
  });

  it('refuses a tag and a file twice, and hostile text in the title', () => {
    expect(codes(CtfChallengeBody, challenge(findLine, { tags: ['SQL', 'sql'] }))).toEqual(['tags.1:ctf.tagTwice']);
    expect(codes(CtfChallengeBody, flagChallenge({ kind: 'static', value: 'TT{x}' }, { fileIds: [id(1), id(1)] }))).toEqual(['fileIds.1:ctf.fileTwice']);
    expect(codes(CtfChallengeBody, challenge(findLine, { title: 'Tiêu đề\u0000' }))).toEqual(['title:text.forbiddenCharacters']);
    expect(codes(CtfChallengeBody, challenge(findLine, { title: 'Tiêu đề\uD800' }))).toEqual(['title:text.loneSurrogate']);
    expect(codes(CtfChallengeBody, challenge(findLine, { writeup: 'x'.repeat(10_001) }))).toEqual(['writeup:too_big.string']);
  });
});

describe('LibraryChallengeSchema', () => {
  it('names files by name and refuses paths', () => {
    const withFile = (name: string) => ({ slug: 'thu-gia-mao', ...flagChallenge({ kind: 'static', value: 'TT{x}' }), files: [{ name, title: 'Thư' }] });
    expect(codes(LibraryChallengeSchema, withFile('thu-gia-mao.eml'))).toEqual([]);
    expect(codes(LibraryChallengeSchema, withFile('../../etc/passwd'))).toEqual(['files.0.name:ctf.fileName']);
    expect(
      codes(LibraryChallengeSchema, {
        ...withFile('a.txt'),
        files: [
          { name: 'a.txt', title: 'A' },
          { name: 'a.txt', title: 'B' },
        ],
      }),
    ).toEqual(['files.1:ctf.fileTwice']);
    expect(codes(LibraryChallengeSchema, { ...withFile('a.txt'), slug: 'Thư-giả' })).toEqual(['slug:ctf.slug']);
  });

  it('refuses an index that lists a challenge twice', () => {
    expect(codes(CtfLibraryIndexSchema, { version: 1, challenges: ['a', 'b', 'a'] })).toEqual(['challenges.2:ctf.challengeTwice']);
  });
});

describe('RangeAppSlugSchema', () => {
  it("reads a range app's slug exactly as the range does", () => {
    expect(CTF_RANGE_APP_SLUG.source).toBe(RANGE_APP_SLUG.source);
    expect(CTF_RANGE_APP_SLUG.flags).toBe(RANGE_APP_SLUG.flags);
    for (const slug of ['sql-dang-nhap', 'robots', 'a', '-a', 'a-', 'A', 'a'.repeat(40), 'a'.repeat(41)])
      expect([slug, RangeAppSlugSchema.safeParse(slug).success]).toEqual([slug, RANGE_APP_SLUG.test(slug)]);
  });
});

describe('CtfContestBody', () => {
  const timed = {
    title: 'Thử thách ATTT cấp trường',
    mode: 'timed',
    scope: { type: 'school', id: id(1) },
    levels: ['THCS'],
    entry: 'team',
    startsAt: '2026-11-20T08:00:00+07:00',
    endsAt: '2026-11-20T10:00:00+07:00',
    freezeMinutes: 30,
    scoring: { type: 'dynamic' },
    challenges: [{ challengeId: id(2) }, { challengeId: id(3), points: 300 }],
  };

  it('takes a timed team contest and fills the defaults', () => {
    const result = validate(CtfContestBody, timed);
    expect(result.success && result.data).toMatchObject({
      scoring: { type: 'dynamic', minimumPercent: 20, decay: 20 },
      firstSolveBonus: 0,
      attemptLimit: { attempts: 10, windowSeconds: 60 },
      description: '',
    });
  });

  it('wants a window for a timed contest, and a freeze and a time limit that fit in it', () => {
    expect(codes(CtfContestBody, { ...timed, startsAt: undefined })).toEqual(['startsAt:ctf.windowNeeded']);
    expect(codes(CtfContestBody, { ...timed, endsAt: '2026-11-20T08:00:00+07:00' })).toEqual(['endsAt:when.afterOpening']);
    expect(codes(CtfContestBody, { ...timed, freezeMinutes: 120 })).toEqual(['freezeMinutes:ctf.freezeTooLong']);
    expect(codes(CtfContestBody, { ...timed, timeLimitMinutes: 121 })).toEqual(['timeLimitMinutes:ctf.timeLimitTooLong']);
    expect(codes(CtfContestBody, { ...timed, timeLimitMinutes: 60 })).toEqual([]);
  });

  it('keeps practice mode open all year: no window, freeze or time limit', () => {
    const practice = { ...timed, mode: 'practice', startsAt: undefined, endsAt: undefined, freezeMinutes: 0 };
    expect(codes(CtfContestBody, practice)).toEqual([]);
    expect(codes(CtfContestBody, { ...practice, endsAt: timed.endsAt, freezeMinutes: 10 })).toEqual([
      'endsAt:ctf.notInPractice',
      'freezeMinutes:ctf.notInPractice',
    ]);
  });

  it('caps teams at 4 and gives individual contests no team size', () => {
    expect(codes(CtfContestBody, { ...timed, maxTeamSize: 5 })).toEqual(['maxTeamSize:too_big.number']);
    expect(codes(CtfContestBody, { ...timed, entry: 'individual', maxTeamSize: 3 })).toEqual(['maxTeamSize:ctf.teamSizeForTeams']);
  });

  it('refuses a challenge or a level twice', () => {
    expect(codes(CtfContestBody, { ...timed, challenges: [{ challengeId: id(2) }, { challengeId: id(2) }] })).toEqual([
      'challenges.1.challengeId:ctf.challengeTwice',
    ]);
    expect(codes(CtfContestBody, { ...timed, levels: ['THCS', 'THCS'] })).toEqual(['levels.1:ctf.levelTwice']);
  });
});

describe('JoinTeamBody and FlagSubmitBody', () => {
  it('upper-cases a typed team code and refuses letters that are misread', () => {
    expect(validate(JoinTeamBody, { code: ' abcd2345 ' })).toEqual({ success: true, data: { code: 'ABCD2345' } });
    expect(codes(JoinTeamBody, { code: 'ABCD1O45' })).toEqual(['code:ctf.teamCode']);
  });

  it('trims a flag and refuses U+0000, a line break and 201 characters', () => {
    expect(validate(FlagSubmitBody, { flag: ' TT{mèo-Mướp} ' })).toEqual({ success: true, data: { flag: 'TT{mèo-Mướp}' } });
    expect(codes(FlagSubmitBody, { flag: 'TT{a}\u0000' })).toEqual(['flag:text.forbiddenCharacters']);
    expect(codes(FlagSubmitBody, { flag: 'TT{a\nb}' })).toEqual(['flag:text.forbiddenCharacters']);
    expect(codes(FlagSubmitBody, { flag: 'x'.repeat(201) })).toEqual(['flag:too_big.string']);
  });
});

describe('the catalogue', () => {
  it('words every ctf rule in both languages', () => {
    const ctf = Object.keys(CTF_VALIDATION_MESSAGES);
    expect(ctf.length).toBeGreaterThanOrEqual(25);
  });
});

describe(gradeSecureCode.name, () => {
  const task = SecureCodeTaskSchema.parse({ ...findLine, answer: { lines: [4, 5] } });
  const pick = SecureCodeTaskSchema.parse({
    kind: 'pick_fix',
    language: 'php',
    code: 'a',
    options: ['b', 'c', 'd'],
    answer: { option: 2 },
    explanation: 'Vì.',
  });

  it('takes any of the answer lines, and only the answer option', () => {
    expect(gradeSecureCode(task, SecureCodeAnswerBody.parse({ kind: 'find_line', line: 4 }))).toBe(true);
    expect(gradeSecureCode(task, { kind: 'find_line', line: 5 })).toBe(true);
    expect(gradeSecureCode(task, { kind: 'find_line', line: 3 })).toBe(false);
    expect(gradeSecureCode(pick, { kind: 'pick_fix', option: 2 })).toBe(true);
    expect(gradeSecureCode(pick, { kind: 'pick_fix', option: 1 })).toBe(false);
  });

  it('calls an answer of another kind wrong', () => {
    expect(gradeSecureCode(pick, { kind: 'fill_safe', option: 2 })).toBe(false);
    expect(gradeSecureCode(task, { kind: 'pick_fix', option: 0 })).toBe(false);
  });

  it('shows the student the task without the answer or the explanation, even if keys are added later', () => {
    const withExtra = { ...pick, secret: 'x' } as unknown as SecureCodeTask;
    expect(studentTask(withExtra)).toEqual({ kind: 'pick_fix', language: 'php', code: 'a', options: ['b', 'c', 'd'] });
    expect(studentTask(task)).toEqual({ kind: 'find_line', language: 'python', code: SQL });
  });

  it('counts attempts left, never below zero', () => {
    expect(attemptsLeft(2, 1)).toBe(1);
    expect(attemptsLeft(2, 3)).toBe(0);
  });
});
