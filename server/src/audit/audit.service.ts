import { Injectable } from '@nestjs/common';
import { type Actor, type AuditAction, type AuditEntity, type AuditPageDto, type AuditQuery, Permission } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import type { Tx } from '../database/transaction.repository.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { AuditRepository, UUID } from './audit.repository.js';

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

/** Who changed what, when. Written in the same transaction as the change when there is one. */
@Injectable()
export class AuditService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: AuditRepository,
  ) {}

  async record(tx: Tx | null, actor: Pick<Actor, 'userId' | 'provinceId' | 'schoolId'> | null, event: AuditRecord): Promise<void> {
    await this.repo.insert(
      {
        actorId: actor?.userId ?? null,
        provinceId: event.provinceId ?? actor?.provinceId ?? null,
        schoolId: event.schoolId ?? null,
        action: event.action,
        entity: event.entity,
        entityId: event.entityId ?? null,
        detail: event.detail ?? {},
        at: event.at ?? null,
      },
      tx ?? undefined,
    );
  }

  /**
   * The caller's province's trail (dept admins), newest first, filtered; each event with the name
   * of what it is about, and the page with the names of the ids its details mention, so that a
   * reader sees names, not ids.
   */
  async list(auth: AuthUser, query: AuditQuery): Promise<AuditPageDto> {
    await this.access.require(auth, Permission.AuditRead, [auth.provinceId]);
    const { items, total } = await this.repo.findPage(auth.provinceId, query);
    const ids = [...new Set(items.flatMap((item) => idsIn(item.detail)))].slice(0, 2000);
    const names = await this.repo.namesOf(auth.provinceId, ids);
    return { items, total, names: Object.fromEntries(names.map((row) => [row.id, row.name])) };
  }
}

/** Every id-shaped string in a detail, however deep. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return UUID.test(value) ? [value.toLowerCase()] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}
