import { z } from 'zod';

import { IdSchema, trimmedLine } from '../common.js';

/** The audit log's filters: an action or its prefix ("user." for every account event), who, where, when. */
export const AuditQuery = z.object({
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]*$/, { error: 'audit.actionFilter' })
    .optional(),
  entity: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z_]*$/, { error: 'audit.entityFilter' })
    .optional(),
  actorId: IdSchema.optional(),
  schoolId: IdSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** A username, a name, or an entity's id. */
  q: trimmedLine(0, 100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditEventDto {
  id: string;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** The record's name as it is now (a person, a school, a lesson's title…), or null when it is gone or has none. */
  entityName: string | null;
  detail: Record<string, unknown>;
  schoolId: string | null;
  schoolName: string | null;
  actor: { id: string; username: string; fullName: string; role: string } | null;
}

/** A page of the audit log; `names` names every id found in the page's `detail`s that still exists. */
export interface AuditPageDto {
  items: AuditEventDto[];
  total: number;
  names: Record<string, string>;
}
