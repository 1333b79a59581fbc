import type { UserDto } from '@tinhtao/shared';
import { ref } from 'vue';

import type { OneTimeCredentials } from '@/components/common/oneTimeCredentials';
import { useI18n } from '@/i18n';
import { useUsersStore } from '@/stores/users';

import { useConfirm } from './useConfirm';

/**
 * "Cấp lại mật khẩu" for a student: ask first, then hold the new one-time password for
 * {@link TemporaryPasswordDialog}, which shows it once.
 */
export function usePasswordReset() {
  const { t } = useI18n();
  const confirm = useConfirm();
  const users = useUsersStore();
  const credentials = ref<OneTimeCredentials | null>(null);

  function reset(student: UserDto): void {
    confirm({
      title: t('users.resetPassword'),
      content: t('users.confirmReset', { name: student.fullName }),
      confirmLabel: t('users.resetPassword'),
      action: async () => {
        const done = await users.resetPassword(student);
        credentials.value = { fullName: student.fullName, ...done, hint: student.role === 'student' ? t('loginCards.resetHint') : undefined };
      },
    });
  }

  return { credentials, reset };
}
