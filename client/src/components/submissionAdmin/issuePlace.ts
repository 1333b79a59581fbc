import type { RoundStage, SubmissionContestBody, SubmissionKind } from '@tinhtao/shared';

/** Where on the organiser's form a refused field is, as an i18n key under `subsAdmin.fields` with what it names. */
export interface IssuePlace {
  key: string;
  kind?: SubmissionKind;
  stage?: RoundStage;
  /** 1-based, for a criterion. */
  n?: number;
}

const TOP = ['title', 'levels', 'themes', 'rules', 'entryMode', 'maxTeamSize', 'peoplesChoice', 'kinds', 'rounds'];
const ROUND_FIELDS: Record<string, string> = {
  submissionOpensAt: 'intake',
  submissionClosesAt: 'intake',
  promotionOpensAt: 'intake',
  promotionClosesAt: 'intake',
  judgingOpensAt: 'judging',
  judgingClosesAt: 'judging',
  advance: 'advance',
  judgesPerEntry: 'judgesPerEntry',
};

/**
 * The place of a field error (`rounds.1.judgingOpensAt`) in words the organiser reads ("Vòng tỉnh —
 * thời gian chấm"), found in the body that was sent: an index means nothing on the form.
 */
export function issuePlace(field: string, body: Partial<Pick<SubmissionContestBody, 'kinds' | 'rounds'>>): IssuePlace {
  const [head = '', index, sub] = field.split('.');
  const at = Number(index);
  if (head === 'kinds' && index !== undefined) return { key: 'subsAdmin.fields.kind', kind: body.kinds?.[at]?.kind };
  if (head === 'rounds' && index !== undefined) {
    const stage = body.rounds?.[at]?.stage;
    return { key: `subsAdmin.fields.${ROUND_FIELDS[sub ?? ''] ?? 'round'}`, stage };
  }
  if (head === 'criteria' && index !== undefined && Number.isInteger(at)) return { key: 'subsAdmin.fields.criterion', n: at + 1 };
  if (head === 'criteria') return { key: 'subsAdmin.fields.rubric' };
  return { key: `subsAdmin.fields.${TOP.includes(head) ? head : 'form'}` };
}
