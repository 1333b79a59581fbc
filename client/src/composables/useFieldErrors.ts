import { computed, ref } from 'vue';
import { fieldErrorsOf } from '@/i18n/problem';

/**
 * The field errors of the last failed submit, shown under each form field
 * (`<NFormItem v-bind="fields.bind('name')">`); errors on fields the form does
 * not show are listed by `others`.
 */
export function useFieldErrors(shownFields: readonly string[]) {
  const errors = ref<Record<string, string>>({});

  function capture(error: unknown): void {
    errors.value = fieldErrorsOf(error);
  }

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
      .filter(([field]) => !shownFields.includes(field))
      .map(([field, message]) => (field ? `${field}: ${message}` : message)),
  );

  return { capture, clear, bind, others };
}
