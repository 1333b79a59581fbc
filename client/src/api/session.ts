import type { LoginResponse } from '@tinhtao/shared';

/** The token pair, kept in localStorage so that a reload (or a second tab) stays signed in. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
}

const KEY = 'tt.auth';

function read(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null;
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, expiresAt: Number(parsed.expiresAt) || 0 };
  } catch {
    return null;
  }
}

export const session = {
  read,
  accessToken: (): string | null => read()?.accessToken ?? null,
  refreshToken: (): string | null => read()?.refreshToken ?? null,
  save(tokens: Pick<LoginResponse, 'accessToken' | 'refreshToken' | 'expiresIn'>): void {
    const stored: StoredSession = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: Date.now() + tokens.expiresIn * 1000,
    };
    localStorage.setItem(KEY, JSON.stringify(stored));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
  /** Calls back when another tab signs out (the key disappears there). */
  onClearedElsewhere(callback: () => void): void {
    window.addEventListener('storage', (event) => {
      if (event.key === KEY && event.newValue === null) callback();
    });
  },
};
