import { acceptFile, allowedTypes, claimedType, type FileRule, kindOf, type SniffedType } from './file-kind.js';

const JPEG: SniffedType = { ext: 'jpg', mime: 'image/jpeg' };
const PNG: SniffedType = { ext: 'png', mime: 'image/png' };
const PDF: SniffedType = { ext: 'pdf', mime: 'application/pdf' };
const EXE: SniffedType = { ext: 'exe', mime: 'application/x-msdownload' };
const MOV: SniffedType = { ext: 'mov', mime: 'video/quicktime' };

const posters: FileRule = { allowed: ['image'], maxBytes: 10_000_000 };
const jpegOnly: FileRule = { allowed: ['image/jpeg'], maxBytes: 10_000_000 };

describe(acceptFile.name, () => {
  it('takes an honest JPEG poster', () => {
    expect(acceptFile({ name: 'Áp phích – Tỉnh táo.jpg', size: 1000, sniffed: JPEG }, posters)).toEqual({
      ok: true,
      type: JPEG,
      kind: 'image',
      nameDisagrees: false,
    });
  });

  it('takes a PNG renamed .jpg as the PNG it is when PNG is allowed, and says the name disagrees', () => {
    expect(acceptFile({ name: 'poster.jpg', size: 1000, sniffed: PNG }, posters)).toEqual({ ok: true, type: PNG, kind: 'image', nameDisagrees: true });
  });

  it('refuses a PNG renamed .jpg when only JPEG is allowed', () => {
    expect(acceptFile({ name: 'poster.jpg', size: 1000, sniffed: PNG }, jpegOnly)).toEqual({
      ok: false,
      refusal: { reason: 'disguised', claimed: 'image/jpeg', actual: 'image/png' },
    });
  });

  it('refuses a PDF named poster.jpg as disguised', () => {
    expect(acceptFile({ name: 'poster.jpg', size: 1000, sniffed: PDF }, posters)).toEqual({
      ok: false,
      refusal: { reason: 'disguised', claimed: 'image/jpeg', actual: 'application/pdf' },
    });
  });

  it('refuses a program named poster.jpg as disguised, whatever else is allowed', () => {
    const generous: FileRule = { allowed: ['image', 'video', 'pdf'], maxBytes: 10_000_000 };
    expect(acceptFile({ name: 'poster.jpg', size: 1000, sniffed: EXE }, generous)).toEqual({
      ok: false,
      refusal: { reason: 'disguised', claimed: 'image/jpeg', actual: 'application/x-msdownload' },
    });
  });

  it('refuses an honest PDF where only images are taken, naming what is', () => {
    expect(acceptFile({ name: 'poster.pdf', size: 1000, sniffed: PDF }, posters)).toEqual({
      ok: false,
      refusal: { reason: 'not-allowed', actual: 'application/pdf', allowed: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] },
    });
    expect(acceptFile({ name: 'ban-mo-ta', size: 1000, sniffed: PDF }, posters)).toMatchObject({ ok: false, refusal: { reason: 'not-allowed' } });
  });

  it('takes a PDF where the contest allows it', () => {
    expect(acceptFile({ name: 'Bản mô tả mô hình.pdf', size: 1000, sniffed: PDF }, { allowed: ['image', 'pdf'], maxBytes: 10_000_000 })).toMatchObject({
      ok: true,
      kind: 'pdf',
    });
  });

  it('takes a QuickTime video from an iPhone named .MOV, and one named .mp4', () => {
    const videos: FileRule = { allowed: ['video'], maxBytes: 500_000_000 };
    expect(acceptFile({ name: 'IMG_0042.MOV', size: 1000, sniffed: MOV }, videos)).toEqual({ ok: true, type: MOV, kind: 'video', nameDisagrees: false });
    expect(acceptFile({ name: 'clip.mp4', size: 1000, sniffed: MOV }, videos)).toEqual({ ok: true, type: MOV, kind: 'video', nameDisagrees: true });
  });

  it('refuses bytes of no known type, saying what the name claimed', () => {
    expect(acceptFile({ name: 'poster.jpg', size: 10, sniffed: null }, posters)).toEqual({
      ok: false,
      refusal: { reason: 'unrecognised', claimed: 'image/jpeg' },
    });
    expect(acceptFile({ name: 'README', size: 10, sniffed: null }, posters)).toEqual({ ok: false, refusal: { reason: 'unrecognised', claimed: null } });
  });

  it('refuses an empty file and one over the limit; a file of exactly the limit passes', () => {
    const rule: FileRule = { allowed: ['image'], maxBytes: 5_000 };
    expect(acceptFile({ name: 'a.jpg', size: 0, sniffed: null }, rule)).toEqual({ ok: false, refusal: { reason: 'empty' } });
    expect(acceptFile({ name: 'a.jpg', size: 5_001, sniffed: JPEG }, rule)).toEqual({
      ok: false,
      refusal: { reason: 'too-large', size: 5_001, maxBytes: 5_000 },
    });
    expect(acceptFile({ name: 'a.jpg', size: 5_000, sniffed: JPEG }, rule)).toMatchObject({ ok: true });
  });

  it('judges hostile names by their bytes without failing', () => {
    for (const name of ['', '\u0000', 'a\u0000.jpg', '\uD800.jpg', 'x'.repeat(100_000), '../../etc/passwd', 'poster.jpg\u202Egpj.exe', '.jpg']) {
      expect(acceptFile({ name, size: 10, sniffed: JPEG }, posters)).toMatchObject({ ok: true, type: JPEG });
    }
  });
});

describe(claimedType.name, () => {
  it('reads the last extension in any case, ignoring trailing dots and spaces', () => {
    expect(claimedType('ẢNH DỰ THI.JPG')).toBe('image/jpeg');
    expect(claimedType('poster.jpg. ')).toBe('image/jpeg');
    expect(claimedType('poster.jpg.exe')).toBe('application/x-msdownload');
    expect(claimedType('clip.MoV')).toBe('video/quicktime');
  });

  it('claims nothing without an extension, or with one it does not know', () => {
    expect(claimedType('poster')).toBeNull();
    expect(claimedType('poster.')).toBeNull();
    expect(claimedType('poster.xyz')).toBeNull();
    expect(claimedType('poster.toString')).toBeNull();
    expect(claimedType('poster.__proto__')).toBeNull();
    expect(claimedType('poster.constructor')).toBeNull();
  });
});

describe(allowedTypes.name, () => {
  it('expands kinds and keeps exact types, lower-cased', () => {
    expect([...allowedTypes(['video', 'Image/PNG'])]).toEqual(['video/mp4', 'video/x-m4v', 'video/quicktime', 'video/webm', 'image/png']);
  });

  it('does not take a name from the object prototype for a kind', () => {
    expect([...allowedTypes(['constructor/x', 'toString' as never])]).toEqual(['constructor/x', 'tostring']);
  });
});

describe(kindOf.name, () => {
  it('names the kind of each type it knows, and null otherwise', () => {
    expect(kindOf('image/webp')).toBe('image');
    expect(kindOf('video/webm')).toBe('video');
    expect(kindOf('application/pdf')).toBe('pdf');
    expect(kindOf('image/heic')).toBeNull();
  });
});
