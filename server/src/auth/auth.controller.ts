import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChangePasswordBody, LoginBody, LogoutBody, RefreshBody } from '@tinhtao/shared';
import type { Request } from 'express';

import { Auth, type AuthUser, Public } from '../platform/auth.decorators.js';
import { ApiBodyFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiBodyFrom(LoginBody)
  login(@Body(zod(LoginBody)) body: LoginBody, @Req() req: Request) {
    return this.auth.login(body, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiBodyFrom(RefreshBody)
  refresh(@Body(zod(RefreshBody)) body: RefreshBody) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBodyFrom(LogoutBody)
  logout(@Auth() auth: AuthUser, @Body(zod(LogoutBody)) body: LogoutBody) {
    return this.auth.logout(auth, body.refreshToken);
  }

  @Get('me')
  me(@Auth() auth: AuthUser) {
    return this.auth.me(auth);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBodyFrom(ChangePasswordBody)
  changePassword(@Auth() auth: AuthUser, @Body(zod(ChangePasswordBody)) body: ChangePasswordBody) {
    return this.auth.changePassword(auth, body);
  }
}
