import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateContestBody, IdParamSchema } from '@tinhtao/shared';
import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiBodyFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { ContestsService } from './contests.service.js';

type IdParam = { id: string };

@ApiTags('contests')
@Controller('contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  /** DESIGN §4: a teacher for own classes; a school admin for the school; a dept admin for a school or the province. */
  @Post()
  @ApiBodyFrom(CreateContestBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateContestBody)) body: CreateContestBody) {
    return this.contests.create(auth, body);
  }

  @Get()
  list(@Auth() auth: AuthUser) {
    return this.contests.list(auth);
  }

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.contests.get(auth, id);
  }

  /** DESIGN §4: opens a live session, `{sessionId, pin}`. */
  @Post(':id/sessions')
  openSession(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.contests.openSession(auth, id);
  }
}
