import {
  type Block,
  type BlockType,
  type CurriculumLevel,
  GRADES_BY_LEVEL,
  type ItemDraft,
  type ItemDto,
  type ItemKind,
  type LessonBodyInput,
  type LessonDto,
  type LessonItemInput,
  type ProgramKind,
  studentItem,
  type StudentItemDto,
  TRUE_FALSE_OPTIONS,
} from '@tinhtao/shared';

/**
 * The lesson being edited: one reactive object owned by the editor, whose parts the
 * field, block and item editors change in place. Items carry a `key` for lists and
 * previews, and the bank `id` once they have one.
 */
export type EditorItem = ItemDraft & { id?: string; key: string };

export interface LessonDraft {
  title: string;
  kind: ProgramKind;
  level: CurriculumLevel;
  gradeMin: number;
  gradeMax: number;
  durationMinutes: number;
  summary: string;
  objectives: string[];
  body: Block[];
  items: EditorItem[];
}

/** A deep copy of plain JSON data; unlike structuredClone it also copies Vue's reactive proxies. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let counter = 0;
export const newKey = (): string => `k${Date.now().toString(36)}${(counter++).toString(36)}`;

export function newLessonDraft(level: CurriculumLevel = 'THCS', kind: ProgramKind = 'SAFETY'): LessonDraft {
  const grades = GRADES_BY_LEVEL[level];
  return {
    title: '',
    kind,
    level,
    gradeMin: grades[0]!,
    gradeMax: grades.at(-1)!,
    durationMinutes: 40,
    summary: '',
    objectives: [''],
    body: [{ type: 'paragraph', text: '' }],
    items: [],
  };
}

/** A bank item as the editor holds it: the answer key kept, the bank's bookkeeping dropped. */
export function editorItem(item: ItemDto | (ItemDraft & { id?: string }), key = newKey()): EditorItem {
  const { lockedAt: _locked, revisesId: _revises, updatedAt: _updated, ...draft } = item as ItemDto;
  return { ...clone(draft), key };
}

export function draftFromLesson(lesson: LessonDto, keys: readonly string[] = []): LessonDraft {
  return {
    title: lesson.title,
    kind: lesson.kind,
    level: lesson.level,
    gradeMin: lesson.gradeMin,
    gradeMax: lesson.gradeMax,
    durationMinutes: lesson.durationMinutes,
    summary: lesson.summary,
    objectives: lesson.objectives.length ? [...lesson.objectives] : [''],
    body: clone(lesson.body),
    items: lesson.items.map((item, index) => editorItem(item, keys[index])),
  };
}

const common = () => ({ prompt: '', feedback: '', tags: { topics: [], techniques: [], difficulty: 'medium' as const }, points: 1 });

/** A new, empty item of a kind, shaped so that every editor control has something to bind. */
export function newItem(kind: ItemKind): EditorItem {
  const key = newKey();
  switch (kind) {
    case 'single_choice':
    case 'multi_choice':
      return { kind, ...common(), options: ['', '', ''], answer: [], key };
    case 'true_false':
      return { kind, ...common(), options: [...TRUE_FALSE_OPTIONS], answer: [0], key };
    case 'ordering':
      // Shown to students in an order other than the right one from the start.
      return { kind, ...common(), options: ['', '', ''], answer: [1, 2, 0], key };
    case 'claim_check':
      return { kind, ...common(), claim: { format: 'post', source: '', text: '' }, options: ['', ''], answer: { verdict: 'false', evidence: [] }, key };
    case 'red_flags':
      return { kind, ...common(), message: { channel: 'sms', sender: '' }, options: ['', '', ''], answer: { marked: [] }, key };
    case 'short_answer':
      return { kind, ...common(), options: [], answer: { text: '' }, key };
  }
}

export function newBlock(type: BlockType): Block {
  switch (type) {
    case 'list':
      return { type, ordered: false, items: [''] };
    case 'image':
      return { type, url: '', alt: '' };
    case 'quote':
      return { type, format: 'sms', text: '' };
    case 'video':
      return { type, url: '', title: '' };
    default:
      return { type, text: '' };
  }
}

/** Optional text left empty in a form is absent, not "" (the schemas refuse empty strings). */
function dropEmpty<T extends object>(value: T, keys: readonly string[]): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) if (typeof copy[key] === 'string' && !(copy[key] as string).trim()) delete copy[key];
  return copy as T;
}

/** The item as the API takes it (and as the problem checks read it). */
export function cleanItem(item: EditorItem): LessonItemInput {
  const { key: _key, ...rest } = item;
  const draft = { ...rest } as ItemDraft & { id?: string };
  if (draft.kind === 'claim_check') draft.claim = dropEmpty(draft.claim, ['date', 'imageAlt', 'engagement']);
  if (draft.kind === 'red_flags') draft.message = dropEmpty(draft.message, ['subject']);
  if (!draft.id) delete draft.id;
  return draft as LessonItemInput;
}

export function cleanBlock(block: Block): Block {
  if (block.type === 'quote') return dropEmpty(block, ['author', 'meta']);
  if (block.type === 'image') return dropEmpty(block, ['caption']);
  return block;
}

export function lessonBodyOf(draft: LessonDraft): LessonBodyInput {
  return {
    title: draft.title,
    kind: draft.kind,
    level: draft.level,
    gradeMin: draft.gradeMin,
    gradeMax: draft.gradeMax,
    durationMinutes: draft.durationMinutes,
    summary: draft.summary,
    objectives: draft.objectives.filter((objective) => objective.trim()),
    body: draft.body.map(cleanBlock),
    items: draft.items.map(cleanItem),
  };
}

/** The item as a student would receive it, for the live preview. */
export function previewItem(item: EditorItem): StudentItemDto {
  return studentItem({ ...(cleanItem(item) as ItemDraft), id: item.key });
}
