/**
 * The actions the server writes to the audit log, grouped by what they touch. The group is
 * the action's prefix ("user." = every account event, which the audit filter accepts), and
 * the server's `AuditService.record` takes only these, so the client's labels cannot fall behind.
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
  diagnostic: ['created', 'opened_pre', 'opened_post'],
  helper: ['list_imported', 'list_entry_deleted', 'pattern_created', 'pattern_deleted', 'alert_sent'],
  training: ['program_saved', 'targets_saved', 'assigned'],
  submission_contest: [
    'created',
    'updated',
    'rubric_saved',
    'judges_saved',
    'judges_assigned',
    'judge_added',
    'promoted',
    'results_published',
    'results_exported',
  ],
  submission_entry: ['submitted', 'replaced', 'confirmed', 'returned', 'consent_changed', 'withdrawn'],
  judging: ['entry_opened', 'scored', 'conflict_declared', 'judge_replaced'],
  submission_vote: ['cast', 'exported'],
} as const satisfies Record<string, readonly string[]>;

export type AuditGroup = keyof typeof AUDIT_GROUPS;
export type AuditAction = { [G in AuditGroup]: `${G}.${(typeof AUDIT_GROUPS)[G][number]}` }[AuditGroup];

export const AUDIT_ACTIONS: readonly AuditAction[] = (Object.keys(AUDIT_GROUPS) as AuditGroup[]).flatMap((group) =>
  AUDIT_GROUPS[group].map((action) => `${group}.${action}` as AuditAction),
);

/** The kinds of record an audit event is about (`entity`). */
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
  'diagnostic',
  'helper_list',
  'helper_pattern',
  'training_program',
  'submission_contest',
  'submission_entry',
  'submission_score',
  'submission_vote',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
