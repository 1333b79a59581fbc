import { useDialog } from 'naive-ui';
import { useI18n } from 'vue-i18n';

export interface ConfirmOptions {
  title: string;
  content: string;
  /** The label of the button that goes ahead, e.g. "Xoá". */
  confirmLabel: string;
  /** Runs while the dialog shows a spinner; the store has already toasted any failure. */
  action: () => Promise<unknown>;
}

/** Asks before a destructive action; the dialog closes whether the action worked or not. */
export function useConfirm() {
  const dialog = useDialog();
  const { t } = useI18n();

  return function confirm(options: ConfirmOptions): void {
    dialog.warning({
      title: options.title,
      content: options.content,
      positiveText: options.confirmLabel,
      negativeText: t('common.cancel'),
      positiveButtonProps: { type: 'error' },
      onPositiveClick: async () => {
        try {
          await options.action();
        } catch {
          // Already shown as a toast by the store.
        }
      },
    });
  };
}
