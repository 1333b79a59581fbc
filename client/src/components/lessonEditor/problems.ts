import { GradableItemSchema, type ItemDraft, LessonBody } from '@tinhtao/shared';
import { t, i18n } from '@/i18n';
import { cleanItem, lessonBodyOf, type EditorItem, type LessonDraft } from './draft';

/** The parts of a zod issue the editor reads (the client takes zod's results only through `shared`). */
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

export interface Problem {
  /** Dotted path inside the item or the lesson, as the server names fields: `answer.evidence`. */
  path: string;
  text: string;
}

/** The English rules of `itemProblems` and the lesson schema, as i18n keys. */
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^two options have the same text$/, 'problems.duplicateOptions'],
  [/^mark exactly one right option$/, 'problems.markOne'],
  [/^mark at least one right option$/, 'problems.markAtLeastOne'],
  [/^an option is listed twice$/, 'problems.listedTwice'],
  [/^options are numbered 0 to (\d+)$/, 'problems.outOfRange'],
  [/^give the right order of all (\d+) statements, each once$/, 'problems.orderAll'],
  [/^mark at least one piece of evidence/, 'problems.evidenceNeeded'],
  [/^flag at least one segment$/, 'problems.flagOne'],
  [/^leave at least one segment unflagged/, 'problems.flagNotAll'],
  [/^(THCS|THPT) teaches grades (\d+)-(\d+)$/, 'problems.gradeBand'],
  [/^must not be below the lowest grade$/, 'problems.gradeOrder'],
  [/^must be an https:\/\/ address or a path on this site$/, 'problems.safeUrl'],
];

function describeMessage(issue: Issue): string {
  const n = Number(issue.minimum ?? issue.maximum ?? 0);
  const text = issue.origin === 'string';
  if (issue.code === 'too_small') return text ? (n <= 1 ? t('problems.empty') : t('problems.tooShort', { n })) : t('problems.tooFew', { n });
  if (issue.code === 'too_big') return text ? t('problems.tooLong', { n }) : t('problems.tooMany', { n });
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = pattern.exec(issue.message);
    if (match) return t(key, { a: match[1] ?? '', b: match[2] ?? '', c: match[3] ?? '' });
  }
  return issue.message;
}

/** "Lựa chọn 2", "Bằng chứng đúng", "Tiêu đề bài học": a readable name for a field path. */
export function fieldLabel(path: readonly PropertyKey[], item?: Pick<ItemDraft, 'kind' | 'answer'>): string {
  const [head, second, third] = path.map(String);
  const { te } = i18n.global;
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

function issuesOf(result: { success: boolean; error?: { issues: readonly Issue[] } }): readonly Issue[] {
  return result.success ? [] : (result.error?.issues ?? []);
}

/** What keeps an item from being saved or graded, in words, live as the author types. */
export function itemProblemsOf(item: EditorItem): Problem[] {
  const draft = cleanItem(item);
  return issuesOf(GradableItemSchema.safeParse(draft)).map((issue) => ({
    path: issue.path.map(String).join('.'),
    text: `${fieldLabel(issue.path, item)}: ${describeMessage(issue)}`,
  }));
}

/** Problems of the lesson's own fields and blocks (items are checked one by one above), keyed by field path. */
export function lessonProblemsOf(draft: LessonDraft): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issuesOf(LessonBody.safeParse(lessonBodyOf(draft)))) {
    const [head, index] = issue.path.map(String);
    if (head === 'items' && index !== undefined) continue;
    const field = head === 'body' && index !== undefined ? `body.${index}` : head === 'objectives' && index !== undefined ? `objectives.${index}` : (head ?? '');
    byField[field] ??= head === 'body' || head === 'objectives' ? `${fieldLabel(issue.path)}: ${describeMessage(issue)}` : describeMessage(issue);
  }
  return byField;
}
