import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AssignmentListQuery,
  AssignmentPlanQuery,
  CreateAssignmentBody,
  IdParamSchema,
  IdSchema,
  ProgressQuery,
  ReviewBody,
  ReviewQueueQuery,
  SaveResponseBody,
  UpdateAssignmentBody,
} from '@tinhtao/shared';
import { z } from 'zod';

import { Auth, type AuthUser, SessionCheckedByHandler } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { AssignmentsService } from './assignments.service.js';
import { AttemptsService } from './attempts.service.js';
import { ProgressService } from './progress.service.js';

type IdParam = { id: string };
const ResponseParams = z.object({ id: IdSchema, itemId: IdSchema });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('assignments')
@Controller()
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly attempts: AttemptsService,
    private readonly progress: ProgressService,
  ) {}

  @Post('assignments')
  @ApiBodyFrom(CreateAssignmentBody)
  create(@Auth() auth: AuthUser, @Body(zod(CreateAssignmentBody)) body: CreateAssignmentBody) {
    return this.assignments.create(auth, body);
  }

  /** Staff: the assignments of the classes in their scope. A student: own, with status and score. */
  @Get('assignments')
  @ApiQueryFrom(AssignmentListQuery)
  list(@Auth() auth: AuthUser, @Query(zod(AssignmentListQuery)) query: AssignmentListQuery) {
    return this.assignments.list(auth, query);
  }

  /** Which lessons of this year's published curricula each class still lacks. */
  @Get('assignment-plan')
  @ApiQueryFrom(AssignmentPlanQuery)
  plan(@Auth() auth: AuthUser, @Query(zod(AssignmentPlanQuery)) query: AssignmentPlanQuery) {
    return this.assignments.plan(auth, query);
  }

  @Get('assignments/:id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.assignments.get(auth, id);
  }

  @Patch('assignments/:id')
  @ApiBodyFrom(UpdateAssignmentBody)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(UpdateAssignmentBody)) body: UpdateAssignmentBody) {
    return this.assignments.update(auth, id, body);
  }

  /** Start, or resume the open attempt. */
  @Post('assignments/:id/attempt')
  @HttpCode(200)
  start(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.attempts.start(auth, id);
  }

  @Get('attempts/:id')
  getAttempt(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.attempts.get(auth, id);
  }

  /** The autosave: idempotent, an older `seq` never overwrites a newer save. */
  @Put('attempts/:id/responses/:itemId')
  @SessionCheckedByHandler()
  @ApiBodyFrom(SaveResponseBody)
  save(@Auth() auth: AuthUser, @Param(zod(ResponseParams)) p: { id: string; itemId: string }, @Body(zod(SaveResponseBody)) body: SaveResponseBody) {
    return this.attempts.save(auth, p.id, p.itemId, body);
  }

  @Post('attempts/:id/submit')
  @HttpCode(200)
  submit(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.attempts.submit(auth, id);
  }

  /** The short answers waiting for a score, grouped by question; `classId`, `lessonId`, `limit` and `offset` narrow and page it. */
  @Get('reviews')
  @ApiQueryFrom(ReviewQueueQuery)
  reviews(@Auth() auth: AuthUser, @Query(zod(ReviewQueueQuery)) query: ReviewQueueQuery) {
    return this.attempts.reviewQueue(auth, query);
  }

  /** How many answers wait under the filters, and per class and lesson (the filters' choices). */
  @Get('reviews/summary')
  @ApiQueryFrom(ReviewQueueQuery)
  reviewSummary(@Auth() auth: AuthUser, @Query(zod(ReviewQueueQuery)) query: ReviewQueueQuery) {
    return this.attempts.reviewSummary(auth, query);
  }

  @Post('reviews/:id')
  @HttpCode(200)
  @ApiBodyFrom(ReviewBody)
  review(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Body(zod(ReviewBody)) body: ReviewBody) {
    return this.attempts.review(auth, id, body);
  }

  @Get('classes/:id/progress')
  @ApiQueryFrom(ProgressQuery)
  async classProgress(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Query(zod(ProgressQuery)) query: ProgressQuery) {
    if (query.format === 'json') return this.progress.classProgress(auth, id);
    const file = await this.progress.classProgressXlsx(auth, id);
    return downloadFile(file.buffer, XLSX, file.filename);
  }

  @Get('users/:id/assignments')
  studentHistory(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.progress.studentHistory(auth, id);
  }
}
