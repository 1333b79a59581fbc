import { type DiagnosticDto, type DiagnosticSums, emptySums, MIN_GROUP_SIZE, Permission } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { failureOf, newTestService } from '../testing/new-test-service.js';
import { type DiagnosticRow, DiagnosticsRepository, type SchoolSums } from './diagnostics.repository.js';
import { DiagnosticsService } from './diagnostics.service.js';

const P1 = 'province-1';
const dept = { userId: 'dept-1', role: 'dept_admin', provinceId: P1, schoolId: null, schoolLevel: null, sessionId: 'x' } as AuthUser;
const headOfSchool = { userId: 'head-1', role: 'school_admin', provinceId: P1, schoolId: 'school-1', schoolLevel: 'THCS', sessionId: 'x' } as AuthUser;
const teacher = { userId: 'teacher-1', role: 'teacher', provinceId: P1, schoolId: 'school-1', schoolLevel: 'MIXED', sessionId: 'x' } as AuthUser;
const student = { userId: 'student-1', role: 'student', provinceId: P1, schoolId: 'school-1', schoolLevel: 'THCS', sessionId: 'x' } as AuthUser;

const diagnostic: DiagnosticRow = {
  id: 'diag-1',
  provinceId: P1,
  schoolYear: '2026-2027',
  level: 'THCS',
  kind: 'MEDIA_LITERACY',
  title: 'Khảo sát đầu năm',
  formALessonId: 'lesson-a',
  formBLessonId: 'lesson-b',
};
const summary: DiagnosticDto = {
  id: 'diag-1',
  title: 'Khảo sát đầu năm',
  schoolYear: '2026-2027',
  level: 'THCS',
  kind: 'MEDIA_LITERACY',
  createdAt: '2026-09-01T00:00:00.000Z',
  itemsPerForm: 4,
  rounds: [],
};
const round = { phase: 'pre', opensAt: '2026-09-05T01:00:00.000Z', dueAt: '2026-09-12T01:00:00.000Z' } as const;

/** The service with every collaborator mocked: every access check passes, the diagnostic exists. */
function newService() {
  const { sut: service, mock } = newTestService(DiagnosticsService);
  const access = mock(AccessService);
  access.require.mockResolvedValue(new Map());
  access.requireEach.mockResolvedValue(new Map());
  const repo = mock(DiagnosticsRepository);
  repo.findById.mockResolvedValue(diagnostic);
  repo.list.mockResolvedValue([summary]);
  repo.items.mockResolvedValue([]);
  repo.tagTallies.mockResolvedValue([]);
  repo.itemSums.mockResolvedValue([]);
  return { service, access, repo };
}

/** A group's pre-test sums when all its `n` students scored `percent`. */
const preOnly = (n: number, percent: number): DiagnosticSums => ({ ...emptySums(), preN: n, preSum: n * percent, preSumSq: n * percent * percent });

describe(DiagnosticsService.name, () => {
  describe('who reads diagnostics', () => {
    it('refuses a student the list, a diagnostic and its results before looking anything up', async () => {
      const { service, access, repo } = newService();
      expect(await failureOf(Promise.resolve().then(() => service.list(student)))).toBe(ErrorCode.Forbidden);
      expect(await failureOf(service.get(student, 'diag-1'))).toBe(ErrorCode.Forbidden);
      expect(await failureOf(service.results(student, 'diag-1', {}))).toBe(ErrorCode.Forbidden);
      expect(await failureOf(service.openRound(student, 'diag-1', { ...round, classIds: ['class-1'] }))).toBe(ErrorCode.Forbidden);
      expect(access.require).not.toHaveBeenCalled();
      expect(repo.list).not.toHaveBeenCalled();
      expect(repo.findById).not.toHaveBeenCalled();
    });

    it("lists the Department's every level across the province, a school's own levels in the school", async () => {
      const { service, repo } = newService();
      await service.list(dept);
      await service.list(teacher);
      await service.list(headOfSchool);
      expect(repo.list.mock.calls).toEqual([
        [P1, ['THCS', 'THPT'], null],
        [P1, ['THCS', 'THPT'], 'school-1'],
        [P1, ['THCS'], 'school-1'],
      ]);
    });

    it('checks the diagnostic itself as a diagnostic, not as any content', async () => {
      const { service, access } = newService();
      await service.get(headOfSchool, 'diag-1');
      expect(access.require).toHaveBeenCalledWith(headOfSchool, Permission.DiagnosticRead, ['diag-1']);
    });

    it("gives a student's own outcomes to the student only", async () => {
      const { service, repo } = newService();
      repo.mine.mockResolvedValue([
        {
          id: 'diag-1',
          title: 'Khảo sát đầu năm',
          kind: 'MEDIA_LITERACY',
          preForm: 'B',
          pre: { percent: 50, genuineRated: 4, genuineTrusted: 3, falseRated: 4, falseTrusted: 2 },
          post: null,
        },
      ]);
      expect(await failureOf(service.mine(teacher))).toBe(ErrorCode.Forbidden);
      expect(repo.mine).not.toHaveBeenCalled();
      // Discernment 3/4 − 2/4 = 0.25; the post-test would be form A.
      expect(await service.mine(student)).toEqual([
        { id: 'diag-1', title: 'Khảo sát đầu năm', kind: 'MEDIA_LITERACY', pre: { form: 'B', percent: 50, discernment: 0.25 }, post: null },
      ]);
      expect(repo.mine).toHaveBeenCalledWith('student-1');
    });
  });

  describe('opening a round', () => {
    it('makes a teacher name the classes, and checks each named class as one to open for', async () => {
      const { service, access, repo } = newService();
      expect(await failureOf(service.openRound(teacher, 'diag-1', round))).toBe(ErrorCode.ValidationFailed);
      expect(repo.classesFor).not.toHaveBeenCalled();

      repo.classesFor.mockResolvedValue([]);
      expect(await failureOf(service.openRound(teacher, 'diag-1', { ...round, classIds: ['class-1'] }))).toBe(ErrorCode.LessonDoesNotFit);
      expect(access.requireEach).toHaveBeenCalledWith(teacher, Permission.DiagnosticOpen, ['class-1']);
    });

    it('lets the Department open for every class of the level in the province', async () => {
      const { service, access, repo } = newService();
      repo.classesFor.mockResolvedValue([]);
      // No class of the level this year: the request got past the access checks to the classes.
      expect(await failureOf(service.openRound(dept, 'diag-1', round))).toBe(ErrorCode.ValidationFailed);
      expect(repo.classesFor).toHaveBeenCalledWith(diagnostic, null);
      expect(access.requireEach).not.toHaveBeenCalled();
    });
  });

  describe('results', () => {
    it("refuses a teacher a school's results, and reads the teacher's own classes by default", async () => {
      const { service, access, repo } = newService();
      expect(await failureOf(service.results(teacher, 'diag-1', { schoolId: 'school-1' }))).toBe(ErrorCode.Forbidden);
      expect(access.require).toHaveBeenCalledTimes(1);
      expect(repo.schoolSums).not.toHaveBeenCalled();

      repo.taughtClasses.mockResolvedValue([]);
      repo.classSumsOf.mockResolvedValue([]);
      repo.schoolName.mockResolvedValue('Trường THCS Đông Kinh');
      const own = await service.results(teacher, 'diag-1', {});
      expect(own.scope).toEqual({ type: 'teacher', id: 'teacher-1', name: 'Trường THCS Đông Kinh' });
      expect(repo.taughtClasses).toHaveBeenCalledWith(diagnostic, 'teacher-1');
      expect(repo.schoolSums).not.toHaveBeenCalled();
    });

    it("reads a school admin's own school, checked as a school's results", async () => {
      const { service, access, repo } = newService();
      repo.schoolSums.mockResolvedValue([]);
      repo.classSums.mockResolvedValue([]);
      repo.schoolName.mockResolvedValue('Trường THCS Đông Kinh');
      const result = await service.results(headOfSchool, 'diag-1', {});
      expect(result.scope).toEqual({ type: 'school', id: 'school-1', name: 'Trường THCS Đông Kinh' });
      expect(access.require).toHaveBeenLastCalledWith(headOfSchool, Permission.DiagnosticResultsRead, ['school-1']);
      expect(repo.list).toHaveBeenCalledWith(P1, ['THCS'], 'school-1', 'diag-1');
    });

    it('checks a class read through classId as a class of the caller', async () => {
      const { service, access, repo } = newService();
      access.require.mockResolvedValue(new Map([['class-1', { provinceId: P1, schoolId: 'school-1' }]]));
      repo.classSums.mockResolvedValue([]);
      repo.className.mockResolvedValue('8A');
      repo.classStudents.mockResolvedValue([]);
      repo.classTagTallies.mockResolvedValue([]);
      const result = await service.results(teacher, 'diag-1', { classId: 'class-1' });
      expect(access.require).toHaveBeenLastCalledWith(teacher, Permission.DiagnosticClassResultsRead, ['class-1']);
      expect(repo.classSums).toHaveBeenCalledWith('diag-1', 'school-1', 'class-1');
      expect(result.scope).toEqual({ type: 'class', id: 'class-1', name: '8A' });
    });

    it('adds up the schools into areas and the province, holding back groups under the minimum size', async () => {
      const { service, repo } = newService();
      const schools: SchoolSums[] = [
        { id: 'school-x', name: 'Trường X', areaId: 'north', areaName: 'Phía Bắc', ...preOnly(6, 60) },
        { id: 'school-y', name: 'Trường Y', areaId: 'north', areaName: 'Phía Bắc', ...preOnly(6, 80) },
        { id: 'school-z', name: 'Trường Z', areaId: 'south', areaName: 'Phía Nam', ...preOnly(4, 50) },
      ];
      repo.schoolSums.mockResolvedValue(schools);
      repo.provinceName.mockResolvedValue('Lạng Sơn');

      const result = await service.results(dept, 'diag-1', {});

      expect(repo.schoolSums).toHaveBeenCalledWith('diag-1', null);
      expect(repo.classSums).not.toHaveBeenCalled();
      expect(result.scope).toEqual({ type: 'province', id: P1, name: 'Lạng Sơn' });
      expect(result.minGroupSize).toBe(MIN_GROUP_SIZE);
      // The province: 16 students, (360 + 480 + 200) / 16 = 65, variance (70000 − 1040²/16) / 15 = 160.
      expect(result.total.students).toBe(16);
      expect(result.total.summary?.pre?.mean).toBe(65);
      expect(result.total.summary?.pre?.sd).toBeCloseTo(Math.sqrt(160), 10);
      expect(result.total.summary?.post).toBeNull();
      // The north: 12 students, 840 / 12 = 70; the south's 4 are under the minimum and show nothing.
      expect(result.areas.map((a) => [a.id, a.name, a.students, a.summary?.pre?.mean ?? null])).toEqual([
        ['north', 'Phía Bắc', 12, 70],
        ['south', 'Phía Nam', 4, null],
      ]);
      // Each school alone is under the minimum.
      expect(result.schools.map((s) => [s.id, s.students, s.summary])).toEqual([
        ['school-x', 6, null],
        ['school-y', 6, null],
        ['school-z', 4, null],
      ]);
    });
  });
});
