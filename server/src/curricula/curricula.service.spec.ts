import { Permission, type ScopeFacts } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository, type Tx } from '../database/transaction.repository.js';
import { ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { failureOf, newTestService } from '../testing/new-test-service.js';
import { CurriculaRepository } from './curricula.repository.js';
import { CurriculaService } from './curricula.service.js';

const dept = { userId: 'd1', role: 'dept_admin', provinceId: 'p1', schoolId: null, sessionId: 'x' } as AuthUser;
const schoolAdmin = { userId: 'a1', role: 'school_admin', provinceId: 'p1', schoolId: 'sc1', schoolLevel: 'THPT', sessionId: 'x' } as AuthUser;
const facts: ScopeFacts = { provinceId: 'p1', schoolId: null, publishedLevels: ['THPT'] };

function newService() {
  const { sut: service, mock } = newTestService(CurriculaService);
  const access = mock(AccessService);
  access.require.mockResolvedValue(new Map([['c1', facts]]));
  const repo = mock(CurriculaRepository);
  repo.findById.mockResolvedValue({ id: 'c1', provinceId: 'p1', schoolYear: '2026-2027', level: 'THPT', kind: 'MEDIA_LITERACY' });
  repo.findVersionId.mockImplementation((_id, status) => Promise.resolve(status === 'published' ? 'v1' : 'v2'));
  repo.findVersion.mockResolvedValue(null);
  const tx = {} as Tx;
  mock(TransactionRepository).run.mockImplementation((work) => work(tx));
  return { service, access, repo, audit: mock(AuditService), tx };
}

describe(CurriculaService.name, () => {
  it('lists every level with drafts for the Department, and the school’s levels without drafts for a school', async () => {
    const { service, repo } = newService();
    await service.list(dept, {});
    await service.list(schoolAdmin, {});
    expect(repo.list.mock.calls.map((c) => [c[1], c[3]])).toEqual([
      [['THCS', 'THPT'], true],
      [['THPT'], false],
    ]);
  });

  it('shows the draft of a curriculum to the Department only', async () => {
    const { service, repo } = newService();
    await service.get(schoolAdmin, 'c1');
    expect(repo.findVersionId.mock.calls.map((c) => c[1])).toEqual(['published']);
    await service.get(dept, 'c1');
    expect(repo.findVersionId.mock.calls.map((c) => c[1])).toEqual(['published', 'published', 'draft']);
  });

  it('lists drafts among the versions for the Department only', async () => {
    const { service, repo, access } = newService();
    await service.versions(schoolAdmin, 'c1');
    await service.versions(dept, 'c1');
    expect(access.require).toHaveBeenCalledWith(schoolAdmin, Permission.ContentRead, ['c1'], 'curriculum');
    expect(repo.versions.mock.calls.map((c) => c[1])).toEqual([
      ['published', 'superseded'],
      ['draft', 'published', 'superseded'],
    ]);
  });

  it('refuses to discard a published version, and deletes nothing', async () => {
    const { service, repo, audit } = newService();
    repo.lockVersion.mockResolvedValue({ status: 'published', curriculumId: 'c1' });
    expect(await failureOf(service.discardDraft(dept, 'v1'))).toBe(ErrorCode.ContentLocked);
    expect(repo.deleteDraft).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('discards a draft in one transaction with its audit entry', async () => {
    const { service, repo, audit, tx } = newService();
    repo.lockVersion.mockResolvedValue({ status: 'draft', curriculumId: 'c1' });
    await service.discardDraft(dept, 'v2');
    expect(repo.deleteDraft).toHaveBeenCalledWith(tx, 'v2', 'c1');
    expect(audit.record).toHaveBeenCalledWith(tx, dept, {
      action: 'curriculum.draft_discarded',
      entity: 'curriculum',
      entityId: 'c1',
      detail: { versionId: 'v2' },
    });
  });

  it('locks the curriculum before opening a draft, and reuses an open one', async () => {
    const { service, repo, tx } = newService();
    repo.findVersion.mockResolvedValue({ id: 'v2' } as never);
    await service.openDraft(dept, 'c1');
    expect(repo.lockCurriculum).toHaveBeenCalledWith(tx, 'c1');
    expect(repo.insertDraft).not.toHaveBeenCalled();
  });
});
