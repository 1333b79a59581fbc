import sharp from 'sharp';

import { sniff } from './sniff.js';
import { escapeMarkup, posterTitle, renderTitle, videoContainer, videoPoster } from './video.js';

function ftyp(brand: string): Buffer {
  const box = Buffer.alloc(32);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brand, 8, 'latin1');
  box.write('isom', 16, 'latin1');
  return box;
}

const WEBM = Buffer.from([
  0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65,
  0x62, 0x6d, 0x42, 0x87, 0x81, 0x02, 0x42, 0x85, 0x81, 0x02,
]);

/** How much ink a transparent text image holds: the sum of its alpha. */
async function ink(png: Buffer): Promise<number> {
  const { data } = await sharp(png).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  return data.reduce((sum, alpha) => sum + alpha, 0);
}

/** Whether each row of a transparent text image holds any ink. */
async function inkedRows(png: Buffer): Promise<boolean[]> {
  const { data, info } = await sharp(png).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
  return Array.from({ length: info.height }, (_, y) => data.subarray(y * info.width, (y + 1) * info.width).some((alpha) => alpha > 0));
}

/**
 * Bands of ink from top to bottom, separated by empty rows: E is one; Ệ is three (circumflex,
 * letter, dot below). A missing glyph drawn as a box would be one.
 */
async function inkBands(png: Buffer): Promise<number> {
  const rows = await inkedRows(png);
  return rows.filter((inked, y) => inked && (y === 0 || !rows[y - 1])).length;
}

describe(videoContainer.name, () => {
  it('reads MP4, QuickTime and WebM from the bytes', async () => {
    expect(videoContainer(await sniff(ftyp('isom')))).toBe('mp4');
    expect(videoContainer(await sniff(ftyp('M4V ')))).toBe('mp4');
    expect(videoContainer(await sniff(ftyp('qt  ')))).toBe('mov');
    expect(videoContainer(await sniff(WEBM))).toBe('webm');
  });

  it('plays nothing else', async () => {
    expect(videoContainer(await sniff(Buffer.from('%PDF-1.7\n')))).toBeNull();
    expect(videoContainer({ ext: 'avi', mime: 'video/vnd.avi' })).toBeNull();
    expect(videoContainer({ ext: 'mkv', mime: 'video/x-matroska' })).toBeNull();
    expect(videoContainer(null)).toBeNull();
  });
});

describe(posterTitle.name, () => {
  it('keeps a Vietnamese title as it is, composed (NFC)', () => {
    expect(posterTitle('Ước mơ xanh — Đừng chia sẻ mật khẩu')).toBe('Ước mơ xanh — Đừng chia sẻ mật khẩu');
    const decomposed = 'Ước mơ'.normalize('NFD');
    expect(decomposed).toHaveLength(10);
    expect(posterTitle(decomposed)).toBe('Ước mơ'.normalize('NFC'));
    expect(posterTitle(decomposed)).toHaveLength(6);
  });

  it('takes out control and direction-override characters and folds white space', () => {
    expect(posterTitle('  Tỉnh\u0000táo\n\ttrên\u202Emạng\u0007  ')).toBe('Tỉnh táo trên mạng');
  });

  it('shows a lone surrogate as U+FFFD', () => {
    expect(posterTitle('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('cuts a long title to 120 characters, never inside a letter and its marks', () => {
    const stacked = 'x\u0323\u0302'; // one letter, three code points, no composed form
    const cut = posterTitle(stacked.repeat(200));
    expect(cut).toBe(`${stacked.repeat(119)}…`);
    expect(posterTitle('Ệ'.repeat(120))).toBe('Ệ'.repeat(120));
  });

  it('names an empty title "Video"', () => {
    expect(posterTitle('')).toBe('Video');
    expect(posterTitle('\u0000\n \u202E')).toBe('Video');
  });
});

describe(escapeMarkup.name, () => {
  it('turns every markup character into text', () => {
    expect(escapeMarkup(`<b>Tô & "Vẽ" 'em'</b>`)).toBe('&lt;b&gt;Tô &amp; &quot;Vẽ&quot; &#39;em&#39;&lt;/b&gt;');
  });
});

describe(renderTitle.name, () => {
  it('draws Vietnamese marks apart from their letters: Ệ is circumflex, letter and dot below', async () => {
    const bands = async (text: string) => inkBands((await renderTitle(text, 1000, 80)).data);
    expect(await bands('E')).toBe(1);
    expect(await bands('Ệ')).toBe(3);
    expect(await bands('ệ')).toBe(3);
    expect(await bands('Ặ')).toBe(3);
    expect(await bands('Ạ')).toBe(2);
    expect(await bands('Ỹ')).toBe(2);
    const plain = (await inkedRows((await renderTitle('E', 1000, 80)).data)).length;
    expect((await inkedRows((await renderTitle('Ệ', 1000, 80)).data)).length).toBeGreaterThan(plain * 1.3);
  });

  it('draws the marks of a Vietnamese title: more ink than the same letters without them', async () => {
    const withMarks = await renderTitle('Ước mơ xanh', 1000, 60);
    const without = await renderTitle('Uoc mo xanh', 1000, 60);
    // Each mark (horn, acute, breve…) is ink the bare letters do not have.
    expect(await ink(withMarks.data)).toBeGreaterThan((await ink(without.data)) * 1.02);
  });

  it('draws markup as the text it is', async () => {
    const tag = await renderTitle('<span foreground="red">x</span>', 2000, 40);
    const x = await renderTitle('x', 2000, 40);
    expect(tag.width).toBeGreaterThan(x.width * 10);
  });

  it('draws hostile titles without failing', async () => {
    for (const title of ['\u0000', '\uD800', '&', '<', '&amp;', '</span>', 'x'.repeat(10_000), '\u202Egnp.exe']) {
      const drawn = await renderTitle(title, 800, 30);
      expect(drawn.width).toBeGreaterThan(0);
    }
  });
});

describe(videoPoster.name, () => {
  it('makes a 1280×720 PNG without metadata', async () => {
    const poster = await videoPoster({ title: 'Phim ngắn: Tỉnh táo trước tin giả' });
    expect(poster).toMatchObject({ mime: 'image/png', width: 1280, height: 720 });
    expect(await sniff(poster.data)).toEqual({ ext: 'png', mime: 'image/png' });
    const meta = await sharp(poster.data).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1280, height: 720 });
    expect(meta.exif).toBeUndefined();
  });

  it('puts the title in the lower part and keeps the play button above it the same for every title', async () => {
    const a = await videoPoster({ title: 'Ước mơ xanh' });
    const b = await videoPoster({ title: 'Đừng chia sẻ mật khẩu' });
    const region = (png: Buffer, top: number, height: number) => sharp(png).extract({ left: 0, top, width: 1280, height }).raw().toBuffer();
    expect((await region(a.data, 0, 400)).equals(await region(b.data, 0, 400))).toBe(true);
    expect((await region(a.data, 420, 300)).equals(await region(b.data, 420, 300))).toBe(false);
  });

  it('fits a very long title in the frame', async () => {
    const poster = await videoPoster({ title: 'Sản phẩm dự thi của nhóm học sinh lớp 9A '.repeat(20), width: 640, height: 360 });
    expect(poster).toMatchObject({ width: 640, height: 360 });
  });
});
