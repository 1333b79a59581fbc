import { isValidationCode, type MessageParams, validationMessage } from '@tinhtao/shared';

import { isApiError } from '@/api/ApiError';

import { formatWait } from './format';
import { i18n, type Locale, t, te } from './index';

/** The locale validation messages are shown in: the page's. */
export const validationLocale = (): Locale => i18n.global.locale.value as Locale;

/** A validation code of `shared`'s catalogue in the page's language. */
export function validationText(code: string, params: MessageParams = {}): string | null {
  return isValidationCode(code) ? validationMessage(code, params, validationLocale()) : null;
}

/**
 * What to tell a person about a failure: a known problem `code` is translated
 * (`errors.<CODE>`), otherwise the server's own `detail`, otherwise a generic line.
 */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.code === 'TOO_MANY_ATTEMPTS' && error.retryAfterSeconds === undefined) return t('errors.TOO_MANY_ATTEMPTS_LATER');
  const seconds = error.retryAfterSeconds ?? 0;
  if (error.code && te(`errors.${error.code}`)) return t(`errors.${error.code}`, { seconds, wait: formatWait(seconds) });
  return error.detail ?? (te(`errors.status.${error.status}`) ? t(`errors.status.${error.status}`) : t('errors.generic'));
}

/** Field errors of a VALIDATION_FAILED problem, keyed by dotted field path. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const byField: Record<string, string> = {};
  // The server's message is English for developers; its code is what a person reads, translated.
  for (const { field, message, code, params } of error.fieldErrors) byField[field] ??= (code && validationText(code, params)) || message;
  return byField;
}

/** A live-contest ack's error code (DESIGN §4) in words; the server's own message is never shown to players. */
export function describeLiveError(code: string | undefined): string {
  return code && te(`live.errors.${code}`) ? t(`live.errors.${code}`) : t('errors.generic');
}
