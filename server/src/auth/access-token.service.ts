import { createSecretKey } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { CONFIG, type Config } from '../config/config.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { AuthRepository } from './auth.repository.js';
import type { AccessClaims } from './auth.service.js';
import { bearerToken } from './jwt.strategy.js';

/** Checks an access token outside HTTP (the WebSocket handshake): signature, expiry and a live session. */
@Injectable()
export class AccessTokenVerifier {
  private readonly key;

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly jwt: JwtService,
    private readonly repo: AuthRepository,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  /** The caller named by a request's `Authorization: Bearer …` header (the only place a token is read from), or null. */
  verifyBearer(req: { headers: Record<string, string | string[] | undefined> }): Promise<AuthUser | null> {
    return this.verify(bearerToken(req));
  }

  /** The caller, or null for a bad, expired or ended one. */
  async verify(token: unknown): Promise<AuthUser | null> {
    if (typeof token !== 'string' || token.length > 4096) return null;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    const user = await this.repo.findActiveSessionUser(claims.sid, claims.sub);
    if (!user) return null;
    return { userId: user.id, role: user.role, provinceId: user.provinceId, schoolId: user.schoolId, schoolLevel: user.schoolLevel, sessionId: claims.sid };
  }
}
