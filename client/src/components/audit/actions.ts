import { AUDIT_ENTITIES, isAuditAction } from '@tinhtao/shared';

// The actions and entities come from `shared`, where the server's `AuditService.record` takes them from.
export { AUDIT_GROUPS, type AuditGroup } from '@tinhtao/shared';

const ENTITIES = new Set<string>(AUDIT_ENTITIES);

/** The i18n key of an action's label ("audit.actions.user.created"), or null for an action we do not know. */
export function actionLabelKey(action: string): string | null {
  return isAuditAction(action) ? `audit.actions.${action}` : null;
}

/** The i18n key of an entity's label, or null for one we do not know. */
export function entityLabelKey(entity: string): string | null {
  return ENTITIES.has(entity) ? `audit.entities.${entity}` : null;
}
