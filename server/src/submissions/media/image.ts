import type { Readable } from 'node:stream';

import sharp, { type Sharp } from 'sharp';

import { perceptualHash } from './perceptual-hash.js';

export interface EncodedImage {
  data: Buffer;
  mime: 'image/jpeg' | 'image/webp' | 'image/png';
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** The stored picture: upright, re-encoded, without any metadata. */
  image: EncodedImage;
  /** A small WebP for lists and the gallery. */
  thumbnail: EncodedImage;
  /** Its difference hash (see `perceptualHash`), for finding the same picture submitted twice. */
  hash: string;
}

export interface ImageOptions {
  /** The longest side kept, in pixels; larger pictures are shrunk, smaller ones never enlarged. */
  maxDimension?: number;
  /** JPEG (on white: a poster has no transparency to keep) or WebP (keeps it). */
  format?: 'jpeg' | 'webp';
  quality?: number;
  thumbnailWidth?: number;
  /** Decoding refuses pictures of more pixels (decompression bombs); sharp's default is 16383². */
  maxInputPixels?: number;
}

export type MediaErrorCode = 'undecodable' | 'too-many-pixels';

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

const DEFAULTS: Required<ImageOptions> = { maxDimension: 4096, format: 'jpeg', quality: 85, thumbnailWidth: 320, maxInputPixels: 16383 * 16383 };

/**
 * Re-encodes a submitted picture: turned upright by its EXIF orientation, shrunk to `maxDimension`,
 * written anew as JPEG or WebP. Nothing of the original file survives but its pixels: sharp writes
 * no EXIF (so no GPS position, no camera serial), XMP, IPTC, comment or ICC profile unless asked
 * to (`keepMetadata`, `withMetadata`, `keepExif` …), and this never asks. The first frame only of
 * an animation. The thumbnail and the hash are made from the re-encoded picture, so the original
 * is decoded once.
 */
export async function processImage(input: Buffer | Readable, options: ImageOptions = {}): Promise<ProcessedImage> {
  const settings = { ...DEFAULTS, ...options };
  const pipeline = decoder(input, settings.maxInputPixels)
    .autoOrient()
    .resize({ width: settings.maxDimension, height: settings.maxDimension, fit: 'inside', withoutEnlargement: true });
  const encoded =
    settings.format === 'jpeg'
      ? pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: settings.quality, mozjpeg: true })
      : pipeline.webp({ quality: settings.quality });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true }).catch(asMediaError);
  const image: EncodedImage = { data, mime: settings.format === 'jpeg' ? 'image/jpeg' : 'image/webp', width: info.width, height: info.height };
  const [thumbnail, hash] = await Promise.all([makeThumbnail(data, settings.thumbnailWidth), perceptualHash(data)]);
  return { image, thumbnail, hash };
}

/** A WebP `width` pixels wide (never enlarged), at most four times as tall, without metadata. */
export async function makeThumbnail(image: Buffer, width = DEFAULTS.thumbnailWidth): Promise<EncodedImage> {
  const { data, info } = await sharp(image)
    .autoOrient()
    .resize({ width, height: width * 4, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true })
    .catch(asMediaError);
  return { data, mime: 'image/webp', width: info.width, height: info.height };
}

function decoder(input: Buffer | Readable, maxInputPixels: number): Sharp {
  // 'truncated': a file cut short in transfer is refused; a picture with a harmless warning is not.
  const options = { limitInputPixels: maxInputPixels, failOn: 'truncated' } as const;
  if (Buffer.isBuffer(input)) return sharp(input, options);
  const pipeline = sharp(options);
  input.on('error', (error) => pipeline.destroy(error));
  input.pipe(pipeline);
  return pipeline;
}

function asMediaError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  throw new MediaError(/pixel limit/i.test(message) ? 'too-many-pixels' : 'undecodable', message);
}
