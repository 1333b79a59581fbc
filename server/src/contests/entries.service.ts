import { Injectable } from '@nestjs/common';
import {
  ANSWER_GRACE_MS,
  type ContestEntryDto,
  type ContestLeaderboardDto,
  entryOrder,
  gradeItem,
  type ItemDto,
  type LeaderboardQuery,
  Permission,
  toItemChoice,
  toShownChoice,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { type ContestRow, ContestsRepository } from './contests.repository.js';
import { EntriesRepository, type EntryRow } from './entries.repository.js';

/** Points per right answer in a scheduled contest; ties break by less time (`entryTimeMs`: a blank question counts its whole share), as in live contests. */
const POINTS_PER_ANSWER = 1000;
/** Expired entries graded and closed per round trip when the standings are computed. */
const FINALIZE_BATCH = 2000;

/** An entry's right answers and score, by the items' own keys. */
function grade(items: ItemDto[], entry: Pick<EntryRow, 'answers'>): { score: number; correct: number } {
  const correct = items.filter((item, q) => entry.answers[String(q)] && gradeItem(item, entry.answers[String(q)]).correct === true).length;
  return { score: correct * POINTS_PER_ANSWER, correct };
}

/**
 * Scheduled contests ("cuộc thi tìm hiểu"): within the window each student takes one entry
 * with a time limit the server enforces (seconds per question × questions, never past the
 * window's end); leaderboards by student, school and area are public once the window closes.
 */
@Injectable()
export class EntriesService {
  /** Contests whose standings this node has seen published. */
  private readonly published = new Set<string>();
  /**
   * A contest never changes once made (no route edits it) and its items are published, so
   * locked: kept on this node, so that the saves of thousands of students read neither again.
   */
  private readonly definitions = new Map<string, Promise<{ contest: ContestRow; bank: Map<string, ItemDto> }>>();
  private readonly entryKeys = new Map<string, { contestId: string; studentId: string }>();

  constructor(
    private readonly access: AccessService,
    private readonly contests: ContestsRepository,
    private readonly items: ItemsRepository,
    private readonly repo: EntriesRepository,
    private readonly tx: TransactionRepository,
  ) {}

  /** Starts the student's entry, or resumes it (after submission, to show the result). */
  async start(auth: AuthUser, contestId: string): Promise<ContestEntryDto> {
    const contest = await this.contestForStudent(auth, contestId);
    // One statement makes the entry while the window is open, or finds the one there is; a start
    // racing this one (same student, two taps) is found by the second read once it has committed.
    const seconds = contest.secondsPerQuestion * contest.itemIds.length;
    const entry =
      (await this.repo.startEntry(contestId, auth.userId, seconds, contest.opensAt, contest.closesAt)) ??
      (await this.repo.findByContestAndStudent(contestId, auth.userId));
    if (!entry) {
      const now = await this.repo.now();
      if (contest.opensAt && now < contest.opensAt) throw new AppError(ErrorCode.ContestNotOpen);
      if (contest.closesAt && now >= contest.closesAt) throw new AppError(ErrorCode.ContestClosed);
      throw new AppError(ErrorCode.Conflict, 'The entry could not be started; try again');
    }
    return this.view(contest, await this.finalizeIfExpired(contest, entry));
  }

  /**
   * Saves one answer while the entry is open; after the deadline (and the grace) it is 409
   * TOO_LATE. `choice` is in the options' order as this student sees them; it is stored as the
   * item's own indices.
   */
  async answer(auth: AuthUser, entryId: string, questionIndex: number, choice: number[]): Promise<{ savedAt: string }> {
    // The hot path reads nothing but the one statement that saves: whose entry it is and its contest never change.
    const key = await this.entryKey(entryId);
    if (!key || key.studentId !== auth.userId) throw notFound('entry');
    const contest = await this.contest(key.contestId);
    if (questionIndex >= contest.itemIds.length) throw notFound('question');
    const bank = await this.bank(contest);
    const item = bank.get(contest.itemIds[questionIndex])!;
    if (choice.some((i) => i >= item.options.length) || new Set(choice).size !== choice.length)
      throw new AppError(ErrorCode.ValidationFailed, `choice: options are 0 to ${item.options.length - 1}`, [
        fieldError('choice', 'item.outOfRange', { last: item.options.length - 1 }),
      ]);
    const order = orderOf({ id: entryId }, contest, bank);
    const saved = await this.repo.saveAnswer(entryId, auth.userId, questionIndex, toItemChoice(choice, order.options[questionIndex]), ANSWER_GRACE_MS);
    if (saved) return { savedAt: saved.toISOString() };
    // Refused: only now find out why.
    const entry = await this.ownEntry(auth, entryId);
    throw new AppError(entry.submittedAt ? ErrorCode.AlreadySubmitted : ErrorCode.TooLate);
  }

  /** Whose entry it is and of which contest: fixed once made, so kept on this node. */
  private async entryKey(entryId: string): Promise<{ contestId: string; studentId: string } | null> {
    const known = this.entryKeys.get(entryId);
    if (known) return known;
    const entry = await this.repo.findById(entryId);
    if (!entry) return null;
    if (this.entryKeys.size >= 100_000) this.entryKeys.delete(this.entryKeys.keys().next().value!);
    const key = { contestId: entry.contestId, studentId: entry.studentId };
    this.entryKeys.set(entryId, key);
    return key;
  }

  async submit(auth: AuthUser, entryId: string): Promise<ContestEntryDto> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = await this.contest(entry.contestId);
    if (entry.submittedAt) throw new AppError(ErrorCode.AlreadySubmitted);
    return this.view(contest, await this.finalize(contest, entry, false));
  }

  async get(auth: AuthUser, entryId: string): Promise<ContestEntryDto> {
    const entry = await this.ownEntry(auth, entryId);
    const contest = await this.contest(entry.contestId);
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

  /**
   * Once the window has closed (and the last answer's grace run out), the standings are
   * published once, ranked in the database, and every read is a page of that snapshot. Before,
   * those who run the contest see the same ranking computed on the spot.
   */
  async leaderboard(auth: AuthUser, contestId: string, query: LeaderboardQuery): Promise<ContestLeaderboardDto> {
    const { contest, entrant } = await this.contestForAnyone(auth, contestId);
    const now = await this.repo.now();
    const published = contest.closesAt !== null && now.getTime() >= contest.closesAt.getTime() + ANSWER_GRACE_MS;
    // Those who take part see the standings once they are final; those who run the contest, at once.
    if (!published && entrant) throw new AppError(ErrorCode.NotPublished);
    const base = { contestId, by: query.by, published, closesAt: contest.closesAt?.toISOString() ?? null };
    const shareMs = contest.secondsPerQuestion * 1000;
    if (!published) {
      await this.finalizeExpired(contest);
      return { ...base, ...(await this.repo.provisionalPage(contest.id, query.by, contest.itemIds.length, shareMs, query.limit, query.offset)) };
    }
    await this.publish(contest);
    const page = await this.repo.publishedPage(contest.id, query.by, query.limit, query.offset);
    const you = entrant && query.by === 'student' ? await this.repo.publishedRowOf(contest.id, auth.userId) : null;
    return { ...base, ...page, ...(you ? { you } : {}) };
  }

  /** Ranks the closed contest's entries once; a second caller waits on the lock and finds them published. */
  private async publish(contest: ContestRow): Promise<void> {
    // Published standings never change: once seen, this node asks no more.
    if (this.published.has(contest.id)) return;
    if (await this.repo.isPublished(contest.id)) return this.remember(contest.id);
    await this.finalizeExpired(contest);
    await this.tx.run(async (tx) => {
      if (await this.repo.lockUnpublished(tx, contest.id))
        await this.repo.publishStandings(tx, contest.id, contest.itemIds.length, contest.secondsPerQuestion * 1000);
    });
    this.remember(contest.id);
  }

  private remember(contestId: string): void {
    if (this.published.size >= 10_000) this.published.clear();
    this.published.add(contestId);
  }

  /** Entries whose time ran out count with what they saved: graded here, closed at their deadline, a batch at a time. */
  private async finalizeExpired(contest: ContestRow): Promise<void> {
    const bank = await this.bank(contest);
    const items: ItemDto[] = contest.itemIds.map((id) => bank.get(id)!);
    for (;;) {
      const expired = await this.repo.findExpiredUnsubmitted(contest.id, FINALIZE_BATCH);
      if (expired.length === 0) return;
      await this.repo.finalizeExpired(expired.map((entry) => ({ id: entry.id, ...grade(items, entry) })));
      if (expired.length < FINALIZE_BATCH) return;
    }
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private definition(contestId: string): Promise<{ contest: ContestRow; bank: Map<string, ItemDto> }> {
    let known = this.definitions.get(contestId);
    if (!known) {
      known = (async () => {
        const contest = found(await this.contests.findById(contestId), 'contest');
        return { contest, bank: await this.items.findInProvince(contest.provinceId, contest.itemIds) };
      })();
      if (this.definitions.size >= 1000) this.definitions.delete(this.definitions.keys().next().value!);
      this.definitions.set(contestId, known);
      // A contest that is not there (or a failed read) is asked again next time.
      known.catch(() => this.definitions.delete(contestId));
    }
    return known;
  }

  private async contest(contestId: string): Promise<ContestRow> {
    return (await this.definition(contestId)).contest;
  }

  private async bank(contest: ContestRow): Promise<Map<string, ItemDto>> {
    return (await this.definition(contest.id)).bank;
  }

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
    return { contest: await this.contest(contestId), entrant: false };
  }

  private async scheduledContest(contestId: string): Promise<ContestRow> {
    const contest = await this.contest(contestId);
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
    const bank = await this.bank(contest);
    const { score, correct } = grade(
      contest.itemIds.map((id) => bank.get(id)!),
      entry,
    );
    const closed = await this.repo.finalize(entry.id, expired, score, correct);
    if (closed) return closed;
    if (!expired) throw new AppError(ErrorCode.AlreadySubmitted);
    return found(await this.repo.findByContestAndStudent(entry.contestId, entry.studentId));
  }

  /** The entry in this student's own order of questions and options (the answers too); its result once done. */
  private async view(contest: ContestRow, entry: EntryRow): Promise<ContestEntryDto> {
    const bank = await this.bank(contest);
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
function orderOf(entry: Pick<EntryRow, 'id'>, contest: ContestRow, bank: Map<string, ItemDto>) {
  return entryOrder(
    entry.id,
    contest.itemIds.map((id) => ({ kind: bank.get(id)!.kind, optionCount: bank.get(id)!.options.length })),
  );
}
