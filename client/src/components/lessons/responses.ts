import type { ItemKind, StudentItemDto, Verdict } from '@tinhtao/shared';

/** An answer as a student gives it, one shape per item kind (DESIGN §4). */
export type OptionsResponse = number[];
/** `verdict` is null until the student picks one; an unpicked verdict grades as wrong. */
export interface ClaimResponse {
  verdict: Verdict | null;
  evidence: number[];
}
export interface RedFlagsResponse {
  marked: number[];
}
export interface TextResponse {
  text: string;
}
export type ItemResponse = OptionsResponse | ClaimResponse | RedFlagsResponse | TextResponse;

/** What a submission answers for one item (`POST /api/attempts/:id/submit`). */
export interface ItemResult {
  /** Null while a teacher has not reviewed a short answer yet. */
  correct: boolean | null;
  feedback: string;
  /** Null while a teacher has not reviewed a short answer yet. */
  score: number | null;
  maxScore: number;
  /** The key, in the kind's response shape; sent only after submission. */
  answer?: unknown;
  /** The reviewing teacher's comment on a short answer. */
  reviewComment?: string | null;
}

export const VERDICTS: readonly Verdict[] = ['true', 'false', 'misleading', 'unverifiable'];

/** The response a kind starts from before the student has done anything. */
export function emptyResponse(kind: ItemKind, item?: Pick<StudentItemDto, 'options'>): ItemResponse {
  switch (kind) {
    case 'claim_check':
      return { verdict: null, evidence: [] };
    case 'red_flags':
      return { marked: [] };
    case 'short_answer':
      return { text: '' };
    case 'ordering':
      // The statements start in the order shown; the student moves them.
      return (item?.options ?? []).map((_, index) => index);
    default:
      return [];
  }
}

export const isOptions = (response: ItemResponse | null | undefined): response is OptionsResponse => Array.isArray(response);
export const isClaim = (response: ItemResponse | null | undefined): response is ClaimResponse =>
  !!response && !Array.isArray(response) && 'evidence' in response;
export const isRedFlags = (response: ItemResponse | null | undefined): response is RedFlagsResponse =>
  !!response && !Array.isArray(response) && 'marked' in response;
export const isText = (response: ItemResponse | null | undefined): response is TextResponse => !!response && !Array.isArray(response) && 'text' in response;

/**
 * Whether the student has answered: something picked, marked or written. An ordering
 * counts once a response is stored, since its starting order is already a full answer.
 */
export function isAnswered(kind: ItemKind, response: ItemResponse | null | undefined): boolean {
  if (response === null || response === undefined) return false;
  switch (kind) {
    case 'claim_check':
      return isClaim(response) && (response.verdict !== null || response.evidence.length > 0);
    case 'red_flags':
      return isRedFlags(response) && response.marked.length > 0;
    case 'short_answer':
      return isText(response) && response.text.trim().length > 0;
    case 'ordering':
      return isOptions(response) && response.length > 0;
    default:
      return isOptions(response) && response.length > 0;
  }
}

/** Adds or removes one index, keeping the list sorted. */
export function toggleIndex(list: readonly number[], index: number): number[] {
  return list.includes(index) ? list.filter((one) => one !== index) : [...list, index].sort((a, b) => a - b);
}

/** Only https addresses and paths on this site are shown as links or images (as the server allows). */
export function isSafeUrl(url: string): boolean {
  return /^https:\/\/[^\s"'<>]+$/.test(url) || /^\/[^\s"'<>/][^\s"'<>]*$/.test(url);
}
