import { Injectable } from '@nestjs/common';
import { type Actor, allows, Permission, type ScopeFacts } from '@tinhtao/shared';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import { AccessRepository } from './access.repository.js';

type Resource = 'province' | 'area' | 'school' | 'class' | 'user';

/** Which rows a permission is about, and which permission lets a caller see them at all. */
const RESOURCE: Record<Permission, { resource: Resource; read: Permission }> = {
  [Permission.ProvinceRead]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.ProvinceManage]: { resource: 'province', read: Permission.ProvinceRead },
  [Permission.AreaManage]: { resource: 'area', read: Permission.ProvinceRead },
  [Permission.SchoolRead]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.SchoolManage]: { resource: 'school', read: Permission.SchoolRead },
  [Permission.ClassRead]: { resource: 'class', read: Permission.ClassRead },
  [Permission.ClassManage]: { resource: 'class', read: Permission.ClassRead },
  [Permission.ClassEnroll]: { resource: 'class', read: Permission.ClassRead },
  [Permission.UserRead]: { resource: 'user', read: Permission.UserRead },
  [Permission.UserManage]: { resource: 'user', read: Permission.UserRead },
  [Permission.UserResetPassword]: { resource: 'user', read: Permission.UserRead },
};

/**
 * The one place that answers "may this caller touch these ids". A row the caller may not
 * even see is "not found" (nobody learns what exists in another school); a row the caller
 * sees but may not change is "forbidden".
 */
@Injectable()
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  async require(actor: Actor, permission: Permission, ids: string[]): Promise<Map<string, ScopeFacts>> {
    const { resource, read } = RESOURCE[permission];
    const unique = [...new Set(ids)];
    const facts = await this.load(resource, unique);
    for (const id of unique) {
      const f = facts.get(id);
      if (!f || !allows(actor, read, f)) throw notFound(resource);
      if (!allows(actor, permission, f)) throw new AppError(ErrorCode.Forbidden, `You may not change this ${resource}`);
    }
    return facts;
  }

  /** For rows about to be created: the facts are those the new row will have. */
  requireFacts(actor: Actor, permission: Permission, facts: ScopeFacts): void {
    if (!allows(actor, permission, facts)) throw new AppError(ErrorCode.Forbidden, 'You may not create this here');
  }

  private load(resource: Resource, ids: string[]): Promise<Map<string, ScopeFacts>> {
    switch (resource) {
      case 'province':
        return this.repo.provinceFacts(ids);
      case 'area':
        return this.repo.areaFacts(ids);
      case 'school':
        return this.repo.schoolFacts(ids);
      case 'class':
        return this.repo.classFacts(ids);
      case 'user':
        return this.repo.userFacts(ids);
    }
  }
}
