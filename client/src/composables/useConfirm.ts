import { useI18n } from '@/i18n';
import { ask } from '@/ui/dialogs';

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
  const { t } = useI18n();

  return function confirm(options: ConfirmOptions): void {
    void ask({
      title: options.title,
      content: options.content,
      positiveText: options.confirmLabel,
      negativeText: t('common.cancel'),
      tone: options.tone ?? 'danger',
      action: options.action,
    });
  };
}
