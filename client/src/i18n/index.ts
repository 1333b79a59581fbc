import { createI18n } from 'vue-i18n';

import vi from './vi.json';

export type Locale = 'vi' | 'en';
export type MessageSchema = typeof vi;
export const LOCALES: readonly Locale[] = ['vi', 'en'];

const STORAGE_KEY = 'tt.locale';

/** Vietnamese ships in the bundle; English is fetched the first time someone asks for it. */
export const i18n = createI18n({
  legacy: false,
  locale: 'vi' as Locale,
  fallbackLocale: 'vi',
  // English is added by setLocale() before anyone switches to it.
  messages: { vi } as Record<Locale, MessageSchema>,
});

const loaders: Record<Exclude<Locale, 'vi'>, () => Promise<{ default: MessageSchema }>> = {
  en: () => import('./en.json'),
};
const loaded = new Set<Locale>(['vi']);

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

export function savedLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

export async function setLocale(locale: Locale): Promise<void> {
  if (!loaded.has(locale) && locale !== 'vi') {
    const messages = await loaders[locale]();
    i18n.global.setLocaleMessage(locale, messages.default);
    loaded.add(locale);
  }
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** Plain translation for code outside components (stores, router). */
export const t = i18n.global.t;

/** Whether the catalogue has a key, for code outside components. */
export const te = (key: string): boolean => i18n.global.te(key);
