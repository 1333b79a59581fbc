import type { CellStatus } from '@tinhtao/shared';

/**
 * How each progress status looks: a colour for the eye, a symbol so that colour is never
 * the only sign, and text colours that keep 4.5:1 contrast on their background.
 */
export const CELL_LOOK: Record<CellStatus, { symbol: string; background: string; color: string; bar: string }> = {
  passed: { symbol: '✓', background: '#d7f2dd', color: '#14532d', bar: '#16a34a' },
  submitted: { symbol: '●', background: '#fde7c4', color: '#7c2d12', bar: '#f59e0b' },
  in_progress: { symbol: '◐', background: '#e0eefb', color: '#1e3a8a', bar: '#60a5fa' },
  not_started: { symbol: '○', background: '#eef2f5', color: '#475569', bar: '#cbd5e1' },
  late: { symbol: '!', background: '#fbd5d5', color: '#7f1d1d', bar: '#f87171' },
};

/** The order statuses are listed in, best first. */
export const STATUS_ORDER: readonly CellStatus[] = ['passed', 'submitted', 'in_progress', 'not_started', 'late'];
