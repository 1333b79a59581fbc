import { t, te } from '@/i18n';
import { formatNumber, formatVietnamDateTime } from '@/i18n/format';

/** One line of "what changed": a field's label, and its value (with the value before, when the event kept it). */
export interface DetailLine {
  key: string;
  label: string;
  value: string;
  before?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** A list longer than this shows its first few and how many more. */
const LIST_SHOWN = 6;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * An audit event's detail as a person reads it: field labels instead of keys, names instead of
 * ids (from the page's `names`), dates in Vietnam time, codes (roles, levels, programs) in words;
 * `{before, after}` details as before → after for each field that changed.
 */
export function detailLines(detail: Record<string, unknown>, names: Readonly<Record<string, string>>): DetailLine[] {
  if (isRecord(detail.before) && isRecord(detail.after)) {
    const before = detail.before;
    const after = detail.after;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
      .map((key) => ({ key, label: fieldLabel(key), before: valueText(before[key], key, names), value: valueText(after[key], key, names) }));
  }
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => ({ key, label: fieldLabel(key), value: valueText(value, key, names) }));
}

function fieldLabel(key: string): string {
  return te(`audit.fields.${key}`) ? t(`audit.fields.${key}`) : key;
}

function valueText(value: unknown, key: string, names: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    if (UUID.test(value)) return names[value.toLowerCase()] ?? t('audit.gone');
    if (ISO_TIME.test(value)) return formatVietnamDateTime(value);
    for (const group of codeGroups(key)) if (te(`${group}.${value}`)) return t(`${group}.${value}`);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    const shown = value.slice(0, LIST_SHOWN).map((v) => valueText(v, key, names));
    return value.length > LIST_SHOWN ? `${shown.join(', ')} ${t('audit.andMore', { n: value.length - LIST_SHOWN })}` : shown.join(', ');
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${fieldLabel(k)}: ${valueText(v, k, names)}`)
      .join('; ');
  }
  // Details are JSON, so nothing else is left; a stray value still shows, as JSON.
  return JSON.stringify(value) ?? '—';
}

/** Where a code-valued field's words live: a role, a school level, a program or an item kind. */
function codeGroups(key: string): string[] {
  switch (key) {
    case 'role':
      return ['roles'];
    case 'level':
      return ['levels'];
    case 'kind':
      return ['kinds', 'itemKinds'];
    default:
      return ['kinds', 'levels'];
  }
}
