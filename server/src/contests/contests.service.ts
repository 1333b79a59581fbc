import { randomInt } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { classListScope, type ContestDto, type CreateContestBody, initialState, LIVE_ITEM_KINDS, Permission, type SessionOpenedDto } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { ItemsRepository } from '../lessons/items.repository.js';
import { AppError, ErrorCode, found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { fieldError } from '../platform/zod.pipe.js';
import { type ContestRow, ContestsRepository } from './contests.repository.js';
import { EntriesService } from './entries.service.js';

const newPin = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Contests built from question-bank items; a teacher's for own classes, a dept admin's for a school or the province. */
@Injectable()
export class ContestsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: ContestsRepository,
    private readonly items: ItemsRepository,
    private readonly audit: AuditService,
    private readonly entries: EntriesService,
    private readonly tx: TransactionRepository,
    private readonly clock: Clock,
  ) {}

  async create(auth: AuthUser, body: CreateContestBody) {
    const schoolId = await this.requireScope(auth, body.scope);
    await this.access.require(auth, Permission.ContentRead, body.itemIds, 'item');
    const items = await this.items.findInProvince(auth.provinceId, body.itemIds);
    const unfit = body.itemIds.flatMap((id, i) => (LIVE_ITEM_KINDS.includes(items.get(id)!.kind) ? [] : [fieldError(`itemIds.${i}`, 'contest.oneTapKinds')]));
    if (unfit.length > 0) throw new AppError(ErrorCode.ValidationFailed, unfit.map((e) => e.field).join(', '), unfit);
    const kind = body.kind ?? (await this.repo.kindOfItem(body.itemIds[0])) ?? 'SAFETY';
    const id = await this.tx.run(async (tx) => {
      const newId = await this.repo.insert(
        tx,
        {
          provinceId: auth.provinceId,
          schoolId,
          title: body.title,
          mode: body.mode,
          scopeType: body.scope.type,
          scopeId: body.scope.id,
          kind,
          secondsPerQuestion: body.secondsPerQuestion,
          opensAt: body.opensAt ? new Date(body.opensAt) : null,
          closesAt: body.closesAt ? new Date(body.closesAt) : null,
          createdBy: auth.userId,
        },
        body.itemIds,
      );
      await this.audit.record(tx, auth, { action: 'contest.created', entity: 'contest', entityId: newId, schoolId, detail: body });
      return newId;
    });
    return this.view(found(await this.repo.findById(id)));
  }

  /** Contests touching the caller's scope; a student also sees own entry in each scheduled one that takes them in. */
  async list(auth: AuthUser): Promise<ContestDto[]> {
    const contests = await this.repo.list(classListScope(auth));
    const now = this.clock.nowMs();
    const views = contests.map((c) => ({
      ...this.view(c),
      ...(c.mode === 'scheduled' ? { published: c.closesAt !== null && c.closesAt.getTime() <= now } : {}),
    }));
    const scheduled = contests.filter((c) => c.mode === 'scheduled').map((c) => c.id);
    const joinable = scheduled.length === 0 ? new Set<string>() : await this.access.filter(auth, Permission.ContestJoin, scheduled);
    if (joinable.size === 0) return views;
    const entries = await this.entries.entriesOf(auth.userId, [...joinable]);
    return views.map((v) => (joinable.has(v.id) ? { ...v, entry: entries.get(v.id) ?? { status: 'not_started' as const } } : v));
  }

  async get(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ContestManage, [id]);
    return this.view(found(await this.repo.findById(id)));
  }

  /** DESIGN §4: a live session with a six-digit PIN no running session holds. */
  async openSession(auth: AuthUser, contestId: string): Promise<SessionOpenedDto> {
    await this.access.require(auth, Permission.ContestManage, [contestId]);
    const contest = found(await this.repo.findById(contestId));
    if (contest.mode !== 'live') throw new AppError(ErrorCode.Conflict, 'A scheduled contest has no live sessions');
    const session = await this.repo.insertSession(contestId, auth.userId, initialState(contest.itemIds.length, contest.secondsPerQuestion * 1000), newPin);
    await this.audit.record(null, auth, {
      action: 'contest.session_opened',
      entity: 'contest',
      entityId: contestId,
      schoolId: contest.schoolId,
      detail: { sessionId: session.id },
    });
    return { sessionId: session.id, pin: session.pin };
  }

  /** Who may run a contest for this scope, and the school it belongs to (null for the province). */
  private async requireScope(auth: AuthUser, scope: CreateContestBody['scope']): Promise<string | null> {
    switch (scope.type) {
      case 'class': {
        const facts = await this.access.requireEach(auth, Permission.ClassAssign, [scope.id]);
        return facts.get(scope.id)!.schoolId;
      }
      case 'school': {
        const school = (await this.access.require(auth, Permission.SchoolRead, [scope.id])).get(scope.id)!;
        this.access.requireFacts(auth, Permission.ContestCreate, school, 'A school contest is run by the school admin or the Department');
        return school.schoolId;
      }
      case 'province':
        this.access.requireFacts(auth, Permission.ContestCreate, { provinceId: scope.id, schoolId: null }, 'A province contest is run by its Department');
        return null;
    }
  }

  private view(c: ContestRow): ContestDto {
    return {
      id: c.id,
      title: c.title,
      mode: c.mode,
      scope: { type: c.scopeType, id: c.scopeId },
      kind: c.kind,
      itemIds: c.itemIds,
      secondsPerQuestion: c.secondsPerQuestion,
      opensAt: c.opensAt?.toISOString() ?? null,
      closesAt: c.closesAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
    };
  }
}
