import { useDialog } from 'naive-ui';
import { useI18n } from 'vue-i18n';

export interface ConfirmOptions {
  title: string;
  content: string;
  /** The label of the button that goes ahead, e.g. "Xoá". */
  confirmLabel: string;
  /** Runs while the dialog shows a spinner; the store has already toasted any failure. */
  action: () => Promise<unknown>;
  /** `primary` for a weighty step that destroys nothing (publishing); destructive by default. */
  tone?: 'danger' | 'primary';
}

/** Asks before a destructive (or weighty) action; the dialog closes whether the action worked or not. */
export function useConfirm() {
  const dialog = useDialog();
  const { t } = useI18n();

  return function confirm(options: ConfirmOptions): void {
    dialog[options.tone === 'primary' ? 'info' : 'warning']({
      title: options.title,
      content: options.content,
      positiveText: options.confirmLabel,
      negativeText: t('common.cancel'),
      positiveButtonProps: { type: options.tone === 'primary' ? 'primary' : 'error' },
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
