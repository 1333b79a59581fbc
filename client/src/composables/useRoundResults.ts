import type { RoundResultsDto, RoundStage, SubmissionResultRowDto } from '@tinhtao/shared';
import { type Ref, ref, shallowRef } from 'vue';

import { submissionsApi } from '@/api/submissions';
import { describeError } from '@/i18n/problem';
import { useSubmissionI18n } from '@/i18n/subsMessages';
import { withFeedback } from '@/stores/feedback';
import { notify } from '@/ui/notify';
import { saveFile } from '@/ui/saveFile';

/** A round's results for the organiser: load, add a judge where judges disagree, promote the top K, XLSX, certificates. */
export function useRoundResults(contestId: Ref<string>, stage: Ref<RoundStage>) {
  const { t } = useSubmissionI18n();
  const results = shallowRef<RoundResultsDto | null>(null);
  const state = ref<'loading' | 'ready' | 'missing'>('loading');
  const problem = ref<string | null>(null);
  const adding = ref<string | null>(null);
  const downloading = ref<'xlsx' | 'certificates' | null>(null);

  async function load(): Promise<void> {
    try {
      results.value = await submissionsApi.results(contestId.value, stage.value);
      state.value = 'ready';
    } catch (error) {
      problem.value = describeError(error);
      state.value = 'missing';
    }
  }

  async function addJudge(row: SubmissionResultRowDto): Promise<void> {
    adding.value = row.entryId;
    try {
      await withFeedback(
        () => submissionsApi.addJudge(contestId.value, stage.value, row.entryId),
        () => t('subsAdmin.results.judgeAdded', { code: row.code }),
      );
      await load();
    } catch {
      // Said by the toast.
    } finally {
      adding.value = null;
    }
  }

  async function promote(): Promise<void> {
    results.value = await withFeedback(
      () => submissionsApi.promote(contestId.value, stage.value),
      (done) => t('subsAdmin.results.promotedDone', { n: done.rows.filter((row) => row.promoted).length }),
    ).catch(() => results.value);
  }

  async function fetchFile(kind: 'xlsx' | 'certificates', work: () => ReturnType<typeof submissionsApi.resultsXlsx>, fallbackName: string): Promise<void> {
    downloading.value = kind;
    try {
      const file = await work();
      saveFile(file.blob, file.filename ?? fallbackName);
    } catch (error) {
      notify.error(describeError(error));
    } finally {
      downloading.value = null;
    }
  }

  const downloadXlsx = () =>
    fetchFile('xlsx', () => submissionsApi.resultsXlsx(contestId.value, stage.value), `${t('subsAdmin.results.fileName')}-${stage.value}.xlsx`);
  const downloadCertificates = (schoolId: string, schoolName: string) =>
    fetchFile(
      'certificates',
      () => submissionsApi.certificates(contestId.value, stage.value, schoolId),
      `${t('subsAdmin.results.certificateFile')} ${schoolName}.pdf`,
    );

  return { results, state, problem, adding, downloading, load, addJudge, promote, downloadXlsx, downloadCertificates };
}
