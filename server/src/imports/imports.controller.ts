import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IdParamSchema, ImportQuery, ImportRowsQuery, RolloverBody, RolloverQuery } from '@tinhtao/shared';
import type { Request } from 'express';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { ApiBodyFrom, ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { ImportsService } from './imports.service.js';
import { LoginCardsService } from './login-cards.js';
import { RolloverService } from './rollover.js';
import { UploadInterceptor } from './upload.js';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** A preview of the file, nothing written: rows to create, update, leave, or refuse with a reason per cell. */
  @Post()
  @HttpCode(200)
  @ApiQueryFrom(ImportQuery)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8) or XLSX, at most 20 MB' } },
    },
  })
  @UseInterceptors(UploadInterceptor)
  preview(@Auth() auth: AuthUser, @Query(zod(ImportQuery)) query: ImportQuery, @Req() req: Request) {
    return this.imports.preview(auth, query, req.file!);
  }

  @Get(':id')
  status(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.imports.status(auth, id);
  }

  /** Every staged row, a page at a time, by action. */
  @Get(':id/rows')
  @ApiQueryFrom(ImportRowsQuery)
  rows(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(ImportRowsQuery)) query: ImportRowsQuery) {
    return this.imports.rows(auth, id, query);
  }

  /** Writes the preview in one transaction, in the background; follow it with GET /api/imports/:id. */
  @Post(':id/confirm')
  @HttpCode(202)
  confirm(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.imports.confirm(auth, id);
  }
}

@ApiTags('imports')
@Controller()
export class AccountsController {
  constructor(
    private readonly cards: LoginCardsService,
    private readonly rollover: RolloverService,
  ) {}

  /** The class's login cards, PDF: name, class, username, one-time password, QR of the app's address. */
  @Get('classes/:id/login-cards')
  async loginCards(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Req() req: Request) {
    const file = await this.cards.pdf(auth, id, `${req.protocol}://${req.get('host')}`);
    return downloadFile(file.buffer, 'application/pdf', file.filename);
  }

  /** What starting the next school year would do: each class, the class it becomes, who leaves. */
  @Get('rollover')
  @ApiQueryFrom(RolloverQuery)
  rolloverPreview(@Auth() auth: AuthUser, @Query(zod(RolloverQuery)) query: RolloverQuery) {
    return this.rollover.preview(auth, query);
  }

  @Post('rollover')
  @HttpCode(200)
  @ApiBodyFrom(RolloverBody)
  rolloverApply(@Auth() auth: AuthUser, @Body(zod(RolloverBody)) body: RolloverBody) {
    return this.rollover.apply(auth, body);
  }
}
