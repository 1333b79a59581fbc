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
  DataTable: { thColor: '#eef4f6', thFontWeight: '600' },
  Menu: {
    itemHeight: '48px',
    itemTextColorActive: '#0e7490',
    itemColorActive: 'rgba(14, 116, 144, 0.12)',
    itemColorActiveHover: 'rgba(14, 116, 144, 0.16)',
  },
};
