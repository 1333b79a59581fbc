import type { SubmissionMediaType } from '@tinhtao/shared';

import { formatNumber } from '@/i18n/format';

/** What the picker knows of a file before a byte is sent. */
export interface PickedFile {
  name: string;
  /** The browser's guess from the name; empty when it has none (some phones for .mov). The server reads the bytes. */
  type: string;
  size: number;
  lastModified?: number;
}

const LABELS: Record<SubmissionMediaType, string> = {
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/webp': 'WEBP',
  'video/mp4': 'MP4',
  'video/webm': 'WEBM',
  'video/quicktime': 'MOV',
};
const EXTENSIONS: Record<SubmissionMediaType, string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'video/mp4': ['.mp4'],
  'video/webm': ['.webm'],
  'video/quicktime': ['.mov'],
};

/** "JPG, PNG, MP4": the types a kind takes, as people name them. */
export const mediaLabels = (types: readonly SubmissionMediaType[]): string => types.map((type) => LABELS[type]).join(', ');

/** The file input's `accept`: the types and their extensions (some phone pickers go by the extension). */
export const acceptFor = (types: readonly SubmissionMediaType[]): string => types.flatMap((type) => [type, ...EXTENSIONS[type]]).join(',');

export const isVideo = (type: string): boolean => type.startsWith('video/');

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** A size as people read it, in binary units as the contest's limits are set: "20 MB", "1,5 GB", "800 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${formatNumber(bytes / GiB, 1)} GB`;
  if (bytes >= MiB) return `${formatNumber(bytes / MiB, 1)} MB`;
  return `${formatNumber(Math.max(1, Math.ceil(bytes / 1024)), 0)} KB`;
}

/** What a kind takes (a `KindRule` without its kind). */
export interface FileRule {
  mediaTypes: readonly SubmissionMediaType[];
  maxBytes: number;
  maxFiles: number;
}

export type FileRefusal = { reason: 'empty' } | { reason: 'type'; allowed: string } | { reason: 'tooLarge'; max: string } | { reason: 'tooMany'; max: number };

/**
 * Why a picked file cannot go up for this kind, before sending it: the phone on school Wi-Fi should
 * not spend 500 MB learning that. The name's type is only a hint: a file the browser cannot name
 * goes up, and the server decides from its bytes.
 */
export function refuseFile(file: PickedFile, rule: FileRule, alreadyAttached: number): FileRefusal | null {
  if (alreadyAttached >= rule.maxFiles) return { reason: 'tooMany', max: rule.maxFiles };
  if (file.size === 0) return { reason: 'empty' };
  if (file.type && !(rule.mediaTypes as readonly string[]).includes(file.type)) return { reason: 'type', allowed: mediaLabels(rule.mediaTypes) };
  if (file.size > rule.maxBytes) return { reason: 'tooLarge', max: formatBytes(rule.maxBytes) };
  return null;
}
