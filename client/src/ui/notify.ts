import type { MessageApi } from 'naive-ui';

/**
 * Toasts for code that runs outside a component (stores). The message API only exists
 * inside NMessageProvider, so App registers it through {@link registerMessageApi}.
 */
let messages: MessageApi | null = null;

export function registerMessageApi(api: MessageApi): void {
  messages = api;
}

export const notify = {
  success(text: string): void {
    messages?.success(text, { duration: 3000 });
  },
  error(text: string): void {
    messages?.error(text, { duration: 6000, closable: true });
  },
};
