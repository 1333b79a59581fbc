import type { FormInst } from 'naive-ui';
import { computed, ref } from 'vue';

import { fieldLabel } from '@/components/lessonEditor/problems';
import { fieldErrorsOf } from '@/i18n/problem';

/**
 * The field errors of the last failed submit, shown under each form field
 * (`<NFormItem v-bind="fields.bind('name')">`); errors on fields the form does
 * not show are listed by `others`. A shown field ending in `.*` stands for every
 * field under it (`items.*`), which the form lists itself with `under()`.
 */
export function useFieldErrors(shownFields: readonly string[]) {
  const errors = ref<Record<string, string>>({});

  function capture(error: unknown): void {
    errors.value = fieldErrorsOf(error);
  }

  /** Errors found before sending (the form's own checks), in the same places as the server's. */
  function show(byField: Record<string, string>): void {
    errors.value = { ...byField };
  }

  /** The errors under a path, e.g. `under('items.3')` → `[['answer.evidence', '…']]`. */
  function under(prefix: string): [string, string][] {
    return Object.entries(errors.value)
      .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
      .map(([field, message]) => [field.slice(prefix.length + 1), message]);
  }

  const isShown = (field: string) => shownFields.some((shown) => (shown.endsWith('.*') ? field.startsWith(shown.slice(0, -1)) : shown === field));

  function clear(field?: string): void {
    if (field === undefined) errors.value = {};
    else if (errors.value[field]) errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => key !== field));
  }

  function bind(field: string): { validationStatus?: 'error'; feedback?: string } {
    const message = errors.value[field];
    return message ? { validationStatus: 'error', feedback: message } : {};
  }

  const others = computed(() =>
    Object.entries(errors.value)
      .filter(([field]) => !isShown(field))
      // Named as the form names its fields ("Câu hỏi"), never by the API's path ("items").
      .map(([field, message]) => (field ? `${fieldLabel(field.split('.'))}: ${message}` : message)),
  );

  const saving = ref(false);

  /** Runs one save: clears the old errors, shows progress, keeps the server's field errors when it fails. */
  async function save(action: () => Promise<unknown>): Promise<boolean> {
    saving.value = true;
    clear();
    try {
      await action();
      return true;
    } catch (error) {
      capture(error);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { capture, show, under, clear, bind, others, saving, save };
}

/** Runs the form's own rules; false when a field is wrong (Naive UI shows which). */
export async function formIsValid(form: FormInst | null): Promise<boolean> {
  try {
    await form?.validate();
    return true;
  } catch {
    return false;
  }
}
