import type { CoverageDto, ProgressDto } from '@tinhtao/shared';
import { schoolYearOf } from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import { Api } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow, testNowMs } from '../../support/clock.js';
import { ask, connectLive } from '../../support/live.js';
import { pdfText } from '../../support/pdf.js';

/**
 * Every date and time a person reads in a file is Vietnam's (UTC+7), whatever the server's
 * clock: the annual report (XLSX, PDF), contest results (XLSX, CSV) and a class's progress (XLSX).
 * Expected readings are worked out here by hand from the API's ISO times, not with the app's helper.
 */
let app: TestApp;
let dept: Api;
let gv1: Api;
const year = schoolYearOf(testNow());

const two = (n: number) => String(n).padStart(2, '0');
/** "07/12/2026 09:12" for an ISO moment, by adding seven hours to its UTC reading. */
function vietnam(iso: string, seconds = false): string {
  const v = new Date(Date.parse(iso) + 7 * 3600_000);
  const time = `${two(v.getUTCHours())}:${two(v.getUTCMinutes())}${seconds ? `:${two(v.getUTCSeconds())}` : ''}`;
  return `${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${time}`;
}

async function download(api: Api, path: string): Promise<Buffer> {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${api.token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function workbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  return book;
}

/** What Excel shows for a date cell, to the second: the UTC fields exceljs reads back (a date cell has no time zone). */
function shown(cell: unknown): string {
  if (!(cell instanceof Date)) return `not a date cell: ${String(cell)}`;
  return `${two(cell.getUTCDate())}/${two(cell.getUTCMonth() + 1)}/${cell.getUTCFullYear()} ${two(cell.getUTCHours())}:${two(cell.getUTCMinutes())}:${two(cell.getUTCSeconds())}`;
}

beforeAll(async () => {
  // The server runs in UTC, as a container does: Vietnam time must come from the app, not from the machine.
  app = await startApp({ TZ: 'UTC' });
  const anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  gv1 = await anon.signedIn('gv1');
});
afterAll(() => app?.stop());

describe('dates and times in files', () => {
  it('gives the annual workbook each school’s last activity as the page shows it, in Vietnam time', async () => {
    const coverage = (await dept.get<CoverageDto>(`/api/coverage?year=${year}&level=THCS`)).body;
    const active = coverage.schools.filter((s) => s.lastActivityAt);
    expect(active.length).toBeGreaterThan(0);
    const sheet = (await workbook(await download(dept, `/api/reports/annual?year=${year}&format=xlsx`))).getWorksheet('Danh sách trường')!;
    const column = (sheet.getRow(1).values as string[]).indexOf('Hoạt động gần nhất');
    for (const school of active) {
      const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === school.ministryCode)!;
      expect({ school: school.name, shown: shown(row.getCell(column).value) }).toEqual({ school: school.name, shown: vietnam(school.lastActivityAt!, true) });
    }
  });

  it('says when the annual report’s figures were read, in Vietnam time, in the workbook and the PDF', async () => {
    const before = testNowMs();
    const pdf = (await pdfText(new Uint8Array(await download(dept, `/api/reports/annual?year=${year}&format=pdf`)))).replace(/\s+/g, ' ');
    const summary = (await workbook(await download(dept, `/api/reports/annual?year=${year}&format=xlsx`))).getWorksheet('Báo cáo')!;
    const after = testNowMs();
    const readings = new Set([before, after].map((t) => vietnam(new Date(t).toISOString())));
    const asOf = (text: string) => /Số liệu tổng hợp đến (\d\d\/\d\d\/\d{4} \d\d:\d\d) \(giờ Việt Nam\)/.exec(text)?.[1];
    expect(readings).toContain(asOf(pdf));
    const line = (summary.getSheetValues().flat() as unknown[]).find((v) => typeof v === 'string' && v.startsWith('Số liệu tổng hợp đến')) as string;
    expect(readings).toContain(asOf(line));
  });

  it('gives a contest’s standings the time each student joined, in Vietnam time, in the CSV and the workbook', async () => {
    const classId = (await gv1.get<{ id: string; name: string }[]>('/api/classes')).body.find((c) => c.name === '8A1')!.id;
    let itemId: string | undefined;
    for (const lesson of (await gv1.get<{ id: string }[]>('/api/lessons?level=THCS')).body) {
      itemId = (await gv1.get<{ items: { id: string; kind: string }[] }>(`/api/lessons/${lesson.id}`)).body.items.find(
        (i) => i.kind === 'true_false' || i.kind === 'single_choice',
      )?.id;
      if (itemId) break;
    }
    const contest = await gv1.post<{ id: string }>('/api/contests', {
      title: 'Rung chuông vàng giờ Việt Nam',
      mode: 'live',
      scope: { type: 'class', id: classId },
      itemIds: [itemId],
      secondsPerQuestion: 20,
    });
    expect(contest.status).toBe(201);
    const session = (await gv1.post<{ pin: string }>(`/api/contests/${contest.body.id}/sessions`)).body;
    const player = await connectLive(app.url, (await new Api(app.url).signedIn('hs2')).token);
    expect((await ask(player, 'session:join', { pin: session.pin })).ok).toBe(true);
    player.close();

    const results = (await gv1.get<{ standings: { name: string; joinedAt: string }[] }>(`/api/contests/${contest.body.id}/results`)).body;
    const joined = results.standings[0];
    const csv = (await download(gv1, `/api/contests/${contest.body.id}/results?format=csv`)).toString('utf8');
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toContain('"Vào phòng lúc (giờ Việt Nam)"');
    expect(row).toContain(`"${joined.name}"`);
    expect(row.endsWith(`"${vietnam(joined.joinedAt, true)}"`)).toBe(true);

    const sheet = (await workbook(await download(gv1, `/api/contests/${contest.body.id}/results?format=xlsx`))).getWorksheet('Xếp hạng')!;
    const column = (sheet.getRow(1).values as string[]).indexOf('Vào phòng lúc (giờ Việt Nam)');
    expect(shown(sheet.getRow(2).getCell(column).value)).toBe(vietnam(joined.joinedAt, true));
  });

  it('heads each lesson of a class’s progress workbook with its due time in Vietnam time', async () => {
    const classId = (await gv1.get<{ id: string; name: string }[]>('/api/classes')).body.find((c) => c.name === '8A1')!.id;
    const progress = (await gv1.get<ProgressDto>(`/api/classes/${classId}/progress`)).body;
    expect(progress.lessons.length).toBeGreaterThan(0);
    const sheet = (await workbook(await download(gv1, `/api/classes/${classId}/progress?format=xlsx`))).getWorksheet('Tiến độ')!;
    const headers = (sheet.getRow(1).values as string[]).slice(4);
    progress.lessons.forEach((lesson, n) => expect(headers[n]).toBe(`${lesson.title}\n(hạn ${vietnam(lesson.dueAt)})`));
  });
});
