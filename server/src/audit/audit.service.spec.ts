import type { AuditEventDto } from '@tinhtao/shared';

import type { AuthUser } from '../platform/auth.decorators.js';
import { newTestService } from '../testing/new-test-service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

const ID_A = '0b7d8a3e-54a1-4c2f-9d55-2f3f6b1b9a01';
const ID_B = '7c0e2a71-91a2-4e1b-8a3c-6d1e5b2c4f02';
const dept = { userId: 'd1', role: 'dept_admin', provinceId: 'p1', schoolId: null, sessionId: 'x' } as AuthUser;

const event = (detail: Record<string, unknown>): AuditEventDto => ({
  id: '1',
  at: '2026-12-07T00:00:00.000Z',
  action: 'assignment.created',
  entity: 'assignment',
  entityId: null,
  entityName: null,
  detail,
  schoolId: null,
  schoolName: null,
  actor: null,
});

describe(AuditService.name, () => {
  it("names the ids a page's details mention, once each, however deep, in the reader's province", async () => {
    const { sut: service, mock } = newTestService(AuditService);
    const repo = mock(AuditRepository);
    repo.findPage.mockResolvedValue({
      items: [event({ lessonId: ID_A, classIds: [ID_B.toUpperCase(), 'not-an-id'] }), event({ nested: { id: ID_A } })],
      total: 7,
    });
    repo.namesOf.mockResolvedValue([{ id: ID_A, name: 'Bài 1' }]);
    const page = await service.list(dept, { limit: 50, offset: 0 });
    expect(repo.namesOf).toHaveBeenCalledWith('p1', [ID_A, ID_B]);
    expect(page.total).toBe(7);
    expect(page.names).toEqual({ [ID_A]: 'Bài 1' });
  });

  it("writes an event in the actor's province unless it names one, on the transaction it is given", async () => {
    const { sut: service, mock } = newTestService(AuditService);
    const repo = mock(AuditRepository);
    const tx = {} as never;
    await service.record(tx, { userId: 'u1', provinceId: 'p1', schoolId: 's1' }, { action: 'user.erased', entity: 'user', entityId: 'u2' });
    await service.record(null, null, { action: 'user.erased', entity: 'user', provinceId: 'p2' });
    expect(repo.insert.mock.calls).toEqual([
      [{ actorId: 'u1', provinceId: 'p1', schoolId: null, action: 'user.erased', entity: 'user', entityId: 'u2', detail: {}, at: null }, tx],
      [{ actorId: null, provinceId: 'p2', schoolId: null, action: 'user.erased', entity: 'user', entityId: null, detail: {}, at: null }, undefined],
    ]);
  });
});
