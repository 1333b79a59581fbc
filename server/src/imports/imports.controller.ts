import { Controller, Get, HttpCode, Param, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IdParamSchema, ImportQuery, ImportRowsQuery } from '@tinhtao/shared';
import type { Request } from 'express';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { ImportsService } from './imports.service.js';
import { UploadInterceptor } from './upload.interceptor.js';

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
