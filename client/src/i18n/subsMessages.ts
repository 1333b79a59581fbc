import { ref, watch } from 'vue';

import { i18n, type Locale, type MessageParams, t as appT } from './index';

/**
 * The submission contests' own words (`subs.*`, in subs.vi.json / subs.en.json), fetched with the
 * contests' pages (the routes' `beforeEnter`) rather than bundled with every page: in vi.json they
 * cost every student page about 1.5 KB of brotli, which the assignment player had not to spare
 * (scripts/budget.mjs). Same syntax as the app's catalogue ({name}, "one | many"); any other key
 * is the app's `t`.
 */
type Messages = Record<string, unknown>;

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  vi: () => import('./subs.vi.json'),
  en: () => import('./subs.en.json'),
};
const packs: Partial<Record<Locale, Messages>> = {};
/** Bumped when a pack arrives, so that what was rendered before renders again. */
const arrivals = ref(0);

async function add(locale: Locale): Promise<void> {
  if (packs[locale]) return;
  packs[locale] = (await loaders[locale]()).default;
  arrivals.value++;
}

let following = false;

/** Loads the words in Vietnamese (the fallback) and the current language; a language chosen later loads its own. */
export async function loadSubmissionMessages(): Promise<void> {
  if (!following) {
    following = true;
    watch(i18n.global.locale, (locale) => void add(locale).catch(() => undefined));
  }
  await Promise.all([add('vi'), add(i18n.global.locale.value)]);
}

function lookup(messages: unknown, key: string): unknown {
  let node = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The app's plural rule (vue-i18n's): two forms, 1 takes the first; three, 0 | 1 | more. */
function pluralForm(message: string, count: number): string {
  const forms = message.split(/\s*\|\s*/);
  if (forms.length === 1) return message;
  const index = forms.length === 2 ? (count === 1 ? 0 : 1) : Math.min(Math.abs(count), 2);
  return forms[index] ?? message;
}

/** A `subs.*` message from the pack, any other key from the app's catalogue. */
export function st(key: string, params?: MessageParams, count?: number): string {
  void arrivals.value;
  if (!key.startsWith('subs.')) return appT(key, params, count);
  const found = lookup(packs[i18n.global.locale.value], key) ?? lookup(packs.vi, key);
  if (typeof found !== 'string') return key;
  const message = count === undefined ? found : pluralForm(found, count);
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** What the contests' components call: `const { t } = useSubmissionI18n()`. */
export function useSubmissionI18n() {
  return { t: st, locale: i18n.global.locale };
}
