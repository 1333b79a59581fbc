import type { ItemDraft, ItemDto, ItemKind } from '@tinhtao/shared';

export const ITEM_COLUMNS = `i.id, i.kind, i.prompt, i.content, i.answer, i.feedback, i.topics, i.techniques, i.difficulty, i.points,
  i.revises_id AS "revisesId", i.locked_at AS "lockedAt", i.updated_at AS "updatedAt"`;

export interface ItemRow {
  id: string;
  kind: ItemKind;
  prompt: string;
  content: { options: string[]; claim?: unknown; message?: unknown };
  answer: unknown;
  feedback: string;
  topics: string[];
  techniques: string[];
  difficulty: ItemDto['tags']['difficulty'];
  points: number;
  revisesId: string | null;
  lockedAt: Date | null;
  updatedAt: Date;
}

/** What an item row keeps as `content`: everything the student sees besides the prompt. */
export function itemContent(item: ItemDraft): ItemRow['content'] {
  if (item.kind === 'claim_check') return { options: item.options, claim: item.claim };
  if (item.kind === 'red_flags') return { options: item.options, message: item.message };
  return { options: item.options };
}

export function toItemDto(row: ItemRow): ItemDto {
  return {
    id: row.id,
    kind: row.kind,
    prompt: row.prompt,
    ...row.content,
    answer: row.answer,
    feedback: row.feedback,
    tags: { topics: row.topics, techniques: row.techniques, difficulty: row.difficulty },
    points: row.points,
    revisesId: row.revisesId,
    lockedAt: row.lockedAt ? row.lockedAt.toISOString() : null,
    updatedAt: row.updatedAt.toISOString(),
  } as ItemDto;
}

/** An item's authored content in one fixed key order, so two versions compare as strings. */
export function canonicalItem(item: ItemDraft): string {
  const { options, claim, message } = itemContent(item);
  return JSON.stringify([
    item.kind,
    item.prompt,
    item.feedback,
    item.points,
    item.tags.topics,
    item.tags.techniques,
    item.tags.difficulty,
    options,
    claim ?? null,
    message ?? null,
    canonicalAnswer(item.answer),
  ]);
}

function canonicalAnswer(answer: ItemDraft['answer']): unknown {
  if (Array.isArray(answer)) return answer;
  if ('verdict' in answer) return [answer.verdict, answer.evidence];
  if ('marked' in answer) return answer.marked;
  return answer.text;
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
