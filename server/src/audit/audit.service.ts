import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuditAction, AuditEntity } from '@tinhtao/shared';

export interface AuditRecord {
  /** Only the actions `shared` lists, so that the client has a label for each. */
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  provinceId?: string | null;
  schoolId?: string | null;
  detail?: Record<string, unknown>;
}

/** Who changed what, when. Written in the same transaction as the change when there is one. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager | null, actor: Pick<Actor, 'userId' | 'provinceId' | 'schoolId'> | null, event: AuditRecord): Promise<void> {
    await (tx ?? this.db).query(
      `INSERT INTO audit_event (actor_id, province_id, school_id, action, entity, entity_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        actor?.userId ?? null,
        event.provinceId ?? actor?.provinceId ?? null,
        event.schoolId ?? null,
        event.action,
        event.entity,
        event.entityId ?? null,
        JSON.stringify(event.detail ?? {}),
      ],
    );
  }
}
