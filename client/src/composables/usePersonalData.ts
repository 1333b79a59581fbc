import type { UserDto } from '@tinhtao/shared';
import { computed, ref } from 'vue';

import { usersApi } from '@/api/users';
import { t } from '@/i18n';
import { describeError } from '@/i18n/problem';
import { notify } from '@/ui/notify';
import { saveFile } from '@/ui/saveFile';

/** The people whose file is being fetched, shared so that two buttons for one person agree. */
const pending = ref(new Set<string>());

type Person = Pick<UserDto, 'id' | 'username' | 'fullName'>;

/**
 * "Tải dữ liệu cá nhân": everything stored about a person as a JSON file, fetched with the
 * token in the header and saved by the browser. `mine`: the signed-in person's own copy.
 */
export function usePersonalDataExport() {
  async function download(person: Person, mine = false): Promise<void> {
    if (pending.value.has(person.id)) return;
    pending.value = new Set(pending.value).add(person.id);
    try {
      const file = await usersApi.exportData(person.id);
      saveFile(file.blob, file.filename ?? `du-lieu-ca-nhan-${person.username}.json`);
      notify.success(mine ? t('privacy.exportedMine') : t('privacy.exported', { name: person.fullName }));
    } catch (error) {
      notify.error(describeError(error));
    } finally {
      const next = new Set(pending.value);
      next.delete(person.id);
      pending.value = next;
    }
  }

  const isDownloading = computed(() => (id: string) => pending.value.has(id));
  return { download, isDownloading };
}
