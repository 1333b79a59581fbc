import { ref } from 'vue';

import vi from './vi.json';

export type Locale = 'vi' | 'en';
export type MessageSchema = typeof vi;
export type MessageParams = Record<string, string | number | null | undefined>;
export const LOCALES: readonly Locale[] = ['vi', 'en'];

const STORAGE_KEY = 'tt.locale';

/**
 * The app's translations. Messages are plain strings with `{name}` placeholders and, in English,
 * plural forms "one | many" chosen by a count (vue-i18n's rule and syntax): no linked messages, no formats (dates and numbers go through Intl in format.ts). That is all the
 * app uses, in about 60 lines, where vue-i18n weighed 15 KB of brotli on every student page
 * (a sixth of the phone budget, scripts/budget.mjs).
 *
 * Vietnamese ships in the bundle; English is fetched the first time someone asks for it. The staff
 * pages' own namespaces (`*.staff.json`: audit, imports, coverage …) come with those pages
 * ({@link loadStaffMessages}): a student's phone never downloads them.
 */
const catalogues: Partial<Record<Locale, Record<string, unknown>>> = { vi: { ...vi } };
const locale = ref<Locale>('vi');
/** Bumped when messages arrive, so that what was rendered with a missing key renders again. */
const arrivals = ref(0);
type Loaders = Record<Locale, () => Promise<{ default: Record<string, unknown> }>>;

/** Messages that come with some pages only: fetched when first wanted, then with every language chosen. */
interface MessagePack {
  loaders: Loaders;
  wanted: boolean;
  loaded: Set<Locale>;
}
const packs: MessagePack[] = [];

async function addPack(pack: MessagePack, target: Locale): Promise<void> {
  if (!pack.wanted || pack.loaded.has(target)) return;
  const messages = await pack.loaders[target]();
  catalogues[target] = { ...catalogues[target], ...messages.default };
  pack.loaded.add(target);
  arrivals.value++;
}

/**
 * A pack of namespaces kept out of the bundle (each namespace whole in one pack); the function it
 * gives loads it in Vietnamese (the fallback) and the current language, and from then on with
 * every language chosen.
 */
export function messagePack(loaders: Loaders): () => Promise<void> {
  const pack: MessagePack = { loaders, wanted: false, loaded: new Set() };
  packs.push(pack);
  return async () => {
    pack.wanted = true;
    await Promise.all([addPack(pack, 'vi'), addPack(pack, locale.value)]);
  };
}

/** The staff pages' messages. */
export const loadStaffMessages = messagePack({ vi: () => import('./vi.staff.json'), en: () => import('./en.staff.json') });

function lookup(messages: unknown, key: string): unknown {
  let node = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** vue-i18n's rule: with two forms, 1 takes the first and any other count the second; with three, 0 | 1 | more. */
function pluralForm(message: string, count: number): string {
  const forms = message.split(/\s*\|\s*/);
  if (forms.length === 1) return message;
  const index = forms.length === 2 ? (count === 1 ? 0 : 1) : Math.min(Math.abs(count), 2);
  return forms[index] ?? message;
}

/**
 * The message for `key` in the current language (Vietnamese when English lacks it), its plural form
 * picked by `count` and its placeholders filled; the key itself when unknown.
 */
export function t(key: string, params?: MessageParams, count?: number): string {
  void arrivals.value;
  const found = lookup(catalogues[locale.value], key) ?? lookup(catalogues.vi, key);
  if (typeof found !== 'string') return key;
  const message = count === undefined ? found : pluralForm(found, count);
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Whether the current language has a message for `key`. */
export function te(key: string): boolean {
  void arrivals.value;
  return typeof lookup(catalogues[locale.value], key) === 'string';
}

/** What components call, as with vue-i18n: `const { t, locale } = useI18n()`. */
export function useI18n() {
  return { t, te, locale };
}

/** For code outside components (formatting, stores) and the specs: `i18n.global.locale.value`, `setLocaleMessage`. */
export const i18n = {
  global: {
    locale,
    t,
    te,
    setLocaleMessage(target: Locale, messages: MessageSchema): void {
      catalogues[target] = { ...messages };
      arrivals.value++;
    },
  },
};

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
  await Promise.all(packs.map((pack) => addPack(pack, locale)));
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}
