import sharp from 'sharp';

/** A 64-bit difference hash as 16 lowercase hex digits. */
const HASH = /^[0-9a-f]{16}$/;

/**
 * Bits two hashes may differ by and still be "the same picture": a re-encoded, resized or lightly
 * retouched copy stays within a few bits; unrelated pictures differ by about 32. A match is a flag
 * for the organiser to look at, never a refusal.
 */
export const NEAR_DUPLICATE_BITS = 8;

/**
 * The difference hash (dHash) of an image: upright, flattened on white, grey, shrunk to 9×8; each
 * bit says whether a pixel is brighter than its right-hand neighbour, row by row, most significant
 * first. Blank or evenly shaded images all hash alike (0000000000000000): compare those by eye.
 */
export async function perceptualHash(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image)
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(9, 8, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return differenceBits(data, info.channels);
}

/** The 64 bits from 9×8 raw pixels of `channels` bytes each (the first channel is the grey level). Pure. */
export function differenceBits(pixels: Uint8Array, channels = 1): string {
  if (pixels.length < 72 * channels) throw new RangeError(`A difference hash needs 9×8 pixels, got ${pixels.length} bytes`);
  let hex = '';
  for (let row = 0; row < 8; row++) {
    for (let half = 0; half < 2; half++) {
      let nibble = 0;
      for (let bit = 0; bit < 4; bit++) {
        const x = half * 4 + bit;
        const left = pixels[(row * 9 + x) * channels];
        const right = pixels[(row * 9 + x + 1) * channels];
        nibble = (nibble << 1) | (left > right ? 1 : 0);
      }
      hex += nibble.toString(16);
    }
  }
  return hex;
}

/** How many of the 64 bits differ. Throws on anything but two 16-digit hex hashes. Pure. */
export function hammingDistance(a: string, b: string): number {
  if (!HASH.test(a) || !HASH.test(b)) throw new TypeError('A perceptual hash is 16 lowercase hex digits');
  let distance = 0;
  for (let i = 0; i < 16; i++) {
    let x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
    for (; x > 0; x >>= 1) distance += x & 1;
  }
  return distance;
}

/** Whether two hashes are of the same picture, within `threshold` bits. Pure. */
export function isNearDuplicate(a: string, b: string, threshold = NEAR_DUPLICATE_BITS): boolean {
  return hammingDistance(a, b) <= threshold;
}
