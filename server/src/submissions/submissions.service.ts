import { Injectable } from '@nestjs/common';
import {
  type ConfirmEntryBody,
  entriesOpen,
  type EntryFileDto,
  type EntryListQuery,
  fileFitsKind,
  Permission,
  type ReturnEntryBody,
  type RoundDto,
  roundPhase,
  type RubricBody,
  type RubricDto,
  schoolFilterOf,
  type SubmissionContestBody,
  type SubmissionContestDto,
  type SubmissionEntryBody,
  type SubmissionEntryDto,
  submissionEntryListScope,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { fieldError, validationFailed } from '../platform/zod.pipe.js';
import { FileLinks } from './file-links.js';
import { type ContestRow, type EntryRow, type FileRow, type MemberRow, type RoundRow, SubmissionsRepository } from './submissions.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A round's windows as `roundPhase` reads them. */
export function windowsOf(r: RoundRow) {
  return {
    submissionOpensAt: iso(r.submissionOpensAt),
    submissionClosesAt: iso(r.submissionClosesAt),
    promotionOpensAt: iso(r.promotionOpensAt),
    promotionClosesAt: iso(r.promotionClosesAt),
    judgingOpensAt: r.judgingOpensAt.toISOString(),
    judgingClosesAt: r.judgingClosesAt.toISOString(),
  };
}

/** A stored file as its owner, its judges and the organiser see it; its addresses are signed links (see FileLinks). */
export function fileDto(f: FileRow, links: FileLinks, duplicateEntry: string | null = null): EntryFileDto {
  return {
    id: f.id,
    originalName: f.originalName,
    mediaType: f.mediaType,
    bytes: f.bytes,
    width: f.width,
    height: f.height,
    durationSeconds: f.durationSeconds,
    url: links.link(f.id, 'file'),
    thumbnailUrl: links.link(f.id, 'thumbnail'),
    posterUrl: f.posterKey ? links.link(f.id, 'thumbnail') : null,
    duplicateOf: duplicateEntry ?? f.duplicateOf,
  };
}

/**
 * Submission contests, their rounds and rubric (the Department's), and entries: a student's own,
 * or a teacher's for a team of own students of one school; replaceable while the submission window
 * is open, never after; confirmed by a teacher of the students, who records the consent to publish.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: SubmissionsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
    private readonly clock: Clock,
    private readonly links: FileLinks,
  ) {}

  // ── Contests ──

  async create(auth: AuthUser, body: SubmissionContestBody): Promise<SubmissionContestDto> {
    this.access.requireFacts(
      auth,
      Permission.SubmissionContestManage,
      { provinceId: auth.provinceId, schoolId: null },
      'Submission contests are the Department’s',
    );
    const id = await this.tx.run(async (tx) => {
      const id = await this.repo.insertContest(tx, auth.provinceId, body, auth.userId);
      await this.repo.saveRounds(tx, id, body.rounds);
      await this.audit.record(tx, auth, { action: 'submission_contest.created', entity: 'submission_contest', entityId: id, detail: { title: body.title } });
      return id;
    });
    return this.get(auth, id);
  }

  /** The whole contest again. A window that has closed stays where it was; the entry mode changes only before any entry. */
  async update(auth: AuthUser, id: string, body: SubmissionContestBody, now = this.clock.now()): Promise<SubmissionContestDto> {
    await this.access.require(auth, Permission.SubmissionContestManage, [id]);
    const contest = found(await this.repo.contest(id), 'submission contest');
    const rounds = await this.repo.rounds([id]);
    const errors = body.rounds.flatMap((r, i) => {
      const stored = rounds.find((s) => s.stage === r.stage);
      if (!stored) return [];
      const pairs = [
        ['submissionClosesAt', stored.submissionClosesAt, r.submissionClosesAt],
        ['promotionClosesAt', stored.promotionClosesAt, r.promotionClosesAt],
        ['judgingClosesAt', stored.judgingClosesAt, r.judgingClosesAt],
      ] as const;
      return pairs.flatMap(([field, was, wanted]) =>
        was && was.getTime() <= now.getTime() && (wanted === undefined || Date.parse(wanted) !== was.getTime())
          ? [fieldError(`rounds.${i}.${field}`, 'submission.windowClosed')]
          : [],
      );
    });
    if (errors.length) throw validationFailed(errors);
    if (contest.entryMode !== body.entryMode && (await this.repo.hasEntries(id)))
      throw new AppError(ErrorCode.Conflict, 'The contest has entries: its entry mode stays');
    await this.tx.run(async (tx) => {
      await this.repo.updateContest(tx, id, body);
      await this.repo.saveRounds(tx, id, body.rounds);
      await this.audit.record(tx, auth, { action: 'submission_contest.updated', entity: 'submission_contest', entityId: id, detail: { title: body.title } });
    });
    return this.get(auth, id);
  }

  async list(auth: AuthUser): Promise<SubmissionContestDto[]> {
    const contests = await this.repo.contests(auth.provinceId);
    return this.dtos(auth, contests);
  }

  async get(auth: AuthUser, id: string): Promise<SubmissionContestDto> {
    await this.access.require(auth, Permission.SubmissionContestRead, [id]);
    const [dto] = await this.dtos(auth, [found(await this.repo.contest(id), 'submission contest')]);
    return dto;
  }

  async saveRubric(auth: AuthUser, id: string, body: RubricBody): Promise<RubricDto> {
    await this.access.require(auth, Permission.SubmissionContestManage, [id]);
    await this.tx.run(async (tx) => {
      if (await this.repo.hasScores(id, tx)) throw new AppError(ErrorCode.RubricLocked);
      await this.repo.saveRubric(tx, id, body.criteria);
      await this.audit.record(tx, auth, { action: 'submission_contest.rubric_saved', entity: 'submission_contest', entityId: id, detail: body });
    });
    return { criteria: body.criteria, locked: false };
  }

  private async dtos(auth: AuthUser, contests: ContestRow[], now = this.clock.now()): Promise<SubmissionContestDto[]> {
    if (contests.length === 0) return [];
    const rounds = await this.repo.rounds(contests.map((c) => c.id));
    const roundIds = rounds.map((r) => r.id);
    const manager = schoolFilterOf(auth) === null;
    const [judges, counts, locked] = await Promise.all([
      manager ? this.repo.roundJudgeIds(roundIds) : Promise.resolve(new Map<string, string[]>()),
      this.repo.roundEntryCounts(roundIds, schoolFilterOf(auth)),
      Promise.all(contests.map((c) => this.repo.hasScores(c.id))),
    ]);
    return contests.map((c, i): SubmissionContestDto => ({
      id: c.id,
      title: c.title,
      kinds: c.kinds,
      levels: c.levels,
      themes: c.themes,
      rules: c.rules,
      entryMode: c.entryMode,
      maxTeamSize: c.maxTeamSize,
      rounds: rounds
        .filter((r) => r.contestId === c.id)
        .map((r): RoundDto => ({
          id: r.id,
          stage: r.stage,
          ...windowsOf(r),
          advance: r.advancePer && r.advanceTop ? { per: r.advancePer, top: r.advanceTop } : null,
          judgesPerEntry: r.judgesPerEntry,
          phase: roundPhase(windowsOf(r), now),
          judgeIds: judges.get(r.id) ?? [],
          entries: counts.get(r.id) ?? 0,
          resultsPublished: r.resultsPublishedAt !== null,
        })),
      rubric: c.rubric ? { criteria: c.rubric.criteria, locked: locked[i] } : null,
      peoplesChoice:
        c.voteStage && c.voteOpensAt && c.voteClosesAt ? { stage: c.voteStage, opensAt: iso(c.voteOpensAt)!, closesAt: iso(c.voteClosesAt)! } : null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
  }

  // ── Entries ──

  /**
   * A student enters for themself (an individual contest); a teacher for a team of own students of
   * their school (a team contest). Only in the school round's submission window; a student is in one
   * entry of a contest.
   */
  async enter(auth: AuthUser, contestId: string, body: SubmissionEntryBody, now = this.clock.now()): Promise<SubmissionEntryDto> {
    await this.access.require(auth, Permission.SubmissionEnter, [contestId]);
    const contest = found(await this.repo.contest(contestId), 'submission contest');
    const first = (await this.repo.rounds([contestId]))[0];
    this.requireOpen(first, now);
    const team = contest.entryMode === 'team';
    const memberIds = team ? body.memberIds : [auth.userId];
    // Said first: a student who has entered already learns that, rather than that their files are taken.
    await this.requireNoEntryYet(contestId, memberIds);
    await this.checkEntry(auth, contest, body, memberIds, null);
    const id = await this.tx.run(async (tx) => {
      await this.requireNoEntryYet(contestId, memberIds, tx);
      const id = await this.repo.insertEntry(tx, { contestId, provinceId: auth.provinceId, schoolId: auth.schoolId!, team, createdBy: auth.userId, body });
      await this.repo.setMembers(tx, id, contestId, memberIds);
      await this.repo.setFiles(tx, id, body.fileIds);
      await this.audit.record(tx, auth, {
        action: 'submission_entry.submitted',
        entity: 'submission_entry',
        entityId: id,
        schoolId: auth.schoolId,
        detail: { contestId },
      });
      return id;
    });
    return this.entry(auth, id);
  }

  /** The whole entry again, while the window is open; it must then be confirmed again. */
  async replace(auth: AuthUser, id: string, body: SubmissionEntryBody, now = this.clock.now()): Promise<SubmissionEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryEdit, [id]);
    const entry = found(await this.repo.entry(id), 'submission entry');
    const contest = found(await this.repo.contest(entry.contestId), 'submission contest');
    this.requireOpen((await this.repo.rounds([contest.id]))[0], now);
    const memberIds = entry.team ? body.memberIds : [auth.userId];
    await this.checkEntry(auth, contest, body, memberIds, id);
    await this.tx.run(async (tx) => {
      for (const m of memberIds) {
        const other = await this.repo.entryOfStudent(contest.id, m, tx);
        if (other && other !== id) throw new AppError(ErrorCode.Conflict, 'A student is in one entry per contest');
      }
      await this.repo.replaceEntry(tx, id, body);
      await this.repo.setMembers(tx, id, contest.id, memberIds);
      await this.repo.setFiles(tx, id, body.fileIds);
      await this.audit.record(tx, auth, { action: 'submission_entry.replaced', entity: 'submission_entry', entityId: id, schoolId: entry.schoolId });
    });
    return this.entry(auth, id);
  }

  async confirm(auth: AuthUser, id: string, body: ConfirmEntryBody, now = this.clock.now()): Promise<SubmissionEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryConfirm, [id]);
    const entry = found(await this.repo.entry(id), 'submission entry');
    this.requireOpen((await this.repo.rounds([entry.contestId]))[0], now);
    if (entry.status === 'withdrawn') throw new AppError(ErrorCode.Conflict, 'The entry was withdrawn');
    await this.tx.run(async (tx) => {
      await this.repo.setStatus(tx, id, { status: 'confirmed', confirmedBy: auth.userId, consentOnFile: body.consentOnFile });
      await this.audit.record(tx, auth, {
        action: 'submission_entry.confirmed',
        entity: 'submission_entry',
        entityId: id,
        schoolId: entry.schoolId,
        detail: { consentOnFile: body.consentOnFile },
      });
    });
    return this.entry(auth, id);
  }

  async giveBack(auth: AuthUser, id: string, body: ReturnEntryBody, now = this.clock.now()): Promise<SubmissionEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryConfirm, [id]);
    const entry = found(await this.repo.entry(id), 'submission entry');
    this.requireOpen((await this.repo.rounds([entry.contestId]))[0], now);
    await this.tx.run(async (tx) => {
      await this.repo.setStatus(tx, id, { status: 'returned', returnReason: body.reason });
      await this.audit.record(tx, auth, { action: 'submission_entry.returned', entity: 'submission_entry', entityId: id, schoolId: entry.schoolId });
    });
    return this.entry(auth, id);
  }

  /** Consent given later, or withdrawn: at any time (a family may withdraw it after the contest). */
  async setConsent(auth: AuthUser, id: string, consentOnFile: boolean): Promise<SubmissionEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryConfirm, [id]);
    const entry = found(await this.repo.entry(id), 'submission entry');
    await this.tx.run(async (tx) => {
      await this.repo.setConsent(tx, id, consentOnFile);
      await this.audit.record(tx, auth, {
        action: 'submission_entry.consent_changed',
        entity: 'submission_entry',
        entityId: id,
        schoolId: entry.schoolId,
        detail: { consentOnFile },
      });
    });
    return this.entry(auth, id);
  }

  async entry(auth: AuthUser, id: string, now = this.clock.now()): Promise<SubmissionEntryDto> {
    await this.access.require(auth, Permission.SubmissionEntryRead, [id]);
    const entry = found(await this.repo.entry(id), 'submission entry');
    return (await this.entryDtos([entry], now))[0];
  }

  /** The entries the caller may see: the province's (its dept admin), a school's (its admin), a teacher's and a student's own. */
  async entries(auth: AuthUser, contestId: string, query: EntryListQuery, now = this.clock.now()): Promise<SubmissionEntryDto[]> {
    await this.access.require(auth, Permission.SubmissionContestRead, [contestId]);
    const { schoolId: own, userId } = submissionEntryListScope(auth);
    const schoolId = query.schoolId ?? own;
    if (own !== null && schoolId !== own) return [];
    const rows = await this.repo.entries(contestId, { schoolId, userId, status: query.status, limit: query.limit, offset: query.offset });
    return this.entryDtos(rows, now);
  }

  private async entryDtos(entries: EntryRow[], now: Date): Promise<SubmissionEntryDto[]> {
    if (entries.length === 0) return [];
    const ids = entries.map((e) => e.id);
    const [members, files, rounds, stages] = await Promise.all([
      this.repo.members(ids),
      this.repo.files(ids),
      this.repo.rounds([...new Set(entries.map((e) => e.contestId))]),
      this.repo.furthestStages(ids),
    ]);
    const hashes = new Map<string, string | null>();
    for (const f of files) if (f.duplicateOf) hashes.set(f.duplicateOf, null);
    return entries.map((e) => {
      const contestRounds = rounds.filter((r) => r.contestId === e.contestId);
      return {
        id: e.id,
        contestId: e.contestId,
        kind: e.kind,
        theme: e.theme,
        title: e.title,
        description: e.description,
        technique: e.technique,
        members: members.filter((m: MemberRow) => m.entryId === e.id).map((m) => ({ id: m.id, fullName: m.fullName, className: m.className })),
        schoolId: e.schoolId,
        schoolName: e.schoolName,
        status: e.status,
        returnReason: e.returnReason,
        submittedAt: e.submittedAt.toISOString(),
        confirmedAt: iso(e.confirmedAt),
        confirmedByName: e.confirmedByName,
        consentOnFile: e.consentOnFile,
        files: files.filter((f) => f.entryId === e.id).map((f) => fileDto(f, this.links)),
        stage: stages.get(e.id) ?? contestRounds[0]?.stage ?? 'school',
        editable: contestRounds[0] ? entriesOpen(windowsOf(contestRounds[0]), now) : false,
      };
    });
  }

  private async requireNoEntryYet(contestId: string, memberIds: string[], tx?: Parameters<SubmissionsRepository['entryOfStudent']>[2]): Promise<void> {
    for (const m of memberIds)
      if (await this.repo.entryOfStudent(contestId, m, tx)) throw new AppError(ErrorCode.Conflict, 'A student is in one entry per contest');
  }

  private requireOpen(first: RoundRow | undefined, now: Date): void {
    if (!first) throw notFound('round');
    const phase = roundPhase(windowsOf(first), now);
    if (phase === 'upcoming') throw new AppError(ErrorCode.SubmissionNotOpen);
    if (phase !== 'submission') throw new AppError(ErrorCode.SubmissionClosed);
  }

  /** The kind and theme are the contest's; a team's students are the teacher's own, of one school, no more than the contest takes; the files are the caller's uploads of this contest, of the kind's types and number. */
  private async checkEntry(auth: AuthUser, contest: ContestRow, body: SubmissionEntryBody, memberIds: string[], entryId: string | null): Promise<void> {
    const rule = contest.kinds.find((k) => k.kind === body.kind);
    if (!rule) throw new AppError(ErrorCode.KindNotInContest);
    if (body.theme !== undefined && !contest.themes.includes(body.theme)) throw new AppError(ErrorCode.ThemeNotInContest);
    if (contest.entryMode === 'team') {
      if (memberIds.length === 0) throw validationFailed([fieldError('memberIds', 'too_small.array', { minimum: 1 })]);
      if (memberIds.length > contest.maxTeamSize!) throw new AppError(ErrorCode.TeamTooLarge);
      const students = await this.repo.students(contest.provinceId, memberIds);
      if (students.length !== memberIds.length) throw notFound('student');
      if (students.some((s) => s.schoolId !== auth.schoolId)) throw new AppError(ErrorCode.TeamAcrossSchools);
      if (students.some((s) => !s.teacherIds.includes(auth.userId))) throw notFound('student');
    }
    if (body.fileIds.length > rule.maxFiles) throw validationFailed([fieldError('fileIds', 'too_big.array', { maximum: rule.maxFiles })]);
    const files = await this.repo.usableFiles(contest.id, auth.userId, entryId, body.fileIds);
    if (files.length !== body.fileIds.length) throw notFound('file');
    if (files.some((f) => !fileFitsKind(f, rule))) throw new AppError(ErrorCode.FileNotAccepted);
  }
}
