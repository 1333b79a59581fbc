import type { Role, UserDto } from '@tinhtao/shared';
import { computed, ref } from 'vue';

import { usersApi } from '@/api/users';
import { compareVietnameseNames } from '@/i18n/collate';
import { useSubmissionI18n } from '@/i18n/subsMessages';
import { loadQuietly } from '@/stores/feedback';
import { useSchoolsStore } from '@/stores/schools';

const PAGE = 500;
/** Who may judge: teachers and the Department's own staff. */
const JUDGE_ROLES: readonly Role[] = ['teacher', 'dept_admin'];

/** The people an organiser can pick as judges, in Vietnamese order, each with their school (or the Department). */
export function useJudgeOptions() {
  const { t } = useSubmissionI18n();
  const schools = useSchoolsStore();
  const people = ref<UserDto[]>([]);
  const loading = ref(false);

  async function everyone(role: Role): Promise<UserDto[]> {
    const found: UserDto[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await loadQuietly(() => usersApi.list({ role, limit: PAGE, offset }));
      if (!page) break;
      found.push(...page.items);
      if (page.items.length < PAGE || found.length >= page.total) break;
    }
    return found;
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [lists] = await Promise.all([Promise.all(JUDGE_ROLES.map(everyone)), schools.loadOptions()]);
      people.value = lists.flat().filter((person) => person.active);
    } finally {
      loading.value = false;
    }
  }

  const nameOf = (id: string) => people.value.find((person) => person.id === id)?.fullName ?? id;
  const options = computed(() =>
    [...people.value]
      .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName))
      .map((person) => ({
        value: person.id,
        label: `${person.fullName} — ${person.role === 'dept_admin' ? t('subsAdmin.judges.department') : (schools.nameOf(person.schoolId) ?? '')}`,
      })),
  );

  return { options, loading, load, nameOf };
}
