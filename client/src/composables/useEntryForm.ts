import type { SubmissionContestDto, SubmissionEntryDto, SubmissionKind } from '@tinhtao/shared';
import { computed, type Ref, ref, shallowRef, watch } from 'vue';

import { submissionsApi } from '@/api/submissions';
import {
  clearDraft,
  draftFromEntry,
  draftHasContent,
  draftProblems,
  emptyDraft,
  entryBody,
  type EntryDraft,
  readDraft,
  writeDraft,
} from '@/components/submissions/draft';
import { describeError, fieldErrorsOf } from '@/i18n/problem';
import { useSubmissionI18n } from '@/i18n/subsMessages';
import { useAuthStore } from '@/stores/auth';
import { useSubmissionsStore } from '@/stores/submissions';
import { notify } from '@/ui/notify';

import { useUploads } from './useUploads';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * An entry's form, new or replacing one (`entryId`): the contest and the entry loaded, the draft
 * kept on the phone as it is typed (a new entry only), the files sent through tus, and the send.
 * A team's entry is its teacher's: `memberIds` then name the students.
 */
export function useEntryForm(contestId: Ref<string>, entryId: Readonly<Ref<string | undefined>>, memberIds: Ref<readonly string[]> = ref([])) {
  const { t } = useSubmissionI18n();
  const auth = useAuthStore();
  const submissions = useSubmissionsStore();
  const contest = shallowRef<SubmissionContestDto | null>(null);
  const entry = shallowRef<SubmissionEntryDto | null>(null);
  const draft = ref<EntryDraft>(emptyDraft('poster'));
  const state = ref<'loading' | 'ready' | 'missing'>('loading');
  const sending = ref(false);
  const tried = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const pickProblem = ref<string | null>(null);
  const userId = () => auth.user?.id ?? null;
  /** Drafts are for new entries; a replacement starts from the entry as sent. */
  const keepsDraft = computed(() => !entryId.value);

  const rule = computed(() => contest.value?.kinds.find((kind) => kind.kind === draft.value.kind));
  const kinds = computed<SubmissionKind[]>(() => contest.value?.kinds.map((kind) => kind.kind) ?? []);

  const uploads = useUploads({
    userId,
    scope: () => contestId.value,
    metadata: () => ({ contestId: contestId.value, kind: draft.value.kind, ...(entryId.value ? { entryId: entryId.value } : {}) }),
    onDone: (file) => (draft.value.files = [...draft.value.files, file]),
  });

  const problems = computed(() => draftProblems(draft.value, rule.value, uploads.busy.value));
  /** Shown once the student has tried to send (not while they type the first letters). */
  const errors = computed<Record<string, string>>(() => {
    const shown: Record<string, string> = { ...serverErrors.value };
    if (!tried.value) return shown;
    for (const [field, problem] of Object.entries(problems.value)) shown[field] ??= t(`subs.form.problems.${problem.key}`, problem.params);
    return shown;
  });

  async function load(): Promise<void> {
    state.value = 'loading';
    const found = await submissions.fetch(contestId.value);
    if (!found) return void (state.value = 'missing');
    contest.value = found;
    if (entryId.value) {
      const mine = await submissionsApi.entries(found.id).catch(() => []);
      const existing = mine.find((one) => one.id === entryId.value);
      if (!existing) return void (state.value = 'missing');
      entry.value = existing;
      draft.value = draftFromEntry(existing);
    } else {
      const store = storage();
      const saved = store && userId() ? readDraft(store, userId()!, found.id) : null;
      draft.value = saved ?? emptyDraft(found.kinds[0]?.kind ?? 'poster');
    }
    state.value = 'ready';
  }

  watch(
    draft,
    (now) => {
      const store = storage();
      if (!keepsDraft.value || state.value !== 'ready' || !store || !userId()) return;
      if (draftHasContent(now)) writeDraft(store, userId()!, contestId.value, now);
      else clearDraft(store, userId()!, contestId.value);
    },
    { deep: true },
  );

  function change(field: keyof EntryDraft, value: string): void {
    if (field === 'files') return;
    // A kind takes its own files: those of another kind leave with the change.
    if (field === 'kind' && value !== draft.value.kind) draft.value = { ...draft.value, kind: value as SubmissionKind, files: [] };
    else draft.value = { ...draft.value, [field]: value };
    serverErrors.value = Object.fromEntries(Object.entries(serverErrors.value).filter(([key]) => key !== field));
  }

  async function pick(files: File[]): Promise<void> {
    pickProblem.value = null;
    if (!rule.value) return;
    for (const file of files) {
      const refused = await uploads.add(file, rule.value, draft.value.files.length);
      if (refused) pickProblem.value = refused;
    }
  }

  function detach(id: string): void {
    draft.value = { ...draft.value, files: draft.value.files.filter((file) => file.id !== id) };
  }

  /** Sends the entry; the saved one comes back (to wait for the teacher's confirmation). */
  async function send(): Promise<SubmissionEntryDto | null> {
    tried.value = true;
    serverErrors.value = {};
    if (Object.keys(problems.value).length > 0 || !contest.value) return null;
    sending.value = true;
    try {
      const body = entryBody(draft.value, memberIds.value);
      const saved = entryId.value ? await submissionsApi.replace(entryId.value, body) : await submissionsApi.submit(contest.value.id, body);
      const store = storage();
      if (store && userId()) clearDraft(store, userId()!, contest.value.id);
      notify.success(t(entryId.value ? 'subs.form.replaced' : 'subs.form.sent', { title: saved.title }));
      return saved;
    } catch (error) {
      serverErrors.value = fieldErrorsOf(error);
      notify.error(describeError(error));
      return null;
    } finally {
      sending.value = false;
    }
  }

  return { contest, entry, draft, state, rule, kinds, uploads, errors, pickProblem, sending, load, change, pick, detach, send };
}
