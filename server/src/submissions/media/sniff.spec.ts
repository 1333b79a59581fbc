import { Readable } from 'node:stream';

import sharp from 'sharp';

import { acceptFile } from './file-kind.js';
import { sniff, SNIFF_BYTES } from './sniff.js';

/** The first box of an ISO media file: `ftyp` with its major brand. */
function ftyp(brand: string): Buffer {
  const box = Buffer.alloc(32);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brand, 8, 'latin1');
  box.write('isom', 16, 'latin1');
  box.write(brand, 20, 'latin1');
  return box;
}

/** An EBML header whose DocType is `webm`. */
const WEBM = Buffer.from([
  0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65,
  0x62, 0x6d, 0x42, 0x87, 0x81, 0x02, 0x42, 0x85, 0x81, 0x02,
]);

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(254)]);

async function image(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0392b' } })
    .toFormat(format)
    .toBuffer();
}

describe(sniff.name, () => {
  it('tells images apart by their bytes', async () => {
    expect(await sniff(await image('jpeg'))).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
    expect(await sniff(await image('png'))).toEqual({ ext: 'png', mime: 'image/png' });
    expect(await sniff(await image('webp'))).toEqual({ ext: 'webp', mime: 'image/webp' });
  });

  it('finds the PDF and the program', async () => {
    expect(await sniff(PDF)).toEqual({ ext: 'pdf', mime: 'application/pdf' });
    expect(await sniff(EXE)).toEqual({ ext: 'exe', mime: 'application/x-msdownload' });
  });

  it('finds the video containers: MP4, QuickTime, WebM', async () => {
    expect(await sniff(ftyp('isom'))).toEqual({ ext: 'mp4', mime: 'video/mp4' });
    expect(await sniff(ftyp('mp42'))).toEqual({ ext: 'mp4', mime: 'video/mp4' });
    expect(await sniff(ftyp('qt  '))).toEqual({ ext: 'mov', mime: 'video/quicktime' });
    expect(await sniff(WEBM)).toEqual({ ext: 'webm', mime: 'video/webm' });
  });

  it('knows no type for text, HTML, SVG or nothing at all', async () => {
    expect(await sniff(Buffer.from('Xin chào, đây là văn bản thường.\n', 'utf8'))).toBeNull();
    expect(await sniff(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(await sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(await sniff(Buffer.alloc(0))).toBeNull();
  });

  it('reads a stream only as far as it needs, in small chunks', async () => {
    const jpeg = await image('jpeg');
    const chunks = Array.from({ length: Math.ceil(jpeg.length / 5) }, (_, i) => jpeg.subarray(i * 5, i * 5 + 5));
    expect(await sniff(Readable.from(chunks))).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
    expect(await sniff(Readable.from([PDF.subarray(0, SNIFF_BYTES)]))).toEqual({ ext: 'pdf', mime: 'application/pdf' });
  });

  it('stops reading a long stream after the first bytes and closes it', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(produced === 1024 ? Buffer.concat([ftyp('isom'), Buffer.alloc(1024 - 32)]) : Buffer.alloc(1024));
      },
    });
    expect(await sniff(endless)).toEqual({ ext: 'mp4', mime: 'video/mp4' });
    expect(endless.destroyed).toBe(true);
    // What it read before stopping: the sample, and whatever the stream had buffered ahead.
    expect(produced).toBeLessThan(64 * 1024);
  });
});

describe('sniffing and accepting real files', () => {
  const posters = { allowed: ['image'] as const, maxBytes: 5_000_000 };

  it('takes a real PNG renamed .jpg as PNG, and refuses it where only JPEG is taken', async () => {
    const png = await image('png');
    const offered = { name: 'Áp phích.jpg', size: png.length, sniffed: await sniff(png) };
    expect(acceptFile(offered, posters)).toMatchObject({ ok: true, type: { mime: 'image/png' }, nameDisagrees: true });
    expect(acceptFile(offered, { allowed: ['image/jpeg'], maxBytes: 5_000_000 })).toMatchObject({
      ok: false,
      refusal: { reason: 'disguised', actual: 'image/png' },
    });
  });

  it('refuses a real PDF named poster.jpg, and a program named poster.jpg', async () => {
    expect(acceptFile({ name: 'poster.jpg', size: PDF.length, sniffed: await sniff(PDF) }, posters)).toEqual({
      ok: false,
      refusal: { reason: 'disguised', claimed: 'image/jpeg', actual: 'application/pdf' },
    });
    expect(acceptFile({ name: 'poster.jpg', size: EXE.length, sniffed: await sniff(EXE) }, posters)).toEqual({
      ok: false,
      refusal: { reason: 'disguised', claimed: 'image/jpeg', actual: 'application/x-msdownload' },
    });
  });
});
