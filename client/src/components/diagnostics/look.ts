import type { DiagnosticSummary, Interval } from '@tinhtao/shared';

import { formatNumber } from '@/i18n/format';

/** Before in grey-blue, after in the product's teal: the same pair on every chart and tile. */
export const PRE_COLOR = '#8aa1b4';
export const POST_COLOR = '#0f766e';
export const WARN_COLOR = '#b45309';

/** "+12,3 điểm (8,1 – 16,5)": a gain with its 95% interval, in percent points. */
export function formatGain(gain: Interval | null | undefined, digits = 1, scale = 1): string {
  if (!gain) return '—';
  const sign = gain.mean > 0 ? '+' : '';
  return `${sign}${formatNumber(gain.mean * scale, digits)} (${formatNumber(gain.low * scale, digits)} – ${formatNumber(gain.high * scale, digits)})`;
}

/** A 0..1 share as a whole percent, or a dash. */
export function share(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value * 100, 0)}%`;
}

/** Did the group truly improve? Only when the whole interval is above zero. */
export function improvedSurely(summary: DiagnosticSummary | null): boolean {
  return (summary?.gain?.low ?? 0) > 0;
}
