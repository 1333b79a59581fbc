import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { CONFIG, type Config } from '../config/config.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { AuthRepository } from './auth.repository.js';
import type { AccessClaims } from './auth.service.js';

/** Bearer tokens from the Authorization header only, never a query string; the session must still be live. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(CONFIG) config: Config, private readonly repo: AuthRepository) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<AuthUser> {
    const user = await this.repo.findActiveSessionUser(claims.sid, claims.sub);
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'The session has ended; sign in again');
    return { userId: user.id, role: user.role, provinceId: user.provinceId, schoolId: user.schoolId, schoolLevel: user.schoolLevel, sessionId: claims.sid };
  }
}
