import { i18n } from './index';

const LOCALE_TAGS = { vi: 'vi-VN', en: 'en-GB' } as const;

/** A calendar date ("2026-11-15") for reading: 15/11/2026 in Vietnamese, 15 November 2026 in English. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  const locale = i18n.global.locale.value;
  const style = locale === 'vi' ? ({ day: '2-digit', month: '2-digit', year: 'numeric' } as const) : ({ dateStyle: 'long' } as const);
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { ...style, timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

/** A moment ("2026-09-05T08:30:00Z") for reading, in the reader's time zone: 05/09/2026 15:30. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE_TAGS[i18n.global.locale.value], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
