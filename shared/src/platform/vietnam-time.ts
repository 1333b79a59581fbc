/**
 * What a person reads is in Vietnam time (Asia/Ho_Chi_Minh), in pages, XLSX, CSV and PDF,
 * whatever the server's clock says. Vietnam has kept UTC+7 without daylight saving since 1975,
 * so a fixed offset is exact and needs no time-zone data.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

function moment(at: Date | string): Date {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date and time: ${String(at)}`);
  return date;
}

/**
 * The same wall-clock reading in Vietnam, as a Date whose UTC fields are Vietnam's: for a
 * spreadsheet's date cell, which has no time zone (Excel shows the UTC fields exceljs writes).
 */
export function vietnamWallClock(at: Date | string): Date {
  return new Date(moment(at).getTime() + VIETNAM_OFFSET_MS);
}

/** "07/12/2026", the Vietnamese way, on Vietnam's calendar. */
export function formatVietnamDate(at: Date | string): string {
  const v = vietnamWallClock(at);
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/** "07/12/2026 09:12" in Vietnam time (24-hour clock); with `seconds`, "07/12/2026 09:12:05". */
export function formatVietnamDateTime(at: Date | string, options: { seconds?: boolean } = {}): string {
  const v = vietnamWallClock(at);
  const time = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}${options.seconds ? `:${pad(v.getUTCSeconds())}` : ''}`;
  return `${formatVietnamDate(at)} ${time}`;
}

/** ISO 8601 with Vietnam's offset, for files a program reads: "2026-12-07T09:12:05.000+07:00". */
export function vietnamIso(at: Date | string): string {
  return vietnamWallClock(at).toISOString().replace('Z', '+07:00');
}
