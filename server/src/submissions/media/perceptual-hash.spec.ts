import sharp from 'sharp';

import { processImage } from './image.js';
import { differenceBits, hammingDistance, isNearDuplicate, NEAR_DUPLICATE_BITS, perceptualHash } from './perceptual-hash.js';

/** A poster drawn from shapes: what a student might paint, with edges and shades everywhere. */
function poster(shapes: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1a5276"/><stop offset="1" stop-color="#f5b041"/></linearGradient></defs>
    <rect width="800" height="600" fill="url(#sky)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const shield = poster(`
  <circle cx="220" cy="180" r="120" fill="#c0392b"/>
  <rect x="420" y="80" width="300" height="200" fill="#1e8449"/>
  <polygon points="100,560 400,320 700,560" fill="#f4f6f7"/>
  <rect x="360" y="380" width="80" height="180" fill="#5d6d7e"/>`);

const phone = poster(`
  <rect x="80" y="60" width="200" height="480" rx="30" fill="#17202a"/>
  <rect x="100" y="100" width="160" height="380" fill="#5dade2"/>
  <circle cx="560" cy="420" r="150" fill="#f7dc6f"/>
  <rect x="400" y="40" width="360" height="90" fill="#922b21"/>`);

describe(perceptualHash.name, () => {
  it('hashes the same picture re-encoded, resized, as WebP or a little brighter within six bits (measured: 3, 1, 6, 0)', async () => {
    const original = await shield;
    const hash = await perceptualHash(original);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const copies = {
      'JPEG at quality 40': await sharp(original).jpeg({ quality: 40 }).toBuffer(),
      'half size': await sharp(original).resize(400).png().toBuffer(),
      'a quarter, as WebP': await sharp(original).resize(200).webp({ quality: 50 }).toBuffer(),
      'five per cent brighter': await sharp(original).modulate({ brightness: 1.05 }).jpeg().toBuffer(),
    };
    for (const [copy, bytes] of Object.entries(copies)) {
      const distance = hammingDistance(hash, await perceptualHash(bytes));
      expect({ copy, near: distance <= 6 }).toEqual({ copy, near: true });
      expect(isNearDuplicate(hash, await perceptualHash(bytes))).toBe(true);
    }
  });

  it('hashes a photo stored sideways with an EXIF orientation like the upright picture', async () => {
    const original = await shield;
    // Stored turned a quarter anticlockwise; orientation 6 tells a viewer to turn it back.
    const sideways = await sharp(await sharp(original).rotate(-90).png().toBuffer())
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(hammingDistance(await perceptualHash(original), await perceptualHash(sideways))).toBeLessThanOrEqual(4);
  });

  it('hashes different pictures far apart (measured: 25 bits)', async () => {
    const distance = hammingDistance(await perceptualHash(await shield), await perceptualHash(await phone));
    expect(distance).toBeGreaterThan(16);
    expect(isNearDuplicate(await perceptualHash(await shield), await perceptualHash(await phone))).toBe(false);
  });

  it('is the hash processImage gives, so stored pictures compare with each other', async () => {
    const first = await processImage(await shield);
    const again = await processImage(
      await sharp(await shield)
        .resize(640)
        .jpeg({ quality: 60 })
        .toBuffer(),
    );
    expect(hammingDistance(first.hash, again.hash)).toBeLessThanOrEqual(4);
    expect(hammingDistance(first.hash, (await processImage(await phone)).hash)).toBeGreaterThan(16);
  });
});

describe(differenceBits.name, () => {
  it('sets a bit where a pixel is brighter than its right-hand neighbour, row by row', () => {
    const rows = [
      [9, 8, 7, 6, 5, 4, 3, 2, 1], // all brighter: 11111111 = ff
      [1, 2, 3, 4, 5, 6, 7, 8, 9], // none: 00
      [5, 4, 5, 4, 5, 4, 5, 4, 5], // 10101010 = aa
      [0, 0, 0, 0, 9, 0, 0, 0, 0], // only the 5th: 00001000 = 08
      [7, 7, 7, 7, 7, 7, 7, 7, 7], // equal is not brighter: 00
      [7, 7, 7, 7, 7, 7, 7, 7, 7],
      [7, 7, 7, 7, 7, 7, 7, 7, 7],
      [9, 0, 0, 0, 0, 0, 0, 0, 1], // the 1st only: 10000000 = 80
    ];
    expect(differenceBits(Uint8Array.from(rows.flat()))).toBe('ff00aa0800000080');
  });

  it('reads the first channel of each pixel', () => {
    const grey = [9, 8, 7, 6, 5, 4, 3, 2, 1, ...Array<number>(63).fill(0)];
    const twoChannels = grey.flatMap((v) => [v, 255 - v]);
    expect(differenceBits(Uint8Array.from(twoChannels), 2)).toBe('ff00000000000000');
  });

  it('refuses fewer than 9×8 pixels', () => {
    expect(() => differenceBits(new Uint8Array(71))).toThrow(RangeError);
  });
});

describe(hammingDistance.name, () => {
  it('counts the differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000000', '0000000000000000')).toBe(1);
    expect(hammingDistance('ff00aa0800000080', 'ff00aa0800000081')).toBe(1);
    // 0x0f ^ 0xf0 = 0xff: 8 bits; 0x3 ^ 0x5 = 0x6: 2 bits.
    expect(hammingDistance('0f00000000000003', 'f000000000000005')).toBe(10);
  });

  it('refuses anything but two 16-digit lowercase hex hashes', () => {
    for (const bad of ['', 'ffff', 'FFFFFFFFFFFFFFFF', 'gggggggggggggggg', '0000000000000000\u0000', '00000000000000000', ' 000000000000000']) {
      expect(() => hammingDistance(bad, '0000000000000000')).toThrow(TypeError);
      expect(() => hammingDistance('0000000000000000', bad)).toThrow(TypeError);
    }
  });
});

describe(isNearDuplicate.name, () => {
  it(`calls hashes within ${NEAR_DUPLICATE_BITS} bits the same picture, and a bit more not`, () => {
    expect(NEAR_DUPLICATE_BITS).toBe(8);
    expect(isNearDuplicate('00000000000000ff', '0000000000000000')).toBe(true); // 8 bits
    expect(isNearDuplicate('00000000000001ff', '0000000000000000')).toBe(false); // 9 bits
    expect(isNearDuplicate('00000000000001ff', '0000000000000000', 9)).toBe(true);
  });
});
