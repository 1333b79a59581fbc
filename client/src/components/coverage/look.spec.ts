import { describe, expect, it } from '@jest/globals';

import { HEAT_STEPS, heatLook, KIND_COLOR, TARGET_COLOR, targetLines } from './look';

describe('targetLines', () => {
  it('draws one red, unnamed line when both programs share a target', () => {
    expect(targetLines({ SAFETY: 80, MEDIA_LITERACY: 80 })).toEqual({ SAFETY: { value: 80, color: TARGET_COLOR, named: false }, MEDIA_LITERACY: null });
  });

  it("draws a named line in each program's colour when the targets differ", () => {
    expect(targetLines({ SAFETY: 80, MEDIA_LITERACY: 60 })).toEqual({
      SAFETY: { value: 80, color: KIND_COLOR.SAFETY, named: true },
      MEDIA_LITERACY: { value: 60, color: KIND_COLOR.MEDIA_LITERACY, named: true },
    });
  });
});

describe('heatLook', () => {
  const background = (percent: number | null) => heatLook(percent).background;

  it('takes the step whose lower bound the share reaches, bounds included', () => {
    expect(background(100)).toBe('#15803d');
    expect(background(90)).toBe('#15803d');
    expect(background(89.99)).toBe('#4ade80');
    expect(background(70)).toBe('#4ade80');
    expect(background(50)).toBe('#bbf7d0');
    expect(background(25)).toBe('#fef3c7');
    expect(background(24.9)).toBe('#fee2e2');
    expect(background(0.1)).toBe('#fee2e2');
  });

  it('keeps white for nobody at all, and grey for no figure', () => {
    expect(heatLook(0)).toEqual({ background: '#ffffff', color: '#475569' });
    expect(heatLook(0.05)).toEqual({ background: '#ffffff', color: '#475569' });
    expect(heatLook(null)).toEqual({ background: '#f1f5f9', color: '#475569' });
  });

  it('falls back to the last step below zero (a rounding error must not crash a cell)', () => {
    expect(heatLook(-1)).toEqual({ background: HEAT_STEPS.at(-1)!.background, color: HEAT_STEPS.at(-1)!.color });
  });

  it('writes white on the deep green only', () => {
    expect(HEAT_STEPS.filter((step) => step.color === '#ffffff').map((step) => step.from)).toEqual([90]);
  });
});
