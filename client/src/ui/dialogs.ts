import { shallowRef } from 'vue';

export interface Question {
  title: string;
  content: string;
  positiveText: string;
  negativeText: string;
  /** `danger` paints the positive button red; `primary` for a weighty step that destroys nothing. */
  tone: 'danger' | 'primary';
  /** Runs while the dialog shows a spinner on its positive button; the dialog closes after, whatever happened. */
  action?: () => Promise<unknown>;
}

interface Asked extends Question {
  answer(yes: boolean): void;
}

/** The question on screen, if any; {@link ConfirmHost} in App shows it as a modal dialog. */
export const asked = shallowRef<Asked | null>(null);

/** Asks one question; answers true for the positive button, false for the other, Escape or a click outside. */
export function ask(question: Question): Promise<boolean> {
  // A second question replaces the first, which counts as "no".
  asked.value?.answer(false);
  return new Promise<boolean>((resolve) => {
    const entry: Asked = {
      ...question,
      answer(yes) {
        if (asked.value === entry) asked.value = null;
        resolve(yes);
      },
    };
    asked.value = entry;
  });
}
