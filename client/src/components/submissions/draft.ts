import type { KindRule, SubmissionEntryBody, SubmissionEntryDto, SubmissionKind } from '@tinhtao/shared';

/** A file that has gone up in full: the entry names it by `id`. */
export interface AttachedFile {
  id: string;
  name: string;
  type: string;
  size: number;
  /** Known for a file already in the entry. */
  thumbnailUrl?: string | null;
}

/** The entry form as the student fills it, kept on the phone until it is sent. */
export interface EntryDraft {
  kind: SubmissionKind;
  theme: string;
  title: string;
  description: string;
  technique: string;
  files: AttachedFile[];
}

export type DraftField = 'kind' | 'theme' | 'title' | 'description' | 'technique' | 'files';
/** A field's problem as an i18n key under `subs.form.problems` and its parameters. */
export type DraftProblems = Partial<Record<DraftField, { key: string; params?: Record<string, number> }>>;

/** The limits of `SubmissionEntryBody`, checked here so that a phone learns of them before sending. */
export const ENTRY_LIMITS = { title: [3, 200], description: [1, 3000], technique: [1, 2000] } as const;

export function emptyDraft(kind: SubmissionKind): EntryDraft {
  return { kind, theme: '', title: '', description: '', technique: '', files: [] };
}

export function draftFromEntry(entry: SubmissionEntryDto): EntryDraft {
  return {
    kind: entry.kind,
    theme: entry.theme ?? '',
    title: entry.title,
    description: entry.description,
    technique: entry.technique,
    files: entry.files.map((file) => ({ id: file.id, name: file.originalName, type: file.mediaType, size: file.bytes, thumbnailUrl: file.thumbnailUrl })),
  };
}

/** What the form lacks, field by field; empty when it may be sent. */
export function draftProblems(draft: EntryDraft, rule: Pick<KindRule, 'maxFiles'> | undefined, uploading: boolean): DraftProblems {
  const problems: DraftProblems = {};
  if (!rule) problems.kind = { key: 'kind' };
  for (const field of ['title', 'description', 'technique'] as const) {
    const [min, max] = ENTRY_LIMITS[field];
    const length = draft[field].trim().length;
    if (length < min) problems[field] = { key: length === 0 ? 'required' : 'tooShort', params: { min } };
    else if (length > max) problems[field] = { key: 'tooLong', params: { max } };
  }
  if (uploading) problems.files = { key: 'uploading' };
  else if (draft.files.length === 0) problems.files = { key: 'noFile' };
  else if (rule && draft.files.length > rule.maxFiles) problems.files = { key: 'tooMany', params: { max: rule.maxFiles } };
  return problems;
}

/** The body of `POST …/entries` or `PUT /api/submission-entries/:id`; a team's `memberIds` come from its teacher. */
export function entryBody(draft: EntryDraft, memberIds: readonly string[] = []): SubmissionEntryBody {
  const theme = draft.theme.trim();
  return {
    kind: draft.kind,
    ...(theme ? { theme } : {}),
    title: draft.title.trim(),
    description: draft.description.trim(),
    technique: draft.technique.trim(),
    memberIds: [...memberIds],
    fileIds: draft.files.map((file) => file.id),
  };
}

// ── Kept on the phone ──────────────────────────────────────────────────────

const PREFIX = 'tt.subs.draft';

/** One draft per person and contest: another student on a shared phone never opens it. */
export const draftKey = (userId: string, contestId: string): string => `${PREFIX}.${userId}.${contestId}`;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isText = (value: unknown): value is string => typeof value === 'string';

function isFile(value: unknown): value is AttachedFile {
  if (!value || typeof value !== 'object') return false;
  const file = value as Record<string, unknown>;
  return isText(file.id) && isText(file.name) && isText(file.type) && typeof file.size === 'number';
}

/** The saved draft, or null when there is none or it is not one (edited by hand, an older shape). */
export function readDraft(store: KeyValueStore, userId: string, contestId: string): EntryDraft | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.getItem(draftKey(userId, contestId)) ?? 'null');
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const draft = parsed as Record<string, unknown>;
  const texts = ['kind', 'theme', 'title', 'description', 'technique'].every((field) => isText(draft[field]));
  if (!texts || !Array.isArray(draft.files) || !draft.files.every(isFile)) return null;
  return parsed as EntryDraft;
}

/** Saves the draft; a full or private-mode storage keeps it for this page only. */
export function writeDraft(store: KeyValueStore, userId: string, contestId: string, draft: EntryDraft): boolean {
  try {
    store.setItem(draftKey(userId, contestId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(store: KeyValueStore, userId: string, contestId: string): void {
  try {
    store.removeItem(draftKey(userId, contestId));
  } catch {
    // Nothing was kept.
  }
}

/** Whether the student has typed or attached anything worth keeping. */
export const draftHasContent = (draft: EntryDraft): boolean =>
  draft.files.length > 0 || [draft.title, draft.description, draft.technique].some((text) => text.trim().length > 0);
