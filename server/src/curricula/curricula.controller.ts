import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateCurriculumBody, CurriculumListQuery, IdParamSchema, UpdateCurriculumVersionBody } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { CurriculaService } from './curricula.service.js';

type IdParam = { id: string };

@ApiTags('curricula')
@Controller()
export class CurriculaController {
  constructor(private readonly curricula: CurriculaService) {}

  @Get('curricula')
  @ApiQueryFrom(CurriculumListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(CurriculumListQuery)) query: CurriculumListQuery) {
    return this.curricula.list(auth, query);
  }

  @Post('curricula')
  @ApiBodyFrom(CreateCurriculumBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateCurriculumBody)) body: CreateCurriculumBody) {
    return this.curricula.create(auth, body);
  }

  @Get('curricula/:id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.curricula.get(auth, id);
  }

  @Get('curricula/:id/versions')
  versions(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.curricula.versions(auth, id);
  }

  /** Opens the draft to edit: the one already open, or a copy of the published version. */
  @Post('curricula/:id/draft')
  @HttpCode(200)
  openDraft(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.curricula.openDraft(auth, id);
  }

  @Get('curriculum-versions/:id')
  getVersion(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.curricula.getVersion(auth, id);
  }

  /** Saves a draft version whole; a published one answers 409 and stays as it was. */
  @Put('curriculum-versions/:id')
  @ApiBodyFrom(UpdateCurriculumVersionBody)
  updateVersion(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(UpdateCurriculumVersionBody)) body: UpdateCurriculumVersionBody) {
    return this.curricula.updateVersion(auth, id, body);
  }

  @Post('curriculum-versions/:id/publish')
  @HttpCode(200)
  publish(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.curricula.publish(auth, id);
  }

  @Delete('curriculum-versions/:id')
  @HttpCode(204)
  discard(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.curricula.discardDraft(auth, id);
  }
}
