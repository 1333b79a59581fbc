import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEventDto, AuditQuery } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable } from '../database/transaction.repository.js';

/** One row of the audit trail, as it is written. */
export interface AuditEventRow {
  actorId: string | null;
  provinceId: string | null;
  schoolId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
  /** When it happened; null for the transaction's time. */
  at: Date | null;
}

/** An event of a page as the database answers it (the time still a Date). */
type AuditEventReadRow = Omit<AuditEventDto, 'at'> & { at: Date };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit trail: written beside each change, read by the province's dept admins. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(event: AuditEventRow, db: Queryable = this.db): Promise<void> {
    await db.query(
      `INSERT INTO audit_event (actor_id, province_id, school_id, action, entity, entity_id, detail, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, app_now()))`,
      [event.actorId, event.provinceId, event.schoolId, event.action, event.entity, event.entityId, JSON.stringify(event.detail), event.at],
    );
  }

  /**
   * One province's trail, newest first, filtered, a page and the count of all: each event with
   * the name of what it is about.
   */
  async findPage(provinceId: string, query: AuditQuery): Promise<{ items: AuditEventDto[]; total: number }> {
    const where = [`e.province_id = $1`];
    const params: unknown[] = [provinceId];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (query.action) add(`e.action LIKE ? || '%'`, query.action);
    if (query.entity) add(`e.entity = ?`, query.entity);
    if (query.actorId) add(`e.actor_id = ?`, query.actorId);
    if (query.schoolId) add(`e.school_id = ?`, query.schoolId);
    if (query.from) add(`e.at >= ?`, query.from);
    if (query.to) add(`e.at < ?`, query.to);
    if (query.q) {
      const n = params.push(query.q);
      where.push(`(u.username ILIKE '%' || $${n} || '%' OR u.full_name ILIKE '%' || $${n} || '%' OR e.entity_id = $${n})`);
    }
    const sql = `FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE ${where.join(' AND ')}`;
    const [items, total] = await Promise.all([
      this.db.query<AuditEventReadRow[]>(
        `WITH page AS (
           SELECT e.*, CASE WHEN e.entity_id ~* '${UUID.source}' THEN e.entity_id::uuid END AS eid
             ${sql} ORDER BY e.at DESC, e.id DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}
         )
         SELECT p.id::text, p.at, p.action, p.entity, p.entity_id AS "entityId", p.detail, p.school_id AS "schoolId", s.name AS "schoolName",
                CASE p.entity
                  WHEN 'user' THEN (SELECT full_name FROM app_user WHERE id = p.eid)
                  WHEN 'school' THEN (SELECT name FROM school WHERE id = p.eid)
                  WHEN 'area' THEN (SELECT name FROM area WHERE id = p.eid)
                  WHEN 'class' THEN (SELECT name FROM school_class WHERE id = p.eid)
                  WHEN 'item' THEN (SELECT left(prompt, 120) FROM item WHERE id = p.eid)
                  WHEN 'lesson' THEN (SELECT title FROM lesson WHERE id = p.eid)
                  WHEN 'assignment' THEN (SELECT l.title FROM assignment a JOIN lesson l ON l.id = a.lesson_id WHERE a.id = p.eid)
                  WHEN 'response' THEN (SELECT st.full_name FROM response r JOIN attempt t ON t.id = r.attempt_id JOIN app_user st ON st.id = t.student_id WHERE r.id = p.eid)
                  WHEN 'curriculum' THEN (SELECT level || ' · ' || school_year FROM curriculum WHERE id = p.eid)
                  WHEN 'contest' THEN (SELECT title FROM contest WHERE id = p.eid)
                  WHEN 'diagnostic' THEN (SELECT title FROM diagnostic WHERE id = p.eid)
                  WHEN 'import' THEN (SELECT file_name FROM import_job WHERE id = p.eid)
                  WHEN 'school_year' THEN p.entity_id
                  WHEN 'province_year' THEN p.entity_id
                END AS "entityName",
                CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'username', u.username, 'fullName', u.full_name, 'role', u.role) END AS actor
           FROM page p LEFT JOIN app_user u ON u.id = p.actor_id LEFT JOIN school s ON s.id = p.school_id
          ORDER BY p.at DESC, p.id DESC`,
        [...params, query.offset, query.limit],
      ),
      this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n ${sql}`, params),
    ]);
    return { items: items.map((item) => ({ ...item, at: item.at.toISOString() })), total: total[0].n };
  }

  /** The names of the records among `ids` that still exist in the province: people, schools, classes, content. */
  async namesOf(provinceId: string, ids: string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db.query<{ id: string; name: string }[]>(
      `SELECT id::text, full_name AS name FROM app_user WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, name FROM school WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, name FROM area WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT c.id::text, c.name FROM school_class c JOIN school s ON s.id = c.school_id WHERE c.id = ANY($1::uuid[]) AND s.province_id = $2
       UNION ALL SELECT id::text, title FROM lesson WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, left(prompt, 120) FROM item WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, title FROM contest WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, title FROM diagnostic WHERE id = ANY($1::uuid[]) AND province_id = $2`,
      [ids, provinceId],
    );
  }
}
