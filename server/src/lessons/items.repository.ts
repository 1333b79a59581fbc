import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ItemDraft, ItemDto, ItemListQuery, ItemTagsDto, Page } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';
import { ITEM_COLUMNS, itemContent, type ItemRow, toItemDto } from './content.mappers.js';

/** An item's columns from kind to points, in the order both the insert and the update list them. */
function itemFields(item: ItemDraft): unknown[] {
  const content = JSON.stringify(itemContent(item));
  return [
    item.kind,
    item.prompt,
    content,
    JSON.stringify(item.answer),
    item.feedback,
    item.tags.topics,
    item.tags.techniques,
    item.tags.difficulty,
    item.points,
  ];
}

@Injectable()
export class ItemsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The items of these ids that belong to the province, by id. */
  async findInProvince(provinceId: string, ids: string[], tx: Queryable = this.db): Promise<Map<string, ItemDto>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<ItemRow[]>(`SELECT ${ITEM_COLUMNS} FROM item i WHERE i.id = ANY($1) AND i.province_id = $2`, [ids, provinceId]);
    return new Map(rows.map((r) => [r.id, toItemDto(r)]));
  }

  async findById(id: string): Promise<ItemDto | null> {
    const rows = await this.db.query<ItemRow[]>(`SELECT ${ITEM_COLUMNS} FROM item i WHERE i.id = $1`, [id]);
    return rows[0] ? toItemDto(rows[0]) : null;
  }

  /** The items of a lesson in their order. */
  async findByLesson(lessonId: string, tx: Queryable = this.db): Promise<ItemDto[]> {
    const rows = await tx.query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM lesson_item li JOIN item i ON i.id = li.item_id WHERE li.lesson_id = $1 ORDER BY li.position`,
      [lessonId],
    );
    return rows.map(toItemDto);
  }

  async list(provinceId: string, query: ItemListQuery): Promise<Page<ItemDto>> {
    const params: unknown[] = [provinceId];
    const where = ['i.province_id = $1'];
    if (query.kind) where.push(`i.kind = $${params.push(query.kind)}`);
    if (query.difficulty) where.push(`i.difficulty = $${params.push(query.difficulty)}`);
    if (query.topic) where.push(`$${params.push(query.topic)} = ANY(i.topics)`);
    if (query.technique) where.push(`$${params.push(query.technique)} = ANY(i.techniques)`);
    if (query.q) where.push(`i.prompt ILIKE '%' || $${params.push(query.q.replace(/[%_\\]/g, '\\$&'))} || '%'`);
    const filter = where.join(' AND ');
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM item i WHERE ${filter}`, params);
    const rows = await this.db.query<ItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM item i WHERE ${filter} ORDER BY i.updated_at DESC, i.id
        LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`,
      params,
    );
    return { items: rows.map(toItemDto), total };
  }

  /** Every topic and technique tag used in the province's bank, for the editor's suggestions. */
  async tags(provinceId: string): Promise<ItemTagsDto> {
    const [row] = await this.db.query<ItemTagsDto[]>(
      `SELECT ARRAY(SELECT DISTINCT t FROM item, unnest(topics) t WHERE province_id = $1 ORDER BY t) AS topics,
              ARRAY(SELECT DISTINCT t FROM item, unnest(techniques) t WHERE province_id = $1 ORDER BY t) AS techniques`,
      [provinceId],
    );
    return row;
  }

  async insert(tx: Tx, provinceId: string, item: ItemDraft, createdBy: string | null, revisesId: string | null = null): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO item (province_id, kind, prompt, content, answer, feedback, topics, techniques, difficulty, points, revises_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [provinceId, ...itemFields(item), revisesId, createdBy],
    );
    return rows[0].id;
  }

  async update(tx: Tx, id: string, item: ItemDraft): Promise<void> {
    await tx.query(
      `UPDATE item SET kind = $2, prompt = $3, content = $4, answer = $5, feedback = $6, topics = $7, techniques = $8, difficulty = $9,
              points = $10, updated_at = app_now() WHERE id = $1`,
      [id, ...itemFields(item)],
    );
  }

  async isUsed(id: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM lesson_item WHERE item_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM item WHERE id = $1`, [id]);
  }
}
