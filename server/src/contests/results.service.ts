import { Injectable } from '@nestjs/common';
import {
  type ContestResultsDto,
  csvSafe,
  formatVietnamDateTime,
  Permission,
  playedQuestions,
  questionTimeMs,
  rankStandings,
  revealDistribution,
  vietnamWallClock,
} from '@tinhtao/shared';
import ExcelJS from 'exceljs';

import { AccessService } from '../access/access.service.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { ContestsRepository } from './contests.repository.js';

/** The results' shape lives in `shared`, where the client reads it. */
export type ContestResults = ContestResultsDto;

/** DESIGN §4 `GET /api/contests/:id/results`: final standings and per-question statistics of a session. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    private readonly items: ItemsRepository,
  ) {}

  async results(auth: AuthUser, contestId: string, sessionId?: string): Promise<ContestResults> {
    await this.access.require(auth, Permission.ContestManage, [contestId]);
    const contest = found(await this.contests.findById(contestId));
    const session = await this.contests.findResultSession(contestId, sessionId ?? null);
    if (!session) throw notFound('session of this contest');
    const players = await this.contests.playerTotals(session.id);
    const answers = await this.contests.answersOfPlayers(session.id);
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const questions = contest.itemIds.map((itemId, questionIndex) => {
      const item = bank.get(itemId)!;
      const mine = answers.filter((a) => a.questionIndex === questionIndex);
      const correct = [...(item.answer as number[])];
      return {
        questionIndex,
        prompt: item.prompt,
        kind: item.kind,
        options: [...item.options],
        correct,
        answered: mine.length,
        correctCount: mine.filter((a) => a.correct).length,
        averageMs: mine.length ? Math.round(mine.reduce((s, a) => s + a.elapsedMs, 0) / mine.length) : null,
        distribution: revealDistribution(
          item.kind,
          correct,
          item.options.length,
          mine.map((a) => a.choice),
        ),
      };
    });
    // Ties break by total time, an unanswered question counting its whole duration, as in the live ranking.
    const played = playedQuestions(session.state);
    const times = new Map<string, Map<number, number>>();
    for (const a of answers) times.set(a.studentId, (times.get(a.studentId) ?? new Map<number, number>()).set(a.questionIndex, a.elapsedMs));
    const totalTimeMs = (studentId: string) => {
      let sum = 0;
      for (let q = 0; q < played; q++) sum += questionTimeMs(times.get(studentId)?.get(q) ?? null, session.state.durationMs);
      return sum;
    };
    const standings = rankStandings(
      players.map((p) => ({ ...p, joinedAt: new Date(p.joinedAt).toISOString(), id: p.studentId, totalTimeMs: totalTimeMs(p.studentId) })),
    ).map(({ id: _id, ...p }) => p);
    return { contestId, title: contest.title, sessionId: session.id, standings, questions };
  }

  /** The standings as CSV (UTF-8 with a BOM, so that Excel shows Vietnamese right); no name is ever run as a formula. */
  csv(results: ContestResults): string {
    const quote = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;
    const rows = [['Hạng', 'Họ và tên', 'Trường', 'Điểm', 'Số câu đúng', 'Tổng thời gian (giây)', 'Vào phòng lúc (giờ Việt Nam)']];
    for (const s of results.standings)
      rows.push([
        String(s.rank),
        csvSafe(s.name),
        csvSafe(s.schoolName),
        String(s.score),
        String(s.correct),
        (s.totalTimeMs / 1000).toFixed(1),
        formatVietnamDateTime(s.joinedAt, { seconds: true }),
      ]);
    return '\uFEFF' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  }

  async xlsx(results: ContestResults): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    book.creator = 'Tỉnh Táo';
    const standings = book.addWorksheet('Xếp hạng', { views: [{ state: 'frozen', ySplit: 1 }] });
    standings.columns = [
      { header: 'Hạng', key: 'rank', width: 7 },
      { header: 'Họ và tên', key: 'name', width: 28 },
      { header: 'Trường', key: 'schoolName', width: 30 },
      { header: 'Điểm', key: 'score', width: 10 },
      { header: 'Số câu đúng', key: 'correct', width: 12 },
      { header: 'Tổng thời gian (giây)', key: 'seconds', width: 20 },
      { header: 'Vào phòng lúc (giờ Việt Nam)', key: 'joined', width: 22, style: { numFmt: 'dd/mm/yyyy hh:mm:ss' } },
    ];
    standings.getRow(1).font = { bold: true };
    // A date cell has no time zone: it holds Vietnam's wall clock.
    for (const s of results.standings) standings.addRow({ ...s, seconds: Number((s.totalTimeMs / 1000).toFixed(1)), joined: vietnamWallClock(s.joinedAt) });
    const questions = book.addWorksheet('Thống kê câu hỏi');
    questions.columns = [
      { header: 'Câu', key: 'n', width: 6 },
      { header: 'Câu hỏi', key: 'prompt', width: 60 },
      { header: 'Số trả lời', key: 'answered', width: 12 },
      { header: 'Số đúng', key: 'correctCount', width: 10 },
      { header: 'Thời gian TB (giây)', key: 'avg', width: 18 },
      { header: 'Số chọn từng phương án', key: 'distribution', width: 40 },
    ];
    questions.getRow(1).font = { bold: true };
    for (const q of results.questions)
      questions.addRow({
        n: q.questionIndex + 1,
        prompt: q.prompt,
        answered: q.answered,
        correctCount: q.correctCount,
        avg: q.averageMs === null ? '' : Number((q.averageMs / 1000).toFixed(1)),
        distribution:
          q.kind === 'ordering'
            ? `Thứ tự đúng: ${q.correct.map((option, position) => `${position + 1}. ${q.options[option]} (${q.distribution[option]} xếp đúng)`).join(' · ')}`
            : q.options.map((o, i) => `${String.fromCharCode(65 + i)}${q.correct.includes(i) ? ' ✓' : ''}: ${q.distribution[i]}`).join(' · '),
      });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
