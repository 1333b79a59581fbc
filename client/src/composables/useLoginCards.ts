import { computed, ref } from 'vue';

import { classesApi } from '@/api/classes';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';
import { saveFile } from '@/ui/saveFile';

/** The classes whose cards are being fetched, shared so that two buttons of one class agree. */
const pending = ref(new Set<string>());

/** A class's login cards as a PDF, fetched with the token in the header and saved by the browser. */
export function useLoginCards() {
  async function download(classId: string, className: string): Promise<void> {
    if (pending.value.has(classId)) return;
    pending.value = new Set(pending.value).add(classId);
    try {
      const file = await classesApi.loginCards(classId);
      saveFile(file.blob, file.filename ?? `${t('loginCards.fileName', { name: className })}.pdf`);
      notify.success(t('loginCards.downloaded', { name: className }));
    } catch (error) {
      notify.error(describeError(error));
    } finally {
      const next = new Set(pending.value);
      next.delete(classId);
      pending.value = next;
    }
  }

  const isDownloading = computed(() => (classId: string) => pending.value.has(classId));
  return { download, isDownloading };
}
