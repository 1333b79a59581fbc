import { describeError } from '@/i18n/problem';
import { explainedByNotFound } from '@/router/notFound';
import { notify } from '@/ui/notify';

/**
 * Runs a store action: a toast with `success()` when it works, the problem's message when it
 * fails. The error is rethrown so that a form can still show its field errors.
 */
export async function withFeedback<T>(action: () => Promise<T>, success: (result: T) => string): Promise<T> {
  try {
    const result = await action();
    notify.success(success(result));
    return result;
  } catch (error) {
    notify.error(describeError(error));
    throw error;
  }
}

/** A load that failed shows why and leaves the previous data in place. */
export async function loadQuietly<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (!explainedByNotFound(error)) notify.error(describeError(error));
    return undefined;
  }
}
