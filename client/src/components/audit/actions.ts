/**
 * The actions the server writes to the audit log (`audit.record` calls), grouped by what they
 * touch. The group is also the prefix the filter sends ("user." = every account event).
 * An action not listed here is shown as the server wrote it.
 */
export const AUDIT_GROUPS = {
  user: ['created', 'updated', 'password_reset', 'password_changed', 'exported', 'erased'],
  session: ['revoked_on_reuse'],
  school: ['created', 'updated', 'deleted'],
  area: ['created', 'updated', 'deleted'],
  class: ['created', 'updated', 'deleted', 'enrolled', 'unenrolled'],
  import: ['students', 'schools'],
  school_year: ['rolled_over'],
  province_year: ['saved'],
  item: ['created', 'updated', 'deleted'],
  lesson: ['created', 'updated', 'revised', 'deleted'],
  curriculum: ['created', 'draft_opened', 'draft_updated', 'draft_discarded', 'published'],
  assignment: ['created', 'updated'],
  attempt: ['reviewed'],
  contest: ['created', 'session_opened'],
} as const satisfies Record<string, readonly string[]>;

export type AuditGroup = keyof typeof AUDIT_GROUPS;

/** The entities events are about, for their labels. */
export const AUDIT_ENTITIES = [
  'user',
  'school',
  'area',
  'class',
  'import',
  'school_year',
  'province_year',
  'item',
  'lesson',
  'curriculum',
  'assignment',
  'response',
  'contest',
] as const;

const KNOWN = new Set<string>(Object.entries(AUDIT_GROUPS).flatMap(([group, actions]) => actions.map((action) => `${group}.${action}`)));
const ENTITIES = new Set<string>(AUDIT_ENTITIES);

/** The i18n key of an action's label ("audit.actions.user.created"), or null for an action we do not know. */
export function actionLabelKey(action: string): string | null {
  return KNOWN.has(action) ? `audit.actions.${action}` : null;
}

/** The i18n key of an entity's label, or null for one we do not know. */
export function entityLabelKey(entity: string): string | null {
  return ENTITIES.has(entity) ? `audit.entities.${entity}` : null;
}
