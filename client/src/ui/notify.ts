import type { MessageApi } from 'naive-ui';

/**
 * Toasts for code that runs outside a component (stores). The message API only exists
 * inside NMessageProvider, so App registers it through {@link registerMessageApi}.
 */
let messages: MessageApi | null = null;
/** The last error shown and when: two loads failing for one reason make one toast, not two. */
let lastError = { text: '', at: 0 };
const SAME_ERROR_WINDOW_MS = 2000;

export function registerMessageApi(api: MessageApi): void {
  messages = api;
}

export const notify = {
  success(text: string): void {
    messages?.success(text, { duration: 3000 });
  },
  error(text: string): void {
    const now = Date.now();
    if (text === lastError.text && now - lastError.at < SAME_ERROR_WINDOW_MS) return;
    lastError = { text, at: now };
    messages?.error(text, { duration: 6000, closable: true });
  },
};
