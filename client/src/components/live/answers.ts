/** What live-contest screens share about options and answers; pure, no I/O. */
import { t } from '@/i18n';

/** A, B, C, … beside each option, so that a projector and a phone can name the same one. */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);

/** One colour per option (white text keeps 4.5:1 on each), the same on the projector and the phones. */
export const OPTION_COLORS = ['#b42318', '#1d4ed8', '#a15c07', '#15803d', '#7e22ce', '#0e7490'] as const;
export const optionColor = (index: number): string => OPTION_COLORS[index % OPTION_COLORS.length]!;

/** Whether a choice is the key: the same set for choice kinds, the same order for `ordering`. */
export function isCorrectChoice(kind: string | undefined, choice: readonly number[], correct: readonly number[]): boolean {
  if (choice.length !== correct.length) return false;
  if (kind === 'ordering') return choice.every((value, index) => value === correct[index]);
  const sorted = [...choice].sort((a, b) => a - b);
  const key = [...correct].sort((a, b) => a - b);
  return sorted.every((value, index) => value === key[index]);
}

/** Choice kinds send on one tap; the others are built up and sent with a button. */
export const sendsOnTap = (kind: string | undefined): boolean => kind === 'single_choice' || kind === 'true_false';

/** A question's time left in whole seconds ("42"; at most 300), as a projector countdown shows it. */
export function formatSeconds(ms: number | null): string {
  return ms === null ? '—' : String(Math.ceil(ms / 1000));
}

/** A size step for text that must fit a fixed box: 0 short, 1 medium, 2 long. */
export function lengthStep(text: string, medium: number, long: number): 0 | 1 | 2 {
  return text.length > long ? 2 : text.length > medium ? 1 : 0;
}

/** An option as shown: a true/false item's fixed "Đúng"/"Sai" follow the reader's language. */
export function displayOption(kind: string | undefined, option: string, index: number): string {
  if (kind === 'true_false') return index === 0 ? t('lesson.true') : t('lesson.false');
  return option;
}

/** A longer time left as a clock: "4:05", or "1:02:05" past an hour. */
export function formatClock(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
