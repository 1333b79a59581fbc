import { describe, expect, it } from '@jest/globals';
import { ConflictReasonSchema, RoundStageSchema, SubmissionKindSchema } from '@tinhtao/shared';

import en from './en.json';
import enStaff from './en.staff.json';
import subsEn from './subs.en.json';
import subsVi from './subs.vi.json';
import vi from './vi.json';
import viStaff from './vi.staff.json';

/**
 * The names the submission pages build from enums, and the pack of their own words (subs.*.json)
 * the pages fetch. Their error codes and audit actions are checked with everyone's (catalogue.spec).
 */
const pack = { vi: subsVi, en: subsEn } as const;
const staff = { vi: { ...vi, ...viStaff }, en: { ...en, ...enStaff } } as const;

/** Every dotted key that holds a text. */
function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function textAt(bundle: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), bundle);
}

function missing(bundles: Record<string, unknown>, keys: readonly string[]): string[] {
  return Object.entries(bundles).flatMap(([locale, bundle]) =>
    keys.filter((key) => typeof textAt(bundle, key) !== 'string' || (textAt(bundle, key) as string).trim() === '').map((key) => `${locale}: ${key}`),
  );
}

const PHASES = ['upcoming', 'submission', 'promotion', 'waiting', 'judging', 'closed'];

describe('the submission contests’ words', () => {
  it('name every kind, stage, phase and conflict reason the pages show', () => {
    const keys = [
      ...SubmissionKindSchema.options.map((kind) => `subs.kinds.${kind}`),
      ...RoundStageSchema.options.map((stage) => `subs.stages.${stage}`),
      ...PHASES.map((phase) => `subs.phases.${phase}`),
    ];
    expect(missing(pack, keys)).toEqual([]);
    expect(
      missing(
        staff,
        ConflictReasonSchema.options.map((reason) => `jury.conflict.reasons.${reason}`),
      ),
    ).toEqual([]);
  });

  it('keep every upload failure and refusal in the pack the phone fetches', () => {
    const kinds = ['network', 'session', 'type', 'tooLarge', 'unreadable', 'closed', 'gone', 'busy', 'server', 'other'];
    const refusals = ['empty', 'type', 'tooLarge', 'tooMany'];
    expect(missing(pack, [...kinds.map((kind) => `subs.upload.failed.${kind}`), ...refusals.map((reason) => `subs.upload.refused.${reason}`)])).toEqual([]);
  });

  it('pack the same words in both languages, in a namespace of their own', () => {
    expect(keysOf(subsEn).sort()).toEqual(keysOf(subsVi).sort());
    expect(Object.keys(subsVi)).toEqual(['subs']);
    expect(['subs' in vi, 'subs' in viStaff, 'subs' in en, 'subs' in enStaff]).toEqual([false, false, false, false]);
  });
});
