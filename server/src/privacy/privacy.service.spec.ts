import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { newTestService } from '../testing/new-test-service.js';
import { PrivacyRepository } from './privacy.repository.js';
import { ERASED_NAME, PrivacyService } from './privacy.service.js';

const admin = { userId: 'sa', role: 'school_admin', provinceId: 'p1', schoolId: 's1', sessionId: 'x' } as AuthUser;

describe(PrivacyService.name, () => {
  it("erases the student's data, ends the sessions and writes the audit event in one transaction", async () => {
    const { sut: service, mock } = newTestService(PrivacyService, { real: [new Clock()] });
    mock(AccessService).require.mockResolvedValue(new Map([['st1', { provinceId: 'p1', schoolId: 's1' }]]));
    const tx = { name: 'the transaction' } as unknown as Tx;
    mock(TransactionRepository).run.mockImplementation((work) => work(tx));
    const repo = mock(PrivacyRepository);
    expect(await service.erase(admin, 'st1')).toEqual({ erased: true });
    expect(repo.erasePersonalData).toHaveBeenCalledWith(tx, 'st1', ERASED_NAME, expect.stringMatching(/.{20,}/));
    expect(mock(AuthRepository).revokeSessionsOfUser).toHaveBeenCalledWith(tx, 'st1', 'erased');
    expect(mock(AuditService).record).toHaveBeenCalledWith(tx, admin, { action: 'user.erased', entity: 'user', entityId: 'st1', schoolId: 's1' });
  });
});
