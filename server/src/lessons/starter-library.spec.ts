import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { itemProblems } from '@tinhtao/shared';

import { loadStarterLibrary, starterLibraryDir, StarterLibraryError } from './starter-library.js';

describe('the starter library', () => {
  const library = loadStarterLibrary();

  it('loads, and every lesson and item validates', () => {
    expect(library.lessons.length).toBeGreaterThanOrEqual(16);
    for (const lesson of library.lessons)
      for (const item of lesson.items) expect({ slug: lesson.slug, problems: itemProblems(item) }).toEqual({ slug: lesson.slug, problems: [] });
  });

  it('has at least 8 lessons of each kind, split over THCS and THPT', () => {
    for (const kind of ['SAFETY', 'MEDIA_LITERACY'] as const) {
      const ofKind = library.lessons.filter((l) => l.kind === kind);
      expect({ kind, count: ofKind.length }).toEqual({ kind, count: expect.any(Number) });
      expect(ofKind.length).toBeGreaterThanOrEqual(8);
      expect(new Set(ofKind.map((l) => l.level))).toEqual(new Set(['THCS', 'THPT']));
    }
  });

  it('gives every lesson at least 6 items and at least one claim_check or red_flags item', () => {
    const thin = library.lessons.filter((l) => l.items.length < 6).map((l) => l.slug);
    const withoutScenario = library.lessons.filter((l) => !l.items.some((i) => i.kind === 'claim_check' || i.kind === 'red_flags')).map((l) => l.slug);
    expect({ thin, withoutScenario }).toEqual({ thin: [], withoutScenario: [] });
  });

  it('makes the four curricula of a year from lessons of their own level and kind, each lesson once', () => {
    const keys = library.curricula.map((c) => `${c.level} ${c.kind}`).sort();
    expect(keys).toEqual(['THCS MEDIA_LITERACY', 'THCS SAFETY', 'THPT MEDIA_LITERACY', 'THPT SAFETY']);
    const listed = library.curricula.flatMap((c) => c.lessons.map((l) => l.slug));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(library.lessons.map((l) => l.slug).sort());
  });

  it('has six staff lessons, every item gradable, and a program of them with four required', () => {
    expect(library.staffLessons.length).toBe(6);
    for (const lesson of library.staffLessons) {
      expect({ slug: lesson.slug, items: lesson.items.length >= 5 }).toEqual({ slug: lesson.slug, items: true });
      for (const item of lesson.items) expect({ slug: lesson.slug, problems: itemProblems(item) }).toEqual({ slug: lesson.slug, problems: [] });
    }
    expect(library.staffProgram.map((l) => l.slug).sort()).toEqual(library.staffLessons.map((l) => l.slug).sort());
    expect(library.staffProgram.filter((l) => l.required).length).toBe(4);
  });

  it('refuses a library with an ungradable item, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-'));
    fs.cpSync(starterLibraryDir(), dir, { recursive: true });
    const file = path.join(dir, 'lessons', `${library.lessons[0].slug}.json`);
    const broken = JSON.parse(fs.readFileSync(file, 'utf8'));
    broken.items[0] = { kind: 'single_choice', prompt: 'Q?', feedback: 'F', options: ['a', 'b'], answer: [] };
    fs.writeFileSync(file, JSON.stringify(broken));
    expect(() => loadStarterLibrary(dir)).toThrow(StarterLibraryError);
    expect(() => loadStarterLibrary(dir)).toThrow(`${library.lessons[0].slug}.json does not validate`);
  });
});
