import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamSchema, TrainingAssignBody, TrainingProgramBody, TrainingTargetsBody, TrainingYearQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { TrainingService } from './training.service.js';

/**
 * The staff program (officials, school leaders, teachers). Answers and hand-in go through
 * the attempts routes (`PUT /api/attempts/:id/responses/:itemId`, `POST /api/attempts/:id/submit`).
 */
@ApiTags('training')
@Controller('training')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  /** Dept admin and school admins: the province's staff lessons. */
  @Get('lessons')
  lessons(@Auth() auth: AuthUser) {
    return this.training.lessons(auth);
  }

  /** The year's staff program (its lessons, required or not) and its targets. */
  @Get('program')
  @ApiQueryFrom(TrainingYearQuery)
  program(@Auth() auth: AuthUser, @Query(zod(TrainingYearQuery)) query: TrainingYearQuery) {
    return this.training.program(auth, query);
  }

  /** Dept admin: the year's staff program, saved whole. */
  @Put('program')
  @ApiBodyFrom(TrainingProgramBody)
  saveProgram(@Auth() auth: AuthUser, @Body(zod(TrainingProgramBody)) body: TrainingProgramBody) {
    return this.training.saveProgram(auth, body);
  }

  /** Dept admin: the year's targets for the staff program. */
  @Put('targets')
  @ApiBodyFrom(TrainingTargetsBody)
  saveTargets(@Auth() auth: AuthUser, @Body(zod(TrainingTargetsBody)) body: TrainingTargetsBody) {
    return this.training.saveTargets(auth, body);
  }

  /** Give a staff lesson to schools' staff (a school admin: their own) and/or the Department's officials. */
  @Post('assignments')
  @ApiBodyFrom(TrainingAssignBody)
  assign(@Auth() auth: AuthUser, @Body(zod(TrainingAssignBody)) body: TrainingAssignBody) {
    return this.training.assign(auth, body);
  }

  /** What was given in the year, with how many handed in and passed. */
  @Get('assignments')
  @ApiQueryFrom(TrainingYearQuery)
  assignments(@Auth() auth: AuthUser, @Query(zod(TrainingYearQuery)) query: TrainingYearQuery) {
    return this.training.assignments(auth, query);
  }

  /** The staff lessons given to the caller. */
  @Get('mine')
  mine(@Auth() auth: AuthUser) {
    return this.training.mine(auth);
  }

  /** Start or resume one's attempt: `{attempt, lesson}`, the lesson without its answer key. */
  @Post('assignments/:id/attempt')
  @HttpCode(200)
  start(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.training.start(auth, id);
  }

  /** Completion per school and for the Department against the year's targets. */
  @Get('coverage')
  @ApiQueryFrom(TrainingYearQuery)
  coverage(@Auth() auth: AuthUser, @Query(zod(TrainingYearQuery)) query: TrainingYearQuery) {
    return this.training.coverage(auth, query);
  }
}
