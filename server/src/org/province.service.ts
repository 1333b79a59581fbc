import { Injectable } from '@nestjs/common';
import { type CreateAreaBody, DEFAULT_PROVINCE_YEAR, Permission, type ProvinceYearBody, type UpdateAreaBody } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { ProvinceRepository } from './province.repository.js';

@Injectable()
export class ProvinceService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: ProvinceRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    private readonly tx: TransactionRepository,
  ) {}

  async province(auth: AuthUser) {
    await this.access.require(auth, Permission.ProvinceRead, [auth.provinceId]);
    const province = await this.repo.findProvince(auth.provinceId);
    if (!province) throw notFound('province');
    return province;
  }

  listAreas(auth: AuthUser) {
    return this.repo.listAreas(auth.provinceId);
  }

  async createArea(auth: AuthUser, body: CreateAreaBody) {
    this.access.requireFacts(auth, Permission.AreaManage, { provinceId: auth.provinceId, schoolId: null });
    await this.checkAreaName(auth.provinceId, body.name);
    const id = await this.tx.run(async (tx) => {
      const newId = await this.repo.insertArea(tx, auth.provinceId, body);
      await this.audit.record(tx, auth, { action: 'area.created', entity: 'area', entityId: newId, detail: body });
      return newId;
    });
    return this.foundArea(id);
  }

  async updateArea(auth: AuthUser, id: string, body: UpdateAreaBody) {
    await this.access.require(auth, Permission.AreaManage, [id]);
    if (body.name) await this.checkAreaName(auth.provinceId, body.name, id);
    await this.tx.run(async (tx) => {
      await this.repo.updateArea(tx, id, body);
      await this.audit.record(tx, auth, { action: 'area.updated', entity: 'area', entityId: id, detail: body });
    });
    return this.foundArea(id);
  }

  async removeArea(auth: AuthUser, id: string): Promise<void> {
    await this.access.require(auth, Permission.AreaManage, [id]);
    if (await this.repo.areaInUse(id)) throw new AppError(ErrorCode.AreaInUse, 'Move its schools to another area first');
    await this.tx.run(async (tx) => {
      await this.repo.deleteArea(tx, id);
      await this.audit.record(tx, auth, { action: 'area.deleted', entity: 'area', entityId: id });
    });
  }

  async listYears(auth: AuthUser) {
    await this.access.require(auth, Permission.ProvinceYearsRead, [auth.provinceId]);
    return this.repo.listYears(auth.provinceId);
  }

  async getYear(auth: AuthUser, schoolYear: string) {
    await this.access.require(auth, Permission.ProvinceYearsRead, [auth.provinceId]);
    const year = await this.repo.findYear(auth.provinceId, schoolYear);
    if (!year) throw notFound('school year settings');
    return year;
  }

  /** Targets and thresholds are data the Department sets; every change is audited with the value before. */
  async putYear(auth: AuthUser, schoolYear: string, body: ProvinceYearBody) {
    await this.access.require(auth, Permission.ProvinceManage, [auth.provinceId]);
    const before = await this.repo.findYear(auth.provinceId, schoolYear);
    await this.tx.run(async (tx) => {
      await this.repo.upsertYear(tx, auth.provinceId, schoolYear, body);
      // Completion is judged at the pass mark; a new one re-judges every attempt of the year.
      if ((before?.passMark ?? DEFAULT_PROVINCE_YEAR.passMark) !== body.passMark) await this.rollups.rebuild(tx, auth.provinceId, schoolYear);
      await this.audit.record(tx, auth, { action: 'province_year.saved', entity: 'province_year', entityId: schoolYear, detail: { before, after: body } });
    });
    return this.getYear(auth, schoolYear);
  }

  private async checkAreaName(provinceId: string, name: string, exceptId?: string) {
    if (await this.repo.areaNameTaken(provinceId, name, exceptId)) {
      throw new AppError(ErrorCode.Conflict, `An area named ${name} exists`, [fieldError('name', 'taken.areaName')]);
    }
  }

  private async foundArea(id: string) {
    const area = await this.repo.findArea(id);
    if (!area) throw notFound('area');
    return area;
  }
}
