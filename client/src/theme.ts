import type { GlobalThemeOverrides } from 'naive-ui';

/** A calm teal-blue; every primary shade keeps white text above 4.5:1 contrast. */
const primary = {
  primaryColor: '#0e7490',
  primaryColorHover: '#0c6782',
  primaryColorPressed: '#155e75',
  primaryColorSuppl: '#0e7490',
};

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    ...primary,
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontSize: '15px',
    fontSizeMedium: '15px',
    borderRadius: '8px',
    // Tap targets: buttons and inputs stay at least 44px tall.
    heightMedium: '44px',
    heightLarge: '48px',
    bodyColor: '#f5f8fa',
    textColor2: '#1f2d3a',
  },
  Card: { borderRadius: '12px' },
  // Naive's default empty-state grey is too faint to read (below 3:1 on the page background).
  Empty: { textColor: '#5b6b7a', iconColor: '#94a3b8' },
  // Tags keep their light tint but get text dark enough to read (4.5:1); the defaults are near 2:1.
  Tag: { textColorInfo: '#1d4ed8', textColorSuccess: '#166534', textColorWarning: '#92400e', textColorError: '#b91c1c' },
  DataTable: { thColor: '#eef4f6', thFontWeight: '600' },
  Menu: {
    itemHeight: '48px',
    itemTextColorActive: '#0e7490',
    itemColorActive: 'rgba(14, 116, 144, 0.12)',
    itemColorActiveHover: 'rgba(14, 116, 144, 0.16)',
  },
};
