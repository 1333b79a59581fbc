import type { Readable } from 'node:stream';

import { fileTypeFromBuffer } from 'file-type';

import type { SniffedType } from './file-kind.js';

/** Bytes from the start of a file that are enough to know its type (file-type's own sample size). */
export const SNIFF_BYTES = 4100;

/**
 * What a file really is, from its first bytes. Null when the bytes are of no type file-type
 * knows: plain text, HTML, SVG, a script. A stream is read up to `SNIFF_BYTES` and then destroyed:
 * pass a stream of the file's start, e.g. a range read from storage.
 */
export async function sniff(input: Uint8Array | Readable): Promise<SniffedType | null> {
  const bytes = input instanceof Uint8Array ? input : await head(input, SNIFF_BYTES);
  const found = await fileTypeFromBuffer(bytes);
  return found ? { ext: found.ext, mime: found.mime } : null;
}

/**
 * The first `length` bytes of a stream. (file-type's own stream reader mis-reads object-mode
 * streams such as `Readable.from(buffers)`, whose chunks ignore the size asked for.)
 */
async function head(stream: Readable, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(bytes);
    total += bytes.length;
    if (total >= length) break;
  }
  return Buffer.concat(chunks, total).subarray(0, length);
}
