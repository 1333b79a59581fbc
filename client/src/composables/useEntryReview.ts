import type { EntryStatus, SubmissionEntryDto } from '@tinhtao/shared';
import { computed, type Ref, ref } from 'vue';

import { submissionsApi } from '@/api/submissions';
import { useSubmissionI18n } from '@/i18n/subsMessages';
import { loadQuietly, withFeedback } from '@/stores/feedback';

/** A teacher's entries of a contest (their classes'): confirm with the consent answer, send back with why, change the consent later. */
export function useEntryReview(contestId: Ref<string | null>) {
  const { t } = useSubmissionI18n();
  const entries = ref<SubmissionEntryDto[]>([]);
  const loading = ref(false);
  const busy = ref<string | null>(null);
  const status = ref<EntryStatus | 'all'>('submitted');

  const shown = computed(() => (status.value === 'all' ? entries.value : entries.value.filter((entry) => entry.status === status.value)));
  const counts = computed(() => {
    const by: Record<string, number> = { all: entries.value.length };
    for (const entry of entries.value) by[entry.status] = (by[entry.status] ?? 0) + 1;
    return by;
  });

  async function load(): Promise<void> {
    if (!contestId.value) return void (entries.value = []);
    loading.value = true;
    const id = contestId.value;
    const found = await loadQuietly(() => submissionsApi.entries(id, { limit: 500 }));
    if (found && id === contestId.value) entries.value = found;
    loading.value = false;
  }

  function put(entry: SubmissionEntryDto): void {
    entries.value = entries.value.map((one) => (one.id === entry.id ? entry : one));
  }

  async function act(entry: SubmissionEntryDto, work: () => Promise<SubmissionEntryDto>, message: string): Promise<boolean> {
    busy.value = entry.id;
    try {
      put(await withFeedback(work, () => message));
      return true;
    } catch {
      return false;
    } finally {
      busy.value = null;
    }
  }

  const confirm = (entry: SubmissionEntryDto, consentOnFile: boolean) =>
    act(entry, () => submissionsApi.confirm(entry.id, { consentOnFile }), t('subsTeacher.confirmed', { title: entry.title }));
  const sendBack = (entry: SubmissionEntryDto, reason: string) =>
    act(entry, () => submissionsApi.sendBack(entry.id, { reason }), t('subsTeacher.returned', { title: entry.title }));
  const setConsent = (entry: SubmissionEntryDto, consentOnFile: boolean) =>
    act(entry, () => submissionsApi.setConsent(entry.id, { consentOnFile }), t(consentOnFile ? 'subsTeacher.consentOn' : 'subsTeacher.consentOff'));

  return { entries, shown, counts, status, loading, busy, load, confirm, sendBack, setConsent };
}
