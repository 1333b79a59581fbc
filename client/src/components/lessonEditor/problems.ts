import { GradableItemSchema, type ItemDraft, LessonBody, validate, type ValidationIssue } from '@tinhtao/shared';

import { t, te } from '@/i18n';
import { validationLocale } from '@/i18n/problem';

import { cleanItem, type EditorItem, lessonBodyOf, type LessonDraft } from './draft';

export interface Problem {
  /** Dotted path inside the item or the lesson, as the server names fields: `answer.evidence`. */
  path: string;
  text: string;
}

/** A catalogue message as a clause after a field's name: "Tiêu đề bài học: cần ít nhất 3 ký tự". */
function asClause(message: string): string {
  return message.charAt(0).toLocaleLowerCase('vi') + message.slice(1);
}

/** "Lựa chọn 2", "Bằng chứng đúng", "Tiêu đề bài học": a readable name for a field path. */
export function fieldLabel(path: readonly PropertyKey[], item?: Pick<ItemDraft, 'kind' | 'answer'>): string {
  const [head, second, third] = path.map(String);
  if (head === 'options' && second !== undefined) {
    // Ordering statements are edited in their right order, so name them by that position.
    const index = Number(second);
    const position = item?.kind === 'ordering' && Array.isArray(item.answer) ? item.answer.indexOf(index) : index;
    return t(`fields.option.${item?.kind ?? 'single_choice'}`, { n: (position < 0 ? index : position) + 1 });
  }
  if (head === 'objectives' && second !== undefined) return t('fields.objectivesN', { n: Number(second) + 1 });
  if (head === 'body' && second !== undefined) {
    const block = t('fields.bodyN', { n: Number(second) + 1 });
    return third && te(`fields.block.${third}`) ? `${block} · ${t(`fields.block.${third}`)}` : block;
  }
  // Nested names join with "_" (`answer_evidence`), list positions are left out (`tags.topics.2` → `tags_topics`).
  const named = path.map(String).filter((part) => !/^\d+$/.test(part));
  for (let size = named.length; size > 0; size--) {
    const key = `fields.${named.slice(0, size).join('_')}`;
    if (te(key)) return t(key);
  }
  return path.join('.');
}

function issuesOf(schema: Parameters<typeof validate>[0], value: unknown): ValidationIssue[] {
  const checked = validate(schema, value, validationLocale());
  return checked.success ? [] : checked.issues;
}

/** What keeps an item from being saved or graded, in words, live as the author types. */
export function itemProblemsOf(item: EditorItem): Problem[] {
  const draft = cleanItem(item);
  return issuesOf(GradableItemSchema, draft).map((issue) => ({
    path: issue.field,
    text: `${fieldLabel(issue.path, item)}: ${asClause(issue.message)}`,
  }));
}

/** Problems of the lesson's own fields and blocks (items are checked one by one above), keyed by field path. */
export function lessonProblemsOf(draft: LessonDraft): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issuesOf(LessonBody, lessonBodyOf(draft))) {
    const [head, index] = issue.path.map(String);
    if (head === 'items' && index !== undefined) continue;
    const field =
      head === 'body' && index !== undefined ? `body.${index}` : head === 'objectives' && index !== undefined ? `objectives.${index}` : (head ?? '');
    byField[field] ??= head === 'body' || head === 'objectives' ? `${fieldLabel(issue.path)}: ${asClause(issue.message)}` : issue.message;
  }
  return byField;
}
