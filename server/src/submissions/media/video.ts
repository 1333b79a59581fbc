import { createRequire } from 'node:module';
import path from 'node:path';

import sharp from 'sharp';

import type { SniffedType } from './file-kind.js';
import type { EncodedImage } from './image.js';

export type VideoContainer = 'mp4' | 'mov' | 'webm';

/** The container of a sniffed video the app plays: MP4 (and M4V), QuickTime or WebM; null for anything else. */
export function videoContainer(type: SniffedType | null): VideoContainer | null {
  switch (type?.mime) {
    case 'video/mp4':
    case 'video/x-m4v':
      return 'mp4';
    case 'video/quicktime':
      return 'mov';
    case 'video/webm':
      return 'webm';
    default:
      return null;
  }
}

/** The font the PDFs use (pdfmake's Roboto, with every Vietnamese letter): a file, so that a server without system fonts draws the same. */
const FONT_FILE = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto', 'Roboto-Medium.ttf');
const FONT_FAMILY = 'Roboto Medium';

const MAX_TITLE_GRAPHEMES = 120;

/**
 * A title made safe to draw: one line of NFC text, a lone surrogate as U+FFFD, without control or
 * bidirectional-override characters, at most 120 user-perceived characters (a Vietnamese letter
 * with its marks is one), and "Video" when nothing is left. Pure.
 */
export function posterTitle(title: string): string {
  const cleaned = title
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const graphemes = Array.from(new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(cleaned), (s) => s.segment);
  if (graphemes.length === 0) return 'Video';
  return graphemes.length > MAX_TITLE_GRAPHEMES ? `${graphemes.slice(0, MAX_TITLE_GRAPHEMES - 1).join('')}…` : cleaned;
}

/** Text as Pango markup that says only the text: `<b>` stays two angle brackets and a b. Pure. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * White text wrapped to `width` pixels at `fontPixels` pixels per em, as a transparent PNG cut to
 * its ink. Throws nothing for hostile text: it is cleaned (`posterTitle`) and escaped first.
 */
export async function renderTitle(title: string, width: number, fontPixels: number): Promise<EncodedImage> {
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="white">${escapeMarkup(posterTitle(title))}</span>`,
      font: `${FONT_FAMILY} ${fontPixels}px`,
      fontfile: FONT_FILE,
      width,
      align: 'centre',
      wrap: 'word-char',
      rgba: true,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { data, mime: 'image/png', width: info.width, height: info.height };
}

export interface PosterOptions {
  title: string;
  width?: number;
  height?: number;
}

/**
 * A placeholder poster frame for a video (there is no ffmpeg to take a real one): a dark gradient,
 * a play button, and the title in the largest of four sizes that fits three lines' room.
 */
export async function videoPoster(options: PosterOptions): Promise<EncodedImage> {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const margin = Math.round(width * 0.06);
  const titleTop = Math.round(height * 0.58);
  const room = { width: width - 2 * margin, height: height - titleTop - margin };

  let title: EncodedImage | null = null;
  for (const em of [0.075, 0.06, 0.048, 0.038].map((share) => Math.max(8, Math.round(height * share)))) {
    title = await renderTitle(options.title, room.width, em);
    if (title.height <= room.height) break;
  }
  const placed = await sharp(title!.data)
    .resize({ width: room.width, height: room.height, fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer({ resolveWithObject: true });

  const radius = Math.round(height * 0.13);
  const cx = width / 2;
  const cy = height * 0.33;
  const background = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b3d5c"/><stop offset="1" stop-color="#0f766e"/></linearGradient></defs>' +
      `<rect width="${width}" height="${height}" fill="url(#g)"/>` +
      `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="#ffffff" fill-opacity="0.18" stroke="#ffffff" stroke-width="${Math.max(2, radius / 12)}"/>` +
      `<polygon points="${cx - radius * 0.32},${cy - radius * 0.45} ${cx - radius * 0.32},${cy + radius * 0.45} ${cx + radius * 0.5},${cy}" fill="#ffffff"/>` +
      '</svg>',
  );
  const { data, info } = await sharp(background)
    .composite([{ input: placed.data, left: Math.round((width - placed.info.width) / 2), top: titleTop }])
    .png()
    .toBuffer({ resolveWithObject: true });
  return { data, mime: 'image/png', width: info.width, height: info.height };
}
