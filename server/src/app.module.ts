import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

import { AccessModule } from './access/access.module.js';
import { AssignmentsModule } from './assignments/assignments.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CONFIG, type Config } from './config/config.js';
import { ContestsModule } from './contests/contests.module.js';
import { CoverageModule } from './coverage/coverage.module.js';
import { CurriculaModule } from './curricula/curricula.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { DatabaseModule } from './database/transaction.repository.js';
import { DiagnosticRollupsModule } from './diagnostics/diagnostic-rollups.service.js';
import { DiagnosticsModule } from './diagnostics/diagnostics.module.js';
import { HelperModule } from './helper/helper.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { LessonsModule } from './lessons/lessons.module.js';
import { OrgModule } from './org/org.module.js';
import { Clock } from './platform/clock.js';
import { HealthController } from './platform/health.controller.js';
import { JwtAuthGuard } from './platform/jwt-auth.guard.js';
import { LOGGER } from './platform/logger.js';
import { REDIS } from './platform/redis.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RollupsModule } from './rollups/coverage-rollups.repository.js';
import { SubmissionsModule } from './submissions/submissions.module.js';
import { TrainingModule } from './training/training.module.js';

export interface AppDeps {
  config: Config;
  clock: Clock;
  databaseUrl: string;
  logger: Logger;
  redis: Redis | null;
}

@Global()
@Module({})
class PlatformModule {
  static register(deps: AppDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: Clock, useValue: deps.clock },
      { provide: LOGGER, useValue: deps.logger },
      { provide: REDIS, useValue: deps.redis },
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  static register(deps: AppDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.register(deps),
        TypeOrmModule.forRoot(dataSourceOptions(deps.databaseUrl, deps.config.dbPoolSize, deps.clock.offsetMs)),
        DatabaseModule,
        AccessModule,
        AuditModule,
        RollupsModule,
        AuthModule,
        OrgModule,
        LessonsModule,
        CurriculaModule,
        AssignmentsModule,
        ContestsModule,
        CoverageModule,
        ReportsModule,
        ImportsModule,
        PrivacyModule,
        DiagnosticRollupsModule,
        DiagnosticsModule,
        HelperModule,
        TrainingModule,
        SubmissionsModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
    };
  }
}
