import { onBeforeUnmount, onMounted } from 'vue';
import { onBeforeRouteLeave } from 'vue-router';

import { useI18n } from '@/i18n';
import { ask } from '@/ui/dialogs';

/**
 * Asks before leaving a page with unsaved work, by a link or by closing the tab.
 * `saveFirst` (an autosave's flush) gets a chance to save before anyone is asked.
 */
export function useLeaveGuard(hasUnsavedWork: () => boolean, saveFirst?: () => Promise<unknown>): void {
  const { t } = useI18n();

  onBeforeRouteLeave(async () => {
    if (hasUnsavedWork() && saveFirst) await saveFirst();
    if (!hasUnsavedWork()) return true;
    return ask({
      title: t('editor.leaveTitle'),
      content: t('editor.leaveText'),
      positiveText: t('editor.leave'),
      negativeText: t('editor.stay'),
      tone: 'danger',
    });
  });

  const warn = (event: BeforeUnloadEvent) => {
    if (hasUnsavedWork()) event.preventDefault();
  };
  onMounted(() => window.addEventListener('beforeunload', warn));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', warn));
}
