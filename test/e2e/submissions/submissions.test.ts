import sharp from 'sharp';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow } from '../../support/clock.js';

/**
 * The submission contests end to end: a poster contest across two schools, entries by students,
 * a resumable upload cut in the middle and finished, a file lying about its type refused, EXIF GPS
 * gone from the stored picture, balanced blind judging with a conflict replaced, and scopes.
 */
let app: TestApp;
let anon: Api;
let dept: Api;

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const contestBody = (submissionClosesAt = hoursFromNow(2), judgingOpensAt = hoursFromNow(2), judgingClosesAt = hoursFromNow(4)) => ({
  title: 'Áp phích “Tỉnh táo trên mạng” năm học này',
  kinds: [{ kind: 'poster', mediaTypes: ['image/jpeg', 'image/png'], maxBytes: 5_000_000, maxFiles: 1 }],
  levels: ['THCS'],
  themes: ['Lừa đảo trực tuyến'],
  rules: 'Mỗi học sinh một tác phẩm.',
  entryMode: 'individual',
  rounds: [
    {
      stage: 'school',
      submissionOpensAt: hoursFromNow(-1),
      submissionClosesAt,
      judgingOpensAt,
      judgingClosesAt,
      advance: { per: 'school', top: 1 },
      judgesPerEntry: 3,
    },
    {
      stage: 'province',
      promotionOpensAt: hoursFromNow(5),
      promotionClosesAt: hoursFromNow(6),
      judgingOpensAt: hoursFromNow(6),
      judgingClosesAt: hoursFromNow(8),
    },
  ],
});

/** A tus upload in two halves: the first PATCH stops half way, a HEAD asks where it stopped, the rest follows. */
async function uploadInTwo(api: Api, contestId: string, name: string, bytes: Buffer): Promise<{ status: number; fileId: string | null }> {
  const token = (api as unknown as { token: string }).token;
  const auth = { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0' };
  const meta = `contestId ${Buffer.from(contestId).toString('base64')},filename ${Buffer.from(name).toString('base64')}`;
  const created = await fetch(`${app.url}/api/uploads`, {
    method: 'POST',
    headers: { ...auth, 'Upload-Length': String(bytes.length), 'Upload-Metadata': meta },
  });
  if (created.status !== 201) return { status: created.status, fileId: null };
  const url = new URL(created.headers.get('location')!, app.url).toString();
  const half = Math.floor(bytes.length / 2);
  const patch = (offset: number, chunk: Buffer) =>
    fetch(url, {
      method: 'PATCH',
      headers: { ...auth, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      body: new Uint8Array(chunk),
    });
  expect((await patch(0, bytes.subarray(0, half))).status).toBe(204);
  const head = await fetch(url, { method: 'HEAD', headers: auth });
  expect(Number(head.headers.get('upload-offset'))).toBe(half);
  const rest = await patch(half, bytes.subarray(half));
  return { status: rest.status, fileId: rest.headers.get('submission-file-id') };
}

const posterWithGps = (hue: number) =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: { r: hue, g: 120, b: 255 - hue } } })
    .composite([{ input: Buffer.from(`<svg width="400" height="300"><rect x="${hue % 200}" y="40" width="120" height="160" fill="#fff"/></svg>`) }])
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'Nguyễn Văn An' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
    })
    .toBuffer();

describe('a poster contest across two schools', () => {
  let contestId: string;
  const entries: Record<string, string> = {};

  it('is created by the Department, seen in its province, unknown in another', async () => {
    const created = await dept.post('/api/submission-contests', contestBody());
    expect(created.status).toBe(201);
    contestId = created.body.id;
    expect(created.body.rounds.map((r: { stage: string; phase: string }) => [r.stage, r.phase])).toEqual([
      ['school', 'submission'],
      ['province', 'upcoming'],
    ]);
    expect((await (await anon.signedIn('hs1')).get(`/api/submission-contests/${contestId}`)).status).toBe(200);
    expectProblem(await (await anon.signedIn('so2-admin')).get(`/api/submission-contests/${contestId}`), 404);
    expectProblem(await (await anon.signedIn('gv1')).post('/api/submission-contests', contestBody()), 403);
  });

  it('takes a picture uploaded in two halves, stored without its GPS position, and refuses a file lying about its type', async () => {
    const hs1 = await anon.signedIn('hs1');
    const picture = await posterWithGps(30);
    expect((await sharp(picture).metadata()).exif).toBeDefined();
    const up = await uploadInTwo(hs1, contestId, 'ảnh của em.jpg', picture);
    expect(up.status).toBe(204);
    expect(up.fileId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await fetch(`${app.url}/api/submission-files/${up.fileId}`, {
      headers: { Authorization: `Bearer ${(hs1 as unknown as { token: string }).token}` },
    });
    expect(stored.status).toBe(200);
    const meta = await sharp(Buffer.from(await stored.arrayBuffer())).metadata();
    expect(meta.exif).toBeUndefined();
    const range = await fetch(`${app.url}/api/submission-files/${up.fileId}`, {
      headers: { Authorization: `Bearer ${(hs1 as unknown as { token: string }).token}`, Range: 'bytes=0-9' },
    });
    expect(range.status).toBe(206);
    expect((await range.arrayBuffer()).byteLength).toBe(10);

    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(2000, 32), Buffer.from('\n%%EOF\n')]);
    const lie = await uploadInTwo(hs1, contestId, 'poster.jpg', pdf);
    expect(lie.status).toBe(415);

    const entry = await hs1.post(`/api/submission-contests/${contestId}/entries`, {
      kind: 'poster',
      theme: 'Lừa đảo trực tuyến',
      title: 'Đừng bấm vào đường link lạ',
      description: 'Áp phích nhắc các bạn kiểm tra đường link.',
      technique: 'Vẽ tay, tô màu nước',
      fileIds: [up.fileId],
    });
    expect(entry.status).toBe(201);
    expect(entry.body.members.map((m: { fullName: string }) => m.fullName)).toHaveLength(1);
    expect(entry.body.status).toBe('submitted');
    entries.hs1 = entry.body.id;
  });

  it('shows an entry to its student and teacher, not to another school’s teacher nor another province', async () => {
    expect((await (await anon.signedIn('gv1')).get(`/api/submission-entries/${entries.hs1}`)).status).toBe(200);
    expectProblem(await (await anon.signedIn('gv2')).get(`/api/submission-entries/${entries.hs1}`), 404);
    expectProblem(await (await anon.signedIn('so2-admin')).get(`/api/submission-entries/${entries.hs1}`), 404);
    expectProblem(await (await anon.signedIn('hs2')).get(`/api/submission-entries/${entries.hs1}`), 404);
  });

  it('takes entries from a second school, confirmed by their teachers', async () => {
    for (const [student, hue] of [
      ['hs2', 80],
      ['hs31', 140],
      ['hs32', 200],
    ] as const) {
      const api = await anon.signedIn(student);
      const up = await uploadInTwo(api, contestId, `${student}.jpg`, await posterWithGps(hue));
      expect(up.status).toBe(204);
      const res = await api.post(`/api/submission-contests/${contestId}/entries`, {
        kind: 'poster',
        title: `Tác phẩm của ${student}`,
        description: 'Một áp phích.',
        technique: 'Vẽ máy',
        fileIds: [up.fileId],
      });
      expect(res.status).toBe(201);
      entries[student] = res.body.id;
    }
    const gv1 = await anon.signedIn('gv1');
    const gv2 = await anon.signedIn('gv2');
    for (const id of [entries.hs1, entries.hs2])
      expect((await gv1.post(`/api/submission-entries/${id}/confirm`, { consentOnFile: id === entries.hs1 })).status).toBe(200);
    for (const id of [entries.hs31, entries.hs32]) expect((await gv2.post(`/api/submission-entries/${id}/confirm`, { consentOnFile: false })).status).toBe(200);
    expectProblem(await gv2.post(`/api/submission-entries/${entries.hs1}/confirm`, { consentOnFile: true }), 404);
  });

  it('refuses a replacement once the window has closed', async () => {
    const closed = contestBody(hoursFromNow(-0.01), hoursFromNow(-0.01), hoursFromNow(3));
    expect((await dept.put(`/api/submission-contests/${contestId}`, closed)).status).toBe(200);
    const hs1 = await anon.signedIn('hs1');
    const entry = (await hs1.get(`/api/submission-entries/${entries.hs1}`)).body;
    expect(entry.editable).toBe(false);
    const again = await hs1.put(`/api/submission-entries/${entries.hs1}`, {
      kind: 'poster',
      title: 'Sửa lại',
      description: 'x',
      technique: 'y',
      fileIds: entry.files.map((f: { id: string }) => f.id),
    });
    expectProblem(again, 409, 'SUBMISSION_CLOSED');
  });

  it('gives every entry three judges, none of its own school, who see it blind; a conflict brings another judge', async () => {
    const teachers = (await dept.get('/api/users?role=teacher&limit=500')).body.items as { id: string; username: string; schoolId: string }[];
    const me = (await dept.get('/api/me')).body;
    const judgeIds = [me.id ?? me.user?.id, ...teachers.slice(0, 6).map((t) => t.id)].filter(Boolean);
    expect(
      (
        await dept.put(`/api/submission-contests/${contestId}/rubric`, {
          criteria: [
            { id: 'message', name: 'Thông điệp', weight: 60, maxScore: 10 },
            { id: 'craft', name: 'Kỹ thuật', weight: 40, maxScore: 10 },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await dept.put(`/api/submission-contests/${contestId}/rounds/school/judges`, { judgeIds })).status).toBe(200);
    const assigned = await dept.post(`/api/submission-contests/${contestId}/rounds/school/assignments`);
    expect(assigned.status).toBe(200);
    const total = (assigned.body as { assigned: number }[]).reduce((a, r) => a + r.assigned, 0);
    expect(total).toBe(4 * 3);
    const loads = (assigned.body as { assigned: number }[]).map((r) => r.assigned);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });
});
