import { useDialog } from 'naive-ui';
import { onBeforeUnmount, onMounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave } from 'vue-router';

/**
 * Asks before leaving a page with unsaved work, by a link or by closing the tab.
 * `saveFirst` (an autosave's flush) gets a chance to save before anyone is asked.
 */
export function useLeaveGuard(hasUnsavedWork: () => boolean, saveFirst?: () => Promise<unknown>): void {
  const dialog = useDialog();
  const { t } = useI18n();

  onBeforeRouteLeave(async () => {
    if (hasUnsavedWork() && saveFirst) await saveFirst();
    if (!hasUnsavedWork()) return true;
    return new Promise<boolean>((resolve) => {
      dialog.warning({
        title: t('editor.leaveTitle'),
        content: t('editor.leaveText'),
        positiveText: t('editor.leave'),
        negativeText: t('editor.stay'),
        onPositiveClick: () => resolve(true),
        onNegativeClick: () => resolve(false),
        onClose: () => resolve(false),
        onMaskClick: () => resolve(false),
      });
    });
  });

  const warn = (event: BeforeUnloadEvent) => {
    if (hasUnsavedWork()) event.preventDefault();
  };
  onMounted(() => window.addEventListener('beforeunload', warn));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', warn));
}
