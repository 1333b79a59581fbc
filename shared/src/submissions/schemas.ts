import { z } from 'zod';

import { type CurriculumLevel, CurriculumLevelSchema, IdSchema, trimmed, trimmedLine } from '../common.js';

/**
 * The ministry's submission contests (issue 19): posters, models and video clips, entered by
 * students or teams, judged blind by juries from the school round to the province round, with a
 * people's choice vote beside the jury. Routes under `/api/submission-contests`:
 *
 * | call | body → answer |
 * | --- | --- |
 * | `POST /api/submission-contests` · `PUT …/:id` | `SubmissionContestBody` → `SubmissionContestDto` |
 * | `GET /api/submission-contests` · `GET …/:id` | → `SubmissionContestDto[]` · `SubmissionContestDto` |
 * | `PUT …/:id/rubric` | `RubricBody` → `RubricDto` |
 * | `PUT …/:id/rounds/:stage/judges` | `RoundJudgesBody` → `RoundDto` |
 * | `POST …/:id/rounds/:stage/assignments` | → `JudgeProgressRowDto[]` (every entry gets its judges) |
 * | `POST …/:id/rounds/:stage/entries/:entryId/judges` | `AddJudgeBody` → `JudgeProgressRowDto[]` (a large spread: one more judge) |
 * | `POST …/:id/entries` · `PUT /api/submission-entries/:id` | `SubmissionEntryBody` → `SubmissionEntryDto` (replaceable until the window closes) |
 * | `POST /api/submission-entries/:id/confirm` · `…/return` · `PUT …/consent` | `ConfirmEntryBody` · `ReturnEntryBody` · `EntryConsentBody` → `SubmissionEntryDto` |
 * | `GET …/:id/rounds/:stage/judging` | → `JudgeProgressDto` (the judge's own) |
 * | `GET /api/judging/:entryId?stage=` | → `BlindEntryDto` |
 * | `PUT /api/judging/:entryId/score` | `JudgeScoreBody` → `BlindEntryDto` |
 * | `POST /api/judging/:entryId/conflict` | `ConflictBody` → `JudgeProgressDto` (the entry goes to another judge) |
 * | `GET …/:id/rounds/:stage/results?format=json|xlsx` | → `RoundResultsDto` |
 * | `POST …/:id/rounds/:stage/promotion` | → `RoundResultsDto` (the top K go on) |
 * | `POST …/:id/votes` · `GET …/:id/votes` | `VoteBody` → `PeoplesChoiceDto` |
 * | `GET …/:id/gallery?stage=` | `GalleryQuery` → `GalleryDto` (the people's choice ballot; after the results, the winners) |
 *
 * Every free text refuses U+0000, other controls and lone surrogates (`trimmed`, `trimmedLine`).
 */

const When = z.iso.datetime({ offset: true, error: 'when.format' });
const at = (iso: string) => Date.parse(iso);

/** The index of the first value seen before, or -1. */
function repeatAt<T>(values: readonly T[]): number {
  const seen = new Set<T>();
  for (const [i, v] of values.entries()) {
    if (seen.has(v)) return i;
    seen.add(v);
  }
  return -1;
}

// ── Kinds, files, rounds ──────────────────────────────────────────────────

export const SubmissionKindSchema = z.enum(['poster', 'model', 'video']);
export type SubmissionKind = z.infer<typeof SubmissionKindSchema>;

/**
 * The file types an entry may carry, as read from the bytes (never from the name). No PDF and no
 * office files: images are re-encoded and stripped of metadata, which a PDF cannot be.
 */
export const SUBMISSION_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/webm', 'video/quicktime'] as const;
export const SubmissionMediaTypeSchema = z.enum(SUBMISSION_MEDIA_TYPES);
export type SubmissionMediaType = z.infer<typeof SubmissionMediaTypeSchema>;

const IMAGES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const VIDEOS = ['video/mp4', 'video/webm', 'video/quicktime'] as const;

/** What each kind may take: a poster is a picture, a model is shown by photos and a short clip, a video is a clip. */
export const MEDIA_TYPES_BY_KIND: Readonly<Record<SubmissionKind, readonly SubmissionMediaType[]>> = {
  poster: IMAGES,
  model: [...IMAGES, ...VIDEOS],
  video: VIDEOS,
};

const MiB = 1024 * 1024;
/** The largest file any contest may take: 2 GiB (a 10-minute 1080p clip is well below). */
export const MAX_SUBMISSION_FILE_BYTES = 2048 * MiB;

/** What an organiser starts from: a poster of 20 MB, a model's photos and clip of 200 MB, a video of 500 MB. */
export const DEFAULT_KIND_RULES: Readonly<Record<SubmissionKind, KindRule>> = {
  poster: { kind: 'poster', mediaTypes: [...IMAGES], maxBytes: 20 * MiB, maxFiles: 1 },
  model: { kind: 'model', mediaTypes: [...IMAGES, 'video/mp4'], maxBytes: 200 * MiB, maxFiles: 8 },
  video: { kind: 'video', mediaTypes: ['video/mp4', 'video/webm', 'video/quicktime'], maxBytes: 500 * MiB, maxFiles: 1 },
};

/** One kind the contest takes, with the files an entry of that kind may carry. */
export const KindRuleSchema = z
  .object({
    kind: SubmissionKindSchema,
    mediaTypes: z.array(SubmissionMediaTypeSchema).min(1).max(SUBMISSION_MEDIA_TYPES.length),
    /** Per file. */
    maxBytes: z.number().int().min(1).max(MAX_SUBMISSION_FILE_BYTES),
    maxFiles: z.number().int().min(1).max(20).default(1),
  })
  .superRefine((rule, ctx) => {
    const twice = repeatAt(rule.mediaTypes);
    if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['mediaTypes', twice], message: 'submission.mediaTypeTwice' });
    rule.mediaTypes.forEach((type, i) => {
      if (!MEDIA_TYPES_BY_KIND[rule.kind].includes(type))
        ctx.addIssue({ code: 'custom', path: ['mediaTypes', i], message: 'submission.mediaTypeForKind', params: { kind: rule.kind } });
    });
  });
export type KindRule = z.infer<typeof KindRuleSchema>;

/**
 * Whether a stored file may go into an entry of this kind. A picture is stored re-encoded (as JPEG,
 * stripped of its metadata), so it fits when the kind takes any picture type: its original type was
 * checked from its bytes at upload. A clip is stored as sent, and must be of a type the kind takes.
 */
export function fileFitsKind(file: { mediaType: string; bytes: number }, rule: Pick<KindRule, 'mediaTypes' | 'maxBytes'>): boolean {
  if (file.bytes > rule.maxBytes) return false;
  const isImage = (IMAGES as readonly string[]).includes(file.mediaType);
  return isImage ? rule.mediaTypes.some((t) => (IMAGES as readonly string[]).includes(t)) : (rule.mediaTypes as readonly string[]).includes(file.mediaType);
}

/** School → area (optional) → province. */
export const RoundStageSchema = z.enum(['school', 'area', 'province']);
export type RoundStage = z.infer<typeof RoundStageSchema>;

export const EntryModeSchema = z.enum(['individual', 'team']);
export type EntryMode = z.infer<typeof EntryModeSchema>;

/** Who goes on: the top K of each school, or of each area. */
export const AdvanceSchema = z.object({ per: z.enum(['school', 'area']), top: z.number().int().min(1).max(100) });
export type Advance = z.infer<typeof AdvanceSchema>;

export const MIN_JUDGES_PER_ENTRY = 3;

/**
 * One round. The school round takes submissions in its submission window; a later round takes the
 * previous round's top K in its promotion window (the organiser checks the list and confirms it).
 * Then the judging window. Windows are half-open: `[opensAt, closesAt)`.
 */
export const RoundBody = z.object({
  stage: RoundStageSchema,
  submissionOpensAt: When.optional(),
  submissionClosesAt: When.optional(),
  promotionOpensAt: When.optional(),
  promotionClosesAt: When.optional(),
  judgingOpensAt: When,
  judgingClosesAt: When,
  /** Every round but the last. */
  advance: AdvanceSchema.optional(),
  /** At least three judges look at every entry. */
  judgesPerEntry: z.number().int().min(MIN_JUDGES_PER_ENTRY).max(7).default(MIN_JUDGES_PER_ENTRY),
});
export type RoundBody = z.infer<typeof RoundBody>;

/** A round's windows, as `roundPhase` reads them (a body or a DTO). */
export interface RoundWindows {
  submissionOpensAt?: string | null;
  submissionClosesAt?: string | null;
  promotionOpensAt?: string | null;
  promotionClosesAt?: string | null;
  judgingOpensAt: string;
  judgingClosesAt: string;
}

export const PeoplesChoiceBody = z
  .object({ stage: RoundStageSchema, opensAt: When, closesAt: When })
  .refine((v) => at(v.closesAt) > at(v.opensAt), { path: ['closesAt'], error: 'when.afterOpening' });
export type PeoplesChoiceBody = z.infer<typeof PeoplesChoiceBody>;

const STAGE_ORDERS = ['school,province', 'school,area,province'];

/**
 * `POST /api/submission-contests` and `PUT /api/submission-contests/:id` (the whole contest each
 * time; a round is known by its stage). The server refuses to move a window that has already opened.
 */
export const SubmissionContestBody = z
  .object({
    title: trimmedLine(3, 200),
    kinds: z.array(KindRuleSchema).min(1).max(3),
    levels: z.array(CurriculumLevelSchema).min(1).max(2),
    themes: z.array(trimmedLine(2, 120)).max(20).default([]),
    rules: trimmed(0, 20_000).default(''),
    entryMode: EntryModeSchema,
    /** Team entries: at most this many students, all of one school. */
    maxTeamSize: z.number().int().min(2).max(10).optional(),
    rounds: z.array(RoundBody).min(2).max(3),
    peoplesChoice: PeoplesChoiceBody.optional(),
  })
  .superRefine((c, ctx) => {
    const kindTwice = repeatAt(c.kinds.map((k) => k.kind));
    if (kindTwice >= 0) ctx.addIssue({ code: 'custom', path: ['kinds', kindTwice, 'kind'], message: 'submission.kindTwice' });
    const levelTwice = repeatAt(c.levels);
    if (levelTwice >= 0) ctx.addIssue({ code: 'custom', path: ['levels', levelTwice], message: 'submission.levelTwice' });
    const themeTwice = repeatAt(c.themes.map((t) => t.toLocaleLowerCase('vi')));
    if (themeTwice >= 0) ctx.addIssue({ code: 'custom', path: ['themes', themeTwice], message: 'submission.themeTwice' });
    if (c.entryMode === 'team' && c.maxTeamSize === undefined) ctx.addIssue({ code: 'custom', path: ['maxTeamSize'], message: 'submission.teamSizeNeeded' });
    if (c.entryMode === 'individual' && c.maxTeamSize !== undefined)
      ctx.addIssue({ code: 'custom', path: ['maxTeamSize'], message: 'submission.teamSizeForTeams' });

    if (!STAGE_ORDERS.includes(c.rounds.map((r) => r.stage).join())) {
      ctx.addIssue({ code: 'custom', path: ['rounds'], message: 'submission.roundOrder' });
      return;
    }
    c.rounds.forEach((round, i) => {
      const path = (field: string) => ['rounds', i, field];
      const first = i === 0;
      const last = i === c.rounds.length - 1;
      const [opens, closes] = first ? (['submissionOpensAt', 'submissionClosesAt'] as const) : (['promotionOpensAt', 'promotionClosesAt'] as const);
      const [otherOpens, otherCloses] = first ? (['promotionOpensAt', 'promotionClosesAt'] as const) : (['submissionOpensAt', 'submissionClosesAt'] as const);
      for (const field of [otherOpens, otherCloses])
        if (round[field] !== undefined) ctx.addIssue({ code: 'custom', path: path(field), message: 'submission.windowNotForStage' });
      const needed = first ? 'submission.submissionWindowNeeded' : 'submission.promotionWindowNeeded';
      for (const field of [opens, closes]) if (round[field] === undefined) ctx.addIssue({ code: 'custom', path: path(field), message: needed });
      const intakeOpens = round[opens];
      const intakeCloses = round[closes];
      if (intakeOpens && intakeCloses && at(intakeCloses) <= at(intakeOpens))
        ctx.addIssue({ code: 'custom', path: path(closes), message: 'when.afterOpening' });
      if (intakeCloses && at(round.judgingOpensAt) < at(intakeCloses))
        ctx.addIssue({ code: 'custom', path: path('judgingOpensAt'), message: 'submission.judgingAfterIntake' });
      if (at(round.judgingClosesAt) <= at(round.judgingOpensAt)) ctx.addIssue({ code: 'custom', path: path('judgingClosesAt'), message: 'when.afterOpening' });
      const previous = c.rounds[i - 1];
      if (previous && intakeOpens && at(intakeOpens) < at(previous.judgingClosesAt))
        ctx.addIssue({ code: 'custom', path: path(opens), message: 'submission.afterPreviousRound' });
      if (!last && !round.advance) ctx.addIssue({ code: 'custom', path: path('advance'), message: 'submission.advanceNeeded' });
      if (last && round.advance) ctx.addIssue({ code: 'custom', path: path('advance'), message: 'submission.noAdvanceAfterLast' });
    });
    if (c.peoplesChoice && !c.rounds.some((r) => r.stage === c.peoplesChoice!.stage))
      ctx.addIssue({ code: 'custom', path: ['peoplesChoice', 'stage'], message: 'submission.voteStage' });
  });
export type SubmissionContestBody = z.infer<typeof SubmissionContestBody>;

export const RoundParams = z.object({ id: IdSchema, stage: RoundStageSchema });
export type RoundParams = z.infer<typeof RoundParams>;

// ── Rubric ───────────────────────────────────────────────────────────────

/** A band of a criterion's scale and what work in it looks like ("Xuất sắc", 9-10: …). */
export const DescriptorSchema = z.object({
  label: trimmedLine(1, 40),
  from: z.number().min(0).max(100),
  to: z.number().min(0).max(100),
  text: trimmed(1, 500),
});
export type Descriptor = z.infer<typeof DescriptorSchema>;

export const CriterionSchema = z
  .object({
    /** Stable within the rubric: scores name it. */
    id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: 'submission.criterionId' }),
    name: trimmedLine(2, 80),
    /** Relative: the weights need not add up to 100. */
    weight: z.number().int().min(1).max(100),
    /** A judge scores 0..maxScore; the weighted total is on 0..100 whatever the scales. */
    maxScore: z.number().int().min(1).max(100).default(10),
    descriptors: z.array(DescriptorSchema).max(6).default([]),
  })
  .superRefine((c, ctx) => {
    c.descriptors.forEach((d, i) => {
      if (d.from > d.to || d.to > c.maxScore) ctx.addIssue({ code: 'custom', path: ['descriptors', i], message: 'submission.descriptorRange' });
    });
    const bands = c.descriptors.map((d, i) => ({ ...d, i })).sort((a, b) => a.from - b.from);
    for (let k = 1; k < bands.length; k++)
      if (bands[k].from <= bands[k - 1].to) ctx.addIssue({ code: 'custom', path: ['descriptors', bands[k].i], message: 'submission.descriptorOverlap' });
  });
export type Criterion = z.infer<typeof CriterionSchema>;

/** `PUT /api/submission-contests/:id/rubric`: locked once any score is saved. */
export const RubricBody = z.object({ criteria: z.array(CriterionSchema).min(1).max(12) }).superRefine((r, ctx) => {
  const twice = repeatAt(r.criteria.map((c) => c.id));
  if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['criteria', twice, 'id'], message: 'submission.criterionTwice' });
});
export type RubricBody = z.infer<typeof RubricBody>;

const band = (label: string, from: number, to: number, text: string): Descriptor => ({ label, from, to, text });

/** The rubric an organiser starts from: message, creativity, accuracy, craft. */
export const DEFAULT_RUBRIC: RubricBody = {
  criteria: [
    {
      id: 'message',
      name: 'Thông điệp',
      weight: 30,
      maxScore: 10,
      descriptors: [
        band('Xuất sắc', 9, 10, 'Thông điệp rõ, đúng chủ đề, người xem nhớ ngay'),
        band('Đạt', 5, 8.75, 'Có thông điệp nhưng chưa thật rõ'),
        band('Chưa đạt', 0, 4.75, 'Không thấy thông điệp hoặc lạc chủ đề'),
      ],
    },
    { id: 'creativity', name: 'Sáng tạo', weight: 25, maxScore: 10, descriptors: [] },
    { id: 'accuracy', name: 'Tính chính xác về an toàn thông tin', weight: 25, maxScore: 10, descriptors: [] },
    { id: 'craft', name: 'Kỹ thuật thể hiện', weight: 20, maxScore: 10, descriptors: [] },
  ],
};

// ── Judges ───────────────────────────────────────────────────────────────

/** `PUT …/rounds/:stage/judges`: teachers and Department staff of the province. */
export const RoundJudgesBody = z.object({ judgeIds: z.array(IdSchema).min(MIN_JUDGES_PER_ENTRY).max(500) }).superRefine((b, ctx) => {
  const twice = repeatAt(b.judgeIds);
  if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['judgeIds', twice], message: 'submission.judgeTwice' });
});
export type RoundJudgesBody = z.infer<typeof RoundJudgesBody>;

/** One more judge for an entry whose judges disagree; without `judgeId`, the least-loaded eligible one. */
export const AddJudgeBody = z.object({ judgeId: IdSchema.optional() });
export type AddJudgeBody = z.infer<typeof AddJudgeBody>;

// ── Entries ──────────────────────────────────────────────────────────────

/**
 * `POST /api/submission-contests/:id/entries` (a student for themself, or a teacher for a team of
 * own students) and `PUT /api/submission-entries/:id` (the whole entry again, until the
 * submission window closes). Files are uploaded first (tus) and named here by id.
 */
export const SubmissionEntryBody = z
  .object({
    kind: SubmissionKindSchema,
    theme: trimmedLine(2, 120).optional(),
    title: trimmedLine(3, 200),
    description: trimmed(1, 3000),
    /** The technique used, or the message the work carries. */
    technique: trimmed(1, 2000),
    /** A team's students (the teacher's entry); empty for a student's own entry. */
    memberIds: z.array(IdSchema).max(10).default([]),
    fileIds: z.array(IdSchema).min(1).max(20),
  })
  .superRefine((e, ctx) => {
    const member = repeatAt(e.memberIds);
    if (member >= 0) ctx.addIssue({ code: 'custom', path: ['memberIds', member], message: 'submission.memberTwice' });
    const file = repeatAt(e.fileIds);
    if (file >= 0) ctx.addIssue({ code: 'custom', path: ['fileIds', file], message: 'submission.fileTwice' });
  });
export type SubmissionEntryBody = z.infer<typeof SubmissionEntryBody>;

/**
 * The supervising teacher confirms an entry before it counts, and says whether the consent of
 * the child (from 7) and a parent to publish name, face and voice is on file (Law on Personal
 * Data Protection, Art. 24).
 */
export const ConfirmEntryBody = z.object({ consentOnFile: z.boolean() });
export type ConfirmEntryBody = z.infer<typeof ConfirmEntryBody>;

/** The teacher sends an entry back to its author, with why. */
export const ReturnEntryBody = z.object({ reason: trimmed(1, 1000) });
export type ReturnEntryBody = z.infer<typeof ReturnEntryBody>;

/** Consent given later, or withdrawn (which a family may do at any time). */
export const EntryConsentBody = z.object({ consentOnFile: z.boolean() });
export type EntryConsentBody = z.infer<typeof EntryConsentBody>;

export const EntryListQuery = z.object({
  stage: RoundStageSchema.optional(),
  schoolId: IdSchema.optional(),
  status: z.enum(['submitted', 'confirmed', 'returned', 'withdrawn']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EntryListQuery = z.infer<typeof EntryListQuery>;

// ── Judging ──────────────────────────────────────────────────────────────

export const CriterionScoreSchema = z.object({
  criterionId: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: 'submission.criterionId' }),
  /** 0..the criterion's maxScore (checked against the rubric by `weightedTotal`). */
  score: z.number().min(0).max(100).multipleOf(0.25, { error: 'review.quarterSteps' }),
  comment: trimmed(0, 1000).default(''),
});
export type CriterionScore = z.infer<typeof CriterionScoreSchema>;

/** `PUT /api/judging/:entryId/score`: every criterion of the rubric, resaved freely until judging closes. */
export const JudgeScoreBody = z
  .object({ stage: RoundStageSchema, criteria: z.array(CriterionScoreSchema).min(1).max(12), comment: trimmed(0, 2000).default('') })
  .superRefine((b, ctx) => {
    const twice = repeatAt(b.criteria.map((c) => c.criterionId));
    if (twice >= 0) ctx.addIssue({ code: 'custom', path: ['criteria', twice, 'criterionId'], message: 'submission.criterionTwice' });
  });
export type JudgeScoreBody = z.infer<typeof JudgeScoreBody>;

export const ConflictReasonSchema = z.enum(['knows_author', 'taught_author', 'relative', 'same_school', 'other']);
export type ConflictReason = z.infer<typeof ConflictReasonSchema>;

/** `POST /api/judging/:entryId/conflict`: the judge steps back; another takes the entry. */
export const ConflictBody = z
  .object({ stage: RoundStageSchema, reason: ConflictReasonSchema, note: trimmed(0, 500).default('') })
  .refine((b) => b.reason !== 'other' || b.note.length > 0, { path: ['note'], error: 'submission.conflictNoteNeeded' });
export type ConflictBody = z.infer<typeof ConflictBody>;

export const JudgingEntryQuery = z.object({ stage: RoundStageSchema });
export type JudgingEntryQuery = z.infer<typeof JudgingEntryQuery>;

export const SubmissionResultsQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });
export type SubmissionResultsQuery = z.infer<typeof SubmissionResultsQuery>;

// ── People's choice ──────────────────────────────────────────────────────

/** `POST /api/submission-contests/:id/votes`: a signed-in student of the province, once per contest. */
export const VoteBody = z.object({ entryId: IdSchema });
export type VoteBody = z.infer<typeof VoteBody>;

// ── Answers ──────────────────────────────────────────────────────────────

export type RoundPhase = 'upcoming' | 'submission' | 'promotion' | 'waiting' | 'judging' | 'closed';

export interface RoundDto {
  id: string;
  stage: RoundStage;
  submissionOpensAt: string | null;
  submissionClosesAt: string | null;
  promotionOpensAt: string | null;
  promotionClosesAt: string | null;
  judgingOpensAt: string;
  judgingClosesAt: string;
  advance: Advance | null;
  judgesPerEntry: number;
  /** At the server's `now`. */
  phase: RoundPhase;
  judgeIds: string[];
  /** Confirmed entries in the round (those the caller may see). */
  entries: number;
  /** Results are published when the organiser confirms the promotion (the last round: the winners). */
  resultsPublished: boolean;
}

export interface RubricDto {
  criteria: Criterion[];
  /** Once a judge has saved a score, the rubric no longer changes. */
  locked: boolean;
}

export interface SubmissionContestDto {
  id: string;
  title: string;
  kinds: KindRule[];
  levels: CurriculumLevel[];
  themes: string[];
  rules: string;
  entryMode: EntryMode;
  maxTeamSize: number | null;
  rounds: RoundDto[];
  rubric: RubricDto | null;
  peoplesChoice: PeoplesChoiceBody | null;
  createdAt: string;
  updatedAt: string;
}

/** A stored file of an entry, as its owner and the organiser see it. */
export interface EntryFileDto {
  id: string;
  /** The name it was uploaded under; never shown to a judge (it may name the child). */
  originalName: string;
  mediaType: SubmissionMediaType;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  /** Served with HTTP range requests. */
  url: string;
  thumbnailUrl: string;
  /** Videos: a frame, or a placeholder when none could be taken. */
  posterUrl: string | null;
  /** The same image (perceptual hash) is in another entry of this contest. */
  duplicateOf: string | null;
}

export type EntryStatus = 'submitted' | 'confirmed' | 'returned' | 'withdrawn';

/** An entry as its author, its team, its teacher and the organiser see it. */
export interface SubmissionEntryDto {
  id: string;
  contestId: string;
  kind: SubmissionKind;
  theme: string | null;
  title: string;
  description: string;
  technique: string;
  members: { id: string; fullName: string; className: string | null }[];
  schoolId: string;
  schoolName: string;
  /** A replaced entry must be confirmed again. */
  status: EntryStatus;
  returnReason: string | null;
  submittedAt: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
  consentOnFile: boolean;
  files: EntryFileDto[];
  /** The furthest round the entry has reached. */
  stage: RoundStage;
  /** The submission window is open: the entry may be replaced. */
  editable: boolean;
}

/** A file as a judge sees it: no name it was uploaded under. */
export interface BlindFileDto {
  id: string;
  mediaType: SubmissionMediaType;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  url: string;
  thumbnailUrl: string;
  posterUrl: string | null;
}

/** A judge's saved score of an entry. */
export interface SavedScoreDto {
  criteria: CriterionScore[];
  comment: string;
  /** `weightedTotal`, 0..100. */
  total: number;
  savedAt: string;
}

/**
 * An entry as a judge sees it: blind. It carries no name, school, class, area, team or the
 * names files were uploaded under; `code` is a number within the round ("Bài 0017"). Built only
 * by `toBlindEntry`, which copies the fields below and nothing else.
 */
export interface BlindEntryDto {
  entryId: string;
  code: string;
  stage: RoundStage;
  kind: SubmissionKind;
  theme: string | null;
  title: string;
  description: string;
  technique: string;
  files: BlindFileDto[];
  myScore: SavedScoreDto | null;
  judgingClosesAt: string;
}

/** A judge's own progress in a round, and what to open next. */
export interface JudgeProgressDto {
  contestId: string;
  stage: RoundStage;
  judgingOpensAt: string;
  judgingClosesAt: string;
  assigned: number;
  scored: number;
  remaining: number;
  conflicts: number;
  /** The first assigned entry not yet scored, in code order; null when all are. */
  nextEntryId: string | null;
  entries: { entryId: string; code: string; kind: SubmissionKind; title: string; scored: boolean; total: number | null }[];
}

/** The organiser's view of one judge in a round. */
export interface JudgeProgressRowDto {
  judgeId: string;
  fullName: string;
  /** Null for Department staff. */
  schoolName: string | null;
  assigned: number;
  scored: number;
  conflicts: number;
}

/** One entry's line of a round's results. */
export interface SubmissionResultRowDto {
  /** Null until the entry has a score. Equal on every tie-break rule: the same rank. */
  rank: number | null;
  entryId: string;
  code: string;
  kind: SubmissionKind;
  title: string;
  schoolId: string;
  schoolName: string;
  areaName: string | null;
  members: string[];
  judgesAssigned: number;
  judgesScored: number;
  /** Mean of the judges' weighted totals (0..100). */
  rawMean: number | null;
  /** Mean of the judges' z-scores: what ranks. */
  normalisedMean: number | null;
  /** Highest minus lowest total given to this entry. */
  spread: number | null;
  /** `spread` above the threshold: add a judge. */
  spreadFlagged: boolean;
  promoted: boolean;
  confirmedAt: string;
}

/** A judge's scale in a round: the mean and population SD that z-scores divide by. */
export interface JudgeScaleDto {
  judgeId: string;
  fullName: string;
  scored: number;
  mean: number;
  sd: number;
}

export interface RoundResultsDto {
  contestId: string;
  stage: RoundStage;
  generatedAt: string;
  published: boolean;
  spreadThreshold: number;
  advance: Advance | null;
  rows: SubmissionResultRowDto[];
  judges: JudgeScaleDto[];
}

/**
 * The people's choice. Until `closesAt` nobody sees a count (`visible` false, `rows` empty,
 * `totalVotes` null): a running tally invites campaigns.
 */
export interface PeoplesChoiceDto {
  contestId: string;
  stage: RoundStage;
  opensAt: string;
  closesAt: string;
  open: boolean;
  visible: boolean;
  /** The caller's own vote, if a student who voted. */
  myVote: string | null;
  totalVotes: number | null;
  rows: { rank: number; entryId: string; code: string; kind: SubmissionKind; title: string; votes: number }[];
}

/** One line of the vote audit export. */
export interface VoteAuditRowDto {
  castAt: string;
  studentId: string;
  schoolName: string;
  entryId: string;
  code: string;
}

// ── Gallery ──────────────────────────────────────────────────────────────

export const GalleryQuery = z.object({ stage: RoundStageSchema.optional() });
export type GalleryQuery = z.infer<typeof GalleryQuery>;

/**
 * A confirmed entry as anyone signed in to the province sees it: on the people's choice ballot, and
 * in the gallery of winners once a round's results are published. Without consent on file
 * (Law on Personal Data Protection, Art. 24) it carries no names and no video (a video may show a face).
 */
export interface GalleryEntryDto {
  entryId: string;
  code: string;
  kind: SubmissionKind;
  theme: string | null;
  title: string;
  description: string;
  technique: string;
  /** The members' names, with consent on file; null without. */
  authors: string[] | null;
  /** With consent on file; null without. */
  schoolName: string | null;
  /** Videos only with consent on file. */
  files: BlindFileDto[];
  /** The rank in the round once its results are published; null before. */
  rank: number | null;
  promoted: boolean;
}

/** `GET /api/submission-contests/:id/gallery?stage=`: without `stage`, the people's choice round (or the last round). */
export interface GalleryDto {
  contestId: string;
  stage: RoundStage;
  /** The round's results are published: ranks are shown. */
  published: boolean;
  entries: GalleryEntryDto[];
}

/**
 * A signed link to an entry's file (`GET /api/submission-files/:id[/thumbnail]?expires=&signature=`):
 * the addresses the DTOs carry, for `<img>` and `<video>`, which cannot send the access token.
 * Without them the route takes the Authorization header as every route does.
 */
export const FileLinkQuery = z.object({
  expires: z.coerce.number().int().positive().optional(),
  signature: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
});
export type FileLinkQuery = z.infer<typeof FileLinkQuery>;
