import { addValidationMessages, SUBMISSION_VALIDATION_MESSAGES } from '@tinhtao/shared';

import { messagePack, t, useI18n } from './index';

/**
 * The submission contests' own words (`subs.*`, in subs.vi.json / subs.en.json), fetched with the
 * contests' pages (the routes' `beforeEnter`) rather than bundled with every page: in vi.json they
 * cost every student page about 1.5 KB of brotli, which the assignment player had not to spare
 * (scripts/budget.mjs).
 */
const loadPack = messagePack({ vi: () => import('./subs.vi.json'), en: () => import('./subs.en.json') });

/** The pages' words, and the shared schemas' messages for their fields (kept out of the other pages too). */
export async function loadSubmissionMessages(): Promise<void> {
  addValidationMessages(SUBMISSION_VALIDATION_MESSAGES);
  await loadPack();
}

/** The app's `t`: the pack's messages join the one catalogue. */
export const st = t;

/** What the contests' components call: `const { t } = useSubmissionI18n()`. */
export function useSubmissionI18n() {
  return useI18n();
}
