import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, AuditAction, AuditEntity, AuditEventDto, AuditPageDto, AuditQuery } from '@tinhtao/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface AuditRecord {
  /** Only the actions `shared` lists, so that the client has a label for each. */
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  provinceId?: string | null;
  schoolId?: string | null;
  detail?: Record<string, unknown>;
  /** When it happened, for events written after the fact (the demo seed); by default the transaction's time. */
  at?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who changed what, when. Written in the same transaction as the change when there is one. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager | null, actor: Pick<Actor, 'userId' | 'provinceId' | 'schoolId'> | null, event: AuditRecord): Promise<void> {
    await (tx ?? this.db).query(
      `INSERT INTO audit_event (actor_id, province_id, school_id, action, entity, entity_id, detail, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, app_now()))`,
      [
        actor?.userId ?? null,
        event.provinceId ?? actor?.provinceId ?? null,
        event.schoolId ?? null,
        event.action,
        event.entity,
        event.entityId ?? null,
        JSON.stringify(event.detail ?? {}),
        event.at ?? null,
      ],
    );
  }

  /**
   * One province's trail, newest first, filtered; each event with the name of what it is about,
   * and the page with the names of the ids its details mention, so that a reader sees names, not ids.
   * The caller has checked that the reader may see the province.
   */
  async list(provinceId: string, query: AuditQuery): Promise<AuditPageDto> {
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
    const [items, total]: [AuditEventDto[], { n: number }[]] = await Promise.all([
      this.db.query(
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
      this.db.query(`SELECT count(*)::int AS n ${sql}`, params),
    ]);
    return {
      items,
      total: total[0].n,
      names: await this.namesOf(
        provinceId,
        items.flatMap((item) => idsIn(item.detail)),
      ),
    };
  }

  /** The names of the records among `ids` that still exist in the province: people, schools, classes, content. */
  private async namesOf(provinceId: string, ids: string[]): Promise<Record<string, string>> {
    const unique = [...new Set(ids)].slice(0, 2000);
    if (unique.length === 0) return {};
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT id::text, full_name AS name FROM app_user WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, name FROM school WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, name FROM area WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT c.id::text, c.name FROM school_class c JOIN school s ON s.id = c.school_id WHERE c.id = ANY($1::uuid[]) AND s.province_id = $2
       UNION ALL SELECT id::text, title FROM lesson WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, left(prompt, 120) FROM item WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, title FROM contest WHERE id = ANY($1::uuid[]) AND province_id = $2
       UNION ALL SELECT id::text, title FROM diagnostic WHERE id = ANY($1::uuid[]) AND province_id = $2`,
      [unique, provinceId],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.name]));
  }
}

/** Every id-shaped string in a detail, however deep. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return UUID.test(value) ? [value.toLowerCase()] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}
