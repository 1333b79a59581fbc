import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role, ScopeFacts } from '@tinhtao/shared';

type FactRow = { id: string; province_id: string; school_id: string | null; teacher_ids?: string[]; student_ids?: string[]; role?: Role };

/** Loads what the scope rule needs to know about rows, by id; a missing id is a row that does not exist. */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async provinceFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, id AS province_id, NULL::uuid AS school_id FROM province WHERE id = ANY($1)`, ids);
  }

  async areaFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, province_id, NULL::uuid AS school_id FROM area WHERE id = ANY($1)`, ids);
  }

  async schoolFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(`SELECT id, province_id, id AS school_id FROM school WHERE id = ANY($1)`, ids);
  }

  async classFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT c.id, s.province_id, c.school_id,
              ARRAY(SELECT teacher_id FROM class_teacher t WHERE t.class_id = c.id) AS teacher_ids,
              ARRAY(SELECT student_id FROM enrollment e WHERE e.class_id = c.id) AS student_ids
         FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE c.id = ANY($1)`,
      ids,
    );
  }

  async userFacts(ids: string[]): Promise<Map<string, ScopeFacts>> {
    return this.facts(
      `SELECT u.id, u.province_id, u.school_id, u.role,
              ARRAY(SELECT t.teacher_id FROM enrollment e JOIN class_teacher t ON t.class_id = e.class_id
                     WHERE e.student_id = u.id) AS teacher_ids
         FROM app_user u WHERE u.id = ANY($1)`,
      ids,
    );
  }

  private async facts(sql: string, ids: string[]): Promise<Map<string, ScopeFacts>> {
    const rows: FactRow[] = ids.length === 0 ? [] : await this.db.query(sql, [ids]);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          provinceId: r.province_id,
          schoolId: r.school_id,
          teacherIds: r.teacher_ids ?? [],
          studentIds: r.student_ids ?? [],
          userId: r.role ? r.id : undefined,
          role: r.role,
        },
      ]),
    );
  }
}
