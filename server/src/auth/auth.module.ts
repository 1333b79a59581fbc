import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { Redis } from 'ioredis';

import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../platform/redis.js';
import { FAILURE_COUNTER, MemoryWindowCounter, RedisWindowCounter } from '../platform/window-counter.js';
import { AccessTokenVerifier } from './access-token.service.js';
import { AuthController } from './auth.controller.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';

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
        redis ? new RedisWindowCounter(redis, `${config.redisKeyPrefix}login:`) : new MemoryWindowCounter(),
    },
  ],
  exports: [AuthRepository, AccessTokenVerifier],
})
export class AuthModule {}
