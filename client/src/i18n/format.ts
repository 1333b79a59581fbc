import { VIETNAM_TIME_ZONE } from '@tinhtao/shared';

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

/** A moment ("2026-09-05T08:30:00Z") for reading, in Vietnam time whatever the reader's clock: 05/09/2026 15:30. */
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
    timeZone: VIETNAM_TIME_ZONE,
  }).format(date);
}

/** A score or a count for reading: 7,5 in Vietnamese, 7.5 in English; at most two decimals. */
export function formatNumber(value: number | null | undefined, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(LOCALE_TAGS[i18n.global.locale.value], { maximumFractionDigits }).format(value);
}

/** A percentage given as 0-100 ("75,5 %" is written "75,5%" in Vietnamese schools). */
export function formatPercent(value: number | null | undefined, maximumFractionDigits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${formatNumber(value, maximumFractionDigits)}%`;
}

/** The time of day of a moment, in Vietnam time: 10:42. */
export function formatTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(LOCALE_TAGS[i18n.global.locale.value], { hour: '2-digit', minute: '2-digit', timeZone: VIETNAM_TIME_ZONE }).format(date);
}

/** A moment within the school year, without the year: 28/11 22:48 (or 28 Nov, 22:48). */
export function formatShortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = i18n.global.locale.value;
  if (locale !== 'vi')
    return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: VIETNAM_TIME_ZONE,
    }).format(date);
  // Intl writes "22:48 28-11" for vi-VN without a year; schools write the date first with slashes.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: VIETNAM_TIME_ZONE })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month} ${parts.hour}:${parts.minute}`;
}

/**
 * A moment to the second in Vietnam time, whatever the reader's clock says (the audit log is
 * evidence, read the same by everyone): 05/09/2026 15:30:07.
 */
export function formatVietnamDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: VIETNAM_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * The start of a calendar day in Vietnam time as an ISO moment with its offset
 * ("2026-09-05T00:00:00+07:00"). `day` is a date picker's value (midnight, the reader's
 * clock); `addDays` moves it, e.g. 1 for the end of a range that includes its last day.
 */
export function vietnamDayStart(day: number, addDays = 0): string {
  const local = new Date(day);
  const shifted = new Date(local.getFullYear(), local.getMonth(), local.getDate() + addDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${shifted.getFullYear()}-${pad(shifted.getMonth() + 1)}-${pad(shifted.getDate())}T00:00:00+07:00`;
}

/** How long to wait, as a person says it: "45 giây" under two minutes, else "khoảng 15 phút" (rounded up). */
export function formatWait(seconds: number): string {
  const { t } = i18n.global;
  if (seconds < 120) return t('auth.login.wait.seconds', { n: seconds }, seconds);
  const minutes = Math.ceil(seconds / 60);
  return t('auth.login.wait.aboutMinutes', { n: minutes }, minutes);
}
