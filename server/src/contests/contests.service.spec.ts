import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { failureOf, newTestService } from '../testing/new-test-service.js';
import { ContestsRepository } from './contests.repository.js';
import { ContestsService } from './contests.service.js';

const teacher = { userId: 't1', role: 'teacher', provinceId: 'p1', schoolId: 's1', sessionId: 'x' } as AuthUser;

/** The service with every collaborator mocked: the access check passes, the contest is gone by the time it is read. */
function newService() {
  const { sut: service, mock } = newTestService(ContestsService, { real: [new Clock()] });
  const access = mock(AccessService);
  access.require.mockResolvedValue(new Map());
  const repo = mock(ContestsRepository);
  repo.findById.mockResolvedValue(null);
  return { service, access, repo, audit: mock(AuditService) };
}

describe(ContestsService.name, () => {
  it('answers 404 for a contest deleted between its access check and its read', async () => {
    const { service, access, repo } = newService();
    expect(await failureOf(service.get(teacher, 'c1'))).toBe(ErrorCode.NotFound);
    expect(access.require).toHaveBeenCalledTimes(1);
    expect(repo.findById).toHaveBeenCalledWith('c1');
  });

  it('opens no session for a contest deleted after its access check', async () => {
    const { service, repo, audit } = newService();
    expect(await failureOf(service.openSession(teacher, 'c1'))).toBe(ErrorCode.NotFound);
    expect(repo.insertSession).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });
});
