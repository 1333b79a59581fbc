import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateDiagnosticBody, DiagnosticResultsQuery, IdParamSchema, OpenRoundBody } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { DiagnosticsService } from './diagnostics.service.js';

type IdParam = { id: string };

@ApiTags('diagnostics')
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  /** The province's diagnostics of the caller's levels, with their rounds (staff). */
  @Get()
  list(@Auth() auth: AuthUser) {
    return this.diagnostics.list(auth);
  }

  /** A dept admin builds a diagnostic: two parallel forms of tagged bank items. */
  @Post()
  @ApiBodyFrom(CreateDiagnosticBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateDiagnosticBody)) body: CreateDiagnosticBody) {
    return this.diagnostics.create(auth, body);
  }

  /** A student's own before and after. */
  @Get('mine')
  mine(@Auth() auth: AuthUser) {
    return this.diagnostics.mine(auth);
  }

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.diagnostics.get(auth, id);
  }

  /** Opens the pre- or post-test for classes (teacher, school admin) or the province (dept admin). */
  @Post(':id/rounds')
  @ApiBodyFrom(OpenRoundBody)
  openRound(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(OpenRoundBody)) body: OpenRoundBody) {
    return this.diagnostics.openRound(auth, id, body);
  }

  /** Gains, discernment, skepticism, techniques and item statistics at the caller's scope. */
  @Get(':id/results')
  @ApiQueryFrom(DiagnosticResultsQuery)
  results(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Query(zod(DiagnosticResultsQuery)) query: DiagnosticResultsQuery) {
    return this.diagnostics.results(auth, id, query);
  }
}
