/**
 * Which files a contest takes, judged from their bytes (sniffed with file-type), never from their
 * names. Pure: no I/O. `sniff.ts` finds the type; this decides.
 */

/** A type found in a file's bytes, as file-type names it, e.g. `{ ext: 'png', mime: 'image/png' }`. */
export interface SniffedType {
  ext: string;
  mime: string;
}

export type MediaKind = 'image' | 'video' | 'pdf';

/** The types each kind stands for: what the app can re-encode (images), play (videos) or keep as a document. */
export const KIND_TYPES: Readonly<Record<MediaKind, readonly string[]>> = {
  // No HEIC: the bundled libvips decodes AVIF but not HEVC; browsers hand iPhone photos over as JPEG anyway.
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'],
  // MP4 (and its M4V variant), QuickTime (.mov, iPhones) and WebM (Android, browsers' recorders).
  video: ['video/mp4', 'video/x-m4v', 'video/quicktime', 'video/webm'],
  pdf: ['application/pdf'],
};

/** A kind, or one exact media type. */
export type AllowedType = MediaKind | `${string}/${string}`;

export interface FileRule {
  allowed: readonly AllowedType[];
  /** The largest file taken, in bytes. */
  maxBytes: number;
}

export interface OfferedFile {
  /** The name the client gave; only ever compared, never used as a path. */
  name: string;
  size: number;
  /** What the bytes are; null when file-type knows no type for them. */
  sniffed: SniffedType | null;
}

export type FileRefusal =
  | { reason: 'empty' }
  | { reason: 'too-large'; size: number; maxBytes: number }
  /** The bytes are of no type known here: text, a script, a damaged or encrypted file. */
  | { reason: 'unrecognised'; claimed: string | null }
  /** The name says one type and the bytes are another that is not taken: a `.jpg` that is a PDF or a program. */
  | { reason: 'disguised'; claimed: string; actual: string }
  /** An honest file of a type this contest does not take. */
  | { reason: 'not-allowed'; actual: string; allowed: string[] };

export type FileVerdict =
  | {
      ok: true;
      type: SniffedType;
      kind: MediaKind | null;
      /** The name claimed another (allowed) type, e.g. a PNG called `.jpg`: store it under `type.ext`. */
      nameDisagrees: boolean;
    }
  | { ok: false; refusal: FileRefusal };

/** The type a file's extension claims, for the extensions people send; others claim nothing. */
const CLAIMED_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  jfif: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  qt: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/vnd.avi',
  '3gp': 'video/3gpp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  rar: 'application/x-rar-compressed',
  exe: 'application/x-msdownload',
  dll: 'application/x-msdownload',
  msi: 'application/x-msi',
  apk: 'application/vnd.android.package-archive',
  html: 'text/html',
  htm: 'text/html',
  js: 'text/javascript',
};

/** The media types a rule takes, kinds expanded. */
export function allowedTypes(allowed: readonly AllowedType[]): Set<string> {
  const types = new Set<string>();
  for (const entry of allowed) {
    if (Object.hasOwn(KIND_TYPES, entry)) for (const type of KIND_TYPES[entry as MediaKind]) types.add(type);
    else types.add(entry.toLowerCase());
  }
  return types;
}

/** The kind a media type belongs to, or null. */
export function kindOf(mime: string): MediaKind | null {
  for (const [kind, types] of Object.entries(KIND_TYPES) as [MediaKind, readonly string[]][]) if (types.includes(mime)) return kind;
  return null;
}

/** The type a name's extension claims: `Áp phích.JPG` → `image/jpeg`; no extension or an unknown one → null. */
export function claimedType(name: string): string | null {
  // Trailing dots and spaces, which Windows drops from names anyway: `poster.jpg. ` is a .jpg.
  const trimmed = name.replace(/[.\s]+$/u, '');
  const dot = trimmed.lastIndexOf('.');
  if (dot < 0) return null;
  const extension = trimmed.slice(dot + 1).toLowerCase();
  return Object.hasOwn(CLAIMED_BY_EXTENSION, extension) ? CLAIMED_BY_EXTENSION[extension] : null;
}

/**
 * Takes a file only if its bytes are of an allowed type and it fits. A file whose name claims
 * another type than its bytes is taken as what its bytes are when that type is allowed (a PNG
 * renamed `.jpg`), and refused as `disguised` otherwise (a PDF or a program renamed `.jpg`).
 */
export function acceptFile(file: OfferedFile, rule: FileRule): FileVerdict {
  if (file.size <= 0) return { ok: false, refusal: { reason: 'empty' } };
  if (file.size > rule.maxBytes) return { ok: false, refusal: { reason: 'too-large', size: file.size, maxBytes: rule.maxBytes } };
  const claimed = claimedType(file.name);
  if (!file.sniffed) return { ok: false, refusal: { reason: 'unrecognised', claimed } };
  const actual = file.sniffed.mime;
  const allowed = allowedTypes(rule.allowed);
  if (!allowed.has(actual)) {
    if (claimed !== null && claimed !== actual) return { ok: false, refusal: { reason: 'disguised', claimed, actual } };
    return { ok: false, refusal: { reason: 'not-allowed', actual, allowed: [...allowed] } };
  }
  return { ok: true, type: file.sniffed, kind: kindOf(actual), nameDisagrees: claimed !== null && claimed !== actual };
}
