import type { ScopeFacts } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { failureOf, newTestService } from '../testing/new-test-service.js';
import { AttemptsRepository } from './attempts.repository.js';
import { AttemptsService } from './attempts.service.js';

const base = { provinceId: 'p1', schoolId: 's1', sessionId: 'x' };
const teacher = { ...base, userId: 't1', role: 'teacher' } as AuthUser;
const schoolAdmin = { ...base, userId: 'sa', role: 'school_admin' } as AuthUser;
const student = { ...base, userId: 'st1', role: 'student' } as AuthUser;
const dept = { ...base, userId: 'd1', role: 'dept_admin', schoolId: null } as AuthUser;
const query = { limit: 50, offset: 0 };

/** The assignment a1 of school s1, given to the students listed. */
function newService(givenTo: string[] = ['st1']) {
  const { sut: service, mock } = newTestService(AttemptsService);
  const facts: ScopeFacts = { provinceId: 'p1', schoolId: 's1', teacherIds: ['t1'], studentIds: givenTo };
  mock(AccessService).require.mockResolvedValue(new Map([['a1', facts]]));
  return { service, repo: mock(AttemptsRepository) };
}

describe(AttemptsService.name, () => {
  it("gives a teacher the queue of the teacher's own classes, and a school admin the school's", async () => {
    const { service, repo } = newService();
    repo.reviewQueue.mockResolvedValue([]);
    await service.reviewQueue(teacher, query);
    await service.reviewQueue(schoolAdmin, query);
    expect(repo.reviewQueue.mock.calls.map(([scope]) => scope)).toEqual([
      { kind: 'teacher', provinceId: 'p1', schoolId: 's1', teacherId: 't1' },
      { kind: 'school', provinceId: 'p1', schoolId: 's1' },
    ]);
  });

  it('refuses a review queue to students and to the Department with 403, reading nothing', async () => {
    const { service, repo } = newService();
    expect(await failureOf(service.reviewQueue(student, query))).toBe(ErrorCode.Forbidden);
    expect(await failureOf(service.reviewSummary(dept, query))).toBe(ErrorCode.Forbidden);
    expect(await failureOf(service.reviewQueue({ ...teacher, schoolId: null }, query))).toBe(ErrorCode.Forbidden);
    expect(repo.reviewQueue).not.toHaveBeenCalled();
    expect(repo.reviewSummary).not.toHaveBeenCalled();
  });

  it('lets only a student the assignment is given to start it', async () => {
    const { service, repo } = newService(['st2']);
    expect(await failureOf(service.start(student, 'a1'))).toBe(ErrorCode.Forbidden);
    expect(await failureOf(service.start(teacher, 'a1'))).toBe(ErrorCode.Forbidden);
    expect(repo.findOrCreate).not.toHaveBeenCalled();
  });

  it('does not open an attempt before the assignment opens', async () => {
    const { service, repo } = newService(['st1']);
    repo.findOpenState.mockResolvedValue({ early: true, closed: false });
    expect(await failureOf(service.start(student, 'a1'))).toBe(ErrorCode.AssignmentNotOpen);
    expect(repo.findOpenState).toHaveBeenCalledWith('a1');
    expect(repo.findOrCreate).not.toHaveBeenCalled();
  });
});
