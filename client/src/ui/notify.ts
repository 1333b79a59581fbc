import { reactive } from 'vue';

export interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

/**
 * Toasts, for components and for code that runs outside one (stores); {@link ToastHost}
 * in App shows them. No component library: the student pages load this too.
 */
export const toasts = reactive<Toast[]>([]);
let nextId = 1;
/** The last error shown and when: two loads failing for one reason make one toast, not two. */
let lastError = { text: '', at: 0 };
const SAME_ERROR_WINDOW_MS = 2000;
const MAX_SHOWN = 3;
const DURATION_MS = { success: 3000, error: 6000 } as const;

function show(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  toasts.push({ id, kind, text });
  while (toasts.length > MAX_SHOWN) toasts.shift();
  setTimeout(() => dismiss(id), DURATION_MS[kind]);
}

export function dismiss(id: number): void {
  const index = toasts.findIndex((toast) => toast.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export const notify = {
  success(text: string): void {
    show('success', text);
  },
  error(text: string): void {
    const now = Date.now();
    if (text === lastError.text && now - lastError.at < SAME_ERROR_WINDOW_MS) return;
    lastError = { text, at: now };
    show('error', text);
  },
};
