import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CoverageQuery, IdParamSchema, SchoolCoverageQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { CoverageService } from './coverage.service.js';

@ApiTags('coverage')
@Controller('coverage')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  /** Per school and area coverage by program, totals beside the targets, trend and contests. A school admin gets own school. */
  @Get()
  @ApiQueryFrom(CoverageQuery)
  get(@Auth() auth: AuthUser, @Query(zod(CoverageQuery)) query: CoverageQuery) {
    return this.coverage.coverage(auth, query.year, query.level);
  }

  /** One school: per level, class and teacher, with the required lessons each class still lacks. */
  @Get('schools/:id')
  @ApiQueryFrom(SchoolCoverageQuery)
  school(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(SchoolCoverageQuery)) query: SchoolCoverageQuery) {
    return this.coverage.school(auth, id, query.year);
  }
}
