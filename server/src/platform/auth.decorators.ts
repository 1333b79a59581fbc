import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from '@tinhtao/shared';

/** The caller, as the access token and its live session say. */
export interface AuthUser extends Actor {
  sessionId: string;
  /** False on routes whose handler checks the session in its own statement; see SessionCheckedByHandler. */
  sessionChecked?: false;
}

export const IS_PUBLIC = 'tinhtao:public';
/** A route anyone may call without a token (login, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

export const SESSION_CHECKED_BY_HANDLER = 'tinhtao:session-checked-by-handler';
export const SESSION_CHECK_DEFERRED = Symbol('session-check-deferred');
/**
 * For the hottest route (the autosave): the guard checks the token's signature and expiry
 * only, and the handler's one statement also requires the session to be live, so logout
 * still takes effect at once without a second query per call. A refused statement must
 * answer 401 when the session is the reason.
 */
export const SessionCheckedByHandler = () => SetMetadata(SESSION_CHECKED_BY_HANDLER, true);
