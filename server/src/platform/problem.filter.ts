import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { PROBLEM_TYPE_BASE, type ProblemDetails } from '@tinhtao/shared';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';

import { AppError, ErrorCode, problemFor } from './app-error.js';

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_CHECK_VIOLATION = '23514';
/** Text PostgreSQL cannot store (U+0000, bad UTF-8) or a value past its limits: the request's fault, never a 500. */
const PG_BAD_INPUT = new Set(['22021', '22P05', '54000']);

/** Turns any thrown value into a domain error; nothing unknown leaks out. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  const bodyParserType = (error as { type?: unknown })?.type;
  if (bodyParserType === 'entity.parse.failed') return new AppError(ErrorCode.BadJson, 'The body is not valid JSON');
  if (bodyParserType === 'entity.too.large') return new AppError(ErrorCode.PayloadTooLarge);
  if ((typeof bodyParserType === 'string' && bodyParserType.startsWith('encoding.')) || bodyParserType === 'charset.unsupported') {
    return new AppError(ErrorCode.BadJson, 'The body encoding is not supported');
  }
  if (isRedisDown(error)) return new AppError(ErrorCode.RedisUnavailable, undefined, undefined, { 'Retry-After': '2' });
  if (isDatabaseDown(error)) return new AppError(ErrorCode.DatabaseUnavailable, undefined, undefined, { 'Retry-After': '2' });
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    if (code && PG_BAD_INPUT.has(code)) return new AppError(ErrorCode.ValidationFailed, 'The request holds text or a value that cannot be stored');
    if (code === PG_UNIQUE_VIOLATION) return new AppError(ErrorCode.Conflict, 'A record with the same key exists');
    if (code === PG_FOREIGN_KEY_VIOLATION) return new AppError(ErrorCode.InvalidReference, 'A referenced record does not exist or is still in use');
    // The content triggers' last line of defence: published curricula, lessons and items never change.
    if (code === PG_CHECK_VIOLATION && /is published/.test(error.message)) return new AppError(ErrorCode.ContentLocked);
  }
  return null;
}

/** ioredis gave up on a command: Redis is gone (multi-node mode); nothing that needed it was done. */
export function isRedisDown(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined;
  return e?.name === 'MaxRetriesPerRequestError' || /^Connection is closed\.?$|enableOfflineQueue/.test(e?.message ?? '');
}

/** PostgreSQL restarting, refusing connections, or a connection cut: nothing was written, the client may retry. */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
function isDatabaseDown(error: unknown): boolean {
  const e = (error instanceof QueryFailedError ? error.driverError : error) as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && (PG_UNAVAILABLE.has(e.code) || e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET')) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e.message ?? '');
}

function fromHttpException(error: HttpException): AppError {
  switch (error.getStatus()) {
    case 400:
      return new AppError(ErrorCode.ValidationFailed, 'The request is not valid');
    case 401:
      return new AppError(ErrorCode.Unauthenticated);
    case 403:
      return new AppError(ErrorCode.Forbidden);
    case 404:
      return new AppError(ErrorCode.NotFound, 'No such route');
    case 413:
      return new AppError(ErrorCode.PayloadTooLarge);
    case 429:
      return new AppError(ErrorCode.TooManyAttempts);
    default:
      return new AppError(ErrorCode.Internal);
  }
}

export function problemDetails(error: AppError): ProblemDetails {
  const { status, title } = problemFor(error.code);
  return {
    type: PROBLEM_TYPE_BASE + error.code.toLowerCase().replaceAll('_', '-'),
    title,
    status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** RFC 9457 for every failure, never a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    sendProblem(exception, request, response, this.logger);
  }
}

export function sendProblem(exception: unknown, request: Request, response: Response, logger: Logger): void {
  const known = toAppError(exception);
  const error = known ?? new AppError(ErrorCode.Internal);
  if (!known) logger.error({ err: exception, method: request.method, url: request.originalUrl }, 'unhandled error');
  const body = problemDetails(error);
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(error.headers ?? {})) response.setHeader(name, value);
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
