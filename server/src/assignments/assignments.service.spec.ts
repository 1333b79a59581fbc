import { Clock } from '../platform/clock.js';
import { newTestService } from '../testing/new-test-service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { AssignmentsService } from './assignments.service.js';

const base = { provinceId: 'p1', schoolId: 's1', sessionId: 'x' };

function newService() {
  const { sut: service, mock } = newTestService(AssignmentsService, { real: [new Clock()] });
  const repo = mock(AssignmentsRepository);
  repo.forStudent.mockResolvedValue([]);
  repo.list.mockResolvedValue([]);
  repo.plan.mockResolvedValue([]);
  return { service, repo };
}

describe(AssignmentsService.name, () => {
  it("lists a student's own assignments, and a teacher's those of the teacher's classes", async () => {
    const { service, repo } = newService();
    await service.list({ ...base, userId: 'st1', role: 'student' }, {});
    await service.list({ ...base, userId: 't1', role: 'teacher' }, { classId: 'c1' });
    expect(repo.forStudent).toHaveBeenCalledWith('st1');
    expect(repo.list).toHaveBeenCalledTimes(1);
    expect(repo.list).toHaveBeenCalledWith({ kind: 'teacher', provinceId: 'p1', schoolId: 's1', teacherId: 't1' }, { classId: 'c1' });
  });

  it('plans the Department over every level and a school over the levels it teaches, in the year asked', async () => {
    const { service, repo } = newService();
    await service.plan({ ...base, userId: 'd1', role: 'dept_admin', schoolId: null }, { schoolYear: '2026-2027' });
    await service.plan({ ...base, userId: 'sa', role: 'school_admin', schoolLevel: 'THPT' }, { schoolYear: '2026-2027' });
    expect(repo.plan.mock.calls.map(([, levels, year]) => [levels, year])).toEqual([
      [['THCS', 'THPT'], '2026-2027'],
      [['THPT'], '2026-2027'],
    ]);
  });
});
