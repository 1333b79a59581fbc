import { Injectable } from '@nestjs/common';
import {
  addJudge,
  type AddJudgeBody,
  assignJudges,
  type BlindEntryDto,
  type ConflictBody,
  DEFAULT_SPREAD_THRESHOLD,
  entryCode,
  type JudgeProgressDto,
  type JudgeProgressRowDto,
  type JudgeScoreBody,
  judgingOpen,
  JuryError,
  normalise,
  type PeoplesChoiceDto,
  Permission,
  promote,
  rankEntries,
  replaceJudge,
  type RoundJudgesBody,
  roundPhase,
  type RoundResultsDto,
  type RoundStage,
  schoolFilterOf,
  type SubmissionResultRowDto,
  tallyVotes,
  toBlindEntry,
  type VoteAuditRowDto,
  votesVisible,
  votingOpen,
  weightedTotal,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { validationFailed } from '../platform/zod.pipe.js';
import { FileLinks } from './file-links.js';
import { type JudgeRow, type RoundRow, SubmissionsRepository } from './submissions.repository.js';
import { fileDto, windowsOf } from './submissions.service.js';

const provinceFacts = (auth: AuthUser) => ({ provinceId: auth.provinceId, schoolId: null });

/** A jury rule's refusal as the API's error. */
function asAppError(error: unknown): never {
  if (error instanceof JuryError) throw new AppError(error.code, JSON.stringify(error.details));
  throw error;
}

/**
 * The jury: judges per round, balanced blind assignment (never a judge of the entry's own school),
 * scores per criterion, conflicts and added judges; results normalised per judge and ranked;
 * promotion of the top K; and the people's choice vote beside the jury. Everything a judge does
 * is audited, the opening of an entry included.
 */
@Injectable()
export class JuryService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: SubmissionsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
    private readonly clock: Clock,
    private readonly links: FileLinks,
  ) {}

  /** Teachers and Department staff of the province. */
  async saveJudges(auth: AuthUser, contestId: string, stage: RoundStage, body: RoundJudgesBody): Promise<JudgeProgressRowDto[]> {
    const round = await this.managedRound(auth, contestId, stage);
    const judges = await this.repo.judges(auth.provinceId, body.judgeIds);
    if (judges.length !== body.judgeIds.length) throw notFound('judge');
    await this.tx.run(async (tx) => {
      await this.repo.saveRoundJudges(tx, round.id, body.judgeIds);
      await this.audit.record(tx, auth, {
        action: 'submission_contest.judges_saved',
        entity: 'submission_contest',
        entityId: contestId,
        detail: { stage, judgeIds: body.judgeIds },
      });
    });
    return this.progress(auth, contestId, stage);
  }

  /** Every entry of the round gets its judges (any earlier automatic panels are drawn again while no score is saved). */
  async assign(auth: AuthUser, contestId: string, stage: RoundStage, now = this.clock.now()): Promise<JudgeProgressRowDto[]> {
    const round = await this.managedRound(auth, contestId, stage);
    const phase = roundPhase(windowsOf(round), now);
    if (phase === 'submission' || phase === 'upcoming' || phase === 'promotion')
      throw new AppError(ErrorCode.Conflict, 'Judges are assigned once the intake has closed');
    if (phase === 'closed') throw new AppError(ErrorCode.JudgingClosed);
    await this.tx.run(async (tx) => {
      if ((await this.repo.scores(round.id, null, tx)).length > 0) throw new AppError(ErrorCode.Conflict, 'Scores are saved: the panels stay');
      await this.repo.ensureFirstRoundEntries(tx, round);
      const entries = await this.repo.roundEntries(round.id, tx);
      const judges = await this.repo.roundJudges(round.id, tx);
      const conflicts = (await this.repo.assignments(round.id, tx)).filter((a) => a.status === 'conflict');
      let panels;
      try {
        panels = assignJudges(
          entries.map((e) => ({ id: e.entryId, schoolId: e.schoolId })),
          judges.map((j) => ({ id: j.id, schoolId: j.schoolId })),
          round.judgesPerEntry,
          round.id,
        );
      } catch (error) {
        asAppError(error);
      }
      await this.repo.deleteActiveAssignments(tx, round.id);
      const pairs = panels.flatMap((p) => p.judgeIds.map((judgeId) => ({ entryId: p.entryId, judgeId })));
      // A judge who stepped back from an entry is not drawn for it again.
      const stepped = new Set(conflicts.map((c) => `${c.entryId}/${c.judgeId}`));
      await this.repo.insertAssignments(
        tx,
        round.id,
        pairs.filter((p) => !stepped.has(`${p.entryId}/${p.judgeId}`)),
      );
      await this.audit.record(tx, auth, {
        action: 'submission_contest.judges_assigned',
        entity: 'submission_contest',
        entityId: contestId,
        detail: { stage, entries: entries.length, judges: judges.length },
      });
    });
    return this.progress(auth, contestId, stage);
  }

  /** One more judge for an entry (a large spread): the one named, or the least-loaded eligible one. */
  async addJudge(auth: AuthUser, contestId: string, stage: RoundStage, entryId: string, body: AddJudgeBody): Promise<JudgeProgressRowDto[]> {
    const round = await this.managedRound(auth, contestId, stage);
    const entry = (await this.repo.roundEntries(round.id)).find((e) => e.entryId === entryId);
    if (!entry) throw notFound('submission entry');
    const judges = await this.repo.roundJudges(round.id);
    const rows = await this.repo.assignments(round.id);
    const panels = panelsOf(rows.filter((r) => r.status === 'active'));
    const excluded = rows.filter((r) => r.entryId === entryId && r.status === 'conflict').map((r) => r.judgeId);
    const pool = body.judgeId ? judges.filter((j) => j.id === body.judgeId) : judges;
    if (body.judgeId && pool.length === 0) throw notFound('judge');
    let added = '';
    try {
      added = addJudge(panels, { id: entryId, schoolId: entry.schoolId }, pool, excluded).added;
    } catch (error) {
      asAppError(error);
    }
    await this.tx.run(async (tx) => {
      await this.repo.insertAssignments(tx, round.id, [{ entryId, judgeId: added }]);
      await this.audit.record(tx, auth, {
        action: 'submission_contest.judge_added',
        entity: 'submission_entry',
        entityId: entryId,
        detail: { stage, judgeId: added },
      });
    });
    return this.progress(auth, contestId, stage);
  }

  /** The organiser's view of the round's judges. */
  async progress(auth: AuthUser, contestId: string, stage: RoundStage): Promise<JudgeProgressRowDto[]> {
    const round = await this.managedRound(auth, contestId, stage);
    const [judges, rows, scores] = await Promise.all([this.repo.roundJudges(round.id), this.repo.assignments(round.id), this.repo.scores(round.id)]);
    return judges.map((j) => ({
      judgeId: j.id,
      fullName: j.fullName,
      schoolName: j.schoolName,
      assigned: rows.filter((r) => r.judgeId === j.id && r.status === 'active').length,
      scored: scores.filter((s) => s.judgeId === j.id).length,
      conflicts: rows.filter((r) => r.judgeId === j.id && r.status === 'conflict').length,
    }));
  }

  /** A judge's own progress in a round, and what to open next. */
  async myProgress(auth: AuthUser, contestId: string, stage: RoundStage): Promise<JudgeProgressDto> {
    await this.access.require(auth, Permission.SubmissionContestRead, [contestId]);
    const round = found(await this.repo.roundOf(contestId, stage), 'round');
    const [entries, scores] = await Promise.all([this.repo.judgeEntries(round.id, auth.userId), this.repo.scores(round.id, auth.userId)]);
    const active = entries.filter((e) => e.status === 'active');
    const totals = new Map(scores.map((s) => [s.entryId, s.total]));
    const list = active.map((e) => ({
      entryId: e.entryId,
      code: entryCode(e.code - 1),
      kind: e.kind,
      title: e.title,
      scored: totals.has(e.entryId),
      total: totals.get(e.entryId) ?? null,
    }));
    return {
      contestId,
      stage,
      judgingOpensAt: round.judgingOpensAt.toISOString(),
      judgingClosesAt: round.judgingClosesAt.toISOString(),
      assigned: list.length,
      scored: list.filter((e) => e.scored).length,
      remaining: list.filter((e) => !e.scored).length,
      conflicts: entries.length - active.length,
      nextEntryId: list.find((e) => !e.scored)?.entryId ?? null,
      entries: list,
    };
  }

  /** An entry as its judge sees it: blind. Opening it is audited. */
  async blindEntry(auth: AuthUser, entryId: string, stage: RoundStage, now = this.clock.now()): Promise<BlindEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryJudge, [entryId]);
    const round = await this.judgeRound(auth, entryId, stage, now);
    const dto = await this.blind(auth, round, entryId);
    await this.audit.record(null, auth, { action: 'judging.entry_opened', entity: 'submission_entry', entityId: entryId, detail: { stage } });
    return dto;
  }

  async score(auth: AuthUser, entryId: string, body: JudgeScoreBody, now = this.clock.now()): Promise<BlindEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryJudge, [entryId]);
    const round = await this.judgeRound(auth, entryId, body.stage, now);
    const contest = found(await this.repo.contest(round.contestId), 'submission contest');
    if (!contest.rubric) throw new AppError(ErrorCode.RubricMissing);
    const total = weightedTotal(contest.rubric, body.criteria);
    if (!total.ok) throw validationFailed(total.issues.map((i) => ({ field: i.field, code: i.code, params: i.params, message: i.code })));
    await this.tx.run(async (tx) => {
      await this.repo.saveScore(tx, round.id, entryId, auth.userId, body.criteria, body.comment, total.total);
      await this.audit.record(tx, auth, {
        action: 'judging.scored',
        entity: 'submission_score',
        entityId: entryId,
        detail: { stage: body.stage, total: total.total, criteria: body.criteria },
      });
    });
    return this.blind(auth, round, entryId);
  }

  /** The judge steps back; the least-loaded eligible judge of the round takes the entry. */
  async conflict(auth: AuthUser, entryId: string, body: ConflictBody, now = this.clock.now()): Promise<JudgeProgressDto> {
    await this.access.require(auth, Permission.SubmissionEntryJudge, [entryId]);
    const round = found(await this.repo.activeAssignment(entryId, auth.userId, body.stage), 'submission entry');
    if (roundPhase(windowsOf(round), now) === 'closed') throw new AppError(ErrorCode.JudgingClosed);
    const entry = found(await this.repo.entry(entryId), 'submission entry');
    const judges = await this.repo.roundJudges(round.id);
    const rows = await this.repo.assignments(round.id);
    const excluded = rows.filter((r) => r.entryId === entryId && r.status === 'conflict').map((r) => r.judgeId);
    let replacement = '';
    try {
      replacement = replaceJudge(
        panelsOf(rows.filter((r) => r.status === 'active')),
        { id: entryId, schoolId: entry.schoolId },
        auth.userId,
        judges,
        excluded,
      ).replacement;
    } catch (error) {
      asAppError(error);
    }
    await this.tx.run(async (tx) => {
      await this.repo.markConflict(tx, round.id, entryId, auth.userId, body.reason, body.note, replacement);
      await this.repo.insertAssignments(tx, round.id, [{ entryId, judgeId: replacement }]);
      await this.audit.record(tx, auth, {
        action: 'judging.conflict_declared',
        entity: 'submission_entry',
        entityId: entryId,
        detail: { stage: body.stage, reason: body.reason, note: body.note },
      });
      await this.audit.record(tx, auth, {
        action: 'judging.judge_replaced',
        entity: 'submission_entry',
        entityId: entryId,
        detail: { stage: body.stage, replaced: auth.userId, by: replacement },
      });
    });
    return this.myProgress(auth, round.contestId, body.stage);
  }

  // ── Results ──

  /** The round's results: per-judge z-scores, the mean of them ranked, spreads flagged. The organiser's. */
  async results(auth: AuthUser, contestId: string, stage: RoundStage, now = this.clock.now()): Promise<RoundResultsDto> {
    const round = await this.managedRound(auth, contestId, stage);
    return this.computeResults(round, now);
  }

  /** The results of a round, for the gallery and certificates (no access check: the caller made it). */
  resultsOf(round: RoundRow, now = this.clock.now()): Promise<RoundResultsDto> {
    return this.computeResults(round, now);
  }

  private async computeResults(round: RoundRow, now: Date): Promise<RoundResultsDto> {
    const [entries, scores, rows, judges] = await Promise.all([
      this.repo.roundEntries(round.id),
      this.repo.scores(round.id),
      this.repo.assignments(round.id),
      this.repo.roundJudges(round.id),
    ]);
    const details = await Promise.all(entries.map((e) => this.repo.entry(e.entryId)));
    const members = await this.repo.members(entries.map((e) => e.entryId));
    const { entries: results, judges: scales } = normalise(
      scores.map((s) => ({ entryId: s.entryId, judgeId: s.judgeId, total: s.total })),
      DEFAULT_SPREAD_THRESHOLD,
    );
    const byEntry = new Map(results.map((r) => [r.entryId, r]));
    const ranked = rankEntries(
      entries.filter((e) => byEntry.has(e.entryId)).map((e) => ({ ...byEntry.get(e.entryId)!, confirmedAt: e.confirmedAt.toISOString() })),
    );
    const rankOf = new Map(ranked.map((r) => [r.entryId, r.rank]));
    const names = new Map(judges.map((j: JudgeRow) => [j.id, j.fullName]));
    const rowsOut = entries.map((e, i): SubmissionResultRowDto => {
      const r = byEntry.get(e.entryId);
      const d = details[i]!;
      return {
        rank: rankOf.get(e.entryId) ?? null,
        entryId: e.entryId,
        code: entryCode(e.code - 1),
        kind: d.kind,
        title: d.title,
        schoolId: d.schoolId,
        schoolName: d.schoolName,
        areaName: d.areaName,
        members: members.filter((m) => m.entryId === e.entryId).map((m) => m.fullName),
        judgesAssigned: rows.filter((a) => a.entryId === e.entryId && a.status === 'active').length,
        judgesScored: r?.judges ?? 0,
        rawMean: r ? round4(r.rawMean) : null,
        normalisedMean: r ? round4(r.normalisedMean) : null,
        spread: r ? round4(r.spread) : null,
        spreadFlagged: r?.spreadFlagged ?? false,
        promoted: e.promoted,
        confirmedAt: e.confirmedAt.toISOString(),
      };
    });
    rowsOut.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
    return {
      contestId: round.contestId,
      stage: round.stage,
      generatedAt: now.toISOString(),
      published: round.resultsPublishedAt !== null,
      spreadThreshold: DEFAULT_SPREAD_THRESHOLD,
      advance: round.advancePer && round.advanceTop ? { per: round.advancePer, top: round.advanceTop } : null,
      rows: rowsOut,
      judges: scales.map((s) => ({ judgeId: s.judgeId, fullName: names.get(s.judgeId) ?? '', scored: s.scored, mean: round4(s.mean), sd: round4(s.sd) })),
    };
  }

  /** The results exported (audited). */
  async resultsExported(auth: AuthUser, contestId: string, stage: RoundStage): Promise<void> {
    await this.audit.record(null, auth, {
      action: 'submission_contest.results_exported',
      entity: 'submission_contest',
      entityId: contestId,
      detail: { stage },
    });
  }

  /** The top K of each school (or area) go on to the next round; the last round's results are the winners. Published once judging has closed. */
  async promote(auth: AuthUser, contestId: string, stage: RoundStage, now = this.clock.now()): Promise<RoundResultsDto> {
    const round = await this.managedRound(auth, contestId, stage);
    if (roundPhase(windowsOf(round), now) !== 'closed') throw new AppError(ErrorCode.Conflict, 'Results are published once judging has closed');
    const rounds = await this.repo.rounds([contestId]);
    const next = rounds.find((r) => r.position === round.position + 1) ?? null;
    const results = await this.computeResults(round, now);
    const entries = await this.repo.roundEntries(round.id);
    const area = new Map(entries.map((e) => [e.entryId, e.areaId]));
    const ranked = results.rows
      .filter((r) => r.rank !== null)
      .map((r) => ({ entryId: r.entryId, rank: r.rank!, schoolId: r.schoolId, areaId: area.get(r.entryId) ?? null }));
    const promoted = round.advancePer && round.advanceTop ? promote(ranked, round.advancePer, round.advanceTop) : [];
    await this.tx.run(async (tx) => {
      await this.repo.promote(tx, round, next, promoted);
      await this.audit.record(tx, auth, {
        action: next ? 'submission_contest.promoted' : 'submission_contest.results_published',
        entity: 'submission_contest',
        entityId: contestId,
        detail: { stage, promoted: promoted.length },
      });
    });
    return this.computeResults(found(await this.repo.roundOf(contestId, stage), 'round'), now);
  }

  // ── People's choice ──

  async vote(auth: AuthUser, contestId: string, entryId: string, now = this.clock.now()): Promise<PeoplesChoiceDto> {
    await this.access.require(auth, Permission.SubmissionVote, [contestId]);
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    if (!contest.voteStage || !contest.voteOpensAt || !contest.voteClosesAt) throw new AppError(ErrorCode.VotingNotOpen);
    if (!votingOpen(now, contest.voteOpensAt.toISOString(), contest.voteClosesAt.toISOString()))
      throw new AppError(now < contest.voteOpensAt ? ErrorCode.VotingNotOpen : ErrorCode.VotingClosed);
    const ballot = await this.ballot(contestId, contest.voteStage);
    if (!ballot.some((b) => b.entryId === entryId)) throw notFound('submission entry');
    await this.tx.run(async (tx) => {
      if (!(await this.repo.insertVote(tx, contestId, auth.userId, entryId, auth.schoolId))) throw new AppError(ErrorCode.AlreadyVoted);
      await this.audit.record(tx, auth, { action: 'submission_vote.cast', entity: 'submission_vote', entityId: contestId, detail: { entryId } });
    });
    return this.votes(auth, contestId, now);
  }

  /** The tally, hidden from everyone until the vote has closed. */
  async votes(auth: AuthUser, contestId: string, now = this.clock.now()): Promise<PeoplesChoiceDto> {
    await this.access.require(auth, Permission.SubmissionContestRead, [contestId]);
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    if (!contest.voteStage || !contest.voteOpensAt || !contest.voteClosesAt) throw notFound('vote');
    const opensAt = contest.voteOpensAt.toISOString();
    const closesAt = contest.voteClosesAt.toISOString();
    const visible = votesVisible(now, closesAt);
    const myVote = await this.repo.myVote(contestId, auth.userId);
    let rows: PeoplesChoiceDto['rows'] = [];
    let totalVotes: number | null = null;
    if (visible) {
      const ballot = await this.ballot(contestId, contest.voteStage);
      const votes = await this.repo.votes(contestId);
      const tally = tallyVotes(
        votes.map((v) => ({ studentId: v.studentId, entryId: v.entryId, castAt: v.castAt.toISOString() })),
        ballot.map((b) => b.entryId),
      );
      const byId = new Map(ballot.map((b) => [b.entryId, b]));
      rows = tally.rows.map((r) => ({
        rank: r.rank,
        entryId: r.entryId,
        code: byId.get(r.entryId)!.code,
        kind: byId.get(r.entryId)!.kind,
        title: byId.get(r.entryId)!.title,
        votes: r.votes,
      }));
      totalVotes = tally.counted;
    }
    return { contestId, stage: contest.voteStage, opensAt, closesAt, open: votingOpen(now, opensAt, closesAt), visible, myVote, totalVotes, rows };
  }

  /** Every vote, for the organiser (audited): when, by which student of which school, for which entry. */
  async voteAudit(auth: AuthUser, contestId: string): Promise<VoteAuditRowDto[]> {
    await this.access.require(auth, Permission.SubmissionContestManage, [contestId]);
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    const ballot = contest.voteStage ? await this.ballot(contestId, contest.voteStage) : [];
    const codes = new Map(ballot.map((b) => [b.entryId, b.code]));
    const votes = await this.repo.votes(contestId);
    await this.audit.record(null, auth, {
      action: 'submission_vote.exported',
      entity: 'submission_vote',
      entityId: contestId,
      detail: { votes: votes.length },
    });
    return votes.map((v) => ({
      castAt: v.castAt.toISOString(),
      studentId: v.studentId,
      schoolName: v.schoolName ?? '',
      entryId: v.entryId,
      code: codes.get(v.entryId) ?? '',
    }));
  }

  /** The entries of the vote's round (its confirmed entries for the school round, before any code: by confirmation). */
  private async ballot(contestId: string, stage: RoundStage) {
    const round = found(await this.repo.roundOf(contestId, stage), 'round');
    const entries = await this.repo.roundEntries(round.id);
    const details = await Promise.all(entries.map((e) => this.repo.entry(e.entryId)));
    return entries.map((e, i) => ({ entryId: e.entryId, code: entryCode(e.code - 1), kind: details[i]!.kind, title: details[i]!.title }));
  }

  // ── Helpers ──

  private async managedRound(auth: AuthUser, contestId: string, stage: RoundStage): Promise<RoundRow> {
    await this.access.require(auth, Permission.SubmissionContestManage, [contestId]);
    return found(await this.repo.roundOf(contestId, stage), 'round');
  }

  /** The round in which the caller judges this entry, in its judging window. */
  private async judgeRound(auth: AuthUser, entryId: string, stage: RoundStage, now: Date): Promise<RoundRow> {
    const round = found(await this.repo.activeAssignment(entryId, auth.userId, stage), 'submission entry');
    if (!judgingOpen(windowsOf(round), now)) {
      throw new AppError(now.getTime() < round.judgingOpensAt.getTime() ? ErrorCode.JudgingNotOpen : ErrorCode.JudgingClosed);
    }
    return round;
  }

  private async blind(auth: AuthUser, round: RoundRow, entryId: string): Promise<BlindEntryDto> {
    const [entry, files, code, mine] = await Promise.all([
      this.repo.entry(entryId),
      this.repo.files([entryId]),
      this.repo.roundCode(round.id, entryId),
      this.repo.scores(round.id, auth.userId),
    ]);
    const e = found(entry, 'submission entry');
    const score = mine.find((s) => s.entryId === entryId);
    return toBlindEntry({
      entryId,
      code: entryCode((code ?? 1) - 1),
      stage: round.stage,
      kind: e.kind,
      theme: e.theme,
      title: e.title,
      description: e.description,
      technique: e.technique,
      files: files.map((f) => fileDto(f, this.links)),
      myScore: score ? { criteria: score.criteria, comment: score.comment, total: score.total, savedAt: score.savedAt.toISOString() } : null,
      judgingClosesAt: round.judgingClosesAt.toISOString(),
    });
  }

  /** Used by the gallery and certificates: the last round with published results. */
  async publishedRounds(contestId: string): Promise<RoundRow[]> {
    return (await this.repo.rounds([contestId])).filter((r) => r.resultsPublishedAt !== null);
  }

  schoolFilter(auth: AuthUser): string | null {
    return schoolFilterOf(auth);
  }

  provinceFacts(auth: AuthUser) {
    return provinceFacts(auth);
  }
}

function panelsOf(rows: { entryId: string; judgeId: string }[]) {
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.entryId, [...(map.get(r.entryId) ?? []), r.judgeId]);
  return [...map].map(([entryId, judgeIds]) => ({ entryId, judgeIds }));
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
