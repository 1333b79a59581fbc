import {
  type Actor,
  allows,
  classListScope,
  Permission,
  readableLevels,
  schoolFilterOf,
  schoolListScope,
  type ScopeFacts,
  submissionEntryListScope,
  userListScope,
} from './scope.js';

const P1 = 'province-1';
const P2 = 'province-2';
const A = 'school-a';
const B = 'school-b';

const dept: Actor = { userId: 'dept', role: 'dept_admin', provinceId: P1, schoolId: null };
const schoolAdmin: Actor = { userId: 'sa', role: 'school_admin', provinceId: P1, schoolId: A };
const teacher: Actor = { userId: 't1', role: 'teacher', provinceId: P1, schoolId: A };
const student: Actor = { userId: 's1', role: 'student', provinceId: P1, schoolId: A };

const classOf = (schoolId: string, provinceId = P1, teacherIds = ['t1'], studentIds = ['s1']): ScopeFacts => ({
  provinceId,
  schoolId,
  teacherIds,
  studentIds,
});

describe('allows', () => {
  it('lets a dept admin manage schools of own province only', () => {
    expect(allows(dept, Permission.SchoolManage, { provinceId: P1, schoolId: A })).toBe(true);
    expect(allows(dept, Permission.SchoolManage, { provinceId: P2, schoolId: B })).toBe(false);
    expect(allows(dept, Permission.SchoolRead, { provinceId: P2, schoolId: B })).toBe(false);
  });

  it('keeps school staff inside their school', () => {
    expect(allows(schoolAdmin, Permission.SchoolRead, { provinceId: P1, schoolId: A })).toBe(true);
    expect(allows(schoolAdmin, Permission.SchoolRead, { provinceId: P1, schoolId: B })).toBe(false);
    expect(allows(schoolAdmin, Permission.SchoolManage, { provinceId: P1, schoolId: A })).toBe(false);
    expect(allows(teacher, Permission.SchoolRead, { provinceId: P1, schoolId: A })).toBe(true);
    expect(allows(teacher, Permission.SchoolRead, { provinceId: P1, schoolId: B })).toBe(false);
  });

  it("shows a school's coverage to the province's dept admin and the school's admin only", () => {
    const schoolA = { provinceId: P1, schoolId: A };
    expect(allows(dept, Permission.CoverageRead, schoolA)).toBe(true);
    expect(allows(dept, Permission.CoverageRead, { provinceId: P2, schoolId: B })).toBe(false);
    expect(allows(schoolAdmin, Permission.CoverageRead, schoolA)).toBe(true);
    expect(allows(schoolAdmin, Permission.CoverageRead, { provinceId: P1, schoolId: B })).toBe(false);
    expect(allows(teacher, Permission.CoverageRead, schoolA)).toBe(false);
    expect(allows(student, Permission.CoverageRead, schoolA)).toBe(false);
  });

  it('gives a person a copy of their own data, and lets only their managers erase a student', () => {
    const student = { provinceId: P1, schoolId: A, role: 'student' as const, userId: 's1', teacherIds: ['t1'] };
    expect(allows({ ...student, role: 'student', schoolId: A }, Permission.UserExport, student)).toBe(true);
    expect(allows(schoolAdmin, Permission.UserExport, student)).toBe(true);
    expect(allows(teacher, Permission.UserExport, student)).toBe(false);
    expect(allows(schoolAdmin, Permission.UserErase, student)).toBe(true);
    expect(allows(dept, Permission.UserErase, student)).toBe(true);
    expect(allows(teacher, Permission.UserErase, student)).toBe(false);
    expect(allows(schoolAdmin, Permission.UserErase, { ...student, role: 'teacher', userId: 't9' })).toBe(false);
    expect(allows(dept, Permission.AuditRead, { provinceId: P1, schoolId: null })).toBe(true);
    expect(allows(dept, Permission.AuditRead, { provinceId: P2, schoolId: null })).toBe(false);
    expect(allows(schoolAdmin, Permission.AuditRead, { provinceId: P1, schoolId: null })).toBe(false);
  });

  it('does not let a school id from another province pass as own school', () => {
    expect(allows(schoolAdmin, Permission.ClassManage, classOf(A, P2))).toBe(false);
  });

  it('lets a teacher read and enroll into own classes but not manage them or see others', () => {
    expect(allows(teacher, Permission.ClassRead, classOf(A))).toBe(true);
    expect(allows(teacher, Permission.ClassEnroll, classOf(A))).toBe(true);
    expect(allows(teacher, Permission.ClassManage, classOf(A))).toBe(false);
    expect(allows(teacher, Permission.ClassRead, classOf(A, P1, ['t2']))).toBe(false);
    expect(allows(teacher, Permission.ClassEnroll, classOf(A, P1, ['t2']))).toBe(false);
  });

  it('lets a school admin manage every class of the school', () => {
    expect(allows(schoolAdmin, Permission.ClassManage, classOf(A, P1, ['t2']))).toBe(true);
    expect(allows(schoolAdmin, Permission.ClassEnroll, classOf(B))).toBe(false);
  });

  it('lets a student read only the classes they are enrolled in', () => {
    expect(allows(student, Permission.ClassRead, classOf(A))).toBe(true);
    expect(allows(student, Permission.ClassRead, classOf(A, P1, ['t1'], ['s2']))).toBe(false);
    expect(allows(student, Permission.ClassEnroll, classOf(A))).toBe(false);
  });

  it('shows a teacher only the students of own classes, and colleagues', () => {
    const ownStudent: ScopeFacts = { provinceId: P1, schoolId: A, role: 'student', userId: 's1', teacherIds: ['t1'] };
    const otherStudent: ScopeFacts = { provinceId: P1, schoolId: A, role: 'student', userId: 's9', teacherIds: ['t2'] };
    const colleague: ScopeFacts = { provinceId: P1, schoolId: A, role: 'teacher', userId: 't2' };
    expect(allows(teacher, Permission.UserRead, ownStudent)).toBe(true);
    expect(allows(teacher, Permission.UserRead, otherStudent)).toBe(false);
    expect(allows(teacher, Permission.UserRead, colleague)).toBe(true);
    expect(allows(teacher, Permission.UserManage, ownStudent)).toBe(false);
    expect(allows(teacher, Permission.UserResetPassword, ownStudent)).toBe(true);
    expect(allows(teacher, Permission.UserResetPassword, otherStudent)).toBe(false);
  });

  it('lets a student read only themselves', () => {
    expect(allows(student, Permission.UserRead, { provinceId: P1, schoolId: A, role: 'student', userId: 's1' })).toBe(true);
    expect(allows(student, Permission.UserRead, { provinceId: P1, schoolId: A, role: 'student', userId: 's2' })).toBe(false);
  });

  it('never lets a school admin create or change a dept admin, nor anyone change themselves', () => {
    expect(allows(schoolAdmin, Permission.UserManage, { provinceId: P1, schoolId: A, role: 'teacher' })).toBe(true);
    expect(allows(schoolAdmin, Permission.UserManage, { provinceId: P1, schoolId: null, role: 'dept_admin' })).toBe(false);
    expect(allows(dept, Permission.UserManage, { provinceId: P1, schoolId: null, role: 'dept_admin', userId: 'dept' })).toBe(false);
    expect(allows(dept, Permission.UserResetPassword, { provinceId: P1, schoolId: null, role: 'dept_admin', userId: 'dept' })).toBe(false);
  });

  it('keeps areas and province settings with the dept admin of the province', () => {
    expect(allows(dept, Permission.AreaManage, { provinceId: P1, schoolId: null })).toBe(true);
    expect(allows(dept, Permission.ProvinceManage, { provinceId: P2, schoolId: null })).toBe(false);
    expect(allows(schoolAdmin, Permission.AreaManage, { provinceId: P1, schoolId: null })).toBe(false);
    expect(allows(student, Permission.ProvinceRead, { provinceId: P1, schoolId: null })).toBe(true);
  });

  it('shows schools only the content published for their level, and lets only the dept admin change it', () => {
    const thcsContent: ScopeFacts = { provinceId: P1, schoolId: null, publishedLevels: ['THCS'] };
    const draft: ScopeFacts = { provinceId: P1, schoolId: null, publishedLevels: [] };
    const thcsTeacher = { ...teacher, schoolLevel: 'THCS' as const };
    const thptTeacher = { ...teacher, schoolLevel: 'THPT' as const };
    const mixedStudent = { ...student, schoolLevel: 'MIXED' as const };
    expect(allows(thcsTeacher, Permission.ContentRead, thcsContent)).toBe(true);
    expect(allows(thptTeacher, Permission.ContentRead, thcsContent)).toBe(false);
    expect(allows(mixedStudent, Permission.ContentRead, thcsContent)).toBe(true);
    expect(allows(thcsTeacher, Permission.ContentRead, draft)).toBe(false);
    expect(allows(teacher, Permission.ContentRead, thcsContent)).toBe(false);
    expect(allows(thcsTeacher, Permission.ContentRead, { ...thcsContent, provinceId: P2 })).toBe(false);
    expect(allows(dept, Permission.ContentRead, draft)).toBe(true);
    expect(allows(dept, Permission.ContentManage, draft)).toBe(true);
    expect(allows(dept, Permission.ContentManage, { ...draft, provinceId: P2 })).toBe(false);
    expect(allows(thcsTeacher, Permission.ContentManage, thcsContent)).toBe(false);
  });
});

describe('assignments and attempts', () => {
  const ownClass = classOf(A);
  it('lets the teachers of a class and the school admin assign to it, nobody else', () => {
    expect(allows(teacher, Permission.ClassAssign, ownClass)).toBe(true);
    expect(allows(schoolAdmin, Permission.ClassAssign, classOf(A, P1, ['t2']))).toBe(true);
    expect(allows(teacher, Permission.ClassAssign, classOf(A, P1, ['t2']))).toBe(false);
    expect(allows(dept, Permission.ClassAssign, ownClass)).toBe(false);
    expect(allows(student, Permission.ClassAssign, ownClass)).toBe(false);
    expect(allows(schoolAdmin, Permission.ClassAssign, classOf(B))).toBe(false);
  });

  it("lets only the attempt's own student answer, and its teachers review", () => {
    const attempt = classOf(A, P1, ['t1'], ['s1']);
    expect(allows(student, Permission.AttemptWrite, attempt)).toBe(true);
    expect(allows({ ...student, userId: 's2' }, Permission.AttemptWrite, attempt)).toBe(false);
    expect(allows(teacher, Permission.AttemptWrite, attempt)).toBe(false);
    expect(allows(teacher, Permission.AttemptReview, attempt)).toBe(true);
    expect(allows({ ...teacher, userId: 't2' }, Permission.AttemptReview, attempt)).toBe(false);
    expect(allows(student, Permission.AttemptRead, attempt)).toBe(true);
    expect(allows({ ...student, userId: 's2' }, Permission.AttemptRead, attempt)).toBe(false);
  });
});

describe('list scopes', () => {
  it('narrows classes by role', () => {
    expect(classListScope(dept)).toEqual({ kind: 'province', provinceId: P1 });
    expect(classListScope(schoolAdmin)).toEqual({ kind: 'school', provinceId: P1, schoolId: A });
    expect(classListScope(teacher)).toEqual({ kind: 'teacher', provinceId: P1, schoolId: A, teacherId: 't1' });
    expect(classListScope(student)).toEqual({ kind: 'student', provinceId: P1, schoolId: A, studentId: 's1' });
  });

  it('gives a school role without a school nothing', () => {
    expect(schoolListScope({ ...teacher, schoolId: null })).toEqual({ kind: 'none' });
    expect(classListScope({ ...student, schoolId: null })).toEqual({ kind: 'none' });
  });
});

describe('readableLevels', () => {
  const base = { userId: 'u', provinceId: 'p', schoolId: 's' };
  it('gives the Department every level and a school the levels it teaches', () => {
    expect(readableLevels({ ...base, role: 'dept_admin', schoolId: null })).toEqual(['THCS', 'THPT']);
    expect(readableLevels({ ...base, role: 'teacher', schoolLevel: 'THCS' })).toEqual(['THCS']);
    expect(readableLevels({ ...base, role: 'student', schoolLevel: 'THPT' })).toEqual(['THPT']);
    expect(readableLevels({ ...base, role: 'school_admin', schoolLevel: 'MIXED' })).toEqual(['THCS', 'THPT']);
  });
  it('narrows lists to the school for everyone but the Department', () => {
    expect(schoolFilterOf({ ...base, role: 'dept_admin', schoolId: null })).toBeNull();
    expect(schoolFilterOf({ ...base, role: 'teacher' })).toBe('s');
  });
});

describe('diagnostics', () => {
  const thcs = (who: Actor): Actor => ({ ...who, schoolLevel: 'THCS' });
  const thcsDiagnostic: ScopeFacts = { provinceId: P1, schoolId: null, publishedLevels: ['THCS'] };
  const thptDiagnostic: ScopeFacts = { provinceId: P1, schoolId: null, publishedLevels: ['THPT'] };

  it('lets the staff of a level read its diagnostics, and never a student', () => {
    expect(allows(dept, Permission.DiagnosticRead, thptDiagnostic)).toBe(true);
    expect(allows(dept, Permission.DiagnosticRead, { ...thcsDiagnostic, provinceId: P2 })).toBe(false);
    expect(allows(thcs(teacher), Permission.DiagnosticRead, thcsDiagnostic)).toBe(true);
    expect(allows(thcs(schoolAdmin), Permission.DiagnosticRead, thptDiagnostic)).toBe(false);
    // A student may read the content of the level, but not the diagnostic built of it.
    expect(allows(thcs(student), Permission.ContentRead, thcsDiagnostic)).toBe(true);
    expect(allows(thcs(student), Permission.DiagnosticRead, thcsDiagnostic)).toBe(false);
  });

  it('lets the Department open a round for the province or any class, a school for the classes it may assign', () => {
    const province: ScopeFacts = { provinceId: P1, schoolId: null };
    expect(allows(dept, Permission.DiagnosticOpen, province)).toBe(true);
    expect(allows(dept, Permission.DiagnosticOpen, classOf(B, P1, []))).toBe(true);
    expect(allows(dept, Permission.DiagnosticOpen, classOf(B, P2))).toBe(false);
    expect(allows(schoolAdmin, Permission.DiagnosticOpen, province)).toBe(false);
    expect(allows(schoolAdmin, Permission.DiagnosticOpen, classOf(A, P1, []))).toBe(true);
    expect(allows(schoolAdmin, Permission.DiagnosticOpen, classOf(B))).toBe(false);
    expect(allows(teacher, Permission.DiagnosticOpen, classOf(A))).toBe(true);
    expect(allows(teacher, Permission.DiagnosticOpen, classOf(A, P1, ['t2']))).toBe(false);
    expect(allows(teacher, Permission.DiagnosticOpen, province)).toBe(false);
    expect(allows(student, Permission.DiagnosticOpen, classOf(A))).toBe(false);
  });

  it("lets admins read a school's results and teachers only their classes'", () => {
    const schoolA: ScopeFacts = { provinceId: P1, schoolId: A };
    expect(allows(dept, Permission.DiagnosticResultsRead, { provinceId: P1, schoolId: null })).toBe(true);
    expect(allows(dept, Permission.DiagnosticResultsRead, { provinceId: P1, schoolId: B })).toBe(true);
    expect(allows(schoolAdmin, Permission.DiagnosticResultsRead, schoolA)).toBe(true);
    expect(allows(schoolAdmin, Permission.DiagnosticResultsRead, { provinceId: P1, schoolId: null })).toBe(false);
    expect(allows(schoolAdmin, Permission.DiagnosticResultsRead, { provinceId: P1, schoolId: B })).toBe(false);
    expect(allows(teacher, Permission.DiagnosticResultsRead, schoolA)).toBe(false);
    expect(allows(teacher, Permission.DiagnosticClassResultsRead, classOf(A))).toBe(true);
    expect(allows(teacher, Permission.DiagnosticClassResultsRead, classOf(A, P1, ['t2']))).toBe(false);
    expect(allows(schoolAdmin, Permission.DiagnosticClassResultsRead, classOf(A, P1, []))).toBe(true);
    expect(allows(student, Permission.DiagnosticClassResultsRead, classOf(A))).toBe(false);
  });

  it('lets only the student take a diagnostic and read the own outcomes', () => {
    const own: ScopeFacts = { provinceId: P1, schoolId: A, userId: 's1' };
    expect(allows(student, Permission.DiagnosticTake, own)).toBe(true);
    expect(allows(student, Permission.DiagnosticTake, { ...own, userId: 's2' })).toBe(false);
    expect(allows(teacher, Permission.DiagnosticTake, { ...own, userId: 't1' })).toBe(false);
    expect(allows(dept, Permission.DiagnosticTake, { provinceId: P1, schoolId: null, userId: 'dept' })).toBe(false);
  });
});

describe('lessons, answer keys and curriculum drafts', () => {
  const thcsTeacher: Actor = { ...teacher, schoolLevel: 'THCS' };
  const thcsStudent: Actor = { ...student, schoolLevel: 'THCS' };
  const published = (publishedLevels: ('THCS' | 'THPT')[], provinceId = P1): ScopeFacts => ({ provinceId, schoolId: null, publishedLevels });

  it('shows answer keys to the staff who read the content, never to a student', () => {
    expect(allows(dept, Permission.ContentItemsRead, published([]))).toBe(true);
    expect(allows(dept, Permission.ContentItemsRead, published([], P2))).toBe(false);
    expect(allows(thcsTeacher, Permission.ContentItemsRead, published(['THCS']))).toBe(true);
    expect(allows(thcsTeacher, Permission.ContentItemsRead, published(['THPT']))).toBe(false);
    expect(allows(thcsStudent, Permission.ContentRead, published(['THCS']))).toBe(true);
    expect(allows(thcsStudent, Permission.ContentItemsRead, published(['THCS']))).toBe(false);
  });

  it('lets a student read a diagnostic form only when dealt it, and staff read it as content', () => {
    const form = (studentIds: string[]): ScopeFacts => ({ ...published(['THCS']), diagnosticForm: true, studentIds });
    expect(allows(thcsStudent, Permission.LessonRead, form(['s1']))).toBe(true);
    expect(allows(thcsStudent, Permission.LessonRead, form([]))).toBe(false);
    expect(allows({ ...thcsStudent, userId: 's2' }, Permission.LessonRead, form(['s1']))).toBe(false);
    expect(allows(thcsTeacher, Permission.LessonRead, form([]))).toBe(true);
    expect(allows(thcsStudent, Permission.LessonRead, published(['THCS']))).toBe(true);
    expect(allows(thcsStudent, Permission.LessonRead, { ...published(['THPT']), diagnosticForm: true, studentIds: ['s1'] })).toBe(false);
  });

  it("shows a curriculum's drafts to the province's dept admins only", () => {
    expect(allows(dept, Permission.CurriculumDraftsRead, published([]))).toBe(true);
    expect(allows(dept, Permission.CurriculumDraftsRead, published([], P2))).toBe(false);
    expect(allows({ ...schoolAdmin, schoolLevel: 'THCS' }, Permission.CurriculumDraftsRead, published(['THCS']))).toBe(false);
    expect(allows(thcsTeacher, Permission.CurriculumDraftsRead, published(['THCS']))).toBe(false);
  });
});

describe('assignment attempts and the review queue', () => {
  const given = (studentIds: string[], schoolId = A): ScopeFacts => ({ provinceId: P1, schoolId, teacherIds: ['t1'], studentIds });

  it('lets only a student the assignment is given to start it', () => {
    expect(allows(student, Permission.AssignmentStart, given(['s1']))).toBe(true);
    expect(allows(student, Permission.AssignmentStart, given(['s2']))).toBe(false);
    expect(allows(student, Permission.AssignmentStart, given(['s1'], B))).toBe(false);
    expect(allows(teacher, Permission.AssignmentStart, given(['s1', 't1']))).toBe(false);
    expect(allows(schoolAdmin, Permission.AssignmentStart, given(['sa']))).toBe(false);
  });

  it('gives a review queue to the teachers and admins of a school, in their own school only', () => {
    const ownSchool = { provinceId: P1, schoolId: A };
    expect(allows(teacher, Permission.AttemptReviewQueue, ownSchool)).toBe(true);
    expect(allows(schoolAdmin, Permission.AttemptReviewQueue, ownSchool)).toBe(true);
    expect(allows(teacher, Permission.AttemptReviewQueue, { provinceId: P1, schoolId: B })).toBe(false);
    expect(allows(student, Permission.AttemptReviewQueue, ownSchool)).toBe(false);
    expect(allows(dept, Permission.AttemptReviewQueue, { provinceId: P1, schoolId: null })).toBe(false);
    expect(allows({ ...teacher, schoolId: null }, Permission.AttemptReviewQueue, { provinceId: P1, schoolId: null })).toBe(false);
  });
});

describe('coverage and reports', () => {
  const ownScope = (actor: Actor): ScopeFacts => ({ provinceId: actor.provinceId, schoolId: schoolFilterOf(actor) });

  it('shows the coverage dashboard to the Department (whole province) and a school admin (own school), no one else', () => {
    expect(allows(dept, Permission.CoverageRead, ownScope(dept))).toBe(true);
    expect(allows(schoolAdmin, Permission.CoverageRead, ownScope(schoolAdmin))).toBe(true);
    expect(allows(teacher, Permission.CoverageRead, ownScope(teacher))).toBe(false);
    expect(allows(student, Permission.CoverageRead, ownScope(student))).toBe(false);
    expect(allows({ ...schoolAdmin, schoolId: null }, Permission.CoverageRead, ownScope({ ...schoolAdmin, schoolId: null }))).toBe(false);
    // A school admin's scope is never the whole province.
    expect(allows(schoolAdmin, Permission.CoverageRead, { provinceId: P1, schoolId: null })).toBe(false);
  });

  it('gives the annual report to the dept admins of its province only', () => {
    const province = { provinceId: P1, schoolId: null };
    expect(allows(dept, Permission.ReportRead, province)).toBe(true);
    expect(allows(dept, Permission.ReportRead, { provinceId: P2, schoolId: null })).toBe(false);
    expect(allows(schoolAdmin, Permission.ReportRead, province)).toBe(false);
    expect(allows(teacher, Permission.ReportRead, province)).toBe(false);
    expect(allows(student, Permission.ReportRead, province)).toBe(false);
  });
});

describe('contests: join and create', () => {
  /** A province contest whose facts list the asking user when its scope takes them in. */
  const contest = (takesIn: string[], provinceId = P1): ScopeFacts => ({ provinceId, schoolId: null, teacherIds: [], studentIds: takesIn });

  it('lets a student join a contest whose scope takes them in, in their own province', () => {
    expect(allows(student, Permission.ContestJoin, contest(['s1']))).toBe(true);
    expect(allows(student, Permission.ContestJoin, contest([]))).toBe(false);
    expect(allows(student, Permission.ContestJoin, contest(['s1'], P2))).toBe(false);
  });

  it('lets no staff join a contest, even one that lists them', () => {
    expect(allows(teacher, Permission.ContestJoin, contest(['t1']))).toBe(false);
    expect(allows(dept, Permission.ContestJoin, contest(['dept']))).toBe(false);
  });

  it('lets the Department create a contest for its province or any of its schools, a school admin for own school only', () => {
    const province = { provinceId: P1, schoolId: null };
    expect(allows(dept, Permission.ContestCreate, province)).toBe(true);
    expect(allows(dept, Permission.ContestCreate, { provinceId: P2, schoolId: null })).toBe(false);
    expect(allows(dept, Permission.ContestCreate, { provinceId: P1, schoolId: B })).toBe(true);
    expect(allows(schoolAdmin, Permission.ContestCreate, { provinceId: P1, schoolId: A })).toBe(true);
    expect(allows(schoolAdmin, Permission.ContestCreate, { provinceId: P1, schoolId: B })).toBe(false);
    expect(allows(schoolAdmin, Permission.ContestCreate, province)).toBe(false);
    expect(allows(teacher, Permission.ContestCreate, { provinceId: P1, schoolId: A })).toBe(false);
    expect(allows(student, Permission.ContestCreate, { provinceId: P1, schoolId: A })).toBe(false);
  });
});

describe('imports, rollover, province years and class lists', () => {
  const province = { provinceId: P1, schoolId: null };
  it('lets only the province’s dept admins import schools and roll every school over', () => {
    for (const permission of [Permission.SchoolsImport, Permission.ProvinceRollover]) {
      expect(allows(dept, permission, province)).toBe(true);
      expect(allows(dept, permission, { ...province, provinceId: P2 })).toBe(false);
      expect(allows(schoolAdmin, permission, province)).toBe(false);
      expect(allows(teacher, permission, province)).toBe(false);
    }
  });

  it('shows the province’s years to its staff, not its students', () => {
    expect(allows(dept, Permission.ProvinceYearsRead, province)).toBe(true);
    expect(allows(teacher, Permission.ProvinceYearsRead, province)).toBe(true);
    expect(allows(schoolAdmin, Permission.ProvinceYearsRead, { ...province, provinceId: P2 })).toBe(false);
    expect(allows(student, Permission.ProvinceYearsRead, province)).toBe(false);
  });

  it('shows a class’s students to those who read the class, except its students', () => {
    const cls = classOf(A, P1, ['t1'], ['s1']);
    expect(allows(teacher, Permission.ClassStudentsRead, cls)).toBe(true);
    expect(allows({ ...teacher, userId: 't2' }, Permission.ClassStudentsRead, cls)).toBe(false);
    expect(allows(student, Permission.ClassRead, cls)).toBe(true);
    expect(allows(student, Permission.ClassStudentsRead, cls)).toBe(false);
  });

  it('narrows accounts by role', () => {
    expect(userListScope(dept)).toEqual({ kind: 'province', provinceId: P1 });
    expect(userListScope(schoolAdmin)).toEqual({ kind: 'school', provinceId: P1, schoolId: A });
    expect(userListScope(teacher)).toEqual({ kind: 'teacher', provinceId: P1, schoolId: A, teacherId: 't1' });
    expect(userListScope(student)).toEqual({ kind: 'student', provinceId: P1, schoolId: A, studentId: 's1' });
  });
});

describe('submission contests: who enters and which entries a list shows', () => {
  const individual: ScopeFacts = { provinceId: P1, schoolId: null };
  const team: ScopeFacts = { provinceId: P1, schoolId: null, teamEntries: true };

  it('lets a student enter an individual contest and a teacher a team contest, of their own province only', () => {
    expect(allows(student, Permission.SubmissionEnter, individual)).toBe(true);
    expect(allows(teacher, Permission.SubmissionEnter, individual)).toBe(false);
    expect(allows(teacher, Permission.SubmissionEnter, team)).toBe(true);
    expect(allows(student, Permission.SubmissionEnter, team)).toBe(false);
    expect(allows(student, Permission.SubmissionEnter, { ...individual, provinceId: P2 })).toBe(false);
    expect(allows(teacher, Permission.SubmissionEnter, { ...team, provinceId: P2 })).toBe(false);
    for (const staff of [dept, schoolAdmin]) {
      expect(allows(staff, Permission.SubmissionEnter, individual)).toBe(false);
      expect(allows(staff, Permission.SubmissionEnter, team)).toBe(false);
    }
  });

  it('lists the province’s entries to the Department, the school’s to its admin, and only their own to teachers and students', () => {
    expect(submissionEntryListScope(dept)).toEqual({ schoolId: null, userId: null });
    expect(submissionEntryListScope(schoolAdmin)).toEqual({ schoolId: A, userId: null });
    expect(submissionEntryListScope(teacher)).toEqual({ schoolId: A, userId: 't1' });
    expect(submissionEntryListScope(student)).toEqual({ schoolId: A, userId: 's1' });
  });
});
