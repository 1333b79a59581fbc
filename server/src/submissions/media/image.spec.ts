import { Readable } from 'node:stream';

import sharp from 'sharp';

import { MediaError, processImage } from './image.js';

const CHILD = 'Nguyễn Thị Ánh Dương';
const SCHOOL = 'Trường THCS Lê Quý Đôn, Hà Nội';

/** A JPEG segment: marker, length, payload. */
function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** An APP13 Photoshop segment holding one IPTC caption (2:120). */
function iptcSegment(caption: string): Buffer {
  const text = Buffer.from(caption, 'utf8');
  const record = Buffer.concat([Buffer.from([0x1c, 0x02, 0x78, text.length >> 8, text.length & 0xff]), text]);
  const resource = Buffer.concat([Buffer.from('8BIM'), Buffer.from([0x04, 0x04, 0, 0]), Buffer.from([0, 0, 0, record.length]), record]);
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource, Buffer.alloc(record.length % 2)]));
}

/**
 * A phone photo of a child's work: 1600×1200 pixels stored sideways (EXIF orientation 6: turn it a
 * quarter clockwise to see it), with a GPS position, the camera, an XMP creator, an IPTC caption
 * and a JPEG comment.
 */
async function phonePhoto(): Promise<Buffer> {
  const base = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#2e86c1' } })
    .composite([{ input: { create: { width: 400, height: 1200, channels: 3, background: '#f1c40f' } }, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Copyright: CHILD },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${CHILD}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .jpeg()
    .toBuffer();
  // After SOI (FF D8): the IPTC caption and a comment, which sharp cannot write itself.
  return Buffer.concat([
    base.subarray(0, 2),
    iptcSegment(`${CHILD} — ${SCHOOL}`),
    segment(0xfe, Buffer.from(`GPS 21.025 105.85 ${CHILD}`, 'utf8')),
    base.subarray(2),
  ]);
}

/** The GPS latitude in an EXIF block, as rationals, read the way a viewer reads it (TIFF IFDs); null without one. */
function gpsLatitude(exif: Buffer): number[] | null {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0', 0, 'latin1') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const entry = (ifd: number, tag: number): number | null => {
    for (let i = 0, count = u16(ifd); i < count; i++) if (u16(ifd + 2 + i * 12) === tag) return ifd + 2 + i * 12;
    return null;
  };
  const gpsPointer = entry(u32(4), 0x8825);
  if (gpsPointer === null) return null;
  const latitude = entry(u32(gpsPointer + 8), 0x0002);
  if (latitude === null) return null;
  const values = u32(latitude + 8);
  return Array.from({ length: 6 }, (_, i) => u32(values + i * 4));
}

/** Everything a reader could find of the original's metadata in a file's bytes. */
function traces(file: Buffer): string[] {
  const found: string[] = [];
  for (const [name, needle] of [
    ['EXIF', Buffer.from('Exif\0\0', 'latin1')],
    ['XMP', Buffer.from('http://ns.adobe.com/xap/1.0/', 'latin1')],
    ['xmpmeta', Buffer.from('xmpmeta', 'latin1')],
    ['Photoshop/IPTC', Buffer.from('Photoshop 3.0', 'latin1')],
    ['8BIM', Buffer.from('8BIM', 'latin1')],
    ['GPS', Buffer.from('GPS', 'latin1')],
    ['camera', Buffer.from('PhoneMaker', 'latin1')],
    ['child', Buffer.from(CHILD, 'utf8')],
    ['school', Buffer.from(SCHOOL, 'utf8')],
  ] as const) {
    if (file.includes(needle)) found.push(name);
  }
  return found;
}

describe(processImage.name, () => {
  it('strips EXIF GPS, XMP, IPTC and comments from a phone photo and stands it upright', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    // The fixture really carries what must go.
    expect(gpsLatitude(before.exif!)).toEqual([21, 1, 1, 1, 30, 1]);
    expect(before).toMatchObject({ orientation: 6, width: 1600, height: 1200 });
    expect(before.xmpAsString).toContain(CHILD);
    expect(before.iptc).toBeDefined();
    expect(traces(original)).toEqual(['EXIF', 'XMP', 'xmpmeta', 'Photoshop/IPTC', '8BIM', 'GPS', 'camera', 'child', 'school']);

    const { image } = await processImage(original);
    const after = await sharp(image.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.comments).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(traces(image.data)).toEqual([]);
    // Upright: the sideways 1600×1200 is a 1200×1600 picture, the yellow band (on the stored left) now on top.
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 1200, height: 1600 });
    expect(after).toMatchObject({ format: 'jpeg', width: 1200, height: 1600 });
    const { data } = await sharp(image.data).extract({ left: 600, top: 10, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red of #f1c40f
    expect(data[2]).toBeLessThan(60); // blue of #f1c40f
  });

  it('leaves no colour profile behind either (a profile can name the device)', async () => {
    const withProfile = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#8e44ad' } })
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    expect((await sharp(withProfile).metadata()).hasProfile).toBe(true);
    const { image, thumbnail } = await processImage(withProfile);
    expect((await sharp(image.data).metadata()).hasProfile).toBe(false);
    expect((await sharp(thumbnail.data).metadata()).hasProfile).toBe(false);
  });

  it('makes a metadata-free 320-pixel WebP thumbnail', async () => {
    const { thumbnail } = await processImage(await phonePhoto());
    expect(thumbnail).toMatchObject({ mime: 'image/webp', width: 320 });
    // 1200×1600 upright, so 320 wide is 427 tall (1600 × 320 / 1200 = 426.7).
    expect(thumbnail.height).toBe(427);
    const meta = await sharp(thumbnail.data).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 427 });
    expect(meta.exif).toBeUndefined();
    expect(traces(thumbnail.data)).toEqual([]);
  });

  it('shrinks a picture to the longest side allowed and never enlarges a small one', async () => {
    const wide = await sharp({ create: { width: 6000, height: 3000, channels: 3, background: '#16a085' } })
      .png()
      .toBuffer();
    expect((await processImage(wide)).image).toMatchObject({ width: 4096, height: 2048 });
    expect((await processImage(wide, { maxDimension: 1000 })).image).toMatchObject({ width: 1000, height: 500 });
    const small = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#16a085' } })
      .png()
      .toBuffer();
    const { image, thumbnail } = await processImage(small);
    expect(image).toMatchObject({ width: 120, height: 80 });
    expect(thumbnail).toMatchObject({ width: 120, height: 80 });
  });

  it('puts a transparent PNG on white as JPEG, and keeps its transparency as WebP', async () => {
    const transparent = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const jpeg = await processImage(transparent);
    const pixel = await sharp(jpeg.image.data).raw().toBuffer();
    expect([pixel[0], pixel[1], pixel[2]]).toEqual([255, 255, 255]);
    const webp = await processImage(transparent, { format: 'webp' });
    expect(webp.image.mime).toBe('image/webp');
    expect((await sharp(webp.image.data).metadata()).hasAlpha).toBe(true);
  });

  it('takes a stream as well as a buffer', async () => {
    const original = await phonePhoto();
    const chunks = Array.from({ length: Math.ceil(original.length / 1000) }, (_, i) => original.subarray(i * 1000, i * 1000 + 1000));
    const fromStream = await processImage(Readable.from(chunks));
    expect(fromStream.image).toMatchObject({ width: 1200, height: 1600 });
    expect(fromStream.hash).toBe((await processImage(original)).hash);
  });

  it('refuses bytes that are no picture, and a picture cut short', async () => {
    await expect(processImage(Buffer.from('Đây không phải là ảnh'))).rejects.toMatchObject({ code: 'undecodable' });
    const whole = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#e74c3c' } })
      .jpeg()
      .toBuffer();
    await expect(processImage(whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toBeInstanceOf(MediaError);
  });

  it('refuses a picture of more pixels than allowed before decoding it (decompression bombs)', async () => {
    const big = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    await expect(processImage(big, { maxInputPixels: 1_000_000 })).rejects.toMatchObject({ code: 'too-many-pixels' });
  });
});
