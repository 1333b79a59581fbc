import { DEFAULT_PROVINCE_YEAR, type ProgramKind } from '@tinhtao/shared';

import { AccessRepository } from '../access/access.repository.js';
import { AccessService } from '../access/access.service.js';
import { ProvinceRepository } from '../org/province.repository.js';
import { ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { failureOf, newTestService } from '../testing/new-test-service.js';
import { CoverageRepository, type RequiredRow, type SchoolKindRow } from './coverage.repository.js';
import { CoverageService } from './coverage.service.js';

const P = 'province-1';
const S = 'school-1';
const YEAR = '2026-2027';
const NOW = new Date('2027-01-15T03:00:00Z');
const dept = { userId: 'd1', role: 'dept_admin', provinceId: P, schoolId: null, sessionId: 'x' } as AuthUser;
const schoolAdmin = { userId: 'a1', role: 'school_admin', provinceId: P, schoolId: S, sessionId: 'x' } as AuthUser;
const teacher = { userId: 't1', role: 'teacher', provinceId: P, schoolId: S, sessionId: 'x' } as AuthUser;

const lesson = (kind: ProgramKind, n: number): RequiredRow => ({ level: 'THCS', kind, lessonId: `l${n}`, lineageId: `g${n}`, title: `Bài ${n}` });
const counters = (kind: ProgramKind, c: Partial<SchoolKindRow>): SchoolKindRow => ({
  schoolId: S,
  kind,
  classes: 2,
  students: 40,
  pairs: 0,
  reached: 0,
  lacking: 0,
  lastAt: null,
  ...c,
});

/**
 * The service with its repositories mocked and the real access rule (over mocked facts): a
 * province whose THCS safety curriculum requires two lessons and whose media literacy one
 * requires none, one school of two classes and forty students.
 */
function newService() {
  const real = newTestService(AccessService);
  const accessRepo = real.mock(AccessRepository);
  const { sut, mock } = newTestService(CoverageService, { real: [new Clock(), real.sut] });
  const repo = mock(CoverageRepository);
  const province = mock(ProvinceRepository);
  province.findProvince.mockResolvedValue({ id: P, code: 'LS', name: 'Tỉnh Lạng Sơn' });
  province.findYear.mockResolvedValue(null);
  repo.required.mockResolvedValue([lesson('SAFETY', 1), lesson('SAFETY', 2)]);
  repo.inForce.mockResolvedValue([
    { level: 'THCS', kind: 'SAFETY' },
    { level: 'THCS', kind: 'MEDIA_LITERACY' },
  ]);
  repo.schools.mockResolvedValue([{ id: S, name: 'THCS Chi Lăng', ministryCode: 'LS0001', level: 'THCS', areaId: null, areaName: null }]);
  repo.schoolKinds.mockResolvedValue([]);
  repo.months.mockResolvedValue([]);
  repo.contests.mockResolvedValue([]);
  return { sut, repo, province, accessRepo };
}

describe(CoverageService.name, () => {
  describe('coverage', () => {
    it('refuses a teacher before reading anything', async () => {
      const { sut, repo, province } = newService();
      expect(await failureOf(sut.coverage(teacher, YEAR, 'THCS', NOW))).toBe(ErrorCode.Forbidden);
      expect(province.findProvince).not.toHaveBeenCalled();
      expect(repo.schools).not.toHaveBeenCalled();
    });

    it('narrows every read to the school of a school admin, and to nothing for the Department', async () => {
      const { sut, repo } = newService();
      await sut.coverage(schoolAdmin, YEAR, 'THCS', NOW);
      expect(repo.schools).toHaveBeenCalledWith(P, 'THCS', S);
      expect(repo.schoolKinds).toHaveBeenCalledWith(P, YEAR, 'THCS', { SAFETY: 2, MEDIA_LITERACY: 0 }, S);
      expect(repo.months).toHaveBeenCalledWith(P, YEAR, 'THCS', S);
      await sut.coverage(dept, YEAR, 'THCS', NOW);
      expect(repo.schools).toHaveBeenLastCalledWith(P, 'THCS', null);
      expect(repo.contests).toHaveBeenLastCalledWith(P, expect.any(Date), expect.any(Date), 'THCS', null);
    });

    it('figures a school from its counters: pairs over students × required lessons, against the default threshold', async () => {
      const { sut, repo } = newService();
      repo.schoolKinds.mockResolvedValue([
        counters('SAFETY', { pairs: 68, reached: 35, lacking: 1, lastAt: new Date('2026-12-01T02:00:00Z') }),
        counters('MEDIA_LITERACY', { lacking: 2 }),
      ]);
      const dto = await sut.coverage(dept, YEAR, 'THCS', NOW);
      const school = dto.schools[0];
      // 68 of 40 × 2 = 80 pairs: 85%, over the default threshold of 80%.
      expect(school.kinds.SAFETY.coverage).toEqual({ done: 68, of: 80, percent: 85 });
      expect(school.kinds.SAFETY.hasProgram).toBe(true);
      expect(school.kinds.SAFETY.classesLacking).toBe(1);
      // No required lesson: no class can lack one, and the program is not in force.
      expect(school.kinds.MEDIA_LITERACY.classesLacking).toBe(0);
      expect(school.kinds.MEDIA_LITERACY.hasProgram).toBe(false);
      expect(school.lastActivityAt).toBe('2026-12-01T02:00:00.000Z');
      expect(dto.totals.SAFETY.schools).toMatchObject({ done: 1, of: 1, percent: 100, target: 80, met: true });
      expect(dto.totals.SAFETY.reached).toMatchObject({ done: 35, of: 40, percent: 87.5, met: false });
      expect(dto.totals.MEDIA_LITERACY.curriculumInForce).toBe(false);
      expect(dto.settings.passMark).toBe(DEFAULT_PROVINCE_YEAR.passMark);
    });
  });

  describe('school', () => {
    it('answers 404 for a school outside the caller’s scope and reads none of it', async () => {
      const { sut, repo, accessRepo } = newService();
      accessRepo.schoolFacts.mockResolvedValue(new Map([[S, { provinceId: 'province-2', schoolId: S }]]));
      expect(await failureOf(sut.school(dept, S, YEAR, NOW))).toBe(ErrorCode.NotFound);
      expect(repo.school).not.toHaveBeenCalled();
    });

    it('lists the required lessons a class lacks and caps what it reached at its students', async () => {
      const { sut, repo, accessRepo } = newService();
      accessRepo.schoolFacts.mockResolvedValue(new Map([[S, { provinceId: P, schoolId: S }]]));
      repo.school.mockResolvedValue({ id: S, name: 'THCS Chi Lăng', ministryCode: 'LS0001', level: 'THCS', areaId: null, areaName: null, provinceId: P });
      repo.classes.mockResolvedValue([{ id: 'c1', name: '8A1', grade: 8, level: 'THCS', students: 30 }]);
      repo.classKinds.mockResolvedValue([{ classId: 'c1', kind: 'SAFETY', pairs: 45, reached: 31, lastAt: null }]);
      repo.classLessons.mockResolvedValue([{ classId: 'c1', lineageId: 'g1', passed: 25 }]);
      repo.assigned.mockResolvedValue([{ classId: 'c1', lineageId: 'g1' }]);
      repo.teachers.mockResolvedValue([{ classId: 'c1', id: 't1', fullName: 'Nguyễn Văn An' }]);

      const dto = await sut.school(schoolAdmin, S, YEAR, NOW);
      const [klass] = dto.classes;
      expect(klass.missing.map((l) => l.lineageId)).toEqual(['g2']);
      expect(klass.kinds.SAFETY).toEqual({
        coverage: { done: 45, of: 60, percent: 75 },
        reached: { done: 30, of: 30, percent: 100 },
        assigned: 1,
        required: 2,
      });
      expect(klass.passed).toEqual({ g1: 25 });
      expect(dto.teachers).toEqual([{ id: 't1', fullName: 'Nguyễn Văn An', classes: 1, students: 30, kinds: expect.any(Object) }]);
      expect(dto.teachers[0].kinds.SAFETY).toEqual({ done: 45, of: 60, percent: 75 });
      expect(dto.levels[0].kinds.SAFETY.classesLacking).toBe(1);
    });
  });

  it('takes the defaults for a year the province has not set', async () => {
    const { sut } = newService();
    expect(await sut.settings(P, YEAR)).toEqual({ ...DEFAULT_PROVINCE_YEAR, reportDeadline: null });
  });
});
