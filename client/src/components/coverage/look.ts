import type { ProgramKind } from '@tinhtao/shared';

export const PROGRAM_KINDS: readonly ProgramKind[] = ['SAFETY', 'MEDIA_LITERACY'];

/** One colour per program, the same in every chart and table (both keep 4.5:1 on white). */
export const KIND_COLOR: Record<ProgramKind, string> = {
  SAFETY: '#0e7490',
  MEDIA_LITERACY: '#b45309',
};

export const TARGET_COLOR = '#b91c1c';

/**
 * The target lines of a chart with one series per program: one red line when both programs
 * share a target, else one line in each program's colour (two lines on one spot would hide each other).
 */
export function targetLines(targets: Record<ProgramKind, number>): Record<ProgramKind, { value: number; color: string; named: boolean } | null> {
  if (targets.SAFETY === targets.MEDIA_LITERACY) return { SAFETY: { value: targets.SAFETY, color: TARGET_COLOR, named: false }, MEDIA_LITERACY: null };
  return {
    SAFETY: { value: targets.SAFETY, color: KIND_COLOR.SAFETY, named: true },
    MEDIA_LITERACY: { value: targets.MEDIA_LITERACY, color: KIND_COLOR.MEDIA_LITERACY, named: true },
  };
}

/** Days left to the report deadline that turn the count red. */
export const DEADLINE_WARNING_DAYS = 14;

/** The heat-map's colour steps, best first: a share at or above `from` takes that look. */
export const HEAT_STEPS: readonly { from: number; background: string; color: string }[] = [
  { from: 90, background: '#15803d', color: '#ffffff' },
  { from: 70, background: '#4ade80', color: '#052e16' },
  { from: 50, background: '#bbf7d0', color: '#14532d' },
  { from: 25, background: '#fef3c7', color: '#78350f' },
  { from: 0.1, background: '#fee2e2', color: '#7f1d1d' },
  { from: 0, background: '#ffffff', color: '#475569' },
];

/**
 * A heat-map cell's look for a share of students (0-100): from white through pale red and
 * yellow to deep green, with text dark or white so that it stays readable.
 */
export function heatLook(percent: number | null): { background: string; color: string } {
  if (percent === null) return { background: '#f1f5f9', color: '#475569' };
  const step = HEAT_STEPS.find((one) => percent >= one.from) ?? HEAT_STEPS[HEAT_STEPS.length - 1]!;
  return { background: step.background, color: step.color };
}
