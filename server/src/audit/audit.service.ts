import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@tinhtao/shared';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | null;
  provinceId?: string | null;
  schoolId?: string | null;
  detail?: Record<string, unknown>;
  /** When it happened, for events written after the fact (the demo seed); by default the transaction's time. */
  at?: Date;
}

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
}
