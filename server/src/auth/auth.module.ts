import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { Redis } from 'ioredis';

import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../platform/redis.js';
import { AccessTokenVerifier } from './access-token.service.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { FAILURE_COUNTER, MemoryFailureCounter, RedisFailureCounter } from './login-throttle.js';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: Config) => ({
        secret: config.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthRepository,
    AuthService,
    JwtStrategy,
    AccessTokenVerifier,
    {
      provide: FAILURE_COUNTER,
      inject: [REDIS, CONFIG],
      useFactory: (redis: Redis | null, config: Config) =>
        redis ? new RedisFailureCounter(redis, `${config.redisKeyPrefix}login:`) : new MemoryFailureCounter(),
    },
  ],
  exports: [AuthRepository, AccessTokenVerifier],
})
export class AuthModule {}
