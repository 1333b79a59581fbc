import { z } from 'zod';

import { type CurriculumLevel, CurriculumLevelSchema, IdSchema, line, text, trimmed, trimmedLine } from '../common.js';
import { type ContestScope, ContestScopeSchema } from '../contests/schemas.js';
import type { ValidationCode } from '../platform/validation.js';
import { MAX_FLAG_LENGTH, MAX_FLAG_PATTERN_LENGTH, type PatternProblem, patternProblem } from './flags.js';
import type { ScoreboardBy } from './scoring.js';

/**
 * Secure coding and web hacking contests (issue 20): a bank of challenges authored by the
 * Department (versioned, a version frozen once a contest uses it), contests in practice mode all
 * year or timed, individual or in teams of up to 4 of one school. Routes under `/api/ctf`:
 *
 * | call | body → answer |
 * | --- | --- |
 * | `POST /api/ctf/challenges` · `PUT …/challenges/:id` | `CtfChallengeBody` → `CtfChallengeDto` (a PUT on a frozen version makes the next version) |
 * | `GET /api/ctf/challenges?q=&type=&level=&topic=` · `GET …/challenges/:id` | `CtfChallengeListQuery` → `Page<CtfChallengeSummaryDto>` · `CtfChallengeDto` (staff: flag and answer included) |
 * | `DELETE /api/ctf/challenges/:id` | → 204 (archived; versions used by contests stay) |
 * | `POST …/challenges/:id/files` (multipart, field `file`) · `DELETE …/challenges/:id/files/:fileId` | → `CtfFileDto` · 204 |
 * | `GET /api/ctf/files/:fileId` | → the file, as an attachment |
 * | `POST /api/ctf/contests` · `PUT …/contests/:id` | `CtfContestBody` → `CtfContestDto` |
 * | `GET /api/ctf/contests` · `GET …/contests/:id` | → `CtfContestDto[]` · `CtfContestDto` |
 * | `GET …/contests/:id/challenges` | → `StudentChallengeDto[]` (never a flag or an answer key) |
 * | `POST …/contests/:id/teams` · `POST …/contests/:id/teams/join` · `POST …/contests/:id/teams/leave` | `CreateTeamBody` · `JoinTeamBody` · → `CtfTeamDto` · `CtfTeamDto` · 204 |
 * | `GET …/contests/:id/teams/mine` | → `CtfTeamDto` (404 without a team) |
 * | `POST …/contests/:id/challenges/:challengeId/flag` | `FlagSubmitBody` → `SubmitVerdictDto` (429 past the attempt limit) |
 * | `POST …/contests/:id/challenges/:challengeId/answer` | `SecureCodeAnswerBody` → `SubmitVerdictDto` |
 * | `POST …/contests/:id/challenges/:challengeId/hints/:index/unlock` | → `UnlockedHintDto` |
 * | `POST …/contests/:id/challenges/:challengeId/range` | → `RangeLinkDto` (a signed, expiring link to the range app) |
 * | `GET …/contests/:id/scoreboard?by=&limit=&offset=` | `ScoreboardQuery` → `ScoreboardDto` (frozen for all but the organiser) |
 * | `POST …/contests/:id/reveal` | → `ScoreboardDto` (the organiser, once, after the end) |
 * | `GET …/contests/:id/results?format=json|xlsx` | `CtfResultsQuery` → `CtfResultsDto` or an XLSX |
 * | `GET …/contests/:id/writeups` | → `WriteupDto[]` (after the end; in practice mode, of the solved challenges) |
 * | `GET …/contests/:id/flag-sharing` | → `FlagSharingDto[]` (the organiser: per-student flags submitted by someone else) |
 *
 * Every free text refuses U+0000, other controls and lone surrogates (`trimmed`, `trimmedLine`, `text`).
 * The rules these routes apply are pure functions beside this file: `scoring.ts`, `flags.ts`, `freeze.ts`, `tasks.ts`.
 */

const When = z.iso.datetime({ offset: true, error: 'when.format' });

/** The index of the first value seen before, or -1. */
function repeatAt<T>(values: readonly T[]): number {
  const seen = new Set<T>();
  for (const [i, v] of values.entries()) {
    if (seen.has(v)) return i;
    seen.add(v);
  }
  return -1;
}

// ── Tags ────────────────────────────────────────────────────────────────

/** What a challenge is about. The range's topics are among them. */
export const CtfTopicSchema = z.enum([
  'recon',
  'client-side',
  'access-control',
  'injection',
  'xss',
  'authentication',
  'business-logic',
  'cryptography',
  'http',
  'path-traversal',
  'secrets',
  'randomness',
  'forensics',
  'encoding',
]);
export type CtfTopic = z.infer<typeof CtfTopicSchema>;

export const CtfChallengeTypeSchema = z.enum(['secure_code', 'flag']);
export type CtfChallengeType = z.infer<typeof CtfChallengeTypeSchema>;

/** A challenge's stable name in the starter library: lower-case letters, digits, inner hyphens. */
export const CtfSlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, { error: 'ctf.slug' });
/**
 * A range app's slug: `RANGE_APP_SLUG` of `@tinhtao/shared/ctf`, written again here because that module
 * holds `node:crypto` and this one reaches the browser; a spec keeps the two equal.
 */
export const CTF_RANGE_APP_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
export const RangeAppSlugSchema = z.string().regex(CTF_RANGE_APP_SLUG, { error: 'ctf.rangeSlug' });

// ── Secure-coding tasks ─────────────────────────────────────────────────

export const CodeLanguageSchema = z.enum(['python', 'javascript', 'php']);
export type CodeLanguage = z.infer<typeof CodeLanguageSchema>;

/** What a `fill_safe` task's code holds where the student's choice goes. */
export const SECURE_CODE_BLANK = '____';
export const MAX_CODE_LINES = 120;
export const MAX_CODE_CHARS = 6000;

/** Lines of code, split the way the page numbers them (from 1). */
export function codeLines(code: string): string[] {
  return code.split('\n');
}

/**
 * Code as shown with line numbers: not trimmed (indentation and line numbers are the task), line
 * breaks made LF; not blank, at most 120 lines.
 */
const Code = text()
  .max(MAX_CODE_CHARS)
  .transform((v) => v.replace(/\r\n?/g, '\n'))
  .superRefine((v, ctx) => {
    if (v.trim().length === 0) ctx.addIssue({ code: 'custom', message: 'ctf.codeEmpty' });
    else if (codeLines(v).length > MAX_CODE_LINES) ctx.addIssue({ code: 'custom', message: 'ctf.codeTooLong', params: { maximum: MAX_CODE_LINES } });
  });

const Explanation = trimmed(1, 2000);

/**
 * One task in three kinds, each graded automatically (`gradeSecureCode` in `tasks.ts`):
 * `find_line` "which line lets an attacker in?" (any of `answer.lines`, numbered from 1, is right);
 * `pick_fix` "which version is safe?" (`options` are versions of the code);
 * `fill_safe` "fill the blank with the safe piece" (`code` holds `____` once, `options` are the pieces).
 */
export const SecureCodeTaskSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('find_line'),
    language: CodeLanguageSchema,
    code: Code,
    answer: z.object({ lines: z.array(z.number().int().min(1).max(MAX_CODE_LINES)).min(1).max(5) }),
    /** Shown after the answer: why that line. */
    explanation: Explanation,
  }),
  z.object({
    kind: z.literal('pick_fix'),
    language: CodeLanguageSchema,
    /** The vulnerable original, shown above the versions. */
    code: Code,
    options: z.array(Code).min(2).max(4),
    answer: z.object({ option: z.number().int().min(0).max(3) }),
    explanation: Explanation,
  }),
  z.object({
    kind: z.literal('fill_safe'),
    language: CodeLanguageSchema,
    code: Code,
    options: z.array(trimmedLine(1, 300)).min(2).max(6),
    answer: z.object({ option: z.number().int().min(0).max(5) }),
    explanation: Explanation,
  }),
]);
export type SecureCodeTask = z.infer<typeof SecureCodeTaskSchema>;
export type SecureCodeKind = SecureCodeTask['kind'];

type Problem = { path: (string | number)[]; message: ValidationCode; params?: Record<string, number | string> };

/** What keeps a task from being graded fairly; empty when it is gradable. */
export function secureCodeProblems(task: SecureCodeTask): Problem[] {
  const problems: Problem[] = [];
  const lines = codeLines(task.code);
  switch (task.kind) {
    case 'find_line': {
      const twice = repeatAt(task.answer.lines);
      if (twice >= 0) problems.push({ path: ['answer', 'lines', twice], message: 'ctf.lineTwice' });
      task.answer.lines.forEach((n, i) => {
        if (n > lines.length) problems.push({ path: ['answer', 'lines', i], message: 'ctf.lineOutOfRange', params: { last: lines.length } });
        else if (lines[n - 1].trim().length === 0) problems.push({ path: ['answer', 'lines', i], message: 'ctf.blankLine' });
      });
      break;
    }
    case 'pick_fix':
    case 'fill_safe': {
      const twice = repeatAt(task.options.map((o) => o.trim()));
      if (twice >= 0) problems.push({ path: ['options', twice], message: 'ctf.optionTwice' });
      if (task.answer.option >= task.options.length)
        problems.push({ path: ['answer', 'option'], message: 'ctf.optionOutOfRange', params: { last: task.options.length - 1 } });
      if (task.kind === 'fill_safe' && task.code.split(SECURE_CODE_BLANK).length !== 2) problems.push({ path: ['code'], message: 'ctf.oneBlank' });
      break;
    }
  }
  return problems;
}

// ── Flags ───────────────────────────────────────────────────────────────

const PATTERN_CODE = {
  too_long: 'ctf.patternTooLong',
  invalid: 'ctf.patternInvalid',
  nested_quantifier: 'ctf.patternNested',
  backreference: 'ctf.patternBackreference',
  lookaround: 'ctf.patternLookaround',
  repeat_too_large: 'ctf.patternRepeat',
} as const satisfies Record<PatternProblem, string>;

const FlagPattern = line()
  .max(MAX_FLAG_PATTERN_LENGTH)
  .superRefine((v, ctx) => {
    const problem = patternProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: PATTERN_CODE[problem] });
  });

/**
 * How a flag is checked (`flags.ts`): `static` trimmed and exact (case-insensitive when said),
 * `pattern` a safe regular expression over the whole submission, `per_student` the student's own
 * HMAC-derived flag (served by a range app).
 */
export const FlagRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), value: trimmedLine(1, MAX_FLAG_LENGTH), caseSensitive: z.boolean().default(true) }),
  z.object({ kind: z.literal('pattern'), pattern: FlagPattern, caseSensitive: z.boolean().default(true) }),
  z.object({ kind: z.literal('per_student') }),
]);
export type FlagRuleBody = z.infer<typeof FlagRuleSchema>;

// ── Challenges ──────────────────────────────────────────────────────────

export const CtfHintSchema = z.object({
  text: trimmed(1, 1000),
  /** Points taken off the entrant's total when unlocked; 0: free. */
  cost: z.number().int().min(0).max(1000).default(0),
});
export type CtfHint = z.infer<typeof CtfHintSchema>;

const challengeCommon = {
  title: trimmedLine(3, 120),
  /** What the student reads (Markdown). */
  statement: trimmed(1, 4000),
  level: CurriculumLevelSchema,
  topic: CtfTopicSchema,
  tags: z.array(trimmedLine(1, 40)).max(10).default([]),
  /** The initial value: a contest scores it as is (static) or lets it fall from there (dynamic). */
  points: z.number().int().min(10).max(1000).default(100),
  hints: z.array(CtfHintSchema).max(5).default([]),
  /** The solution write-up shown after the contest (Markdown). */
  writeup: trimmed(1, 10_000),
};

const secureCodeChallenge = {
  type: z.literal('secure_code'),
  ...challengeCommon,
  task: SecureCodeTaskSchema,
  /** Answers a student may give (a three-option task must not be solved by trying them all). */
  maxAttempts: z.number().int().min(1).max(5).default(2),
};

const flagChallenge = {
  type: z.literal('flag'),
  ...challengeCommon,
  flag: FlagRuleSchema,
  /** The range app the challenge opens; its flag is per student. */
  rangeApp: RangeAppSlugSchema.optional(),
};

/** A library file the challenge offers for download: its name in `files/`, and what it is. */
export const LibraryFileSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,78}\.[a-z0-9]{1,8}$/, { error: 'ctf.fileName' }),
  title: trimmedLine(1, 120),
});
export type LibraryFile = z.infer<typeof LibraryFileSchema>;

type ChallengeShape = {
  type: CtfChallengeType;
  tags: string[];
  task?: SecureCodeTask;
  flag?: FlagRuleBody;
  rangeApp?: string;
  fileIds?: string[];
  files?: LibraryFile[];
};

/** The rules across fields: a gradable task, a per-student flag with its range app and the other way round, no tag or file twice. */
function challengeRules(c: ChallengeShape, ctx: z.RefinementCtx) {
  const tagTwice = repeatAt(c.tags.map((t) => t.toLocaleLowerCase('vi')));
  if (tagTwice >= 0) ctx.addIssue({ code: 'custom', path: ['tags', tagTwice], message: 'ctf.tagTwice' });
  if (c.task)
    for (const p of secureCodeProblems(c.task))
      ctx.addIssue({ code: 'custom', path: ['task', ...p.path], message: p.message, ...(p.params ? { params: p.params } : {}) });
  if (c.flag) {
    if (c.flag.kind === 'per_student' && !c.rangeApp) ctx.addIssue({ code: 'custom', path: ['rangeApp'], message: 'ctf.perStudentNeedsRange' });
    if (c.flag.kind !== 'per_student' && c.rangeApp) ctx.addIssue({ code: 'custom', path: ['flag', 'kind'], message: 'ctf.rangeNeedsPerStudent' });
  }
  const fileTwice = repeatAt(c.fileIds ?? c.files?.map((f) => f.name) ?? []);
  if (fileTwice >= 0) ctx.addIssue({ code: 'custom', path: [c.fileIds ? 'fileIds' : 'files', fileTwice], message: 'ctf.fileTwice' });
}

/** `POST /api/ctf/challenges` and `PUT /api/ctf/challenges/:id` (the whole challenge; files uploaded first, named by id). */
export const CtfChallengeBody = z
  .discriminatedUnion('type', [z.object(secureCodeChallenge), z.object({ ...flagChallenge, fileIds: z.array(IdSchema).max(10).default([]) })])
  .superRefine(challengeRules);
export type CtfChallengeBody = z.infer<typeof CtfChallengeBody>;

/** A challenge of the starter library (`server/content/ctf-library/challenges/<slug>.json`): files by name in `files/`. */
export const LibraryChallengeSchema = z
  .discriminatedUnion('type', [
    z.object({ slug: CtfSlugSchema, ...secureCodeChallenge }),
    z.object({ slug: CtfSlugSchema, ...flagChallenge, files: z.array(LibraryFileSchema).max(10).default([]) }),
  ])
  .superRefine(challengeRules);
export type LibraryChallenge = z.infer<typeof LibraryChallengeSchema>;

/** `server/content/ctf-library/index.json`: the library's challenges, in the order a beginner might take them. */
export const CtfLibraryIndexSchema = z.object({ version: z.literal(1), challenges: z.array(CtfSlugSchema).min(1).max(500) }).superRefine((index, ctx) => {
  const twice = repeatAt(index.challenges);
  if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['challenges', twice], message: 'ctf.challengeTwice' });
});
export type CtfLibraryIndex = z.infer<typeof CtfLibraryIndexSchema>;

export const CtfChallengeListQuery = z.object({
  q: trimmedLine(0, 100).optional(),
  type: CtfChallengeTypeSchema.optional(),
  level: CurriculumLevelSchema.optional(),
  topic: CtfTopicSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CtfChallengeListQuery = z.infer<typeof CtfChallengeListQuery>;

// ── Contests ────────────────────────────────────────────────────────────

export const CtfContestModeSchema = z.enum(['practice', 'timed']);
export type CtfContestMode = z.infer<typeof CtfContestModeSchema>;
export const CtfEntrySchema = z.enum(['individual', 'team']);
export type CtfEntry = z.infer<typeof CtfEntrySchema>;

/** Teams: at most 4 students, all of one school. */
export const MAX_CTF_TEAM_SIZE = 4;

/** `dynamic`: each challenge falls from its points to `minimumPercent` of them over `decay` solves (`dynamicValue`). */
export const CtfScoringSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('static') }),
  z.object({
    type: z.literal('dynamic'),
    minimumPercent: z.number().int().min(1).max(100).default(20),
    decay: z.number().int().min(1).max(10_000).default(20),
  }),
]);
export type CtfScoring = z.infer<typeof CtfScoringSchema>;

export const AttemptLimitSchema = z.object({
  attempts: z.number().int().min(1).max(60).default(10),
  windowSeconds: z.number().int().min(10).max(3600).default(60),
});
export type AttemptLimit = z.infer<typeof AttemptLimitSchema>;

export const CtfContestChallengeSchema = z.object({
  challengeId: IdSchema,
  /** This contest's initial value, instead of the challenge's points. */
  points: z.number().int().min(10).max(1000).optional(),
});

/**
 * `POST /api/ctf/contests` and `PUT /api/ctf/contests/:id`. Practice mode is open all year (no
 * window, no freeze, no time limit); a timed contest has a window `[startsAt, endsAt)`, may freeze
 * the scoreboard for its last `freezeMinutes`, and may give each entrant `timeLimitMinutes` from
 * their first opening. The challenges' versions are pinned (frozen) when the contest is saved.
 */
export const CtfContestBody = z
  .object({
    title: trimmedLine(3, 200),
    description: trimmed(0, 4000).default(''),
    mode: CtfContestModeSchema,
    scope: ContestScopeSchema,
    levels: z.array(CurriculumLevelSchema).min(1).max(2),
    entry: CtfEntrySchema,
    /** Team contests only; 4 when left out. */
    maxTeamSize: z.number().int().min(2).max(MAX_CTF_TEAM_SIZE).optional(),
    startsAt: When.optional(),
    endsAt: When.optional(),
    timeLimitMinutes: z.number().int().min(10).max(600).optional(),
    freezeMinutes: z.number().int().min(0).max(600).default(0),
    scoring: CtfScoringSchema.default({ type: 'static' }),
    /** Points for the first to solve each challenge; 0: none. */
    firstSolveBonus: z.number().int().min(0).max(500).default(0),
    attemptLimit: AttemptLimitSchema.default({ attempts: 10, windowSeconds: 60 }),
    challenges: z.array(CtfContestChallengeSchema).min(1).max(60),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: ValidationCode) => ctx.addIssue({ code: 'custom', path: [path], message });
    const twice = repeatAt(c.challenges.map((x) => x.challengeId));
    if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['challenges', twice, 'challengeId'], message: 'ctf.challengeTwice' });
    const levelTwice = repeatAt(c.levels);
    if (levelTwice >= 0) ctx.addIssue({ code: 'custom', path: ['levels', levelTwice], message: 'ctf.levelTwice' });
    if (c.entry === 'individual' && c.maxTeamSize !== undefined) issue('maxTeamSize', 'ctf.teamSizeForTeams');
    if (c.mode === 'practice') {
      for (const field of ['startsAt', 'endsAt', 'timeLimitMinutes'] as const) if (c[field] !== undefined) issue(field, 'ctf.notInPractice');
      if (c.freezeMinutes > 0) issue('freezeMinutes', 'ctf.notInPractice');
      return;
    }
    if (!c.startsAt) issue('startsAt', 'ctf.windowNeeded');
    if (!c.endsAt) issue('endsAt', 'ctf.windowNeeded');
    if (!c.startsAt || !c.endsAt) return;
    const minutes = (Date.parse(c.endsAt) - Date.parse(c.startsAt)) / 60_000;
    if (minutes <= 0) return issue('endsAt', 'when.afterOpening');
    if (c.freezeMinutes >= minutes) issue('freezeMinutes', 'ctf.freezeTooLong');
    if (c.timeLimitMinutes !== undefined && c.timeLimitMinutes > minutes) issue('timeLimitMinutes', 'ctf.timeLimitTooLong');
  });
export type CtfContestBody = z.infer<typeof CtfContestBody>;

export const CtfContestParams = z.object({ id: IdSchema });
export const CtfChallengeParams = z.object({ id: IdSchema, challengeId: IdSchema });
export type CtfChallengeParams = z.infer<typeof CtfChallengeParams>;
export const CtfHintParams = z.object({ id: IdSchema, challengeId: IdSchema, index: z.coerce.number().int().min(0).max(4) });
export type CtfHintParams = z.infer<typeof CtfHintParams>;

// ── Teams ───────────────────────────────────────────────────────────────

export const CreateTeamBody = z.object({ name: trimmedLine(2, 60) });
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;

/** A team's join code: 8 of the letters and digits no one misreads (no I, O, 0, 1), upper-cased as typed. */
export const TeamCodeSchema = line()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{8}$/, { error: 'ctf.teamCode' });
export const JoinTeamBody = z.object({ code: TeamCodeSchema });
export type JoinTeamBody = z.infer<typeof JoinTeamBody>;

// ── Submissions ─────────────────────────────────────────────────────────

/** `POST …/flag`: anything longer than a flag is refused before it is compared. */
export const FlagSubmitBody = z.object({ flag: line().trim().min(1).max(MAX_FLAG_LENGTH) });
export type FlagSubmitBody = z.infer<typeof FlagSubmitBody>;

/** `POST …/answer`: the student's answer to a secure-coding task, of the task's kind. */
export const SecureCodeAnswerBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('find_line'), line: z.number().int().min(1).max(MAX_CODE_LINES) }),
  z.object({ kind: z.literal('pick_fix'), option: z.number().int().min(0).max(3) }),
  z.object({ kind: z.literal('fill_safe'), option: z.number().int().min(0).max(5) }),
]);
export type SecureCodeAnswerBody = z.infer<typeof SecureCodeAnswerBody>;

export const ScoreboardQuery = z.object({
  /** By default: `team` in a team contest, else `student`. */
  by: z.enum(['student', 'team', 'school', 'area']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ScoreboardQuery = z.infer<typeof ScoreboardQuery>;

export const CtfResultsQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });
export type CtfResultsQuery = z.infer<typeof CtfResultsQuery>;

/** What the API answers besides validation (the client translates `errors.<CODE>`; the server maps them to HTTP in one place). */
export const CTF_ERROR_CODES = [
  'CONTEST_NOT_OPEN',
  'CONTEST_CLOSED',
  'TIME_UP',
  'RATE_LIMITED',
  'NO_ATTEMPTS_LEFT',
  'ALREADY_IN_TEAM',
  'NOT_IN_TEAM',
  'TEAM_FULL',
  'TEAM_OTHER_SCHOOL',
  'HINT_TOO_DEAR',
  'NOT_REVEALABLE',
] as const;
export type CtfErrorCode = (typeof CTF_ERROR_CODES)[number];

// ── Answers ─────────────────────────────────────────────────────────────

export interface CtfFileDto {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  /** `/api/ctf/files/:id`. */
  url: string;
}

/** A challenge as staff read it: the body, its identity and version, whether a contest froze that version. */
export type CtfChallengeDto = Omit<CtfChallengeBody, 'fileIds'> & {
  id: string;
  version: number;
  /** A contest uses this version: a PUT makes version + 1, the contest keeps this one. */
  frozen: boolean;
  files: CtfFileDto[];
  createdAt: string;
  updatedAt: string;
};

export interface CtfChallengeSummaryDto {
  id: string;
  version: number;
  type: CtfChallengeType;
  title: string;
  level: CurriculumLevel;
  topic: CtfTopic;
  tags: string[];
  points: number;
  rangeApp: string | null;
  frozen: boolean;
  updatedAt: string;
}

/** A secure-coding task as a student sees it: the code and the choices, never the answer or the explanation. */
export type StudentSecureCodeTask =
  { kind: 'find_line'; language: CodeLanguage; code: string } | { kind: 'pick_fix' | 'fill_safe'; language: CodeLanguage; code: string; options: string[] };

export interface StudentHintDto {
  index: number;
  cost: number;
  unlocked: boolean;
  /** Only once unlocked. */
  text?: string;
}

export interface UnlockedHintDto {
  index: number;
  cost: number;
  text: string;
}

/** A challenge in a contest as a student sees it. Value and solves are those of the board the student sees (frozen or live). */
export interface StudentChallengeDto {
  id: string;
  type: CtfChallengeType;
  title: string;
  statement: string;
  level: CurriculumLevel;
  topic: CtfTopic;
  tags: string[];
  value: number;
  solves: number;
  solvedByYou: boolean;
  hints: StudentHintDto[];
  files: CtfFileDto[];
  /** Whether the challenge opens a range app (`POST …/range` gives the link). */
  hasRangeApp: boolean;
  task?: StudentSecureCodeTask;
  /** Secure-coding tasks: answers left; null for flags (limited by rate instead). */
  attemptsLeft: number | null;
}

/**
 * The answer to a flag or a task. A flag that is another participant's is `wrong` here: only the
 * organiser learns it was shared (`FlagSharingDto`).
 */
export interface SubmitVerdictDto {
  result: 'correct' | 'wrong' | 'already_solved';
  /** The challenge's value now (with a dynamic contest it may fall later). */
  value?: number;
  firstSolve?: boolean;
  attemptsLeft: number | null;
  /** Secure-coding tasks, once answered or out of attempts: why. */
  explanation?: string;
}

export interface RangeLinkDto {
  url: string;
  expiresAt: string;
}

export interface CtfTeamDto {
  id: string;
  contestId: string;
  name: string;
  schoolId: string;
  schoolName: string;
  /** Shown to the team's members only. */
  joinCode: string | null;
  maxSize: number;
  members: { id: string; fullName: string }[];
}

export interface ScoreboardRowDto {
  rank: number;
  id: string;
  name: string;
  schoolName: string | null;
  score: number;
  solved: number;
  entrants: number;
  lastSolveAt: string | null;
}

export interface ScoreboardDto {
  by: ScoreboardBy;
  /** `freeze_snapshot`: the board as it stood at `asOf`, the freeze moment. */
  source: 'live' | 'freeze_snapshot';
  asOf: string | null;
  revealed: boolean;
  total: number;
  rows: ScoreboardRowDto[];
  /** The caller's own row (student, or their team), from the same board; null if not an entrant. */
  you: ScoreboardRowDto | null;
}

export type CtfContestStatus = 'practice' | 'upcoming' | 'running' | 'frozen' | 'ended' | 'revealed';

export type CtfContestDto = Omit<CtfContestBody, 'challenges' | 'maxTeamSize' | 'startsAt' | 'endsAt' | 'timeLimitMinutes'> & {
  id: string;
  scope: ContestScope;
  maxTeamSize: number | null;
  startsAt: string | null;
  endsAt: string | null;
  timeLimitMinutes: number | null;
  status: CtfContestStatus;
  freezeAt: string | null;
  revealedAt: string | null;
  challenges: { challengeId: string; version: number; title: string; points: number }[];
  createdAt: string;
  updatedAt: string;
};

export interface WriteupDto {
  challengeId: string;
  title: string;
  writeup: string;
}

export interface FlagSharingDto {
  challengeId: string;
  challengeTitle: string;
  submittedBy: { id: string; fullName: string; schoolName: string };
  owner: { id: string; fullName: string; schoolName: string };
  at: string;
}

export interface CtfResultsDto {
  contestId: string;
  title: string;
  by: ScoreboardBy;
  rows: ScoreboardRowDto[];
  challenges: { challengeId: string; title: string; solves: number; value: number; firstSolveBy: string | null }[];
}
