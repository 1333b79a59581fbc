import { isApiError } from '@/api/ApiError';
import { i18n } from './index';

/**
 * What to tell a person about a failure: a known problem `code` is translated
 * (`errors.<CODE>`), otherwise the server's own `detail`, otherwise a generic line.
 */
export function describeError(error: unknown): string {
  const { t, te } = i18n.global;
  if (!isApiError(error)) return t('errors.generic');
  if (error.code === 'TOO_MANY_ATTEMPTS' && error.retryAfterSeconds === undefined) return t('errors.TOO_MANY_ATTEMPTS_LATER');
  if (error.code && te(`errors.${error.code}`)) return t(`errors.${error.code}`, { seconds: error.retryAfterSeconds ?? 0 });
  return error.detail ?? (te(`errors.status.${error.status}`) ? t(`errors.status.${error.status}`) : t('errors.generic'));
}

/** Field errors of a VALIDATION_FAILED problem, keyed by dotted field path. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const byField: Record<string, string> = {};
  for (const { field, message } of error.fieldErrors) byField[field] ??= message;
  return byField;
}

/** A live-contest ack's error code (DESIGN §4) in words; the server's own message is never shown to players. */
export function describeLiveError(code: string | undefined): string {
  const { t, te } = i18n.global;
  return code && te(`live.errors.${code}`) ? t(`live.errors.${code}`) : t('errors.generic');
}
