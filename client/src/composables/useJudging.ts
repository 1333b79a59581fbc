import type { BlindEntryDto, ConflictBody, JudgeProgressDto, RoundStage, SubmissionContestDto } from '@tinhtao/shared';
import { computed, type Ref, ref, shallowRef, watch } from 'vue';

import { submissionsApi } from '@/api/submissions';
import { neighbours, scoreBody, type ScoreForm, scoreForm, unscored } from '@/components/judging/scoring';
import { describeError } from '@/i18n/problem';
import { useSubmissionI18n } from '@/i18n/subsMessages';
import { useSubmissionsStore } from '@/stores/submissions';
import { notify } from '@/ui/notify';

/**
 * One blind entry in a judge's round: the entry (no name, school or class: the server sends none),
 * the rubric, the judge's form and progress, save, and where to go next. Every open and save is
 * audited by the server.
 */
export function useJudging(contestId: Ref<string>, stage: Ref<RoundStage>, entryId: Ref<string>) {
  const { t } = useSubmissionI18n();
  const submissions = useSubmissionsStore();
  const contest = shallowRef<SubmissionContestDto | null>(null);
  const progress = shallowRef<JudgeProgressDto | null>(null);
  const entry = shallowRef<BlindEntryDto | null>(null);
  const form = ref<ScoreForm>({ scores: {}, comments: {}, comment: '' });
  const saved = ref('');
  const state = ref<'loading' | 'ready' | 'missing'>('loading');
  const problem = ref<string | null>(null);
  const saving = ref(false);

  const criteria = computed(() => contest.value?.rubric?.criteria ?? []);
  const nav = computed(() => neighbours(progress.value?.entries ?? [], entryId.value));
  const dirty = computed(() => state.value === 'ready' && JSON.stringify(form.value) !== saved.value);
  const missing = computed(() => unscored(criteria.value, form.value));

  function reset(): void {
    form.value = scoreForm(criteria.value, entry.value?.myScore ?? null);
    saved.value = JSON.stringify(form.value);
  }

  async function loadEntry(): Promise<void> {
    state.value = 'loading';
    try {
      entry.value = await submissionsApi.blindEntry(entryId.value, stage.value);
      reset();
      state.value = 'ready';
    } catch (error) {
      problem.value = describeError(error);
      state.value = 'missing';
    }
  }

  async function load(): Promise<void> {
    const [found, mine] = await Promise.all([submissions.fetch(contestId.value), submissionsApi.myProgress(contestId.value, stage.value).catch(() => null)]);
    contest.value = found ?? null;
    progress.value = mine;
    await loadEntry();
  }

  watch(entryId, () => void loadEntry());

  /** Saves the score (resaved freely until judging closes); true when saved. */
  async function save(): Promise<boolean> {
    const body = scoreBody(stage.value, criteria.value, form.value);
    if (!body) {
      notify.error(t('jury.score.missing', { list: missing.value.map((c) => c.name).join(', ') }));
      return false;
    }
    saving.value = true;
    try {
      entry.value = await submissionsApi.score(entryId.value, body);
      reset();
      progress.value = await submissionsApi.myProgress(contestId.value, stage.value).catch(() => progress.value);
      notify.success(t('jury.score.saved', { code: entry.value.code }));
      return true;
    } catch (error) {
      notify.error(describeError(error));
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** Steps back from the entry; another judge takes it. The next entry to open comes back. */
  async function declareConflict(body: Omit<ConflictBody, 'stage'>): Promise<string | null | undefined> {
    try {
      progress.value = await submissionsApi.declareConflict(entryId.value, { ...body, stage: stage.value });
      notify.success(t('jury.conflict.done'));
      saved.value = JSON.stringify(form.value);
      return progress.value.nextEntryId;
    } catch (error) {
      notify.error(describeError(error));
      return undefined;
    }
  }

  return { contest, progress, entry, form, criteria, nav, dirty, missing, state, problem, saving, load, save, declareConflict };
}
