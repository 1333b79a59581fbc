import { Clock } from '../platform/clock.js';
import { newTestService } from '../testing/new-test-service.js';
import { TrainingRepository } from './training.repository.js';
import { TrainingService } from './training.service.js';

const year = '2026-2027';
const dept = { userId: 'd1', role: 'dept_admin' as const, provinceId: 'p1', schoolId: null, sessionId: 'x' };
const leaderOfB = { userId: 'sa', role: 'school_admin' as const, provinceId: 'p1', schoolId: 'B', sessionId: 'x' };

function newService() {
  const { sut: service, mock } = newTestService(TrainingService, { real: [new Clock()] });
  const repo = mock(TrainingRepository);
  repo.settings.mockResolvedValue({ staffTarget: 50, staffReachedTarget: 80, schoolThreshold: 80, passMark: 50 });
  const lesson = (id: string, required: boolean) => ({ id, title: id, kind: 'SAFETY' as const, durationMinutes: 15, summary: '', itemCount: 6, required });
  repo.program.mockResolvedValue([lesson('l1', true), lesson('l2', true), lesson('l3', true), lesson('l4', true), lesson('l5', false)]);
  repo.schools.mockResolvedValue([
    { id: 'A', name: 'Trường A', areaName: 'Xã Một' },
    { id: 'B', name: 'Trường B', areaName: null },
    { id: 'C', name: 'Trường C', areaName: 'Xã Một' },
  ]);
  // A: 2 staff, 6 of 8 pairs; B: 1 staff, 4 of 4; C has no staff at all; the Department: 1 official, 1 of 4.
  repo.counts.mockResolvedValue([
    { schoolId: 'A', staff: 2, completedPairs: 6, reached: 2 },
    { schoolId: 'B', staff: 1, completedPairs: 4, reached: 1 },
    { schoolId: null, staff: 1, completedPairs: 1, reached: 1 },
  ]);
  return { service, repo };
}

describe(TrainingService.name, () => {
  it('counts every school and the Department by the rule, against the year’s targets', async () => {
    const { service, repo } = newService();
    const coverage = await service.coverage(dept, { year });
    expect(repo.counts).toHaveBeenCalledWith('p1', year, expect.any(Date), expect.any(Date), 50);
    expect(coverage.requiredLessons).toBe(4);
    expect(coverage.units.map((u) => [u.name, u.coverage.percent, u.hasProgram])).toEqual([
      ['Trường A', 75, false],
      ['Trường B', 100, true],
      ['Trường C', null, false],
    ]);
    expect(coverage.department).toMatchObject({ schoolId: null, staff: 1, coverage: { done: 1, of: 4, percent: 25 }, hasProgram: false });
    // 1 of 3 schools (the Department is not a school); 4 of 4 people reached.
    expect(coverage.schools).toEqual({ done: 1, of: 3, percent: 33.3, target: 50, met: false });
    expect(coverage.staffReached).toEqual({ done: 4, of: 4, percent: 100, target: 80, met: true });
  });

  it('shows a school’s leader their own school alone, with no Department row and totals of it alone', async () => {
    const { service } = newService();
    const coverage = await service.coverage(leaderOfB, { year });
    expect(coverage.units.map((u) => u.schoolId)).toEqual(['B']);
    expect(coverage.department).toBeNull();
    expect(coverage.schools).toMatchObject({ done: 1, of: 1 });
    expect(coverage.staffReached).toMatchObject({ done: 1, of: 1 });
  });

  it('takes the defaults when the year has no settings', async () => {
    const { service, repo } = newService();
    repo.settings.mockResolvedValue(null);
    const coverage = await service.coverage(dept, { year });
    expect({ threshold: coverage.schoolThreshold, pass: coverage.passMark, target: coverage.schools.target }).toEqual({ threshold: 80, pass: 50, target: 100 });
  });
});
