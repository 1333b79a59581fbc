import ExcelJS from 'exceljs';
import sharp from 'sharp';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow } from '../../support/clock.js';
import { pdfText } from '../../support/pdf.js';
import { tusUpload } from '../../support/tus.js';

/**
 * A poster-and-video contest from entry to certificate, over HTTP: blind judging by three
 * Department judges, a conflict replaced by a judge of another school, scores per criterion
 * normalised per judge against z-scores computed here by hand, the top entry of each school
 * promoted to the province round, the people's choice (one vote per student, hidden until it
 * closes), results as XLSX and certificates as PDF read back with Vietnamese names byte for
 * byte, and a gallery that honours consent. Time moves by moving the contest's windows to now
 * through the API (a window that has closed then stays where it was). Also a team entry.
 */
let app: TestApp;
let anon: Api;
let dept: Api;

const SCHOOL_DK = 'Trường THCS Đông Kinh';
const SCHOOL_CL = 'Trường THCS Chi Lăng';
const JUDGE_PASSWORD = 'GiamKhao2026';

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

/** A picture of one colour with a white box where `hue` says: distinct enough not to be near-duplicates. */
const poster = (hue: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r: hue, g: 255 - hue, b: 90 } } })
    .composite([{ input: Buffer.from(`<svg width="320" height="240"><circle cx="${40 + (hue % 240)}" cy="120" r="60" fill="#fff"/></svg>`) }])
    .png()
    .toBuffer();

/** An MP4 as its first bytes say (an `ftyp` box, brand isom) with a media box of 60,000 bytes. */
function clip(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.write('isomiso2', 16, 'latin1');
  const mdat = Buffer.alloc(60_008, 7);
  mdat.writeUInt32BE(60_008, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat]);
}

async function download(api: Api, path: string): Promise<Buffer> {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${api.token}` } });
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  return Buffer.from(await res.arrayBuffer());
}

/** Every key of a JSON value, at any depth. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(keysOf) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]) : [];

const RUBRIC = {
  criteria: [
    { id: 'message', name: 'Thông điệp', weight: 60, maxScore: 10 },
    { id: 'craft', name: 'Kỹ thuật thể hiện', weight: 40, maxScore: 10 },
  ],
};

/** The contest as the Department keeps it; each step moves some of its windows to now and sends it whole. */
const state = {
  submissionClosesAt: hoursFromNow(2),
  judgingOpensAt: hoursFromNow(2),
  judgingClosesAt: hoursFromNow(4),
  voteOpensAt: hoursFromNow(2),
  voteClosesAt: hoursFromNow(3),
};
const submissionOpensAt = hoursFromNow(-1);
const provinceRound = {
  stage: 'province',
  promotionOpensAt: hoursFromNow(5),
  promotionClosesAt: hoursFromNow(6),
  judgingOpensAt: hoursFromNow(6),
  judgingClosesAt: hoursFromNow(8),
};
const contestBody = () => ({
  title: 'Áp phích và video “Tỉnh táo trên không gian mạng”',
  kinds: [
    { kind: 'poster', mediaTypes: ['image/jpeg', 'image/png'], maxBytes: 5_000_000, maxFiles: 1 },
    { kind: 'video', mediaTypes: ['video/mp4'], maxBytes: 5_000_000, maxFiles: 1 },
  ],
  levels: ['THCS'],
  themes: ['Lừa đảo trực tuyến'],
  rules: 'Mỗi học sinh một tác phẩm.',
  entryMode: 'individual',
  rounds: [
    {
      stage: 'school',
      submissionOpensAt,
      submissionClosesAt: state.submissionClosesAt,
      judgingOpensAt: state.judgingOpensAt,
      judgingClosesAt: state.judgingClosesAt,
      advance: { per: 'school', top: 1 },
      judgesPerEntry: 3,
    },
    provinceRound,
  ],
  peoplesChoice: { stage: 'school', opensAt: state.voteOpensAt, closesAt: state.voteClosesAt },
});

describe('a contest judged, normalised, promoted, voted on and published', () => {
  let contestId: string;
  /** E1 hs1 (Đông Kinh, consent), E2 hs2 (Đông Kinh), E3 hs31 (Chi Lăng, a video, no consent), E4 hs32 (Chi Lăng). */
  const entry: Record<'E1' | 'E2' | 'E3' | 'E4', string> = { E1: '', E2: '', E3: '', E4: '' };
  const judge: Record<'D1' | 'D2' | 'D3' | 'gv1' | 'gv3', { id: string; api: Api }> = {} as never;
  let hs1Name: string;
  let hs31Name: string;
  let videoFileId: string;

  const put = async () => {
    const res = await dept.put(`/api/submission-contests/${contestId}`, contestBody());
    expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null });
  };

  it('takes four entries, a video among them uploaded in two halves, confirmed by their teachers', async () => {
    const created = await dept.post('/api/submission-contests', contestBody());
    expect(created.status).toBe(201);
    contestId = created.body.id;
    const enter = async (student: string, kind: 'poster' | 'video', bytes: Buffer, filename: string, title: string) => {
      const api = await anon.signedIn(student);
      const up = await tusUpload(api, contestId, filename, bytes, Math.floor(bytes.length / 2));
      expect({ student, status: up.status, resumedAt: up.offsets }).toEqual({ student, status: 204, resumedAt: [Math.floor(bytes.length / 2)] });
      const res = await api.post(`/api/submission-contests/${contestId}/entries`, {
        kind,
        theme: 'Lừa đảo trực tuyến',
        title,
        description: 'Nhắc các bạn kiểm tra trước khi bấm vào đường link.',
        technique: kind === 'video' ? 'Quay bằng điện thoại, dựng trên máy tính' : 'Vẽ tay, tô màu nước',
        fileIds: [up.fileId],
      });
      expect({ student, status: res.status }).toEqual({ student, status: 201 });
      return { id: res.body.id as string, fileId: up.fileId!, members: res.body.members as { fullName: string }[] };
    };
    const e1 = await enter('hs1', 'poster', await poster(20), 'ảnh-của-Nguyễn.png', 'Đừng bấm vào đường link lạ');
    hs1Name = e1.members[0].fullName;
    entry.E1 = e1.id;
    entry.E2 = (await enter('hs2', 'poster', await poster(90), 'poster.png', 'Mật khẩu là của riêng em')).id;
    const e3 = await enter('hs31', 'video', clip(), 'video-lop-7A1.mp4', 'Cuộc gọi giả danh công an');
    hs31Name = e3.members[0].fullName;
    entry.E3 = e3.id;
    videoFileId = e3.fileId;
    entry.E4 = (await enter('hs32', 'poster', await poster(200), 'tranh.png', 'Tin giả lan nhanh hơn tin thật')).id;

    // The video is served as sent, with ranges, and has a poster frame (a placeholder) as its thumbnail.
    const hs31 = await anon.signedIn('hs31');
    const range = await fetch(`${app.url}/api/submission-files/${videoFileId}`, { headers: { authorization: `Bearer ${hs31.token}`, range: 'bytes=4-11' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).toString('latin1')).toBe('ftypisom');
    const thumb = await fetch(`${app.url}/api/submission-files/${videoFileId}/thumbnail`, { headers: { authorization: `Bearer ${hs31.token}` } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toMatch(/^image\//);

    const gv1 = await anon.signedIn('gv1');
    const gv2 = await anon.signedIn('gv2');
    expect((await gv1.post(`/api/submission-entries/${entry.E1}/confirm`, { consentOnFile: true })).status).toBe(200);
    expect((await gv1.post(`/api/submission-entries/${entry.E2}/confirm`, { consentOnFile: false })).status).toBe(200);
    expect((await gv2.post(`/api/submission-entries/${entry.E3}/confirm`, { consentOnFile: false })).status).toBe(200);
    expect((await gv2.post(`/api/submission-entries/${entry.E4}/confirm`, { consentOnFile: false })).status).toBe(200);
  });

  it('gives every entry the three Department judges once the intake closes, and shows them the entry blind', async () => {
    for (const [key, name] of [
      ['D1', 'Phạm Quốc Việt'],
      ['D2', 'Đặng Thị Ngọc Ánh'],
      ['D3', 'Bùi Minh Đức'],
    ] as const) {
      const username = `giam-khao-${key.toLowerCase()}`;
      const made = await dept.post('/api/users', { username, fullName: name, role: 'dept_admin', schoolId: null, password: JUDGE_PASSWORD });
      expect({ key, status: made.status }).toEqual({ key, status: 201 });
      judge[key] = { id: made.body.id, api: await anon.signedIn(username, JUDGE_PASSWORD) };
    }
    for (const teacher of ['gv1', 'gv3'] as const) {
      const api = await anon.signedIn(teacher);
      judge[teacher] = { id: (await api.get('/api/me')).body.id, api };
    }
    expect((await dept.put(`/api/submission-contests/${contestId}/rubric`, RUBRIC)).status).toBe(200);
    expect((await dept.put(`/api/submission-contests/${contestId}/rounds/school/judges`, { judgeIds: [judge.D1.id, judge.D2.id, judge.D3.id] })).status).toBe(
      200,
    );
    expectProblem(await dept.post(`/api/submission-contests/${contestId}/rounds/school/assignments`), 409);

    // The intake closes now; judging and the vote open now.
    state.submissionClosesAt = state.judgingOpensAt = state.voteOpensAt = hoursFromNow(-0.001);
    await put();
    const assigned = await dept.post(`/api/submission-contests/${contestId}/rounds/school/assignments`);
    expect(assigned.status).toBe(200);
    // Only three judges, each eligible everywhere: every judge has every entry.
    expect(Object.fromEntries((assigned.body as { judgeId: string; assigned: number }[]).map((r) => [r.judgeId, r.assigned]))).toEqual({
      [judge.D1.id]: 4,
      [judge.D2.id]: 4,
      [judge.D3.id]: 4,
    });

    const blind = await judge.D1.api.get(`/api/judging/${entry.E1}?stage=school`);
    expect(blind.status).toBe(200);
    expect(blind.body.title).toBe('Đừng bấm vào đường link lạ');
    expect(blind.body.code).toMatch(/^[A-Z0-9-]+$/);
    const keys = keysOf(blind.body);
    expect(keys.filter((k) => /name|school|class|team|member|student|author|owner|filename|confirmed|consent/i.test(k))).toEqual([]);
    const text = JSON.stringify(blind.body);
    for (const secret of [hs1Name, SCHOOL_DK, 'Đông Kinh', '8A1', 'ảnh-của-Nguyễn', entry.E2])
      expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
    // A judge of the round reads the entry's file; a judge of no entry does not even see it.
    const fileId = blind.body.files[0].id as string;
    const asJudge = await fetch(`${app.url}/api/submission-files/${fileId}`, { headers: { authorization: `Bearer ${judge.D1.api.token}` } });
    expect(asJudge.status).toBe(200);
    // The page's <img> has no token: the DTO's signed link opens that file (and its thumbnail) alone, and a forged one nothing.
    const { url, thumbnailUrl } = blind.body.files[0] as { url: string; thumbnailUrl: string };
    const byLink = await fetch(app.url + url, { headers: { range: 'bytes=0-1' } });
    expect(byLink.status).toBe(206);
    expect(Buffer.from(await byLink.arrayBuffer()).toString('hex')).toBe('ffd8');
    expect((await fetch(app.url + thumbnailUrl)).status).toBe(200);
    const signature = new URL(url, app.url).searchParams.get('signature')!;
    const forged = url.replace(signature, signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A'));
    expectProblem(await anon.get(forged), 404);
    expectProblem(await anon.get(url.replace(fileId, entry.E2)), 404);
    expectProblem(await anon.get(thumbnailUrl.replace('/thumbnail', '')), 404);
    expectProblem(await anon.get(`/api/submission-files/${fileId}`), 401);
    expectProblem(await judge.gv3.api.get(`/api/judging/${entry.E1}?stage=school`), 404);
  });

  it('replaces a judge who declares a conflict with an eligible judge, never one of the entry’s own school', async () => {
    // gv1 (of E1's school) and gv3 (of a THPT school) join the round; both have nothing to judge yet.
    const judgeIds = [judge.D1.id, judge.D2.id, judge.D3.id, judge.gv1.id, judge.gv3.id];
    expect((await dept.put(`/api/submission-contests/${contestId}/rounds/school/judges`, { judgeIds })).status).toBe(200);
    const stepped = await judge.D1.api.post(`/api/judging/${entry.E1}/conflict`, { stage: 'school', reason: 'knows_author' });
    expect(stepped.status).toBe(200);
    expect((stepped.body.entries as { entryId: string }[]).map((e) => e.entryId)).not.toContain(entry.E1);
    expect(stepped.body.conflicts).toBe(1);
    expectProblem(await judge.D1.api.get(`/api/judging/${entry.E1}?stage=school`), 404);

    const panels = new Map<string, string[]>();
    for (const [key, j] of Object.entries(judge)) {
      const mine = (await j.api.get(`/api/submission-contests/${contestId}/rounds/school/judging`)).body as { entries: { entryId: string }[] };
      for (const e of mine.entries) panels.set(e.entryId, [...(panels.get(e.entryId) ?? []), key].sort());
    }
    // gv1 had the lightest load but is of Đông Kinh: gv3 takes the entry.
    expect(panels.get(entry.E1)).toEqual(['D2', 'D3', 'gv3']);
    for (const id of [entry.E2, entry.E3, entry.E4]) expect(panels.get(id)).toEqual(['D1', 'D2', 'D3']);
    expect((await judge.gv3.api.get(`/api/judging/${entry.E1}?stage=school`)).status).toBe(200);
  });

  /**
   * Totals: message ×60 + craft ×40 over 100, both out of 10, so total = 6·message + 4·craft.
   *
   * | judge | E1 | E2 | E3 | E4 |
   * | D1 | (stepped back) | 60 (6, 6) | 80 (8, 8) | 70 (7, 7) |
   * | D2 | 90 (9, 9) | 50 (5, 5) | 70 (7, 7) | 70 (7, 7) |
   * | D3 | 85 (9.5, 7) | 60 (5, 7.5) | 70 (8, 5.5) | 65 (5.5, 8) |
   * | gv3 | 40 (4, 4) | | | |
   *
   * Per judge, mean and population SD:
   * D1: mean (60+80+70)/3 = 70; SD √((100+100+0)/3) = √66.667 = 8.164966 → z E2 −1.224745, E3 +1.224745, E4 0
   * D2: mean 280/4 = 70; SD √((400+400+0+0)/4) = √200 = 14.142136 → z E1 +1.414214, E2 −1.414214, E3 0, E4 0
   * D3: mean 280/4 = 70; SD √((225+100+0+25)/4) = √87.5 = 9.354143 → z E1 +1.603567, E2 −1.069045, E3 0, E4 −0.534522
   * gv3: one score, SD 0 → z 0
   *
   * Normalised means: E1 (1.414214 + 1.603567 + 0)/3 = 1.005927; E2 (−1.224745 − 1.414214 − 1.069045)/3 = −1.236001;
   * E3 (1.224745 + 0 + 0)/3 = 0.408248; E4 (0 + 0 − 0.534522)/3 = −0.178174.
   * Raw means: E1 215/3 = 71.6667, E2 170/3 = 56.6667, E3 220/3 = 73.3333, E4 205/3 = 68.3333.
   * E3 has the best raw mean, but E1 ranks first: its judges are harsher than the others.
   * E1's spread 90 − 40 = 50 > 20 is flagged.
   */
  it('ranks by the mean of per-judge z-scores, equal to the values computed by hand', async () => {
    const scores: [keyof typeof judge, keyof typeof entry, number, number][] = [
      ['D1', 'E2', 6, 6],
      ['D1', 'E3', 8, 8],
      ['D1', 'E4', 7, 7],
      ['D2', 'E1', 9, 9],
      ['D2', 'E2', 5, 5],
      ['D2', 'E3', 7, 7],
      ['D2', 'E4', 7, 7],
      ['D3', 'E1', 9.5, 7],
      ['D3', 'E2', 5, 7.5],
      ['D3', 'E3', 8, 5.5],
      ['D3', 'E4', 5.5, 8],
      ['gv3', 'E1', 4, 4],
    ];
    for (const [j, e, message, craft] of scores) {
      const res = await judge[j].api.put(`/api/judging/${entry[e]}/score`, {
        stage: 'school',
        criteria: [
          { criterionId: 'message', score: message, comment: 'Thông điệp rõ ràng' },
          { criterionId: 'craft', score: craft },
        ],
        comment: 'Nhận xét chung',
      });
      expect({ j, e, status: res.status, total: res.body.myScore?.total }).toEqual({ j, e, status: 200, total: 6 * message + 4 * craft });
    }
    // A judge scores only entries of their panel.
    expectProblem(
      await judge.gv1.api.put(`/api/judging/${entry.E2}/score`, {
        stage: 'school',
        criteria: [
          { criterionId: 'message', score: 1 },
          { criterionId: 'craft', score: 1 },
        ],
      }),
      404,
    );
    const mine = (await judge.D3.api.get(`/api/submission-contests/${contestId}/rounds/school/judging`)).body;
    expect({ assigned: mine.assigned, scored: mine.scored, remaining: mine.remaining, next: mine.nextEntryId }).toEqual({
      assigned: 4,
      scored: 4,
      remaining: 0,
      next: null,
    });

    const results = (await dept.get(`/api/submission-contests/${contestId}/rounds/school/results`)).body;
    const byEntry = new Map((results.rows as { entryId: string }[]).map((r) => [r.entryId, r as Record<string, unknown>]));
    const row = (e: keyof typeof entry) => byEntry.get(entry[e])!;
    const expected = {
      E1: { rank: 1, normalisedMean: 1.005927, rawMean: 71.6667, judgesAssigned: 3, judgesScored: 3, spread: 50, spreadFlagged: true },
      E3: { rank: 2, normalisedMean: 0.408248, rawMean: 73.3333, judgesAssigned: 3, judgesScored: 3, spread: 10, spreadFlagged: false },
      E4: { rank: 3, normalisedMean: -0.178174, rawMean: 68.3333, judgesAssigned: 3, judgesScored: 3, spread: 5, spreadFlagged: false },
      E2: { rank: 4, normalisedMean: -1.236001, rawMean: 56.6667, judgesAssigned: 3, judgesScored: 3, spread: 10, spreadFlagged: false },
    };
    for (const [e, want] of Object.entries(expected) as [keyof typeof entry, (typeof expected)['E1']][]) {
      const got = row(e);
      expect({
        e,
        rank: got.rank,
        judgesAssigned: got.judgesAssigned,
        judgesScored: got.judgesScored,
        spread: got.spread,
        spreadFlagged: got.spreadFlagged,
      }).toEqual({
        e,
        rank: want.rank,
        judgesAssigned: want.judgesAssigned,
        judgesScored: want.judgesScored,
        spread: want.spread,
        spreadFlagged: want.spreadFlagged,
      });
      expect(got.normalisedMean as number).toBeCloseTo(want.normalisedMean, 3);
      expect(got.rawMean as number).toBeCloseTo(want.rawMean, 3);
    }
    const scale = new Map((results.judges as { judgeId: string; mean: number; sd: number; scored: number }[]).map((s) => [s.judgeId, s]));
    expect(scale.get(judge.D1.id)!.sd).toBeCloseTo(8.164966, 3);
    expect(scale.get(judge.D2.id)!.sd).toBeCloseTo(14.142136, 3);
    expect(scale.get(judge.D3.id)!.sd).toBeCloseTo(9.354143, 3);
    expect({ mean: scale.get(judge.gv3.id)!.mean, sd: scale.get(judge.gv3.id)!.sd }).toEqual({ mean: 40, sd: 0 });
  });

  it('takes one vote per student, hidden from everyone until the vote closes', async () => {
    const hs5 = await anon.signedIn('hs5');
    const hs6 = await anon.signedIn('hs6');
    const hs35 = await anon.signedIn('hs35');
    expect((await hs5.post(`/api/submission-contests/${contestId}/votes`, { entryId: entry.E1 })).status).toBe(200);
    expectProblem(await hs5.post(`/api/submission-contests/${contestId}/votes`, { entryId: entry.E3 }), 409, 'ALREADY_VOTED');
    expect((await hs6.post(`/api/submission-contests/${contestId}/votes`, { entryId: entry.E1 })).status).toBe(200);
    expect((await hs35.post(`/api/submission-contests/${contestId}/votes`, { entryId: entry.E3 })).status).toBe(200);
    expectProblem(await (await anon.signedIn('gv1')).post(`/api/submission-contests/${contestId}/votes`, { entryId: entry.E1 }), 403);
    for (const api of [hs5, dept]) {
      const hidden = (await api.get(`/api/submission-contests/${contestId}/votes`)).body;
      expect({ visible: hidden.visible, open: hidden.open, totalVotes: hidden.totalVotes, rows: hidden.rows }).toEqual({
        visible: false,
        open: true,
        totalVotes: null,
        rows: [],
      });
    }
    expect((await hs5.get(`/api/submission-contests/${contestId}/votes`)).body.myVote).toBe(entry.E1);

    state.voteClosesAt = hoursFromNow(-0.001);
    await put();
    expectProblem(await (await anon.signedIn('hs7')).post(`/api/submission-contests/${contestId}/votes`, { entryId: entry.E2 }), 409, 'VOTING_CLOSED');
    const shown = (await hs35.get(`/api/submission-contests/${contestId}/votes`)).body;
    expect({ visible: shown.visible, totalVotes: shown.totalVotes }).toEqual({ visible: true, totalVotes: 3 });
    const votesOf = new Map((shown.rows as { entryId: string; votes: number; rank: number }[]).map((r) => [r.entryId, [r.rank, r.votes]]));
    expect(votesOf.get(entry.E1)).toEqual([1, 2]);
    expect(votesOf.get(entry.E3)).toEqual([2, 1]);
    const audit = (await dept.get(`/api/submission-contests/${contestId}/votes/audit`)).body as { schoolName: string; entryId: string }[];
    expect(audit.map((v) => [v.schoolName, v.entryId]).sort()).toEqual(
      [
        [SCHOOL_DK, entry.E1],
        [SCHOOL_DK, entry.E1],
        [SCHOOL_CL, entry.E3],
      ].sort(),
    );
  });

  it('promotes the top entry of each school into the province round once judging has closed', async () => {
    expectProblem(await dept.post(`/api/submission-contests/${contestId}/rounds/school/promotion`), 409);
    state.judgingClosesAt = hoursFromNow(-0.001);
    await put();
    const promoted = await dept.post(`/api/submission-contests/${contestId}/rounds/school/promotion`);
    expect(promoted.status).toBe(200);
    expect(promoted.body.published).toBe(true);
    const wentOn = (promoted.body.rows as { entryId: string; promoted: boolean }[]).filter((r) => r.promoted).map((r) => r.entryId);
    // Đông Kinh: E1 (z 1.006) over E2 (−1.236); Chi Lăng: E3 (0.408) over E4 (−0.178).
    expect(wentOn.sort()).toEqual([entry.E1, entry.E3].sort());
    const stageOf = async (student: string, id: string) => (await (await anon.signedIn(student)).get(`/api/submission-entries/${id}`)).body.stage;
    expect(await stageOf('hs1', entry.E1)).toBe('province');
    expect(await stageOf('hs31', entry.E3)).toBe('province');
    expect(await stageOf('hs2', entry.E2)).toBe('school');
  });

  it('exports the results as a workbook with Vietnamese names byte for byte', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(dept, `/api/submission-contests/${contestId}/rounds/school/results?format=xlsx`)) as never);
    const sheet = book.getWorksheet('Kết quả')!;
    expect(sheet).toBeDefined();
    const rows = (sheet.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    expect(rows[0]).toEqual([
      'Hạng',
      'Mã bài',
      'Tên tác phẩm',
      'Trường',
      'Cụm',
      'Học sinh',
      'Số giám khảo đã chấm',
      'Điểm trung bình',
      'Điểm chuẩn hoá (z)',
      'Chênh lệch',
      'Cần thêm giám khảo',
      'Vào vòng sau',
    ]);
    const first = rows[1];
    expect([first[0], first[2], first[3], first[4], first[5], first[6], first[10], first[11]]).toEqual([
      1,
      'Đừng bấm vào đường link lạ',
      SCHOOL_DK,
      'Phường Đông Kinh',
      hs1Name,
      3,
      'Có',
      'Có',
    ]);
    expect(first[8] as number).toBeCloseTo(1.005927, 3);
    // Best first: E1, E3, E4, E2.
    expect(rows.slice(1).map((r) => r[3])).toEqual([SCHOOL_DK, SCHOOL_CL, SCHOOL_CL, SCHOOL_DK]);
    expect(rows[2][5]).toBe(hs31Name);
  });

  it('prints a school’s certificates as a PDF whose text carries the names byte for byte', async () => {
    const schools = (await dept.get('/api/schools')).body.items as { id: string; name: string }[];
    const dk = schools.find((s) => s.name === SCHOOL_DK)!.id;
    const text = await pdfText(await download(dept, `/api/submission-contests/${contestId}/certificates?schoolId=${dk}`));
    for (const expected of [
      'GIẤY CHỨNG NHẬN',
      hs1Name,
      SCHOOL_DK,
      'Tác phẩm: Đừng bấm vào đường link lạ',
      'Vòng cấp trường',
      'Được chọn vào vòng tiếp theo',
      'GIÁM ĐỐC',
    ])
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    expect(text.includes(hs31Name)).toBe(false);
    // The school's admin prints their own school's; not another's.
    const admin = await anon.signedIn('thcs2-admin');
    expect(await pdfText(await download(admin, `/api/submission-contests/${contestId}/certificates`))).toContain(hs31Name);
    expectProblem(await admin.get(`/api/submission-contests/${contestId}/certificates?schoolId=${dk}`), 403);
  });

  it('shows the gallery without a name where consent is not on file, and never a video without it', async () => {
    const gallery = async () =>
      new Map(
        (
          (await (await anon.signedIn('hs20')).get(`/api/submission-contests/${contestId}/gallery`)).body as {
            entryId: string;
            members: string[] | null;
            files: { id: string; mediaType: string; originalName: string }[];
          }[]
        ).map((g) => [g.entryId, g]),
      );
    let shown = await gallery();
    expect([...shown.keys()].sort()).toEqual([entry.E1, entry.E3].sort());
    expect(shown.get(entry.E1)!.members).toEqual([hs1Name]);
    expect(shown.get(entry.E1)!.files.map((f) => f.mediaType)).toEqual(['image/jpeg']);
    expect(shown.get(entry.E1)!.files[0].originalName).toBe('');
    expect(shown.get(entry.E3)!.members).toBeNull();
    expect(shown.get(entry.E3)!.files).toEqual([]);
    expect(JSON.stringify([...shown.values()])).not.toContain(hs31Name);
    expect(JSON.stringify([...shown.values()])).not.toContain(videoFileId);

    // The family withdraws consent: the picture stays, the name goes.
    expect((await (await anon.signedIn('gv1')).put(`/api/submission-entries/${entry.E1}/consent`, { consentOnFile: false })).status).toBe(200);
    shown = await gallery();
    expect(shown.get(entry.E1)!.members).toBeNull();
    expect(shown.get(entry.E1)!.files).toHaveLength(1);
    expect(JSON.stringify([...shown.values()])).not.toContain(hs1Name);
  });
});

describe('a team contest', () => {
  it('takes a team entry made by its teacher for own students, and refuses a student entering alone or a team across schools', async () => {
    const body = {
      ...contestBody(),
      title: 'Mô hình “Ngôi nhà an toàn số”',
      kinds: [{ kind: 'poster', mediaTypes: ['image/png', 'image/jpeg'], maxBytes: 5_000_000, maxFiles: 1 }],
      entryMode: 'team',
      maxTeamSize: 3,
      peoplesChoice: undefined,
      rounds: [
        {
          stage: 'school',
          submissionOpensAt: hoursFromNow(-1),
          submissionClosesAt: hoursFromNow(2),
          judgingOpensAt: hoursFromNow(2),
          judgingClosesAt: hoursFromNow(4),
          advance: { per: 'school', top: 1 },
        },
        provinceRound,
      ],
    };
    const created = await dept.post('/api/submission-contests', body);
    expect(created.status).toBe(201);
    const contestId = created.body.id as string;
    const gv1 = await anon.signedIn('gv1');
    const id = async (username: string) =>
      ((await dept.get(`/api/users?q=${username}`)).body.items as { id: string; username: string }[]).find((u) => u.username === username)!.id;
    const [hs3, hs4, hs33] = [await id('hs3'), await id('hs4'), await id('hs33')];
    const up = await tusUpload(gv1, contestId, 'mô-hình.png', await poster(150));
    expect(up.status).toBe(204);
    const team = {
      kind: 'poster',
      title: 'Ngôi nhà an toàn số',
      description: 'Mô hình bằng bìa các-tông.',
      technique: 'Cắt dán, đèn LED',
      fileIds: [up.fileId],
    };

    expectProblem(await gv1.post(`/api/submission-contests/${contestId}/entries`, { ...team, memberIds: [hs3, hs33] }), 422, 'TEAM_ACROSS_SCHOOLS');
    const made = await gv1.post(`/api/submission-contests/${contestId}/entries`, { ...team, memberIds: [hs3, hs4] });
    expect(made.status).toBe(201);
    const names = await Promise.all(
      ['hs3', 'hs4'].map(
        async (u) => ((await dept.get(`/api/users?q=${u}`)).body.items as { username: string; fullName: string }[]).find((x) => x.username === u)!.fullName,
      ),
    );
    expect((made.body.members as { fullName: string }[]).map((m) => m.fullName)).toEqual(names);
    expect(made.body.schoolName).toBe(SCHOOL_DK);

    // Its students see it; a student may not enter a team contest alone.
    const student = await anon.signedIn('hs3');
    expect((await student.get(`/api/submission-entries/${made.body.id}`)).status).toBe(200);
    const own = await tusUpload(student, contestId, 'em.png', await poster(60));
    expect(own.status).toBe(404);
    expectProblem(await student.post(`/api/submission-contests/${contestId}/entries`, { ...team, memberIds: [] }), 403);
    // The team's students are in one entry of the contest.
    const up2 = await tusUpload(gv1, contestId, 'lần-hai.png', await poster(230));
    expectProblem(await gv1.post(`/api/submission-contests/${contestId}/entries`, { ...team, fileIds: [up2.fileId], memberIds: [hs4] }), 409);
    const participation = (await dept.get(`/api/submission-contests/${contestId}/participation`)).body;
    expect(participation.totals).toEqual({ entries: 0, students: 0, teams: 0 });
    expect((await gv1.post(`/api/submission-entries/${made.body.id}/confirm`, { consentOnFile: true })).status).toBe(200);
    expect((await dept.get(`/api/submission-contests/${contestId}/participation`)).body.totals).toEqual({ entries: 1, students: 2, teams: 1 });
  });
});
