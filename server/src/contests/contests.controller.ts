import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateContestBody, EntryAnswerBody, EntryAnswerParams, IdParamSchema, LeaderboardQuery, ResultsQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { ContestsService } from './contests.service.js';
import { EntriesService } from './entries.service.js';
import { ResultsService } from './results.service.js';

type IdParam = { id: string };

@ApiTags('contests')
@Controller('contests')
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly results: ResultsService,
    private readonly entries: EntriesService,
  ) {}

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
  @ApiOperation({
    summary: 'Open a live session: {sessionId, pin}',
    description:
      "Players and the host then use Socket.IO namespace /live. `session:join {pin}` joins a student of the contest's scope as a player, " +
      "and takes the session for its host (the ack carries the host's snapshot, as `host:attach {sessionId}` does). " +
      'Anyone else who may not join gets exactly the ack of a wrong PIN: `PIN_NOT_FOUND`.',
  })
  openSession(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.contests.openSession(auth, id);
  }

  /** DESIGN §4: final standings and per-question statistics (the latest session, or `sessionId`). */
  @Get(':id/results')
  @ApiQueryFrom(ResultsQuery)
  @ApiOperation({
    summary: 'Final standings and per-question statistics of a live session (json, xlsx or csv)',
    description:
      'Ties on score break by lower total time, where a question left unanswered counts its whole duration. ' +
      'Per question `kind`, `correct` and `distribution` read as in `question:reveal`: for `ordering`, `correct` is the right order ' +
      'and `distribution[i]` counts the players who placed option i at its right position.',
  })
  async getResults(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Query(zod(ResultsQuery)) query: ResultsQuery) {
    const results = await this.results.results(auth, id, query.sessionId);
    if (query.format === 'json') return results;
    const name = `Kết quả - ${results.title}.${query.format}`;
    if (query.format === 'csv') return downloadFile(Buffer.from(this.results.csv(results), 'utf8'), 'text/csv; charset=utf-8', name);
    return downloadFile(await this.results.xlsx(results), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name);
  }

  /** Scheduled contests: start (or resume) the student's one entry. */
  @Post(':id/entries')
  @HttpCode(200)
  startEntry(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.entries.start(auth, id);
  }

  /** Scheduled contests: by student, school or area; public once the window closed. */
  @Get(':id/leaderboard')
  @ApiQueryFrom(LeaderboardQuery)
  @ApiOperation({
    summary: 'Scheduled contest leaderboard by student, school or area',
    description: "Students: ties on score break by lower `timeMs`, the time used plus each unanswered question's whole share (secondsPerQuestion).",
  })
  leaderboard(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam, @Query(zod(LeaderboardQuery)) query: LeaderboardQuery) {
    return this.entries.leaderboard(auth, id, query);
  }
}

@ApiTags('contests')
@Controller('contest-entries')
export class ContestEntriesController {
  constructor(private readonly entries: EntriesService) {}

  @Get(':id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.entries.get(auth, id);
  }

  /** Autosave of one answer; refused (409 TOO_LATE) after the server's deadline. */
  @Put(':id/answers/:questionIndex')
  @ApiBodyFrom(EntryAnswerBody)
  answer(@Auth() auth: AuthUser, @Param(zod(EntryAnswerParams)) p: EntryAnswerParams, @Body(zod(EntryAnswerBody)) body: EntryAnswerBody) {
    return this.entries.answer(auth, p.id, p.questionIndex, body.choice);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: IdParam) {
    return this.entries.submit(auth, id);
  }
}
