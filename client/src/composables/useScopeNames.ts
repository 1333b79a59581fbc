import type { ContestScope } from '@tinhtao/shared';
import { ref } from 'vue';

import { provinceApi, type ProvinceDto } from '@/api/province';
import { t } from '@/i18n';
import { useAuthStore } from '@/stores/auth';
import { useClassesStore } from '@/stores/classes';
import { loadQuietly } from '@/stores/feedback';
import { useSchoolsStore } from '@/stores/schools';

/**
 * Names for a contest's scope ("Lớp 8A1", "THCS Đông Kinh", "Toàn tỉnh Tỉnh Demo"): the classes,
 * schools and province the caller sees, loaded once per page.
 */
export function useScopeNames() {
  const auth = useAuthStore();
  const classes = useClassesStore();
  const schools = useSchoolsStore();
  const province = ref<ProvinceDto | null>(null);

  async function load(): Promise<void> {
    const role = auth.role;
    await Promise.all([
      classes.load(role === 'school_admin' && auth.user?.schoolId ? { schoolId: auth.user.schoolId } : {}),
      role === 'dept_admin' ? schools.loadOptions() : auth.user?.schoolId ? schools.fetch(auth.user.schoolId) : undefined,
      loadQuietly(() => provinceApi.get()).then((found) => (province.value = found ?? null)),
    ]);
  }

  function scopeLabel(scope: ContestScope): string {
    switch (scope.type) {
      case 'class': {
        const klass = classes.items.find((one) => one.id === scope.id);
        return klass ? t('contest.scope.className', { name: klass.name }) : t('contest.scope.class');
      }
      case 'school':
        return schools.nameOf(scope.id) ?? t('contest.scope.school');
      case 'province':
        return province.value ? t('contest.scope.provinceNamed', { name: province.value.name }) : t('contest.scope.province');
    }
  }

  return { load, scopeLabel, province };
}
