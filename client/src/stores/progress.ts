import type { ProgressDto, StudentAssignmentDto } from '@tinhtao/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { progressApi } from '@/api/progress';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';
import { saveFile } from '@/ui/saveFile';

import { loadQuietly } from './feedback';

/** A class's progress matrix, and one student's history opened from it. */
export const useProgressStore = defineStore('progress', () => {
  const matrix = ref<ProgressDto | null>(null);
  const busy = ref(false);
  const downloading = ref(false);

  const current = computed(() => matrix.value);
  const loading = computed(() => busy.value);
  const exporting = computed(() => downloading.value);

  async function load(classId: string): Promise<void> {
    busy.value = true;
    if (matrix.value?.classId !== classId) matrix.value = null;
    try {
      matrix.value = (await loadQuietly(() => progressApi.ofClass(classId))) ?? matrix.value;
    } finally {
      busy.value = false;
    }
  }

  /** The spreadsheet, fetched with the token in the header and saved by the browser. */
  async function download(classId: string, className: string): Promise<void> {
    downloading.value = true;
    try {
      const file = await progressApi.spreadsheet(classId);
      saveFile(file.blob, file.filename ?? `${t('progress.fileName', { name: className })}.xlsx`);
      notify.success(t('progress.downloaded'));
    } catch (error) {
      notify.error(describeError(error));
    } finally {
      downloading.value = false;
    }
  }

  function history(studentId: string): Promise<StudentAssignmentDto[] | undefined> {
    return loadQuietly(() => progressApi.studentHistory(studentId));
  }

  return { current, loading, exporting, load, download, history };
});
