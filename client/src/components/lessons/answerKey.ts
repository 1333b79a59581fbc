import type { ItemKind } from '@tinhtao/shared';

export interface KeyPart {
  label: string;
  entries: string[];
  ordered?: boolean;
}

type Translate = (key: string) => string;

const indices = (value: unknown): number[] => (Array.isArray(value) ? value.filter((x): x is number => typeof x === 'number') : []);
const field = (value: unknown, name: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);

/**
 * An item's answer key in words, part by part ("Kết luận đúng: Sai sự thật"), for staff
 * previews and for the student's result after submission. Option indices become their text.
 */
export function keyParts(kind: ItemKind, options: readonly string[], answer: unknown, t: Translate): KeyPart[] {
  const pick = (list: unknown) => indices(list).map((index) => options[index] ?? `#${index + 1}`);
  switch (kind) {
    case 'single_choice':
    case 'multi_choice':
      return [{ label: t('answerKey.rightOptions'), entries: pick(answer) }];
    case 'true_false':
      return [{ label: t('answerKey.rightOptions'), entries: indices(answer).map((index) => (index === 0 ? t('lesson.true') : t('lesson.false'))) }];
    case 'ordering':
      return [{ label: t('answerKey.rightOrder'), entries: pick(answer), ordered: true }];
    case 'claim_check': {
      const verdict = field(answer, 'verdict');
      return [
        { label: t('answerKey.verdict'), entries: typeof verdict === 'string' ? [t(`lesson.verdict.${verdict}`)] : [] },
        { label: t('answerKey.evidence'), entries: pick(field(answer, 'evidence')) },
      ];
    }
    case 'red_flags':
      return [{ label: t('answerKey.flagged'), entries: pick(field(answer, 'marked')) }];
    case 'short_answer': {
      const text = field(answer, 'text');
      return [{ label: t('answerKey.modelAnswer'), entries: typeof text === 'string' ? [text] : [] }];
    }
  }
}
