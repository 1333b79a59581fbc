import { createSecretKey } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';

import { CONFIG, type Config } from '../config/config.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import { type AuthUser, SESSION_CHECK_DEFERRED } from '../platform/auth.decorators.js';
import { AuthRepository } from './auth.repository.js';
import type { AccessClaims } from './auth.service.js';

/**
 * The header must be exactly `Bearer <a JWT>`: passport-jwt's own extractor takes the first
 * token of "Bearer A B" and ignores the rest (found by the fuzz test).
 */
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
export const bearerToken = (req: { headers: Record<string, string | string[] | undefined> }): string | null => {
  const header = req.headers.authorization;
  return typeof header === 'string' ? (BEARER.exec(header)?.[1] ?? null) : null;
};

/** Bearer tokens from the Authorization header only, never a query string; the session must still be live. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(CONFIG) config: Config,
    private readonly repo: AuthRepository,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // A KeyObject: given a string, jsonwebtoken first tries (and fails) to read it as a PEM
      // public key on every request, which cost a sixth of the autosave path's CPU.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(req: { [SESSION_CHECK_DEFERRED]?: boolean }, claims: AccessClaims): Promise<AuthUser> {
    // The handler's own statement checks the session (see SessionCheckedByHandler).
    if (req[SESSION_CHECK_DEFERRED])
      return {
        userId: claims.sub,
        role: claims.role as AuthUser['role'],
        provinceId: claims.prov,
        schoolId: claims.sch,
        sessionId: claims.sid,
        sessionChecked: false,
      };
    const user = await this.repo.findActiveSessionUser(claims.sid, claims.sub);
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'The session has ended; sign in again');
    return { userId: user.id, role: user.role, provinceId: user.provinceId, schoolId: user.schoolId, schoolLevel: user.schoolLevel, sessionId: claims.sid };
  }
}
