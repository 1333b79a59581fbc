import { z } from 'zod';

import { trimmed, trimmedLine } from '../common.js';
import type { MessageParams, ValidationCode } from '../platform/validation.js';

/** The activity item kinds of DESIGN §2; all but `short_answer` are graded automatically. */
export const ItemKindSchema = z.enum(['single_choice', 'multi_choice', 'true_false', 'ordering', 'claim_check', 'red_flags', 'short_answer']);
export type ItemKind = z.infer<typeof ItemKindSchema>;
export const ITEM_KINDS: readonly ItemKind[] = ItemKindSchema.options;
/** The kinds a live contest can ask: one tap, graded at once. */
export const LIVE_ITEM_KINDS: readonly ItemKind[] = ['single_choice', 'multi_choice', 'true_false', 'ordering'];

/** A claim's possible verdicts, in the spirit of lateral reading (SIFT). */
export const VerdictSchema = z.enum(['true', 'false', 'misleading', 'unverifiable']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** The options every true/false item shows; its answer is `[0]` (true) or `[1]` (false). */
export const TRUE_FALSE_OPTIONS = ['Đúng', 'Sai'] as const;

export const DifficultySchema = z.enum(['easy', 'medium', 'hard']);
export type Difficulty = z.infer<typeof DifficultySchema>;

/** Question-bank tags: what the item is about, which manipulation it shows, how hard it is. */
export const ItemTagsSchema = z.object({
  topics: z.array(trimmedLine(1, 40)).max(10).default([]),
  techniques: z.array(trimmedLine(1, 40)).max(10).default([]),
  difficulty: DifficultySchema.default('medium'),
});
export type ItemTags = z.infer<typeof ItemTagsSchema>;

const IndexList = z.array(z.number().int().min(0).max(49)).max(50);
const OptionText = trimmed(1, 500);

/** How the post or headline of a `claim_check` looks on screen. */
export const ClaimSchema = z.object({
  format: z.enum(['post', 'headline', 'message', 'video', 'image']),
  /** Who posted it, as shown: a page name, a site, a sender. */
  source: trimmedLine(1, 200),
  text: trimmed(1, 2000),
  /** As shown, e.g. "2 giờ trước" or "12/03/2026". */
  date: trimmedLine(1, 60).optional(),
  /** What an attached picture shows, for screen readers and for text-only lessons. */
  imageAlt: trimmed(1, 500).optional(),
  /** Likes, shares, views: "12 N lượt chia sẻ". */
  engagement: trimmedLine(1, 100).optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

/** The frame a `red_flags` message is shown in; its text is the item's options, one segment each. */
export const MessageFrameSchema = z.object({
  channel: z.enum(['sms', 'email', 'chat', 'website', 'social']),
  sender: trimmedLine(1, 200),
  /** Email subject, page title or web address bar. */
  subject: trimmedLine(1, 300).optional(),
});
export type MessageFrame = z.infer<typeof MessageFrameSchema>;

const common = {
  prompt: trimmed(1, 1000),
  /** Shown to the student after submission, never before. */
  feedback: trimmed(1, 2000),
  tags: ItemTagsSchema.default({ topics: [], techniques: [], difficulty: 'medium' }),
  points: z.number().int().min(1).max(10).default(1),
};

export const ClaimAnswerSchema = z.object({ verdict: VerdictSchema, evidence: IndexList });
export const RedFlagsAnswerSchema = z.object({ marked: IndexList });
export const TextAnswerSchema = z.object({ text: trimmed(0, 4000) });

/**
 * An item as an author writes it, answer key included. One member per kind; `options`
 * are the choices, the statements to order, the evidence offered (`claim_check`) or the
 * message's segments (`red_flags`).
 */
export const ItemDraftSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single_choice'), ...common, options: z.array(OptionText).min(2).max(8), answer: IndexList }),
  z.object({ kind: z.literal('multi_choice'), ...common, options: z.array(OptionText).min(2).max(10), answer: IndexList }),
  z.object({
    kind: z.literal('true_false'),
    ...common,
    options: z.tuple([z.literal(TRUE_FALSE_OPTIONS[0]), z.literal(TRUE_FALSE_OPTIONS[1])]).default([...TRUE_FALSE_OPTIONS]),
    answer: IndexList,
  }),
  z.object({ kind: z.literal('ordering'), ...common, options: z.array(OptionText).min(2).max(8), answer: IndexList }),
  z.object({
    kind: z.literal('claim_check'),
    ...common,
    claim: ClaimSchema,
    options: z.array(OptionText).min(1).max(8),
    answer: ClaimAnswerSchema,
  }),
  z.object({
    kind: z.literal('red_flags'),
    ...common,
    message: MessageFrameSchema,
    options: z.array(trimmed(1, 1000)).min(2).max(30),
    answer: RedFlagsAnswerSchema,
  }),
  z.object({
    kind: z.literal('short_answer'),
    ...common,
    options: z.array(OptionText).max(0).default([]),
    /** A model answer or marking guide for the reviewing teacher. */
    answer: z.object({ text: trimmed(1, 4000) }),
  }),
]);
export type ItemDraft = z.infer<typeof ItemDraftSchema>;
export type ItemDraftInput = z.input<typeof ItemDraftSchema>;

export interface ItemProblem {
  /** Path inside the item, e.g. `answer.evidence`. */
  path: (string | number)[];
  /** A key of the validation catalogue (`item.markOne`), with its parameters. */
  message: ValidationCode;
  params?: MessageParams;
}

const distinct = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

function indexProblems(indices: readonly number[], count: number, path: (string | number)[]): ItemProblem[] {
  const problems: ItemProblem[] = [];
  if (!distinct(indices)) problems.push({ path, message: 'item.listedTwice' });
  if (indices.some((i) => i >= count)) problems.push({ path, message: 'item.outOfRange', params: { last: count - 1 } });
  return problems;
}

/**
 * What keeps an item from being graded fairly; empty when it is gradable. Pure, so the
 * author's browser shows the same problems the server refuses.
 */
export function itemProblems(item: ItemDraft): ItemProblem[] {
  const problems: ItemProblem[] = [];
  if (!distinct(item.options.map((o) => o.toLocaleLowerCase('vi')))) problems.push({ path: ['options'], message: 'item.duplicateOptions' });
  switch (item.kind) {
    case 'single_choice':
    case 'true_false':
      if (item.answer.length !== 1) problems.push({ path: ['answer'], message: 'item.markOne' });
      problems.push(...indexProblems(item.answer, item.options.length, ['answer']));
      break;
    case 'multi_choice':
      if (item.answer.length === 0) problems.push({ path: ['answer'], message: 'item.markAtLeastOne' });
      problems.push(...indexProblems(item.answer, item.options.length, ['answer']));
      break;
    case 'ordering': {
      const n = item.options.length;
      const isPermutation = item.answer.length === n && distinct(item.answer) && item.answer.every((i) => i < n);
      if (!isPermutation) problems.push({ path: ['answer'], message: 'item.orderAll', params: { count: n } });
      break;
    }
    case 'claim_check':
      if (item.answer.evidence.length === 0) problems.push({ path: ['answer', 'evidence'], message: 'item.evidenceNeeded' });
      problems.push(...indexProblems(item.answer.evidence, item.options.length, ['answer', 'evidence']));
      break;
    case 'red_flags':
      if (item.answer.marked.length === 0) problems.push({ path: ['answer', 'marked'], message: 'item.flagOne' });
      else if (item.answer.marked.length >= item.options.length) problems.push({ path: ['answer', 'marked'], message: 'item.flagNotAll' });
      problems.push(...indexProblems(item.answer.marked, item.options.length, ['answer', 'marked']));
      break;
    case 'short_answer':
      break;
  }
  return problems;
}

/** The draft schema with the gradability rules, as the API and the editor validate an item. */
export const GradableItemSchema = ItemDraftSchema.superRefine((item, ctx) => {
  for (const p of itemProblems(item)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message, ...(p.params ? { params: p.params } : {}) });
});

/** An item as staff read it: the draft plus its identity and whether a publication froze it. */
export type ItemDto = ItemDraft & {
  id: string;
  /** Set once a published curriculum uses it: it can no longer change, only be revised into a new item. */
  lockedAt: string | null;
  /** The item this one revises, if any. */
  revisesId: string | null;
  updatedAt: string;
};

/**
 * An item as a student sees it before submitting: the question, never the answer key or
 * the feedback (feedback would give the answer away).
 */
export type StudentItemDto = {
  id: string;
  kind: ItemKind;
  prompt: string;
  options: string[];
  points: number;
  claim?: Claim;
  message?: MessageFrame;
};

/** Builds the student's view field by field, so a key added to items later cannot leak. */
export function studentItem(item: ItemDraft & { id: string }): StudentItemDto {
  const view: StudentItemDto = { id: item.id, kind: item.kind, prompt: item.prompt, options: [...item.options], points: item.points };
  if (item.kind === 'claim_check') view.claim = { ...item.claim };
  if (item.kind === 'red_flags') view.message = { ...item.message };
  return view;
}

export const ItemListQuery = z.object({
  q: trimmedLine(0, 100).optional(),
  kind: ItemKindSchema.optional(),
  topic: trimmedLine(1, 40).optional(),
  technique: trimmedLine(1, 40).optional(),
  difficulty: DifficultySchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ItemListQuery = z.infer<typeof ItemListQuery>;
