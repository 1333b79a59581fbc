import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from '@tinhtao/shared';

/** The caller, as the access token and its live session say. */
export interface AuthUser extends Actor {
  sessionId: string;
}

export const IS_PUBLIC = 'tinhtao:public';
/** A route anyone may call without a token (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
