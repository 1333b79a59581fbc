import { Injectable } from '@nestjs/common';
import { type Actor, allows, Permission, schoolFilterOf, type ScopeFacts } from '@tinhtao/shared';

import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import { Batched } from '../platform/batched.js';
import { AccessRepository } from './access.repository.js';

type Resource =
  | 'province'
  | 'area'
  | 'school'
  | 'class'
  | 'user'
  | 'assignment'
  | 'attempt'
  | 'response'
  | 'contest'
  | 'submission_contest'
  | 'submission_entry'
  | 'submission_file'
  | ContentResource;
/** Curricula, their versions, lessons and items share one rule (ContentRead / ContentManage). */
export type ContentResource = 'curriculum' | 'curriculum_version' | 'lesson' | 'item' | 'diagnostic';

/** Which rows a permission is about, and which permission lets a caller see them at all. */
const RESOURCE: Record<Permission, { resource: Resource; read: Permission }> = {
  [Permission.ProvinceRead]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.ProvinceManage]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.AreaManage]: { resource: 'area', read: Permission.ProvinceRead },
  [Permission.SchoolRead]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.SchoolManage]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.ClassRead]: { resource: 'class', read: Permission.ClassRead },
  [Permission.ClassManage]: { resource: 'class', read: Permission.ClassRead },
  [Permission.ClassEnroll]: { resource: 'class', read: Permission.ClassRead },
  [Permission.UserRead]: { resource: 'user', read: Permission.UserRead },
  [Permission.UserManage]: { resource: 'user', read: Permission.UserRead },
  [Permission.UserResetPassword]: { resource: 'user', read: Permission.UserRead },
  [Permission.UserExport]: { resource: 'user', read: Permission.UserRead },
  [Permission.UserErase]: { resource: 'user', read: Permission.UserRead },
  [Permission.AuditRead]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.ContentRead]: { resource: 'lesson', read: Permission.ContentRead },
  [Permission.ContentManage]: { resource: 'lesson', read: Permission.ContentRead },
  [Permission.ClassAssign]: { resource: 'class', read: Permission.ClassRead },
  [Permission.ClassProgressRead]: { resource: 'class', read: Permission.ClassRead },
  [Permission.CoverageRead]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.SchoolImport]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.AssignmentRead]: { resource: 'assignment', read: Permission.AssignmentRead },
  [Permission.AssignmentManage]: { resource: 'assignment', read: Permission.AssignmentRead },
  [Permission.AttemptRead]: { resource: 'attempt', read: Permission.AttemptRead },
  [Permission.AttemptWrite]: { resource: 'attempt', read: Permission.AttemptRead },
  [Permission.AttemptReview]: { resource: 'response', read: Permission.AttemptRead },
  [Permission.ContestManage]: { resource: 'contest', read: Permission.ContestManage },
  /** A diagnostic out of the caller's province or levels is "not found"; a student in scope is refused. */
  [Permission.DiagnosticRead]: { resource: 'diagnostic', read: Permission.ContentRead },
  /** The classes a round opens for: a class the caller cannot read is refused like any other (requireEach). */
  [Permission.DiagnosticOpen]: { resource: 'class', read: Permission.ClassRead },
  [Permission.DiagnosticResultsRead]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.DiagnosticClassResultsRead]: { resource: 'class', read: Permission.ClassRead },
  /** Decided on the student's own facts (requireFacts): the student is the row. */
  [Permission.DiagnosticTake]: { resource: 'user', read: Permission.UserRead },
  /** A student asking for an item's key is told it does not exist, as for one out of scope. */
  [Permission.ContentItemsRead]: { resource: 'item', read: Permission.ContentItemsRead },
  /** A diagnostic form hidden from the student is "not found". */
  [Permission.LessonRead]: { resource: 'lesson', read: Permission.LessonRead },
  [Permission.CurriculumDraftsRead]: { resource: 'curriculum', read: Permission.ContentRead },
  /** The assignment's facts name the students it is given to. */
  [Permission.AssignmentStart]: { resource: 'assignment', read: Permission.AssignmentRead },
  /** Checked against the caller's own school (`requireFacts`). */
  [Permission.AttemptReviewQueue]: { resource: 'school', read: Permission.SchoolRead },
  /** The annual report is about the province. */
  [Permission.ReportRead]: { resource: 'province', read: Permission.ProvinceRead },
  /** Whoever may not join a contest does not see it: "not found". */
  [Permission.ContestJoin]: { resource: 'contest', read: Permission.ContestJoin },
  /** By id, the scope is a school: one the caller cannot see is "not found". */
  [Permission.ContestCreate]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.SchoolsImport]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.ProvinceRollover]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.ProvinceYearsRead]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.ClassStudentsRead]: { resource: 'class', read: Permission.ClassRead },
  [Permission.HelperAsk]: { resource: 'province', read: Permission.ProvinceRead },
  /** Decided on the student's own facts (requireFacts). */
  [Permission.HelperShare]: { resource: 'user', read: Permission.UserRead },
  [Permission.HelperSharedRead]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.HelperManage]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.HelperAlertsRead]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.TrainingManage]: { resource: 'province', read: Permission.ProvinceRead },
  /** By id, a school: one the caller cannot see is "not found". */
  [Permission.TrainingAssign]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.TrainingCoverageRead]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.SubmissionContestRead]: { resource: 'submission_contest', read: Permission.SubmissionContestRead },
  [Permission.SubmissionContestManage]: { resource: 'submission_contest', read: Permission.SubmissionContestRead },
  [Permission.SubmissionEnter]: { resource: 'submission_contest', read: Permission.SubmissionContestRead },
  [Permission.SubmissionVote]: { resource: 'submission_contest', read: Permission.SubmissionContestRead },
  [Permission.SubmissionEntryRead]: { resource: 'submission_entry', read: Permission.SubmissionEntryRead },
  [Permission.SubmissionEntryEdit]: { resource: 'submission_entry', read: Permission.SubmissionEntryRead },
  [Permission.SubmissionEntryConfirm]: { resource: 'submission_entry', read: Permission.SubmissionEntryRead },
  /** Whoever is not a judge of the entry is told it does not exist: a judge learns nothing of entries not theirs. */
  [Permission.SubmissionEntryJudge]: { resource: 'submission_entry', read: Permission.SubmissionEntryJudge },
  [Permission.SubmissionFileRead]: { resource: 'submission_file', read: Permission.SubmissionFileRead },
};

/**
 * The one place that answers "may this caller touch these ids". A row the caller may not
 * even see is "not found" (nobody learns what exists in another school); a row the caller
 * sees but may not change is "forbidden".
 */
@Injectable()
export class AccessService {
  /** One contest asked about by many users at once (a class joining a live session): one query for all of them. */
  private readonly oneContest: Batched<{ contestId: string; userId: string }, ScopeFacts | undefined>;

  constructor(private readonly repo: AccessRepository) {
    this.oneContest = new Batched((pairs) => this.repo.contestFactsFor(pairs));
  }

  /** `content` names which kind of content the ids are, for the content permissions. */
  async require(actor: Actor, permission: Permission, ids: string[], content?: ContentResource): Promise<Map<string, ScopeFacts>> {
    const { read } = RESOURCE[permission];
    const resource = content ?? RESOURCE[permission].resource;
    const unique = [...new Set(ids)];
    const facts = await this.load(resource, unique, actor);
    for (const id of unique) {
      const f = facts.get(id);
      if (!f || !allows(actor, read, f)) throw notFound(resource.replace('_', ' '));
      if (!allows(actor, permission, f)) throw new AppError(ErrorCode.Forbidden, `You may not change this ${resource}`);
    }
    return facts;
  }

  /**
   * Every id must be allowed, else 403 whether it exists or not: for calls whose contract
   * answers "forbidden" (assigning to a class), without telling which ids exist.
   */
  async requireEach(actor: Actor, permission: Permission, ids: string[]): Promise<Map<string, ScopeFacts>> {
    const facts = await this.load(RESOURCE[permission].resource, [...new Set(ids)], actor);
    for (const id of ids) {
      const f = facts.get(id);
      if (!f || !allows(actor, permission, f)) throw new AppError(ErrorCode.Forbidden, `You may not do this for ${id}`);
    }
    return facts;
  }

  /** For rows about to be created, or a view of the actor's own scope: the facts are those the rows will have. `refusal` says why, for the 403. */
  requireFacts(actor: Actor, permission: Permission, facts: ScopeFacts, refusal = 'You may not create this here'): void {
    if (!allows(actor, permission, facts)) throw new AppError(ErrorCode.Forbidden, refusal);
  }

  /** The ids (of those given) the caller may act on with this permission; the others, missing or not, are left out. */
  async filter(actor: Actor, permission: Permission, ids: string[]): Promise<Set<string>> {
    const facts = await this.load(RESOURCE[permission].resource, [...new Set(ids)], actor);
    return new Set([...facts].filter(([, f]) => allows(actor, permission, f)).map(([id]) => id));
  }

  /** Which of these permissions (all on one kind of row) the caller has on the row `id`, read with one query. */
  async allowedOn(actor: Actor, permissions: Permission[], id: string): Promise<Set<Permission>> {
    const resources = new Set(permissions.map((p) => RESOURCE[p].resource));
    if (resources.size !== 1) throw new Error('allowedOn takes permissions on one kind of row');
    const facts = (await this.load([...resources][0], [id], actor)).get(id);
    return new Set(facts ? permissions.filter((p) => allows(actor, p, facts)) : []);
  }

  /**
   * The school an import or a rollover acts on (`permission` on it). School staff act on their own
   * school only: naming another answers 403 whether it exists or not (DESIGN §4); province staff
   * may name any school of the province (another province's is 404).
   */
  async requireOwnSchool(actor: Actor, permission: Permission, schoolId: string): Promise<ScopeFacts> {
    const own = schoolFilterOf(actor);
    if (own !== null && schoolId !== own) throw new AppError(ErrorCode.Forbidden, 'You may act on your own school only');
    return (await this.require(actor, permission, [schoolId])).get(schoolId)!;
  }

  /** `actor` only for the rows whose facts depend on who asks (whether a student was dealt a diagnostic form, whether a contest takes this student in). */
  private load(resource: Resource, ids: string[], actor: Actor): Promise<Map<string, ScopeFacts>> {
    switch (resource) {
      case 'province':
        return this.repo.provinceFacts(ids);
      case 'area':
        return this.repo.areaFacts(ids);
      case 'school':
        return this.repo.schoolFacts(ids);
      case 'class':
        return this.repo.classFacts(ids);
      case 'user':
        return this.repo.userFacts(ids);
      case 'lesson':
        return this.repo.lessonFacts(ids, actor.userId);
      case 'item':
        return this.repo.itemFacts(ids);
      case 'curriculum':
        return this.repo.curriculumFacts(ids);
      case 'curriculum_version':
        return this.repo.curriculumVersionFacts(ids);
      case 'assignment':
        return this.repo.assignmentFacts(ids);
      case 'attempt':
        return this.repo.attemptFacts(ids);
      case 'response':
        return this.repo.responseFacts(ids);
      case 'contest':
        if (ids.length === 1) return this.oneContest.submit({ contestId: ids[0], userId: actor.userId }).then((f) => new Map(f ? [[ids[0], f]] : []));
        return this.repo.contestFacts(ids, actor.userId);
      case 'diagnostic':
        return this.repo.diagnosticFacts(ids);
      case 'submission_contest':
        return this.repo.submissionContestFacts(ids);
      case 'submission_entry':
        return this.repo.submissionEntryFacts(ids);
      case 'submission_file':
        return this.repo.submissionFileFacts(ids);
    }
  }
}
