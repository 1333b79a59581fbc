import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';

import { AppError, ErrorCode } from './app-error.js';
import { IS_PUBLIC, SESSION_CHECK_DEFERRED, SESSION_CHECKED_BY_HANDLER } from './auth.decorators.js';

/** Every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    if (this.reflector.get<boolean>(SESSION_CHECKED_BY_HANDLER, context.getHandler()))
      context.switchToHttp().getRequest<{ [SESSION_CHECK_DEFERRED]?: boolean }>()[SESSION_CHECK_DEFERRED] = true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof AppError) throw err;
    if (err || !user) throw new AppError(ErrorCode.Unauthenticated, 'A valid access token is required');
    return user;
  }
}
