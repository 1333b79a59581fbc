import { type CurriculumLevel, CurriculumLevelSchema, curriculumLevelsOf, type Role, type SchoolLevel } from '../common.js';

/** Who is asking: what the access token says. */
export interface Actor {
  userId: string;
  role: Role;
  provinceId: string;
  schoolId: string | null;
  /** The level of the actor's school, which decides the curricula it follows; absent for province staff. */
  schoolLevel?: SchoolLevel | null;
}

export const Permission = {
  ProvinceRead: 'province.read',
  ProvinceManage: 'province.manage',
  AreaManage: 'area.manage',
  SchoolRead: 'school.read',
  SchoolManage: 'school.manage',
  ClassRead: 'class.read',
  ClassManage: 'class.manage',
  ClassEnroll: 'class.enroll',
  UserRead: 'user.read',
  UserManage: 'user.manage',
  UserResetPassword: 'user.reset_password',
  /** A copy of everything stored about a person: the person, and those who manage the account. */
  UserExport: 'user.export',
  /** Erase a student's personal data: the school's admins and the province's. */
  UserErase: 'user.erase',
  /** The province's audit log: its dept admins. */
  AuditRead: 'audit.read',
  /** Curricula, lessons and items: read them (students never get answer keys; the service decides the view). */
  ContentRead: 'content.read',
  /** Write, version and publish curricula, lessons and items. */
  ContentManage: 'content.manage',
  /** A class's progress matrix: its teachers and the school's and province's admins, never its students. */
  ClassProgressRead: 'class.progress_read',
  /** A school's coverage and reports: the province's dept admins and the school's own admins. */
  CoverageRead: 'coverage.read',
  /** Import a school's classes and students from a file, and roll its classes over to a new year: its admins and the province's. */
  SchoolImport: 'school.import',
  /** Assign lessons to a class: its teachers and the school admin. */
  ClassAssign: 'class.assign',
  AssignmentRead: 'assignment.read',
  /** Move the window of an assignment or close it. */
  AssignmentManage: 'assignment.manage',
  /** See an attempt: its student, the teachers of the student's class in the assignment, the school admin. */
  AttemptRead: 'attempt.read',
  /** Answer and submit: the attempt's own student only. */
  AttemptWrite: 'attempt.write',
  /** Review a short answer of an attempt. */
  AttemptReview: 'attempt.review',
  /** Host a contest, open its sessions, read its results: its province's dept admin, its school's admin, its class's teachers. */
  ContestManage: 'contest.manage',
  /** A diagnostic of the province, or the list of them: its staff of the diagnostic's level (as content), never a student. */
  DiagnosticRead: 'diagnostic.read',
  /**
   * Open a diagnostic's round for a class: the province's dept admins for any class of the province
   * (or the whole province at once), a school's admins and a class's teachers for classes they may assign.
   */
  DiagnosticOpen: 'diagnostic.open',
  /** A school's diagnostic results (schoolId null: the province's): its dept admins and the school's own admins, never a teacher. */
  DiagnosticResultsRead: 'diagnostic.results_read',
  /** A class's diagnostic results, student by student: its teachers and the school's and province's admins. */
  DiagnosticClassResultsRead: 'diagnostic.class_results_read',
  /** Take a diagnostic's forms and read one's own before and after: the student only. */
  DiagnosticTake: 'diagnostic.take',
  /** Content with its answer keys and feedback, and the item bank: those who read the content, never a student. */
  ContentItemsRead: 'content.items_read',
  /** Read a lesson: as content, except a diagnostic form, which a student reads only when dealt it (the other form is their post-test). */
  LessonRead: 'lesson.read',
  /** See a curriculum's draft (in its detail, the list and its versions): those who manage the content. */
  CurriculumDraftsRead: 'curriculum.drafts_read',
  /** Start or resume an attempt at an assignment: a student it is given to (enrolled in one of its classes, dealt its diagnostic form). */
  AssignmentStart: 'assignment.start',
  /** Have a queue of short answers to review: the teachers of a school (their own classes) and its admins (the whole school). */
  AttemptReviewQueue: 'attempt.review_queue',
  /** The province's annual report: its dept admins (a school's report is CoverageRead). */
  ReportRead: 'report.read',
  /**
   * Join a contest (a live session by PIN, or a scheduled contest's entry): a student of its
   * province whom its scope takes in (its class, its school, or its province); the facts'
   * `studentIds` hold the asking user when the scope takes them in.
   */
  ContestJoin: 'contest.join',
  /**
   * Create a contest for a school or the province (the facts are the scope's): the province's
   * dept admin, or the school's own admin for a school. A class contest is ClassAssign.
   */
  ContestCreate: 'contest.create',
  /** Import the province's schools from a file: its dept admins (schools are the Department's list). */
  SchoolsImport: 'province.schools_import',
  /** Start the new school year for every school of the province at once: its dept admins. */
  ProvinceRollover: 'province.rollover',
  /** The province's per-year targets and thresholds: its staff, not its students. */
  ProvinceYearsRead: 'province.years_read',
  /** A class's list of students: whoever reads the class, except its students. */
  ClassStudentsRead: 'class.students_read',
  /** Ask the awareness helper: anyone signed in, about their own province's library and lists. */
  HelperAsk: 'helper.ask',
  /** Share one's own helper conversation with the class's teachers: students only, for themselves. */
  HelperShare: 'helper.share',
  /** Read the messages students shared: the teachers of a school (their own classes). */
  HelperSharedRead: 'helper.shared_read',
  /** The helper's weekly trends, lists and warning patterns, and alerts to schools: the province's dept admins. */
  HelperManage: 'helper.manage',
  /** The Department's alerts to schools: the province's staff (school admins and teachers of the lesson's level). */
  HelperAlertsRead: 'helper.alerts_read',
  /** The staff program: its lessons, the year's list and its targets: the province's dept admins. */
  TrainingManage: 'training.manage',
  /**
   * Give a staff lesson to a school's staff (the facts are the school's) or to the Department
   * (the province's): the province's dept admins anywhere, a school's own admins for their school.
   */
  TrainingAssign: 'training.assign',
  /** The staff program's completion: the province's dept admins, and a school's admins for their school. */
  TrainingCoverageRead: 'training.coverage_read',
  /** See a submission contest (its rules, rounds, gallery): anyone of its province. */
  SubmissionContestRead: 'submission.contest_read',
  /** Create and change a submission contest, its rubric, rounds, judges, results and promotions: the province's dept admins. */
  SubmissionContestManage: 'submission.contest_manage',
  /** Enter a submission contest (and upload its files): a student for themself in an individual contest, a teacher for a team of own students in a team contest. */
  SubmissionEnter: 'submission.enter',
  /** Read an entry with its names: its students, the teachers of their classes (and the teacher who made it), the school's admins and the province's. */
  SubmissionEntryRead: 'submission.entry_read',
  /** Replace or withdraw an entry while its window is open: whoever made it (the student, or the team's teacher). */
  SubmissionEntryEdit: 'submission.entry_edit',
  /** Confirm an entry, return it, record consent: the teachers of its students and the school's admins. */
  SubmissionEntryConfirm: 'submission.entry_confirm',
  /** Open an entry blind and score it: a judge assigned to it (anyone else is told it does not exist). */
  SubmissionEntryJudge: 'submission.entry_judge',
  /** Read a stored file: who reads its entry, a judge of its entry (blind), and its uploader. */
  SubmissionFileRead: 'submission.file_read',
  /** Vote in the people's choice: a student of the contest's province. */
  SubmissionVote: 'submission.vote',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/** What the server knows about a target row, enough to decide. */
export interface ScopeFacts {
  provinceId: string;
  /** The school the row belongs to; null for province-level rows (areas, dept admins). */
  schoolId: string | null;
  /** For a class: its teachers. For a user: the teachers of the classes the user is enrolled in. */
  teacherIds?: readonly string[];
  /** For a class: its students. */
  studentIds?: readonly string[];
  /** For a user: the user's id and role. */
  userId?: string;
  role?: Role;
  /** For content (curricula, lessons, items): the levels whose published curricula hold it. */
  publishedLevels?: readonly CurriculumLevel[];
  /** For a lesson: it is a form of a diagnostic; its `studentIds` are then the asking user when dealt it. */
  diagnosticForm?: boolean;
  /**
   * For an assignment or attempt of the staff program: it is given to staff, not to classes;
   * its `studentIds` are the staff it is given to (of an attempt: its owner).
   */
  staff?: boolean;
  /** For a submission entry or file: the judges assigned to it (active, in any round). */
  judgeIds?: readonly string[];
  /** For a submission entry or file: who made it (the student, or the team's teacher; a file's uploader). */
  ownerId?: string;
  /** For a submission contest: its entries are teams (made by their teacher) rather than single students. */
  teamEntries?: boolean;
}

const sameProvince = (a: Actor, f: ScopeFacts) => a.provinceId === f.provinceId;
const sameSchool = (a: Actor, f: ScopeFacts) => sameProvince(a, f) && a.schoolId !== null && a.schoolId === f.schoolId;
const teaches = (a: Actor, f: ScopeFacts) => sameSchool(a, f) && (f.teacherIds ?? []).includes(a.userId);
/** A staff assignment (or attempt) is its own staff's: never a student's, never across the province line. */
const givenToStaff = (a: Actor, f: ScopeFacts) => a.role !== 'student' && sameProvince(a, f) && (f.studentIds ?? []).includes(a.userId);

/**
 * The one rule of who may touch what. A dept admin acts in one province; a school admin
 * in one school; a teacher reads own school and own classes and enrolls into own classes;
 * a student reads only self and own classes.
 */
export function allows(actor: Actor, permission: Permission, facts: ScopeFacts): boolean {
  switch (permission) {
    case Permission.ProvinceRead:
      return sameProvince(actor, facts);
    case Permission.ProvinceManage:
    case Permission.AreaManage:
    case Permission.SchoolManage:
      return actor.role === 'dept_admin' && sameProvince(actor, facts);
    case Permission.SchoolRead:
      return actor.role === 'dept_admin' ? sameProvince(actor, facts) : sameSchool(actor, facts);
    case Permission.ClassRead:
      switch (actor.role) {
        case 'dept_admin':
          return sameProvince(actor, facts);
        case 'school_admin':
          return sameSchool(actor, facts);
        case 'teacher':
          return teaches(actor, facts);
        case 'student':
          return sameSchool(actor, facts) && (facts.studentIds ?? []).includes(actor.userId);
      }
      return false;
    case Permission.ClassManage:
    case Permission.CoverageRead:
    case Permission.SchoolImport:
      return actor.role === 'dept_admin' ? sameProvince(actor, facts) : actor.role === 'school_admin' && sameSchool(actor, facts);
    case Permission.ClassProgressRead:
    case Permission.ClassEnroll:
      return allows(actor, Permission.ClassManage, facts) || (actor.role === 'teacher' && teaches(actor, facts));
    case Permission.UserRead:
      if (facts.userId === actor.userId) return true;
      switch (actor.role) {
        case 'dept_admin':
          return sameProvince(actor, facts);
        case 'school_admin':
          return sameSchool(actor, facts);
        case 'teacher':
          // Teachers see colleagues, and students of their own classes only.
          return facts.role === 'student' ? teaches(actor, facts) : sameSchool(actor, facts) && facts.role !== undefined;
        case 'student':
          return false;
      }
      return false;
    case Permission.UserManage:
      return facts.userId !== actor.userId && mayManageRole(actor, facts);
    case Permission.UserExport:
      return facts.userId === actor.userId || mayManageRole(actor, facts);
    case Permission.UserErase:
      return facts.role === 'student' && facts.userId !== actor.userId && mayManageRole(actor, facts);
    case Permission.AuditRead:
      return actor.role === 'dept_admin' && sameProvince(actor, facts);
    case Permission.UserResetPassword:
      if (facts.userId === actor.userId) return false;
      return mayManageRole(actor, facts) || (actor.role === 'teacher' && facts.role === 'student' && teaches(actor, facts));
    case Permission.ContentRead:
      if (actor.role === 'dept_admin') return sameProvince(actor, facts);
      // Schools see only what their Department published for their level.
      return sameProvince(actor, facts) && curriculumLevelsOf(actor.schoolLevel).some((l) => (facts.publishedLevels ?? []).includes(l));
    case Permission.ContentManage:
      return actor.role === 'dept_admin' && sameProvince(actor, facts);
    case Permission.ClassAssign:
    case Permission.AssignmentManage:
    case Permission.AttemptReview:
      // The staff program's assignments are changed through its own routes, and have nothing to review.
      if (facts.staff) return false;
      return (actor.role === 'school_admin' && sameSchool(actor, facts)) || (actor.role === 'teacher' && teaches(actor, facts));
    case Permission.AssignmentRead:
    case Permission.AttemptRead:
      if (facts.staff) return givenToStaff(actor, facts) || allows(actor, Permission.TrainingCoverageRead, facts);
      return allows(actor, Permission.ClassRead, facts);
    case Permission.ContestManage:
      return (actor.role === 'dept_admin' && sameProvince(actor, facts)) || allows(actor, Permission.ClassAssign, facts);
    case Permission.AttemptWrite:
      if (facts.staff) return givenToStaff(actor, facts);
      return actor.role === 'student' && sameSchool(actor, facts) && (facts.studentIds ?? []).includes(actor.userId);
    case Permission.DiagnosticRead:
      return actor.role !== 'student' && allows(actor, Permission.ContentRead, facts);
    case Permission.DiagnosticOpen:
      return (actor.role === 'dept_admin' && sameProvince(actor, facts)) || allows(actor, Permission.ClassAssign, facts);
    case Permission.DiagnosticResultsRead:
      return allows(actor, Permission.ClassManage, facts);
    case Permission.DiagnosticClassResultsRead:
      return allows(actor, Permission.ClassProgressRead, facts);
    case Permission.DiagnosticTake:
      return actor.role === 'student' && sameProvince(actor, facts) && facts.userId === actor.userId;
    case Permission.ContentItemsRead:
      return actor.role !== 'student' && allows(actor, Permission.ContentRead, facts);
    case Permission.LessonRead:
      if (actor.role === 'student' && facts.diagnosticForm && !(facts.studentIds ?? []).includes(actor.userId)) return false;
      return allows(actor, Permission.ContentRead, facts);
    case Permission.CurriculumDraftsRead:
      return allows(actor, Permission.ContentManage, facts);
    case Permission.AssignmentStart:
      if (facts.staff) return givenToStaff(actor, facts);
      return actor.role === 'student' && sameSchool(actor, facts) && (facts.studentIds ?? []).includes(actor.userId);
    case Permission.AttemptReviewQueue:
      return (actor.role === 'teacher' || actor.role === 'school_admin') && sameSchool(actor, facts);
    case Permission.ReportRead:
    case Permission.HelperManage:
    case Permission.TrainingManage:
      return actor.role === 'dept_admin' && sameProvince(actor, facts);
    case Permission.HelperAsk:
      return sameProvince(actor, facts);
    case Permission.TrainingAssign:
    case Permission.TrainingCoverageRead:
      if (actor.role === 'dept_admin') return sameProvince(actor, facts);
      return actor.role === 'school_admin' && sameSchool(actor, facts);
    case Permission.HelperShare:
      return actor.role === 'student' && sameProvince(actor, facts) && facts.userId === actor.userId;
    case Permission.HelperSharedRead:
      return actor.role === 'teacher' && sameSchool(actor, facts);
    case Permission.HelperAlertsRead:
      return actor.role !== 'student' && sameProvince(actor, facts);
    case Permission.ContestJoin:
      return actor.role === 'student' && sameProvince(actor, facts) && (facts.studentIds ?? []).includes(actor.userId);
    case Permission.ContestCreate:
      return actor.role === 'dept_admin' ? sameProvince(actor, facts) : actor.role === 'school_admin' && sameSchool(actor, facts);
    case Permission.SchoolsImport:
    case Permission.ProvinceRollover:
      return actor.role === 'dept_admin' && sameProvince(actor, facts);
    case Permission.ProvinceYearsRead:
      return actor.role !== 'student' && sameProvince(actor, facts);
    case Permission.ClassStudentsRead:
      return actor.role !== 'student' && allows(actor, Permission.ClassRead, facts);
    case Permission.SubmissionContestRead:
      return sameProvince(actor, facts);
    case Permission.SubmissionContestManage:
      return actor.role === 'dept_admin' && sameProvince(actor, facts);
    case Permission.SubmissionEnter:
      return sameProvince(actor, facts) && actor.schoolId !== null && actor.role === (facts.teamEntries ? 'teacher' : 'student');
    case Permission.SubmissionEntryRead:
      switch (actor.role) {
        case 'dept_admin':
          return sameProvince(actor, facts);
        case 'school_admin':
          return sameSchool(actor, facts);
        case 'teacher':
          return sameSchool(actor, facts) && (facts.ownerId === actor.userId || (facts.teacherIds ?? []).includes(actor.userId));
        case 'student':
          return sameSchool(actor, facts) && (facts.studentIds ?? []).includes(actor.userId);
      }
      return false;
    case Permission.SubmissionEntryEdit:
      return allows(actor, Permission.SubmissionEntryRead, facts) && facts.ownerId === actor.userId;
    case Permission.SubmissionEntryConfirm:
      return (actor.role === 'school_admin' && sameSchool(actor, facts)) || (actor.role === 'teacher' && allows(actor, Permission.SubmissionEntryRead, facts));
    case Permission.SubmissionEntryJudge:
      return actor.role !== 'student' && sameProvince(actor, facts) && (facts.judgeIds ?? []).includes(actor.userId);
    case Permission.SubmissionFileRead:
      return (
        (sameProvince(actor, facts) && facts.ownerId === actor.userId) ||
        allows(actor, Permission.SubmissionEntryRead, facts) ||
        allows(actor, Permission.SubmissionEntryJudge, facts)
      );
    case Permission.SubmissionVote:
      return actor.role === 'student' && sameProvince(actor, facts);
  }
}

/** May the actor create or change an account of this role in this school? */
function mayManageRole(actor: Actor, facts: ScopeFacts): boolean {
  if (actor.role === 'dept_admin') return sameProvince(actor, facts);
  if (actor.role === 'school_admin') return sameSchool(actor, facts) && facts.role !== 'dept_admin';
  return false;
}

/** How a list is narrowed for an actor; a repository turns this into a WHERE clause. */
export type ListScope =
  | { kind: 'province'; provinceId: string }
  | { kind: 'school'; provinceId: string; schoolId: string }
  | { kind: 'teacher'; provinceId: string; schoolId: string; teacherId: string }
  | { kind: 'student'; provinceId: string; schoolId: string; studentId: string }
  | { kind: 'none' };

/** The widest set of classes (and their students) an actor may list. */
export function classListScope(actor: Actor): ListScope {
  if (actor.role === 'dept_admin') return { kind: 'province', provinceId: actor.provinceId };
  if (actor.schoolId === null) return { kind: 'none' };
  const base = { provinceId: actor.provinceId, schoolId: actor.schoolId };
  switch (actor.role) {
    case 'school_admin':
      return { kind: 'school', ...base };
    case 'teacher':
      return { kind: 'teacher', ...base, teacherId: actor.userId };
    case 'student':
      return { kind: 'student', ...base, studentId: actor.userId };
  }
}

/** The schools an actor may list. */
export function schoolListScope(actor: Actor): ListScope {
  if (actor.role === 'dept_admin') return { kind: 'province', provinceId: actor.provinceId };
  if (actor.schoolId === null) return { kind: 'none' };
  return { kind: 'school', provinceId: actor.provinceId, schoolId: actor.schoolId };
}

/**
 * The curriculum levels whose content an actor may read: the Department every level, a
 * school the levels it teaches (a mixed school both). The one answer to "which levels".
 */
export function readableLevels(actor: Actor): CurriculumLevel[] {
  return actor.role === 'dept_admin' ? [...CurriculumLevelSchema.options] : curriculumLevelsOf(actor.schoolLevel);
}

/**
 * The submission entries an actor may list: the Department the province's, a school admin the
 * school's, a teacher and a student only the entries they made or are in (userId set).
 */
export function submissionEntryListScope(actor: Actor): { schoolId: string | null; userId: string | null } {
  return { schoolId: schoolFilterOf(actor), userId: actor.role === 'teacher' || actor.role === 'student' ? actor.userId : null };
}

/** Province staff see every school's rows; anyone else only their own school's (null: no narrowing). */
export function schoolFilterOf(actor: Actor): string | null {
  return actor.role === 'dept_admin' ? null : actor.schoolId;
}

/**
 * The accounts an actor may list, in the shape of `classListScope`: the Department the province's,
 * a school admin the school's, a teacher self, colleagues and the students of own classes, a
 * student self only (the users repository reads each kind so).
 */
export function userListScope(actor: Actor): ListScope {
  return classListScope(actor);
}
