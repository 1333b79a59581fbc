import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddJudgeBody,
  ConfirmEntryBody,
  ConflictBody,
  EntryConsentBody,
  EntryListQuery,
  FileLinkQuery,
  IdParamSchema,
  JudgeScoreBody,
  JudgingEntryQuery,
  ReturnEntryBody,
  RoundJudgesBody,
  RoundParams,
  RubricBody,
  SubmissionContestBody,
  SubmissionEntryBody,
  SubmissionResultsQuery,
  VoteBody,
} from '@tinhtao/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';

import { Auth, type AuthUser, Public } from '../platform/auth.decorators.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { JuryService } from './jury.service.js';
import { PublishingService } from './publishing.service.js';
import { SubmissionsService } from './submissions.service.js';
import { UploadsService } from './uploads.service.js';

const EntryRoundParams = RoundParams.extend({ entryId: z.uuid({ error: 'id.format' }) });
const SchoolQuery = z.object({ schoolId: z.uuid({ error: 'id.format' }).optional() });

/**
 * The ministry's submission contests (issue 19). Files are uploaded first over tus at
 * `/api/uploads` (metadata `contestId`, `filename`; the last answer names the file in
 * `Submission-File-Id`), then named by the entry.
 */
@ApiTags('submission-contests')
@Controller()
export class SubmissionsController {
  constructor(
    private readonly contests: SubmissionsService,
    private readonly jury: JuryService,
    private readonly publishing: PublishingService,
    private readonly uploads: UploadsService,
  ) {}

  /** Dept admin: a new contest with its rounds. */
  @Post('submission-contests')
  @ApiBodyFrom(SubmissionContestBody)
  create(@Auth() auth: AuthUser, @Body(zod(SubmissionContestBody)) body: SubmissionContestBody) {
    return this.contests.create(auth, body);
  }

  /** The province's contests. */
  @Get('submission-contests')
  list(@Auth() auth: AuthUser) {
    return this.contests.list(auth);
  }

  @Get('submission-contests/:id')
  get(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.contests.get(auth, id);
  }

  /** Dept admin: the whole contest again (a closed window stays where it was). */
  @Put('submission-contests/:id')
  @ApiBodyFrom(SubmissionContestBody)
  update(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(SubmissionContestBody)) body: SubmissionContestBody) {
    return this.contests.update(auth, id, body);
  }

  /** Dept admin: the rubric, locked once a score is saved. */
  @Put('submission-contests/:id/rubric')
  @ApiBodyFrom(RubricBody)
  rubric(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(RubricBody)) body: RubricBody) {
    return this.contests.saveRubric(auth, id, body);
  }

  /** Dept admin: the round's judges (teachers and Department staff of the province). */
  @Put('submission-contests/:id/rounds/:stage/judges')
  @ApiBodyFrom(RoundJudgesBody)
  judges(@Auth() auth: AuthUser, @Param(zod(RoundParams)) p: RoundParams, @Body(zod(RoundJudgesBody)) body: RoundJudgesBody) {
    return this.jury.saveJudges(auth, p.id, p.stage, body);
  }

  /** Dept admin: every entry of the round gets its judges, balanced, none of its own school. */
  @Post('submission-contests/:id/rounds/:stage/assignments')
  @HttpCode(200)
  assign(@Auth() auth: AuthUser, @Param(zod(RoundParams)) p: RoundParams) {
    return this.jury.assign(auth, p.id, p.stage);
  }

  /** Dept admin: the judges' progress in the round. */
  @Get('submission-contests/:id/rounds/:stage/progress')
  progress(@Auth() auth: AuthUser, @Param(zod(RoundParams)) p: RoundParams) {
    return this.jury.progress(auth, p.id, p.stage);
  }

  /** Dept admin: one more judge for an entry whose judges disagree. */
  @Post('submission-contests/:id/rounds/:stage/entries/:entryId/judges')
  @HttpCode(200)
  @ApiBodyFrom(AddJudgeBody)
  addJudge(@Auth() auth: AuthUser, @Param(zod(EntryRoundParams)) p: z.infer<typeof EntryRoundParams>, @Body(zod(AddJudgeBody)) body: AddJudgeBody) {
    return this.jury.addJudge(auth, p.id, p.stage, p.entryId, body);
  }

  /** A judge: their own progress in the round and what to open next. */
  @Get('submission-contests/:id/rounds/:stage/judging')
  myJudging(@Auth() auth: AuthUser, @Param(zod(RoundParams)) p: RoundParams) {
    return this.jury.myProgress(auth, p.id, p.stage);
  }

  /** Dept admin: the round's results, normalised and ranked (`format=xlsx`: a workbook). */
  @Get('submission-contests/:id/rounds/:stage/results')
  @ApiQueryFrom(SubmissionResultsQuery)
  results(@Auth() auth: AuthUser, @Param(zod(RoundParams)) p: RoundParams, @Query(zod(SubmissionResultsQuery)) q: SubmissionResultsQuery) {
    return q.format === 'xlsx' ? this.publishing.resultsXlsx(auth, p.id, p.stage) : this.jury.results(auth, p.id, p.stage);
  }

  /** Dept admin: the top K go on to the next round (the last round: the winners are published). */
  @Post('submission-contests/:id/rounds/:stage/promotion')
  @HttpCode(200)
  promote(@Auth() auth: AuthUser, @Param(zod(RoundParams)) p: RoundParams) {
    return this.jury.promote(auth, p.id, p.stage);
  }

  /** A student for themself, or a teacher for a team of own students. */
  @Post('submission-contests/:id/entries')
  @ApiBodyFrom(SubmissionEntryBody)
  enter(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(SubmissionEntryBody)) body: SubmissionEntryBody) {
    return this.contests.enter(auth, id, body);
  }

  /** The entries the caller may see. */
  @Get('submission-contests/:id/entries')
  @ApiQueryFrom(EntryListQuery)
  entries(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(EntryListQuery)) q: EntryListQuery) {
    return this.contests.entries(auth, id, q);
  }

  @Get('submission-entries/:id')
  entry(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.contests.entry(auth, id);
  }

  /** Whoever made it: the whole entry again, until the window closes. */
  @Put('submission-entries/:id')
  @ApiBodyFrom(SubmissionEntryBody)
  replace(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(SubmissionEntryBody)) body: SubmissionEntryBody) {
    return this.contests.replace(auth, id, body);
  }

  /** A teacher of its students: the entry counts; whether consent to publish is on file. */
  @Post('submission-entries/:id/confirm')
  @HttpCode(200)
  @ApiBodyFrom(ConfirmEntryBody)
  confirm(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(ConfirmEntryBody)) body: ConfirmEntryBody) {
    return this.contests.confirm(auth, id, body);
  }

  @Post('submission-entries/:id/return')
  @HttpCode(200)
  @ApiBodyFrom(ReturnEntryBody)
  giveBack(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(ReturnEntryBody)) body: ReturnEntryBody) {
    return this.contests.giveBack(auth, id, body);
  }

  @Put('submission-entries/:id/consent')
  @ApiBodyFrom(EntryConsentBody)
  consent(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(EntryConsentBody)) body: EntryConsentBody) {
    return this.contests.setConsent(auth, id, body.consentOnFile);
  }

  /** A judge of the entry: the entry, blind. */
  @Get('judging/:id')
  @ApiQueryFrom(JudgingEntryQuery)
  blind(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(JudgingEntryQuery)) q: JudgingEntryQuery) {
    return this.jury.blindEntry(auth, id, q.stage);
  }

  @Put('judging/:id/score')
  @ApiBodyFrom(JudgeScoreBody)
  score(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(JudgeScoreBody)) body: JudgeScoreBody) {
    return this.jury.score(auth, id, body);
  }

  @Post('judging/:id/conflict')
  @HttpCode(200)
  @ApiBodyFrom(ConflictBody)
  conflict(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(ConflictBody)) body: ConflictBody) {
    return this.jury.conflict(auth, id, body);
  }

  /** A student of the province: one vote per contest. */
  @Post('submission-contests/:id/votes')
  @HttpCode(200)
  @ApiBodyFrom(VoteBody)
  vote(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Body(zod(VoteBody)) body: VoteBody) {
    return this.jury.vote(auth, id, body.entryId);
  }

  /** The people's choice: counts only once the vote has closed. */
  @Get('submission-contests/:id/votes')
  votes(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.jury.votes(auth, id);
  }

  /** Dept admin: every vote cast (audited). */
  @Get('submission-contests/:id/votes/audit')
  voteAudit(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.jury.voteAudit(auth, id);
  }

  /** The winners of the published rounds: no name without consent, no video without consent. */
  @Get('submission-contests/:id/gallery')
  gallery(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.publishing.gallery(auth, id);
  }

  /** Certificates of the published rounds' winners and promoted entries, one PDF per school. */
  @Get('submission-contests/:id/certificates')
  @ApiQueryFrom(SchoolQuery)
  certificates(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(SchoolQuery)) q: z.infer<typeof SchoolQuery>) {
    return this.publishing.certificates(auth, id, q.schoolId);
  }

  /** Entries, students and teams per school and area. */
  @Get('submission-contests/:id/participation')
  participation(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.publishing.participation(auth, id);
  }

  /** A stored file, with range requests (judges get no name): by its signed link, or with the access token. */
  @Public()
  @Get('submission-files/:id')
  @ApiQueryFrom(FileLinkQuery)
  file(@Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(FileLinkQuery)) link: FileLinkQuery, @Req() req: Request, @Res() res: Response) {
    return this.uploads.serve(id, 'file', link, req, res);
  }

  /** Its thumbnail (a video: its poster). */
  @Public()
  @Get('submission-files/:id/thumbnail')
  @ApiQueryFrom(FileLinkQuery)
  thumbnail(@Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(FileLinkQuery)) link: FileLinkQuery, @Req() req: Request, @Res() res: Response) {
    return this.uploads.serve(id, 'thumbnail', link, req, res);
  }
}
