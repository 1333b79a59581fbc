import { afterEach, describe, expect, it } from '@jest/globals';

import en from '@/i18n/en.json';
import { i18n, type MessageSchema } from '@/i18n/index';

import { acceptFor, formatBytes, mediaLabels, refuseFile } from './files';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const MiB = 1024 * 1024;
const poster = { mediaTypes: ['image/jpeg', 'image/png'] as const, maxBytes: 20 * MiB, maxFiles: 1 };

afterEach(() => {
  i18n.global.locale.value = 'vi';
});

describe('formatBytes', () => {
  it('writes binary sizes with a Vietnamese decimal comma', () => {
    expect(plain(formatBytes(20 * MiB))).toBe('20 MB');
    expect(plain(formatBytes(1.5 * 1024 * MiB))).toBe('1,5 GB');
    expect(plain(formatBytes(500))).toBe('1 KB');
    expect(plain(formatBytes(800 * 1024))).toBe('800 KB');
  });

  it('writes a decimal point in English', () => {
    i18n.global.setLocaleMessage('en', en as MessageSchema);
    i18n.global.locale.value = 'en';
    expect(formatBytes(2.5 * MiB)).toBe('2.5 MB');
  });
});

describe('refuseFile', () => {
  it('lets a poster of the right type and size through', () => {
    expect(refuseFile({ name: 'poster.png', type: 'image/png', size: 20 * MiB }, poster, 0)).toBeNull();
  });

  it('refuses a type the kind does not take, naming those it does', () => {
    expect(refuseFile({ name: 'baocao.pdf', type: 'application/pdf', size: 1000 }, poster, 0)).toEqual({ reason: 'type', allowed: 'JPG, PNG' });
  });

  it('refuses one byte over the limit, saying the limit', () => {
    const refusal = refuseFile({ name: 'poster.jpg', type: 'image/jpeg', size: 20 * MiB + 1 }, poster, 0);
    expect(refusal?.reason).toBe('tooLarge');
    expect(refusal && 'max' in refusal && plain(String(refusal.max))).toBe('20 MB');
  });

  it('refuses an empty file and a file past the kind’s count', () => {
    expect(refuseFile({ name: 'a.jpg', type: 'image/jpeg', size: 0 }, poster, 0)).toEqual({ reason: 'empty' });
    expect(refuseFile({ name: 'b.jpg', type: 'image/jpeg', size: 10 }, poster, 1)).toEqual({ reason: 'tooMany', max: 1 });
  });

  it('sends a file the browser cannot name, for the server to read its bytes', () => {
    expect(refuseFile({ name: 'clip.mov', type: '', size: 10 * MiB }, { mediaTypes: ['video/quicktime'], maxBytes: 500 * MiB, maxFiles: 1 }, 0)).toBeNull();
  });
});

describe('acceptFor and mediaLabels', () => {
  it('lists types with their extensions for the picker, and short names for people', () => {
    expect(acceptFor(['image/jpeg', 'video/quicktime'])).toBe('image/jpeg,.jpg,.jpeg,video/quicktime,.mov');
    expect(mediaLabels(['image/webp', 'video/mp4', 'video/webm'])).toBe('WEBP, MP4, WEBM');
  });
});
