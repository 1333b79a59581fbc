import { jest } from '@jest/globals';
import { type Actor, Permission, type ScopeFacts } from '@tinhtao/shared';

import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AccessRepository } from './access.repository.js';
import { AccessService } from './access.service.js';

const teacher: Actor = { userId: 't1', role: 'teacher', provinceId: 'p1', schoolId: 'a' };

function newService(classes: Record<string, ScopeFacts>) {
  const load = (ids: string[]) => Promise.resolve(new Map(ids.filter((id) => classes[id]).map((id) => [id, classes[id]])));
  const repo = {
    provinceFacts: jest.fn(load),
    areaFacts: jest.fn(load),
    schoolFacts: jest.fn(load),
    classFacts: jest.fn(load),
    userFacts: jest.fn(load),
  };
  return { service: new AccessService(repo as unknown as AccessRepository), repo };
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe(AccessService.name, () => {
  const own = { provinceId: 'p1', schoolId: 'a', teacherIds: ['t1'], studentIds: [] };
  const colleagues = { provinceId: 'p1', schoolId: 'a', teacherIds: ['t2'], studentIds: [] };

  it('answers the facts of rows the caller may touch', async () => {
    const { service, repo } = newService({ c1: own });
    const facts = await service.require(teacher, Permission.ClassEnroll, ['c1', 'c1']);
    expect(facts.get('c1')).toEqual(own);
    expect(repo.classFacts).toHaveBeenCalledWith(['c1']);
  });

  it('says not found for a row that does not exist or that the caller may not see', async () => {
    const { service } = newService({ c2: colleagues });
    expect(await codeOf(service.require(teacher, Permission.ClassRead, ['missing']))).toBe(ErrorCode.NotFound);
    expect(await codeOf(service.require(teacher, Permission.ClassRead, ['c2']))).toBe(ErrorCode.NotFound);
  });

  it('says forbidden for a row the caller sees but may not change', async () => {
    const { service } = newService({ c1: own });
    expect(await codeOf(service.require(teacher, Permission.ClassManage, ['c1']))).toBe(ErrorCode.Forbidden);
  });

  it('refuses the whole request when one of several ids is out of scope', async () => {
    const { service } = newService({ c1: own, c2: colleagues });
    expect(await codeOf(service.require(teacher, Permission.ClassRead, ['c1', 'c2']))).toBe(ErrorCode.NotFound);
  });
});

describe('AccessService.requireOwnSchool', () => {
  const dept: Actor = { userId: 'd', role: 'dept_admin', provinceId: 'p1', schoolId: null };
  const schoolAdmin: Actor = { userId: 'sa', role: 'school_admin', provinceId: 'p1', schoolId: 'a' };
  const schools = { a: { provinceId: 'p1', schoolId: 'a' }, b: { provinceId: 'p1', schoolId: 'b' }, x: { provinceId: 'p2', schoolId: 'x' } };

  it('keeps school staff to their own school: any other is forbidden, whether it exists or not', async () => {
    const { service, repo } = newService(schools);
    expect((await service.requireOwnSchool(schoolAdmin, Permission.SchoolImport, 'a')).schoolId).toBe('a');
    expect(await codeOf(service.requireOwnSchool(schoolAdmin, Permission.SchoolImport, 'b'))).toBe(ErrorCode.Forbidden);
    expect(await codeOf(service.requireOwnSchool(schoolAdmin, Permission.SchoolImport, 'missing'))).toBe(ErrorCode.Forbidden);
    expect(await codeOf(service.requireOwnSchool(teacher, Permission.SchoolImport, 'a'))).toBe(ErrorCode.Forbidden);
    expect(repo.schoolFacts).toHaveBeenCalledTimes(2);
  });

  it("lets province staff name any school of the province; another province's is not found", async () => {
    const { service } = newService(schools);
    expect((await service.requireOwnSchool(dept, Permission.SchoolImport, 'b')).schoolId).toBe('b');
    expect(await codeOf(service.requireOwnSchool(dept, Permission.SchoolImport, 'x'))).toBe(ErrorCode.NotFound);
  });
});
