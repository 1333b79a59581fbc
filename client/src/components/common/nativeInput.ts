import type { InputHTMLAttributes } from 'vue';

/**
 * Attributes for the native <input> inside a naive-ui field (its `input-props`), with an
 * optional test id: data-* attributes are valid HTML but absent from Vue's attribute types.
 */
export function nativeInput(attrs: InputHTMLAttributes, testId?: string): InputHTMLAttributes {
  return testId ? Object.assign({}, attrs, { 'data-testid': testId }) : attrs;
}
