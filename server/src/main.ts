import 'reflect-metadata';

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';

import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/config.js';
import { runMigrations } from './database/data-source.js';
import { resolveDatabase } from './database/resolve.js';
import { formatDemoLogins, refuseDemoData, seedDemoIfEmpty } from './demo/demo.seed.js';
import { Clock } from './platform/clock.js';
import { createLogger, NestPinoLogger } from './platform/logger.js';
import { setupOpenApi } from './platform/openapi.js';
import { ProblemFilter, sendProblem } from './platform/problem.filter.js';
import { createRedis } from './platform/redis.js';
import { RedisIoAdapter } from './platform/socket-adapter.js';
import { serveClient } from './platform/static-files.js';

async function bootstrap() {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await resolveDatabase(config, logger);
  const ran = await runMigrations(database.url);
  if (ran.length > 0) logger.info({ migrations: ran }, 'migrations applied');
  const clock = new Clock(config.clockOffsetMs);
  const demo = config.demoData ? await seedDemoIfEmpty(database.url, clock) : 'absent';
  if (config.env === 'production') await refuseDemoData(database.url);
  const redis = createRedis(config.redisUrl);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, clock, databaseUrl: database.url, logger, redis }), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  if (redis) app.useWebSocketAdapter(new RedisIoAdapter(app, redis, config.redisKeyPrefix));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The UI library injects its styles at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
        },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }) },
    }),
  );
  app.useBodyParser('json', { limit: '1mb' });
  app.enableCors({
    origin: (origin, done) => done(null, !origin || config.corsOrigins.includes(origin)),
    credentials: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemFilter(logger));
  setupOpenApi(app);
  serveClient(app, config.clientDist);
  // Errors raised before Nest's router (body parser, static files) end as problem details too.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => sendProblem(err, req, res, logger));

  await app.listen(config.port, config.host);
  const url = config.publicUrl ?? `http://localhost:${(app.getHttpServer().address() as { port: number }).port}`;
  logger.info({ url, ms: Date.now() - startedAt, embeddedDb: !config.databaseUrl, redis: !!redis }, 'Tỉnh Táo is ready');
  if (demo !== 'absent') process.stdout.write(`\n${formatDemoLogins(url)}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close();
      await redis?.quit();
      await database.stop();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Tỉnh Táo failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
