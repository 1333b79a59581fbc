import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The province's audit log (dept admin), newest first. */
  @Get('audit')
  @ApiQueryFrom(AuditQuery)
  list(@Auth() auth: AuthUser, @Query(zod(AuditQuery)) query: AuditQuery) {
    return this.audit.list(auth, query);
  }
}
