import type { CoverageDto, ProgramKind, SchoolCoverageDto } from '@tinhtao/shared';

import { annualPdf, keepHeadingsWithContent } from './report-pdf.js';
import type { DiagnosticReportRow, ReportContext } from './report-text.js';

/** The non-blank text items of each page, read with Mozilla's pdf.js (as test/support/pdf.ts does for the e2e tests). */
async function pdfPages(data: Uint8Array): Promise<string[][]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s.trim() !== ''));
  }
  await doc.destroy();
  return pages;
}

const KINDS: ProgramKind[] = ['SAFETY', 'MEDIA_LITERACY'];
const share = (done: number, of: number) => ({ done, of, percent: of ? Math.round((1000 * done) / of) / 10 : null });
const perKind = <T>(make: (k: ProgramKind) => T) => Object.fromEntries(KINDS.map((k) => [k, make(k)])) as Record<ProgramKind, T>;

/** A level's coverage with `areas` areas and `below` schools under the threshold: only what the PDF reads. */
function coverage(level: 'THCS' | 'THPT', areas: number, below: number): CoverageDto {
  const school = (n: number): SchoolCoverageDto =>
    ({
      id: `s${n}`,
      name: `Trường ${level} Số ${n} Nguyễn Trãi`,
      ministryCode: `${level}${String(n).padStart(4, '0')}`,
      areaName: `Xã Đồng Đăng ${n % 7}`,
      kinds: perKind(() => ({ hasProgram: false, coverage: share(n, 100) })),
    }) as unknown as SchoolCoverageDto;
  return {
    level,
    settings: { schoolThreshold: 80 },
    totals: perKind(() => ({
      curriculumInForce: true,
      schools: { ...share(3, 10), target: 80, met: false },
      reached: { ...share(300, 1000), target: 100, met: false },
    })),
    areas: Array.from({ length: areas }, (_, n) => ({
      name: `Phường Hoàng Văn Thụ ${n + 1}`,
      schools: 4,
      kinds: perKind(() => ({ withProgram: share(1, 4), pairs: share(40, 100) })),
    })),
    schools: Array.from({ length: below }, (_, n) => school(n + 1)),
    contests: { byKind: perKind(() => ({ held: 2, participants: 120 })) },
  } as unknown as CoverageDto;
}

const ctx: ReportContext = {
  province: { code: 'LS', name: 'Tỉnh Lạng Sơn' },
  year: '2026-2027',
  planReference: 'Kế hoạch số 12/KH-UBND',
  now: new Date('2026-12-07T02:12:00Z'),
};
const diagnostic: DiagnosticReportRow = {
  title: 'Khảo sát đọc hiểu tin tức THCS',
  level: 'THCS',
  kind: 'MEDIA_LITERACY',
  pre: 120,
  post: 110,
  paired: 100,
  preMean: 48.5,
  postMean: 66.2,
  gain: { mean: 17.7, low: 12.1, high: 23.3 },
  normalizedGain: 0.34,
  improvedPercent: 71,
  discernmentPre: 8.5,
  discernmentPost: 41.2,
  skepticismPre: 35,
  skepticismPost: 22.4,
  stillFooled: [],
};
/** The last cell of a table row: a count, a percentage, the "after" of a pair, or a dash for no figure. */
const FIGURE = /^(—|[+-]?[\d.,]+%?|sau [+-]?[\d.,]+)$/;
const PAGE_NUMBER = /^\d+\/\d+$/;

describe(keepHeadingsWithContent.name, () => {
  const at = (top: number, page = 1, headlineLevel?: number) => ({ startPosition: { top, pageNumber: page }, headlineLevel });
  const queries = (following: ReturnType<typeof at>[], nextPage: ReturnType<typeof at>[]) => ({
    getFollowingNodesOnPage: () => following,
    getNodesOnNextPage: () => nextPage,
  });

  it('moves a heading whose section goes on over the page with less than 70 pt of it below the heading', () => {
    expect(keepHeadingsWithContent(at(700, 1, 2), queries([], [at(40, 2)]))).toBe(true);
    expect(keepHeadingsWithContent(at(700, 1, 2), queries([at(716), at(760)], [at(40, 2)]))).toBe(true);
    expect(keepHeadingsWithContent(at(600, 1, 2), queries([at(616), at(670)], [at(40, 2)]))).toBe(false);
  });

  it('leaves a heading whose section ends on its page, the last heading, and what is not a heading', () => {
    expect(keepHeadingsWithContent(at(700, 1, 2), queries([at(716), at(740, 1, 2)], [at(40, 2)]))).toBe(false);
    expect(keepHeadingsWithContent(at(760, 1, 2), queries([at(776)], []))).toBe(false);
    expect(keepHeadingsWithContent(at(780), queries([], [at(40, 2)]))).toBe(false);
  });

  it('takes a level heading right under a section heading as part of it', () => {
    expect(keepHeadingsWithContent(at(700, 1, 2), queries([at(716, 1, 3), at(732)], [at(40, 2)]))).toBe(true);
  });
});

describe(annualPdf.name, () => {
  it('ends every page but the last with a row of figures, never with a heading or a heading over a header row', async () => {
    const endings: string[] = [];
    // Each two more areas move the sections below by about two rows, past a page's foot.
    for (let areas = 18; areas <= 34; areas += 2) {
      const pages = await pdfPages(await annualPdf(ctx, [coverage('THCS', areas, 5), coverage('THPT', 2, 2)], [diagnostic]));
      pages.slice(0, -1).forEach((items, n) => {
        const last = items
          .filter((s) => !PAGE_NUMBER.test(s.trim()))
          .at(-1)!
          .trim();
        if (!FIGURE.test(last)) endings.push(`${areas} areas: page ${n + 1} ends with "${last}"`);
      });
    }
    expect(endings).toEqual([]);
  }, 180_000);

  it('prints before and after as labelled lines, not with the intervals’ dash, and the time in Vietnam’s', async () => {
    const text = (await pdfPages(await annualPdf(ctx, [coverage('THCS', 2, 1), coverage('THPT', 1, 0)], [diagnostic]))).flat().join(' ');
    expect(text).toContain('trước 8,5');
    expect(text).toContain('sau 41,2');
    expect(text).toContain('trước 35');
    expect(text).not.toMatch(/8,5 – 41,2/);
    expect(text).toContain('+17,7 (12,1 – 23,3)');
    expect(text).toContain('Số liệu tổng hợp đến 07/12/2026 09:12 (giờ Việt Nam).');
  });
});
