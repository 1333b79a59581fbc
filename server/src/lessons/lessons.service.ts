import { Injectable } from '@nestjs/common';
import {
  allows,
  type ItemDraft,
  type ItemListQuery,
  type LessonBody,
  type LessonDto,
  type LessonItemInput,
  type LessonListQuery,
  type LibraryQuery,
  Permission,
  readableLevels,
  studentItem,
  type StudentLessonDto,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { canonicalItem, iso } from './content.mappers.js';
import { ItemsRepository } from './items.repository.js';
import { type LessonRow, LessonsRepository } from './lessons.repository.js';

const provinceFacts = (auth: AuthUser) => ({ provinceId: auth.provinceId, schoolId: null });

/** Lessons and the question bank: written by the Department, read by schools as published. */
@Injectable()
export class LessonsService {
  constructor(
    private readonly access: AccessService,
    private readonly lessons: LessonsRepository,
    private readonly items: ItemsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
  ) {}

  listPublished(auth: AuthUser, query: LessonListQuery) {
    return this.lessons.listPublished(auth.provinceId, readableLevels(auth), query);
  }

  /** Staff get the answer keys and feedback; a student gets the lesson as the player shows it, without them. */
  async get(auth: AuthUser, id: string): Promise<LessonDto | StudentLessonDto> {
    // A diagnostic form is read only by the students dealt it: the other form is their post-test.
    const facts = await this.access.require(auth, Permission.LessonRead, [id], 'lesson');
    const lesson = await this.found(id);
    const items = await this.items.findByLesson(id);
    const { provinceId: _p, slug: _s, revisesId, lockedAt, updatedAt, ...text } = lesson;
    if (!allows(auth, Permission.ContentItemsRead, facts.get(id)!)) return { ...text, items: items.map(studentItem) };
    return { ...text, items, revisesId, lockedAt: iso(lockedAt), updatedAt: updatedAt.toISOString() };
  }

  library(auth: AuthUser, query: LibraryQuery) {
    this.access.requireFacts(auth, Permission.ContentManage, provinceFacts(auth));
    return this.lessons.library(auth.provinceId, query);
  }

  async create(auth: AuthUser, body: LessonBody) {
    this.access.requireFacts(auth, Permission.ContentManage, provinceFacts(auth));
    const id = await this.tx.run(async (tx) => {
      const itemIds = await this.saveItems(tx, auth, body.items);
      const lessonId = await this.lessons.insert(tx, auth.provinceId, body, auth.userId);
      await this.lessons.setItems(tx, lessonId, itemIds);
      await this.audit.record(tx, auth, { action: 'lesson.created', entity: 'lesson', entityId: lessonId, detail: { title: body.title, itemIds } });
      return lessonId;
    });
    return this.get(auth, id);
  }

  /** Saves a draft lesson whole. A published lesson answers 409: it is revised into a new lesson instead. */
  async update(auth: AuthUser, id: string, body: LessonBody) {
    await this.access.require(auth, Permission.ContentManage, [id], 'lesson');
    await this.tx.run(async (tx) => {
      const current = await this.lessons.findById(id, tx);
      if (!current) throw notFound('lesson');
      if (current.lockedAt) throw new AppError(ErrorCode.ContentLocked, 'This lesson is in a published curriculum; make a new version of it to change it');
      const before = await this.lessons.itemIds(id, tx);
      const itemIds = await this.saveItems(tx, auth, body.items);
      await this.lessons.update(tx, id, body);
      await this.lessons.setItems(tx, id, itemIds);
      await this.audit.record(tx, auth, {
        action: 'lesson.updated',
        entity: 'lesson',
        entityId: id,
        detail: { title: body.title, itemsAdded: itemIds.filter((i) => !before.includes(i)), itemsRemoved: before.filter((i) => !itemIds.includes(i)) },
      });
    });
    return this.get(auth, id);
  }

  /**
   * A new draft lesson that copies this one (same items), put in its place in every draft
   * curriculum; the published lesson stays as schools see it.
   */
  async revise(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ContentManage, [id], 'lesson');
    const current = await this.found(id);
    const revisionId = await this.tx.run(async (tx) => {
      const newId = await this.lessons.insert(tx, auth.provinceId, current, auth.userId, { revisesId: id });
      await this.lessons.setItems(tx, newId, await this.lessons.itemIds(id, tx));
      const drafts = await this.lessons.replaceInDrafts(tx, id, newId);
      await this.audit.record(tx, auth, { action: 'lesson.revised', entity: 'lesson', entityId: newId, detail: { revises: id, draftVersions: drafts } });
      return newId;
    });
    return this.get(auth, revisionId);
  }

  async delete(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ContentManage, [id], 'lesson');
    const current = await this.found(id);
    if (current.lockedAt || (await this.lessons.isInAnyCurriculum(id))) throw new AppError(ErrorCode.ContentInUse);
    await this.tx.run(async (tx) => {
      await this.lessons.delete(tx, id);
      await this.audit.record(tx, auth, { action: 'lesson.deleted', entity: 'lesson', entityId: id, detail: { title: current.title } });
    });
  }

  // ── Question bank ────────────────────────────────────────────────────────

  listItems(auth: AuthUser, query: ItemListQuery) {
    this.access.requireFacts(auth, Permission.ContentManage, provinceFacts(auth));
    return this.items.list(auth.provinceId, query);
  }

  itemTags(auth: AuthUser) {
    this.access.requireFacts(auth, Permission.ContentManage, provinceFacts(auth));
    return this.items.tags(auth.provinceId);
  }

  /** An item with its answer key: staff only, so no student reaches a key by this route either. */
  async getItem(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ContentItemsRead, [id], 'item');
    return found(await this.items.findById(id));
  }

  async createItem(auth: AuthUser, item: ItemDraft) {
    this.access.requireFacts(auth, Permission.ContentManage, provinceFacts(auth));
    const id = await this.tx.run(async (tx) => {
      const newId = await this.items.insert(tx, auth.provinceId, item, auth.userId);
      await this.audit.record(tx, auth, { action: 'item.created', entity: 'item', entityId: newId, detail: { kind: item.kind, prompt: item.prompt } });
      return newId;
    });
    return found(await this.items.findById(id));
  }

  async updateItem(auth: AuthUser, id: string, item: ItemDraft) {
    await this.access.require(auth, Permission.ContentManage, [id], 'item');
    const current = found(await this.items.findById(id));
    if (current.lockedAt) throw new AppError(ErrorCode.ContentLocked, 'This item is in a published lesson; save it as a new item instead');
    await this.tx.run(async (tx) => {
      await this.items.update(tx, id, item);
      await this.audit.record(tx, auth, { action: 'item.updated', entity: 'item', entityId: id, detail: { kind: item.kind, prompt: item.prompt } });
    });
    return found(await this.items.findById(id));
  }

  async deleteItem(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ContentManage, [id], 'item');
    if (await this.items.isUsed(id)) throw new AppError(ErrorCode.ContentInUse, 'A lesson uses this item');
    await this.tx.run(async (tx) => {
      await this.items.delete(tx, id);
      await this.audit.record(tx, auth, { action: 'item.deleted', entity: 'item', entityId: id });
    });
  }

  /**
   * The lesson's items as bank ids: new ones inserted, unchanged ones kept, changed drafts
   * updated in place, and changed published ones copied into a new item (copy on write),
   * so that a published lesson never changes under the schools that follow it.
   */
  private async saveItems(tx: Tx, auth: AuthUser, inputs: LessonItemInput[]): Promise<string[]> {
    const given = inputs.flatMap((i) => (i.id ? [i.id] : []));
    if (new Set(given).size !== given.length) throw new AppError(ErrorCode.ValidationFailed, 'An item appears twice in the lesson');
    const bank = await this.items.findInProvince(auth.provinceId, given, tx);
    const ids: string[] = [];
    for (const [index, input] of inputs.entries()) {
      const { id, ...rest } = input;
      const draft = rest;
      const current = id ? bank.get(id) : undefined;
      if (id && !current) {
        const message = 'not an item of this province';
        throw new AppError(ErrorCode.InvalidReference, `items.${index}.id is ${message}`, [{ field: `items.${index}.id`, message }]);
      }
      if (!current) ids.push(await this.items.insert(tx, auth.provinceId, draft, auth.userId));
      else if (canonicalItem(current) === canonicalItem(draft)) ids.push(current.id);
      else if (current.lockedAt) ids.push(await this.items.insert(tx, auth.provinceId, draft, auth.userId, current.id));
      else {
        await this.items.update(tx, current.id, draft);
        ids.push(current.id);
      }
    }
    return ids;
  }

  private async found(id: string): Promise<LessonRow> {
    const lesson = await this.lessons.findById(id);
    if (!lesson) throw notFound('lesson');
    return lesson;
  }
}
