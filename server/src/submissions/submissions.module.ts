import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';

import { AuthModule } from '../auth/auth.module.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import { FileLinks } from './file-links.js';
import { JuryService } from './jury.service.js';
import { PublishingService } from './publishing.service.js';
import { SubmissionsController } from './submissions.controller.js';
import { SubmissionsRepository } from './submissions.repository.js';
import { SubmissionsService } from './submissions.service.js';
import { objectStorageProvider, UploadsService } from './uploads.service.js';

/**
 * The ministry's submission contests: posters, models and video clips, judged blind from the
 * school round to the province round. Resumable uploads (tus) are mounted at `/api/uploads`
 * before Nest's router, behind the same access token check as every route, with no body parser.
 */
@Module({
  controllers: [SubmissionsController],
  imports: [AuthModule],
  providers: [FileLinks, SubmissionsRepository, SubmissionsService, JuryService, PublishingService, UploadsService, objectStorageProvider],
})
export class SubmissionsModule implements NestModule {
  constructor(private readonly uploads: UploadsService) {}

  configure(consumer: MiddlewareConsumer): void {
    const tus = (req: Request, res: Response, next: NextFunction) => {
      // The access token, checked by the same strategy as the guard (a live session).
      const authenticate = passport.authenticate('jwt', { session: false }, (err: unknown, user: unknown) => {
        if (err || !user) return next(err instanceof AppError ? err : new AppError(ErrorCode.Unauthenticated, 'A valid access token is required'));
        (req as Request & { user: unknown }).user = user;
        this.uploads.tus.handle(req, res).catch(next);
      }) as (req: Request, res: Response, next: NextFunction) => void;
      authenticate(req, res, next);
    };
    consumer.apply(tus).forRoutes({ path: 'uploads', method: RequestMethod.ALL }, { path: 'uploads/*path', method: RequestMethod.ALL });
  }
}
