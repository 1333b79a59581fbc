import { Injectable } from '@nestjs/common';
import {
  ANSWER_GRACE_MS,
  type ContestEntryDto,
  type ContestLeaderboardDto,
  entryOrder,
  entryTimeMs,
  gradeItem,
  type ItemDto,
  type LeaderboardQuery,
  Permission,
  rankStandings,
  toItemChoice,
  toShownChoice,
  unansweredCount,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { type ContestRow, ContestsRepository } from './contests.repository.js';
import { EntriesRepository, type EntryRow } from './entries.repository.js';

/** Points per right answer in a scheduled contest; ties break by less time (`entryTimeMs`: a blank question counts its whole share), as in live contests. */
const POINTS_PER_ANSWER = 1000;

/**
 * Scheduled contests ("cuộc thi tìm hiểu"): within the window each student takes one entry
 * with a time limit the server enforces (seconds per question × questions, never past the
 * window's end); leaderboards by student, school and area are public once the window closes.
 */
@Injectable()
export class EntriesService {
  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    private readonly items: ItemsRepository,
    private readonly repo: EntriesRepository,
  ) {}

  /** Starts the student's entry, or resumes it (after submission, to show the result). */
  async start(auth: AuthUser, contestId: string): Promise<ContestEntryDto> {
    const contest = await this.contestForStudent(auth, contestId);
    const now = await this.repo.now();
    const existing = await this.repo.findByContestAndStudent(contestId, auth.userId);
    if (!existing) {
      if (contest.opensAt && now < contest.opensAt) throw new AppError(ErrorCode.ContestNotOpen);
      if (contest.closesAt && now >= contest.closesAt) throw new AppError(ErrorCode.ContestClosed);
      await this.repo.insertIfAbsent(contestId, auth.userId, contest.secondsPerQuestion * contest.itemIds.length, contest.closesAt);
    }
    return this.view(contest, await this.finalizeIfExpired(contest, found(await this.repo.findByContestAndStudent(contestId, auth.userId))));
  }

  /**
   * Saves one answer while the entry is open; after the deadline (and the grace) it is 409
   * TOO_LATE. `choice` is in the options' order as this student sees them; it is stored as the
   * item's own indices.
   */
  async answer(auth: AuthUser, entryId: string, questionIndex: number, choice: number[]): Promise<{ savedAt: string }> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = found(await this.contests.findById(entry.contestId));
    if (questionIndex >= contest.itemIds.length) throw notFound('question');
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const item = bank.get(contest.itemIds[questionIndex])!;
    if (choice.some((i) => i >= item.options.length) || new Set(choice).size !== choice.length)
      throw new AppError(ErrorCode.ValidationFailed, `choice: options are 0 to ${item.options.length - 1}`, [
        fieldError('choice', 'item.outOfRange', { last: item.options.length - 1 }),
      ]);
    const order = orderOf(entry, contest, bank);
    const saved = await this.repo.saveAnswer(entryId, questionIndex, toItemChoice(choice, order.options[questionIndex]), ANSWER_GRACE_MS);
    if (!saved) throw new AppError(entry.submittedAt ? ErrorCode.AlreadySubmitted : ErrorCode.TooLate);
    return { savedAt: saved.toISOString() };
  }

  async submit(auth: AuthUser, entryId: string): Promise<ContestEntryDto> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = found(await this.contests.findById(entry.contestId));
    if (entry.submittedAt) throw new AppError(ErrorCode.AlreadySubmitted);
    return this.view(contest, await this.finalize(contest, entry, false));
  }

  async get(auth: AuthUser, entryId: string): Promise<ContestEntryDto> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = found(await this.contests.findById(entry.contestId));
    return this.view(contest, await this.finalizeIfExpired(contest, entry));
  }

  /** Own entries' state for the contests list of a student. */
  async entriesOf(studentId: string, contestIds: string[]): Promise<Map<string, { status: 'in_progress' | 'submitted'; score?: number }>> {
    if (contestIds.length === 0) return new Map();
    const rows = await this.repo.statesOf(studentId, contestIds);
    return new Map(
      rows.map((r) => [
        r.contestId,
        r.submitted || r.expired ? { status: 'submitted', ...(r.score !== null ? { score: r.score } : {}) } : { status: 'in_progress' },
      ]),
    );
  }

  async leaderboard(auth: AuthUser, contestId: string, query: LeaderboardQuery): Promise<ContestLeaderboardDto> {
    const { contest, entrant } = await this.contestForAnyone(auth, contestId);
    const now = await this.repo.now();
    const published = contest.closesAt !== null && now >= contest.closesAt;
    // Those who take part see the standings once the window closed; those who run the contest, at once.
    if (!published && entrant) throw new AppError(ErrorCode.NotPublished);
    // Entries whose time ran out count with what they saved.
    for (const e of await this.repo.findExpiredUnsubmitted(contestId)) await this.finalize(contest, e, true);
    const entries = await this.repo.findSubmitted(contestId);
    const base = { contestId, by: query.by, published, closesAt: contest.closesAt?.toISOString() ?? null };
    if (query.by === 'student') {
      // The row's time is the tie-break time: the time used plus each blank question's share.
      const shareMs = contest.secondsPerQuestion * 1000;
      const ranked = rankStandings(
        entries.map((e) => ({ ...e, id: e.studentId, totalTimeMs: entryTimeMs(e.timeMs, unansweredCount(contest.itemIds.length, e.answers), shareMs) })),
      );
      return { ...base, rows: ranked.map((r) => ({ rank: r.rank, name: r.name, schoolName: r.schoolName, score: r.score, timeMs: r.totalTimeMs })) };
    }
    const groups = new Map<string, number[]>();
    for (const e of entries) {
      const key = query.by === 'school' ? e.schoolName : (e.areaName ?? 'Chưa xếp khu vực');
      groups.set(key, [...(groups.get(key) ?? []), e.score]);
    }
    const rows = [...groups].map(([name, scores]) => ({
      name,
      entries: scores.length,
      averageScore: Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
      score: Math.max(...scores),
    }));
    rows.sort((a, b) => b.averageScore - a.averageScore || b.entries - a.entries || a.name.localeCompare(b.name, 'vi'));
    let rank = 0;
    return {
      ...base,
      rows: rows.map((r, i) => ({
        ...r,
        rank: i > 0 && rows[i - 1].averageScore === r.averageScore && rows[i - 1].entries === r.entries ? rank : (rank = i + 1),
      })),
    };
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  /** A scheduled contest the student may enter (own class, school or province); any other is "not found". */
  private async contestForStudent(auth: AuthUser, contestId: string): Promise<ContestRow> {
    await this.access.require(auth, Permission.ContestJoin, [contestId]);
    return this.scheduledContest(contestId);
  }

  /** A student it is open to (an entrant), or staff who manage the contest. */
  private async contestForAnyone(auth: AuthUser, contestId: string): Promise<{ contest: ContestRow; entrant: boolean }> {
    if ((await this.access.filter(auth, Permission.ContestJoin, [contestId])).has(contestId))
      return { contest: await this.scheduledContest(contestId), entrant: true };
    await this.access.require(auth, Permission.ContestManage, [contestId]);
    return { contest: found(await this.contests.findById(contestId)), entrant: false };
  }

  private async scheduledContest(contestId: string): Promise<ContestRow> {
    const contest = found(await this.contests.findById(contestId), 'contest');
    if (contest.mode !== 'scheduled') throw new AppError(ErrorCode.Conflict, 'A live contest is joined with its PIN');
    return contest;
  }

  private async ownEntry(auth: AuthUser, entryId: string): Promise<EntryRow> {
    const entry = await this.repo.findById(entryId);
    if (!entry || entry.studentId !== auth.userId) throw notFound('entry');
    return entry;
  }

  private async finalizeIfExpired(contest: ContestRow, entry: EntryRow): Promise<EntryRow> {
    if (entry.submittedAt || entry.now.getTime() <= entry.deadline.getTime() + ANSWER_GRACE_MS) return entry;
    return this.finalize(contest, entry, true);
  }

  /** Grades the saved answers; `expired` entries end at their deadline. Only the first finalization counts. */
  private async finalize(contest: ContestRow, entry: EntryRow, expired: boolean): Promise<EntryRow> {
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const items: ItemDto[] = contest.itemIds.map((id) => bank.get(id)!);
    const correct = items.filter((item, q) => entry.answers[String(q)] && gradeItem(item, entry.answers[String(q)]).correct === true).length;
    const closed = await this.repo.finalize(entry.id, expired, correct * POINTS_PER_ANSWER, correct);
    if (closed) return closed;
    if (!expired) throw new AppError(ErrorCode.AlreadySubmitted);
    return found(await this.repo.findByContestAndStudent(entry.contestId, entry.studentId));
  }

  /** The entry in this student's own order of questions and options (the answers too); its result once done. */
  private async view(contest: ContestRow, entry: EntryRow): Promise<ContestEntryDto> {
    const bank = await this.items.findInProvince(contest.provinceId, contest.itemIds);
    const order = orderOf(entry, contest, bank);
    const dto: ContestEntryDto = {
      entryId: entry.id,
      contestId: contest.id,
      title: contest.title,
      startedAt: entry.startedAt.toISOString(),
      deadline: entry.deadline.toISOString(),
      serverNow: entry.now.getTime(),
      submittedAt: entry.submittedAt?.toISOString() ?? null,
      questions: order.questions.map((questionIndex, position) => {
        const item = bank.get(contest.itemIds[questionIndex])!;
        return { questionIndex, position, text: item.prompt, options: order.options[questionIndex].map((i) => item.options[i]), kind: item.kind };
      }),
      answers: Object.fromEntries(Object.entries(entry.answers).map(([q, choice]) => [q, toShownChoice(choice, order.options[Number(q)])])),
    };
    if (entry.submittedAt) dto.result = { score: entry.score ?? 0, correct: entry.correct ?? 0, total: contest.itemIds.length, timeMs: entry.timeMs ?? 0 };
    return dto;
  }
}

/** This entry's own order, seeded by its id: the same on every device, reproducible for the results. */
function orderOf(entry: EntryRow, contest: ContestRow, bank: Map<string, ItemDto>) {
  return entryOrder(
    entry.id,
    contest.itemIds.map((id) => ({ kind: bank.get(id)!.kind, optionCount: bank.get(id)!.options.length })),
  );
}
