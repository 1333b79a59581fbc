import { describe, expect, it } from '@jest/globals';
import type { DiagnosticSummary } from '@tinhtao/shared';

import { formatGain, improvedSurely, share } from './look';

describe('formatGain', () => {
  it('signs a gain and gives its interval with a decimal comma', () => {
    expect(formatGain({ mean: 12.34, low: 8.1, high: 16.5 })).toBe('+12,3 (8,1 – 16,5)');
  });

  it('puts no plus before zero or a loss', () => {
    expect(formatGain({ mean: 0, low: -2, high: 2 })).toBe('0 (-2 – 2)');
    expect(formatGain({ mean: -3.25, low: -6, high: -0.5 })).toBe('-3,3 (-6 – -0,5)');
  });

  it('scales a 0..1 gain to points and takes the digits asked for', () => {
    expect(formatGain({ mean: 0.256, low: 0.1, high: 0.4 }, 0, 100)).toBe('+26 (10 – 40)');
  });

  it('is a dash without a gain', () => {
    expect(formatGain(null)).toBe('—');
    expect(formatGain(undefined)).toBe('—');
  });
});

describe('share', () => {
  it('writes a 0..1 share as a whole percent', () => {
    expect(share(0.5)).toBe('50%');
    expect(share(0.666)).toBe('67%');
    expect(share(0)).toBe('0%');
    expect(share(1)).toBe('100%');
    expect(share(null)).toBe('—');
  });
});

describe('improvedSurely', () => {
  const summary = (gain: DiagnosticSummary['gain']) => ({ gain }) as DiagnosticSummary;

  it('is true only when the whole interval is above zero', () => {
    expect(improvedSurely(summary({ mean: 10, low: 0.1, high: 20 }))).toBe(true);
    expect(improvedSurely(summary({ mean: 10, low: 0, high: 20 }))).toBe(false);
    expect(improvedSurely(summary({ mean: 10, low: -1, high: 20 }))).toBe(false);
    expect(improvedSurely(summary(null))).toBe(false);
    expect(improvedSurely(null)).toBe(false);
  });
});
