import { Injectable } from '@nestjs/common';
import { type CreateSchoolBody, gradeFitsLevel, Permission, type SchoolListQuery, schoolListScope, type UpdateSchoolBody } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { SchoolsRepository } from './schools.repository.js';

@Injectable()
export class SchoolsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: SchoolsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
  ) {}

  list(auth: AuthUser, query: SchoolListQuery) {
    return this.repo.list(schoolListScope(auth), query);
  }

  async get(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.SchoolRead, [id]);
    return this.found(id);
  }

  async create(auth: AuthUser, body: CreateSchoolBody) {
    this.access.requireFacts(auth, Permission.SchoolManage, { provinceId: auth.provinceId, schoolId: null });
    await this.checkFields(auth.provinceId, body);
    const id = await this.tx.run(async (tx) => {
      const newId = await this.repo.insert(tx, auth.provinceId, body);
      await this.audit.record(tx, auth, { action: 'school.created', entity: 'school', entityId: newId, schoolId: newId, detail: body });
      return newId;
    });
    return this.found(id);
  }

  async update(auth: AuthUser, id: string, body: UpdateSchoolBody) {
    const facts = await this.access.require(auth, Permission.SchoolManage, [id]);
    const provinceId = facts.get(id)!.provinceId;
    await this.checkFields(provinceId, body, id);
    if (body.level) await this.checkLevelFitsClasses(id, body.level);
    await this.tx.run(async (tx) => {
      await this.repo.update(tx, id, body);
      await this.audit.record(tx, auth, { action: 'school.updated', entity: 'school', entityId: id, schoolId: id, detail: body });
    });
    return this.found(id);
  }

  async remove(auth: AuthUser, id: string): Promise<void> {
    await this.access.require(auth, Permission.SchoolManage, [id]);
    if (await this.repo.hasClassesOrUsers(id)) throw new AppError(ErrorCode.SchoolNotEmpty, 'Move or remove its classes and accounts first');
    await this.tx.run(async (tx) => {
      await this.repo.delete(tx, id);
      await this.audit.record(tx, auth, { action: 'school.deleted', entity: 'school', entityId: id });
    });
  }

  private async checkFields(provinceId: string, body: UpdateSchoolBody, exceptId?: string) {
    if (body.ministryCode && (await this.repo.ministryCodeTaken(provinceId, body.ministryCode, exceptId))) {
      throw new AppError(ErrorCode.MinistryCodeTaken, `Ministry code ${body.ministryCode} is used by another school`, [
        fieldError('ministryCode', 'taken.ministryCode'),
      ]);
    }
    if (body.areaId && !(await this.repo.areaInProvince(body.areaId, provinceId))) {
      throw new AppError(ErrorCode.InvalidReference, 'No such area in this province', [fieldError('areaId', 'school.unknownArea')]);
    }
  }

  private async checkLevelFitsClasses(id: string, level: NonNullable<UpdateSchoolBody['level']>) {
    const misfit = (await this.repo.gradesInUse(id)).find((grade) => !gradeFitsLevel(grade, level));
    if (misfit) throw new AppError(ErrorCode.GradeNotInLevel, `The school has grade ${misfit} classes`, [fieldError('level', 'school.levelMisfit')]);
  }

  private async found(id: string) {
    const school = await this.repo.findById(id);
    if (!school) throw notFound('school');
    return school;
  }
}
