import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HelperAlertBody,
  HelperAskBody,
  HelperListImportBody,
  HelperListQuery,
  HelperPatternBody,
  HelperShareBody,
  HelperTrendsQuery,
  IdParamSchema,
} from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { HelperService } from './helper.service.js';

/** "Hỏi Tỉnh Táo" (DESIGN §4 "Awareness helper"), and the Department's lists and patterns for it. */
@ApiTags('helper')
@Controller('helper')
export class HelperController {
  constructor(private readonly helper: HelperService) {}

  /** Any signed-in user: the warning signs of a message, link or phone number, with what to do and the lessons on it. */
  @Post('ask')
  @HttpCode(200)
  @ApiBodyFrom(HelperAskBody)
  ask(@Auth() auth: AuthUser, @Body(zod(HelperAskBody)) body: HelperAskBody) {
    return this.helper.ask(auth, body);
  }

  /** A student shares the conversation's message with the teachers of their class. */
  @Post('share')
  @HttpCode(200)
  @ApiBodyFrom(HelperShareBody)
  share(@Auth() auth: AuthUser, @Body(zod(HelperShareBody)) body: HelperShareBody) {
    return this.helper.share(auth, body);
  }

  /** A teacher: what the students of their classes shared, newest first. */
  @Get('shared')
  shared(@Auth() auth: AuthUser) {
    return this.helper.shared(auth);
  }

  /** Dept admin: counts of signs, domains and patterns per week and area (no message text). */
  @Get('trends')
  @ApiQueryFrom(HelperTrendsQuery)
  trends(@Auth() auth: AuthUser, @Query(zod(HelperTrendsQuery)) query: HelperTrendsQuery) {
    return this.helper.trends(auth, query);
  }

  /** Dept admin: send a published lesson to the province's schools as an alert, with a note. */
  @Post('alerts')
  @ApiBodyFrom(HelperAlertBody)
  sendAlert(@Auth() auth: AuthUser, @Body(zod(HelperAlertBody)) body: HelperAlertBody) {
    return this.helper.sendAlert(auth, body);
  }

  /** School staff: the Department's newest alerts for their levels. */
  @Get('alerts')
  alerts(@Auth() auth: AuthUser) {
    return this.helper.alerts(auth);
  }

  @Get('lists')
  @ApiQueryFrom(HelperListQuery)
  lists(@Auth() auth: AuthUser, @Query(zod(HelperListQuery)) query: HelperListQuery) {
    return this.helper.listPage(auth, query);
  }

  /** Dept admin: add (or replace) a block or allow list of domains and phone numbers from CSV text. */
  @Post('lists/import')
  @HttpCode(200)
  @ApiBodyFrom(HelperListImportBody)
  importList(@Auth() auth: AuthUser, @Body(zod(HelperListImportBody)) body: HelperListImportBody) {
    return this.helper.importList(auth, body);
  }

  @Delete('lists/:id')
  @HttpCode(204)
  deleteListEntry(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.helper.deleteListEntry(auth, id);
  }

  @Get('patterns')
  patterns(@Auth() auth: AuthUser) {
    return this.helper.patterns(auth);
  }

  /** Dept admin: a phrase of the province's own that shows a sign, matched with or without diacritics. */
  @Post('patterns')
  @ApiBodyFrom(HelperPatternBody)
  createPattern(@Auth() auth: AuthUser, @Body(zod(HelperPatternBody)) body: HelperPatternBody) {
    return this.helper.createPattern(auth, body);
  }

  @Delete('patterns/:id')
  @HttpCode(204)
  deletePattern(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.helper.deletePattern(auth, id);
  }
}
