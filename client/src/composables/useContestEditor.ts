import { type Criterion, DEFAULT_RUBRIC, RubricBody, SubmissionContestBody as ContestSchema, type SubmissionContestBody, validate } from '@tinhtao/shared';
import { computed, type Ref, ref } from 'vue';

import { submissionsApi } from '@/api/submissions';
import { contestBody, type ContestDraft, draftFromContest, newContestDraft } from '@/components/submissionAdmin/contestDraft';
import { describeError, fieldErrorsOf, validationLocale } from '@/i18n/problem';
import { useSubmissionsStore } from '@/stores/submissions';

/**
 * The organiser's contest form: new, or the contest `id` to edit; and its rubric, saved right
 * after the contest (a rubric needs the contest's id). Both are checked with the shared schemas
 * before anything is sent, and the server's field errors land in the same list.
 */
export function useContestEditor(id: Ref<string | undefined>) {
  const submissions = useSubmissionsStore();
  const draft = ref<ContestDraft>(newContestDraft(Date.now()));
  const criteria = ref<Criterion[]>(structuredClone(DEFAULT_RUBRIC.criteria));
  const rubricLocked = ref(false);
  const state = ref<'loading' | 'ready' | 'missing'>(id.value ? 'loading' : 'ready');
  const issues = ref<Record<string, string>>({});
  const saving = ref(false);
  const body = computed<SubmissionContestBody>(() => contestBody(draft.value));
  /** The contest once saved: a rubric refused after a new contest was created is saved again onto it, never onto a second one. */
  const savedId = ref(id.value);

  async function load(): Promise<void> {
    if (!id.value) return;
    const found = await submissions.fetch(id.value);
    if (!found) return void (state.value = 'missing');
    draft.value = draftFromContest(found, Date.now());
    if (found.rubric) {
      criteria.value = structuredClone(found.rubric.criteria);
      rubricLocked.value = found.rubric.locked;
    }
    state.value = 'ready';
  }

  function check(): boolean {
    const found: Record<string, string> = {};
    const contest = validate(ContestSchema, body.value, validationLocale());
    if (!contest.success) for (const issue of contest.issues) found[issue.field] ??= issue.message;
    if (!rubricLocked.value) {
      const rubric = validate(RubricBody, { criteria: criteria.value }, validationLocale());
      if (!rubric.success) for (const issue of rubric.issues) found[issue.field] ??= issue.message;
    }
    issues.value = found;
    return Object.keys(found).length === 0;
  }

  /** Saves the contest, then its rubric; the saved contest's id, or null when something was refused (shown in `issues`). */
  async function save(): Promise<string | null> {
    if (!check()) return null;
    saving.value = true;
    try {
      const saved = savedId.value ? await submissions.update(savedId.value, body.value) : await submissions.create(body.value);
      savedId.value = saved.id;
      if (!rubricLocked.value) {
        const rubric = await submissionsApi.saveRubric(saved.id, { criteria: criteria.value });
        submissions.put({ ...saved, rubric });
      }
      return saved.id;
    } catch (error) {
      // The store has already said why the contest was refused; a refused rubric is said here.
      const fields = fieldErrorsOf(error);
      issues.value = Object.keys(fields).length ? fields : { '': describeError(error) };
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { draft, criteria, rubricLocked, state, issues, saving, body, load, save };
}
