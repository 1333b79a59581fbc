import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamSchema } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { zod } from '../platform/zod.pipe.js';
import { PrivacyService } from './privacy.service.js';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  /** Everything stored about a person, as a JSON file: the person, or those who manage the account. */
  @Get('users/:id/export')
  async export(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    const data = await this.privacy.export(auth, id);
    return downloadFile(Buffer.from(JSON.stringify(data, null, 2)), 'application/json; charset=utf-8', `Dữ liệu cá nhân - ${data.account.fullName}.json`);
  }

  /** Erases a student's personal data; the province's figures keep the student's scores, unnamed. */
  @Post('users/:id/erase')
  @HttpCode(200)
  erase(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.privacy.erase(auth, id);
  }
}
