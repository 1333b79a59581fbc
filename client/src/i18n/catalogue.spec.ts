import { describe, expect, it } from '@jest/globals';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_GROUPS, ERROR_CODES, LIVE_ERROR_CODES } from '@tinhtao/shared';

import en from './en.json';
import enStaff from './en.staff.json';
import vi from './vi.json';
import viStaff from './vi.staff.json';

/** What a staff member's page has: the messages every page loads, and the staff pages' own. */
const bundles = { vi: { ...vi, ...viStaff }, en: { ...en, ...enStaff } } as const;

/** The text at a dotted key, or undefined when the bundle lacks it. */
function textAt(bundle: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), bundle);
}

function missing(keys: readonly string[]): string[] {
  return Object.entries(bundles).flatMap(([locale, bundle]) =>
    keys.filter((key) => typeof textAt(bundle, key) !== 'string' || (textAt(bundle, key) as string).trim() === '').map((key) => `${locale}: ${key}`),
  );
}

describe('the client i18n bundles', () => {
  it('split the same namespaces the same way in both languages, never one in both halves', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    expect(Object.keys(enStaff).sort()).toEqual(Object.keys(viStaff).sort());
    expect(Object.keys(vi).filter((namespace) => namespace in viStaff)).toEqual([]);
  });

  it('translate every error code the API may answer', () => {
    expect(missing(ERROR_CODES.map((code) => `errors.${code}`))).toEqual([]);
  });

  it('translate every live-contest ack error code', () => {
    expect(missing(LIVE_ERROR_CODES.map((code) => `live.errors.${code}`))).toEqual([]);
  });

  it('label every audit action, its group and every audited entity', () => {
    expect(missing(AUDIT_ACTIONS.map((action) => `audit.actions.${action}`))).toEqual([]);
    expect(missing(Object.keys(AUDIT_GROUPS).map((group) => `audit.groups.${group}`))).toEqual([]);
    expect(missing(AUDIT_ENTITIES.map((entity) => `audit.entities.${entity}`))).toEqual([]);
  });

  it('say each of them in Vietnamese, not in the English of the server', () => {
    const keys = [
      ...ERROR_CODES.map((code) => `errors.${code}`),
      ...LIVE_ERROR_CODES.map((code) => `live.errors.${code}`),
      ...AUDIT_ACTIONS.map((action) => `audit.actions.${action}`),
    ];
    const same = keys.filter((key) => textAt(vi, key) !== undefined && textAt(vi, key) === textAt(en, key));
    expect(same).toEqual([]);
  });
});
