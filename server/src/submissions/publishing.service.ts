import { Injectable, type StreamableFile } from '@nestjs/common';
import { formatVietnamDate, Permission, type RoundStage, schoolFilterOf } from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import { AccessService } from '../access/access.service.js';
import { AppError, ErrorCode, found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { downloadFile } from '../platform/download.js';
import { pdfmake } from '../platform/pdf.js';
import { FileLinks } from './file-links.js';
import { JuryService } from './jury.service.js';
import { type RoundRow, SubmissionsRepository } from './submissions.repository.js';
import { fileDto } from './submissions.service.js';

const STAGE_NAMES: Record<RoundStage, string> = { school: 'Vòng cấp trường', area: 'Vòng cấp cụm', province: 'Vòng cấp tỉnh' };
const AWARDS = ['Giải Nhất', 'Giải Nhì', 'Giải Ba'];

export interface GalleryItemDto {
  entryId: string;
  stage: RoundStage;
  award: string;
  rank: number;
  title: string;
  kind: string;
  schoolName: string;
  /** Only with consent on file; otherwise null. */
  members: string[] | null;
  /** Pictures always; a video only with consent on file (it may show a face or carry a voice). */
  files: ReturnType<typeof fileDto>[];
}

/** The winners' gallery, certificates, results workbook and participation counts. */
@Injectable()
export class PublishingService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: SubmissionsRepository,
    private readonly jury: JuryService,
    private readonly clock: Clock,
    private readonly links: FileLinks,
  ) {}

  /** The awarded (last round) and promoted entries of every published round. No name without consent; never a video without it. */
  async gallery(auth: AuthUser, contestId: string): Promise<GalleryItemDto[]> {
    await this.access.require(auth, Permission.SubmissionContestRead, [contestId]);
    const honoured = await this.honoured(contestId);
    const ids = honoured.map((h) => h.entryId);
    const [entries, members, files] = await Promise.all([Promise.all(ids.map((id) => this.repo.entry(id))), this.repo.members(ids), this.repo.files(ids)]);
    return honoured.map((h, i) => {
      const e = entries[i]!;
      return {
        entryId: h.entryId,
        stage: h.stage,
        award: h.award,
        rank: h.rank,
        title: e.title,
        kind: e.kind,
        schoolName: e.schoolName,
        members: e.consentOnFile ? members.filter((m) => m.entryId === h.entryId).map((m) => m.fullName) : null,
        files: files
          .filter((f) => f.entryId === h.entryId && (e.consentOnFile || f.mediaType.startsWith('image/')))
          .map((f) => {
            const { originalName: _name, ...rest } = fileDto(f, this.links);
            return { ...rest, originalName: '' };
          }),
      };
    });
  }

  /** One PDF for a school: a certificate per student of each honoured entry (student, school, award, round, signature block). */
  async certificates(auth: AuthUser, contestId: string, schoolId?: string): Promise<StreamableFile> {
    const own = schoolFilterOf(auth);
    const school = schoolId ?? own;
    if (!school) throw new AppError(ErrorCode.ValidationFailed, 'Name the school (schoolId)');
    if (own !== null && school !== own) throw new AppError(ErrorCode.Forbidden, 'You may print your own school’s certificates only');
    await this.access.require(auth, Permission.SubmissionContestRead, [contestId]);
    await this.access.require(auth, Permission.CoverageRead, [school]);
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    const honoured = await this.honoured(contestId);
    const entries = await Promise.all(honoured.map((h) => this.repo.entry(h.entryId)));
    const ofSchool = honoured.map((h, i) => ({ ...h, entry: entries[i]! })).filter((h) => h.entry.schoolId === school);
    const members = await this.repo.members(ofSchool.map((h) => h.entryId));
    const today = formatVietnamDate(this.clock.now());
    const pages = ofSchool.flatMap((h) =>
      members
        .filter((m) => m.entryId === h.entryId)
        .map((m) => ({
          stack: [
            { text: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', alignment: 'center', bold: true, fontSize: 12 },
            { text: 'GIẤY CHỨNG NHẬN', alignment: 'center', bold: true, fontSize: 26, margin: [0, 40, 0, 10], color: '#0f6b7a' },
            { text: contest.title, alignment: 'center', fontSize: 14, margin: [0, 0, 0, 30] },
            { text: 'Chứng nhận học sinh', alignment: 'center', fontSize: 12 },
            { text: m.fullName, alignment: 'center', bold: true, fontSize: 22, margin: [0, 6, 0, 6] },
            { text: `${m.className ? `Lớp ${m.className} · ` : ''}${h.entry.schoolName}`, alignment: 'center', fontSize: 12 },
            { text: `Tác phẩm: ${h.entry.title}`, alignment: 'center', italics: true, fontSize: 12, margin: [0, 16, 0, 0] },
            { text: `${h.rank > 0 ? 'Đạt ' : ''}${h.award} · ${STAGE_NAMES[h.stage]}`, alignment: 'center', bold: true, fontSize: 16, margin: [0, 16, 0, 0] },
            {
              columns: [
                { width: '*', text: '' },
                {
                  width: 220,
                  stack: [
                    { text: `Ngày ${today}`, alignment: 'center', italics: true },
                    { text: 'GIÁM ĐỐC', alignment: 'center', bold: true, margin: [0, 6, 0, 60] },
                    { text: '(Ký, ghi rõ họ tên và đóng dấu)', alignment: 'center', fontSize: 9 },
                  ],
                },
              ],
              margin: [0, 50, 0, 0],
            },
          ],
        })),
    );
    const content = pages.length
      ? pages.map((p, i) => (i === 0 ? p : { ...p, pageBreak: 'before' }))
      : [{ text: 'Trường chưa có học sinh đạt giải hoặc được chọn vào vòng sau.', alignment: 'center' }];
    const buffer: Buffer = await pdfmake
      .createPdf({
        info: { title: `Giấy chứng nhận — ${contest.title}`, creator: 'Tỉnh Táo' },
        pageSize: 'A4',
        pageOrientation: 'landscape',
        pageMargins: [60, 50, 60, 50],
        defaultStyle: { font: 'Roboto', fontSize: 11 },
        content,
      })
      .getBuffer();
    return downloadFile(buffer, 'application/pdf', `Giấy chứng nhận - ${contest.title}.pdf`);
  }

  /** Per school (and its area): confirmed entries, students in them, team entries. */
  async participation(auth: AuthUser, contestId: string) {
    await this.access.require(auth, Permission.SubmissionContestRead, [contestId]);
    this.access.requireFacts(
      auth,
      Permission.CoverageRead,
      { provinceId: auth.provinceId, schoolId: schoolFilterOf(auth) },
      'Participation is for the Department and school leaders',
    );
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    const schools = await this.repo.participation(contestId, contest.provinceId, schoolFilterOf(auth));
    const sum = (k: 'entries' | 'students' | 'teams') => schools.reduce((a, s) => a + s[k], 0);
    return { contestId, schools, totals: { entries: sum('entries'), students: sum('students'), teams: sum('teams') } };
  }

  /** The round's results as a workbook (Vietnamese headers; names byte for byte). */
  async resultsXlsx(auth: AuthUser, contestId: string, stage: RoundStage): Promise<StreamableFile> {
    const results = await this.jury.results(auth, contestId, stage);
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Kết quả');
    sheet.columns = [
      { header: 'Hạng', key: 'rank', width: 8 },
      { header: 'Mã bài', key: 'code', width: 10 },
      { header: 'Tên tác phẩm', key: 'title', width: 40 },
      { header: 'Trường', key: 'school', width: 32 },
      { header: 'Cụm', key: 'area', width: 20 },
      { header: 'Học sinh', key: 'members', width: 40 },
      { header: 'Số giám khảo đã chấm', key: 'judges', width: 12 },
      { header: 'Điểm trung bình', key: 'raw', width: 14 },
      { header: 'Điểm chuẩn hoá (z)', key: 'z', width: 16 },
      { header: 'Chênh lệch', key: 'spread', width: 12 },
      { header: 'Cần thêm giám khảo', key: 'flag', width: 14 },
      { header: 'Vào vòng sau', key: 'promoted', width: 12 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of results.rows)
      sheet.addRow({
        rank: r.rank,
        code: r.code,
        title: r.title,
        school: r.schoolName,
        area: r.areaName ?? '',
        members: r.members.join(', '),
        judges: r.judgesScored,
        raw: r.rawMean,
        z: r.normalisedMean,
        spread: r.spread,
        flag: r.spreadFlagged ? 'Có' : '',
        promoted: r.promoted ? 'Có' : '',
      });
    await this.jury.resultsExported(auth, contestId, stage);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    return downloadFile(buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `Kết quả ${STAGE_NAMES[stage]} - ${contest.title}.xlsx`);
  }

  /** The honoured entries of each published round: the last round's ranked ones with their award, an earlier round's promoted ones. */
  private async honoured(contestId: string): Promise<{ entryId: string; stage: RoundStage; award: string; rank: number }[]> {
    const rounds = await this.repo.rounds([contestId]);
    const last = rounds[rounds.length - 1];
    const out: { entryId: string; stage: RoundStage; award: string; rank: number }[] = [];
    for (const round of rounds.filter((r: RoundRow) => r.resultsPublishedAt !== null)) {
      const entries = await this.repo.roundEntries(round.id);
      if (round.id === last.id) {
        const results = await this.jury.resultsOf(round);
        for (const r of results.rows.filter((x) => x.rank !== null && x.rank <= 10))
          out.push({ entryId: r.entryId, stage: round.stage, award: AWARDS[r.rank! - 1] ?? 'Giải Khuyến khích', rank: r.rank! });
      } else {
        for (const e of entries.filter((x) => x.promoted)) out.push({ entryId: e.entryId, stage: round.stage, award: 'Được chọn vào vòng tiếp theo', rank: 0 });
      }
    }
    return out;
  }
}
