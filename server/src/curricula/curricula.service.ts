import { Injectable } from '@nestjs/common';
import {
  allows,
  type CreateCurriculumBody,
  type CurriculumDetailDto,
  type CurriculumListQuery,
  type CurriculumVersionDto,
  defaultCurriculumTitle,
  Permission,
  previousSchoolYear,
  readableLevels,
  type UpdateCurriculumVersionBody,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { CurriculaRepository, type CurriculumRow } from './curricula.repository.js';

/**
 * Curricula per school year × level × kind, in versions: one draft being edited, one
 * published version schools follow, and the superseded ones before it. A published
 * version never changes; editing opens a new draft.
 */
@Injectable()
export class CurriculaService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: CurriculaRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    private readonly tx: TransactionRepository,
  ) {}

  list(auth: AuthUser, query: CurriculumListQuery) {
    const withDrafts = allows(auth, Permission.CurriculumDraftsRead, { provinceId: auth.provinceId, schoolId: null });
    return this.repo.list(auth.provinceId, readableLevels(auth), query, withDrafts);
  }

  async get(auth: AuthUser, id: string): Promise<CurriculumDetailDto> {
    const facts = await this.access.require(auth, Permission.ContentRead, [id], 'curriculum');
    const curriculum = await this.found(id);
    const publishedId = await this.repo.findVersionId(id, 'published');
    const draftId = allows(auth, Permission.CurriculumDraftsRead, facts.get(id)!) ? await this.repo.findVersionId(id, 'draft') : null;
    const published = publishedId ? await this.repo.findVersion(publishedId) : null;
    const draft = draftId ? await this.repo.findVersion(draftId) : null;
    const { provinceId: _p, ...fields } = curriculum;
    return { ...fields, title: (published ?? draft)?.title ?? '', published, draft };
  }

  /** Every version, newest first; schools see the published and superseded ones. */
  async versions(auth: AuthUser, id: string) {
    const facts = await this.access.require(auth, Permission.ContentRead, [id], 'curriculum');
    const withDrafts = allows(auth, Permission.CurriculumDraftsRead, facts.get(id)!);
    return this.repo.versions(id, withDrafts ? ['draft', 'published', 'superseded'] : ['published', 'superseded']);
  }

  async getVersion(auth: AuthUser, versionId: string): Promise<CurriculumVersionDto> {
    await this.access.require(auth, Permission.ContentRead, [versionId], 'curriculum_version');
    return this.foundVersion(versionId);
  }

  /** A new curriculum with a first draft, which starts from last year's published lessons when there are any. */
  async create(auth: AuthUser, body: CreateCurriculumBody): Promise<CurriculumDetailDto> {
    this.access.requireFacts(auth, Permission.ContentManage, { provinceId: auth.provinceId, schoolId: null });
    if (await this.repo.find(auth.provinceId, body.schoolYear, body.level, body.kind)) throw new AppError(ErrorCode.CurriculumExists);
    const lastYear = await this.repo.find(auth.provinceId, previousSchoolYear(body.schoolYear), body.level, body.kind);
    const lastPublished = lastYear ? await this.repo.findVersionId(lastYear.id, 'published') : null;
    const id = await this.tx.run(async (tx) => {
      const curriculumId = await this.repo.insertCurriculum(tx, auth.provinceId, body.schoolYear, body.level, body.kind);
      const title = body.title ?? defaultCurriculumTitle(body.kind, body.level, body.schoolYear);
      const note = lastPublished ? `Bắt đầu từ chương trình năm học ${lastYear!.schoolYear}` : '';
      const draftId = await this.repo.insertDraft(tx, curriculumId, title, note, auth.userId);
      if (lastPublished) await this.repo.copyLessons(tx, lastPublished, draftId);
      await this.audit.record(tx, auth, {
        action: 'curriculum.created',
        entity: 'curriculum',
        entityId: curriculumId,
        detail: { ...body, title, copiedFrom: lastPublished },
      });
      return curriculumId;
    });
    return this.get(auth, id);
  }

  /** The curriculum's draft: the open one, or a new one copied from the published version. */
  async openDraft(auth: AuthUser, id: string): Promise<CurriculumVersionDto> {
    await this.access.require(auth, Permission.ContentManage, [id], 'curriculum');
    const draftId = await this.tx.run(async (tx) => {
      await this.repo.lockCurriculum(tx, id);
      const open = await this.repo.findVersionId(id, 'draft', tx);
      if (open) return open;
      const publishedId = found(await this.repo.findVersionId(id, 'published', tx));
      const published = found(await this.repo.findVersion(publishedId, tx));
      const newId = await this.repo.insertDraft(tx, id, published.title, '', auth.userId);
      await this.repo.copyLessons(tx, publishedId, newId);
      await this.audit.record(tx, auth, { action: 'curriculum.draft_opened', entity: 'curriculum', entityId: id, detail: { from: published.version } });
      return newId;
    });
    return this.foundVersion(draftId);
  }

  async updateVersion(auth: AuthUser, versionId: string, body: UpdateCurriculumVersionBody): Promise<CurriculumVersionDto> {
    await this.access.require(auth, Permission.ContentManage, [versionId], 'curriculum_version');
    const version = await this.foundVersion(versionId);
    const misfits = await this.repo.lessonsNotFitting(
      auth.provinceId,
      version.level,
      version.kind,
      body.lessons.map((l) => l.lessonId),
    );
    if (misfits.length > 0) {
      const errors = body.lessons.flatMap((l, i) =>
        misfits.includes(l.lessonId) ? [fieldError(`lessons.${i}.lessonId`, 'curriculum.lessonMisfit', { level: version.level, kind: version.kind })] : [],
      );
      throw new AppError(ErrorCode.LessonDoesNotFit, errors.map((e) => e.field).join(', '), errors);
    }
    await this.tx.run(async (tx) => {
      await this.requireDraft(tx, versionId);
      await this.repo.setLessons(tx, versionId, body.lessons);
      await this.repo.updateDraft(tx, versionId, body);
      await this.audit.record(tx, auth, {
        action: 'curriculum.draft_updated',
        entity: 'curriculum',
        entityId: version.curriculumId,
        detail: { version: version.version, note: body.note, title: body.title, lessons: body.lessons },
      });
    });
    return this.foundVersion(versionId);
  }

  async publish(auth: AuthUser, versionId: string): Promise<CurriculumVersionDto> {
    await this.access.require(auth, Permission.ContentManage, [versionId], 'curriculum_version');
    await this.tx.run(async (tx) => {
      const curriculumId = await this.requireDraft(tx, versionId);
      const version = found(await this.repo.findVersion(versionId, tx));
      if (version.lessons.length === 0) throw new AppError(ErrorCode.CurriculumEmpty);
      await this.repo.publish(tx, curriculumId, versionId, auth.userId);
      const curriculum = found(await this.repo.findById(curriculumId));
      await this.rollups.published(tx, auth.provinceId, curriculum.schoolYear);
      await this.audit.record(tx, auth, {
        action: 'curriculum.published',
        entity: 'curriculum',
        entityId: curriculumId,
        detail: { version: version.version, title: version.title, lessonIds: version.lessons.map((l) => l.lessonId) },
      });
    });
    return this.foundVersion(versionId);
  }

  /** Throws away a draft; the published version is untouched. */
  async discardDraft(auth: AuthUser, versionId: string): Promise<void> {
    await this.access.require(auth, Permission.ContentManage, [versionId], 'curriculum_version');
    await this.tx.run(async (tx) => {
      const curriculumId = await this.requireDraft(tx, versionId);
      await this.repo.deleteDraft(tx, versionId, curriculumId);
      await this.audit.record(tx, auth, { action: 'curriculum.draft_discarded', entity: 'curriculum', entityId: curriculumId, detail: { versionId } });
    });
  }

  /** Locks the version row and answers its curriculum; 409 unless it is still a draft. */
  private async requireDraft(tx: Tx, versionId: string): Promise<string> {
    const locked = await this.repo.lockVersion(tx, versionId);
    if (!locked) throw notFound('curriculum version');
    if (locked.status !== 'draft') throw new AppError(ErrorCode.ContentLocked, 'This version is published; open a new draft to change the curriculum');
    return locked.curriculumId;
  }

  private async found(id: string): Promise<CurriculumRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('curriculum');
    return row;
  }

  private async foundVersion(id: string): Promise<CurriculumVersionDto> {
    const version = await this.repo.findVersion(id);
    if (!version) throw notFound('curriculum version');
    return version;
  }
}
