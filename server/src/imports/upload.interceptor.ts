import os from 'node:os';

import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';

import { AppError, ErrorCode } from '../platform/app-error.js';
import { fieldError } from '../platform/zod.pipe.js';

/** The largest file an import takes: 100,000 students in XLSX are about 4 MB, in CSV about 8 MB. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const upload = multer({
  storage: multer.diskStorage({ destination: os.tmpdir() }),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 },
}).single('file');

/**
 * Takes the one multipart field `file` to a temporary file on disk (never into memory), with
 * a clear problem for a missing, extra or oversized file. The service deletes it when done.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler) {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (!req.is('multipart/form-data')) throw new AppError(ErrorCode.UnsupportedFile, 'Send the file as multipart/form-data in the field "file"');
    await new Promise<void>((resolve, reject) =>
      upload(req, http.getResponse<Response>(), (error: unknown) => {
        if (!error) return resolve();
        const code = (error as { code?: string }).code;
        if (code === 'LIMIT_FILE_SIZE') return reject(new AppError(ErrorCode.FileTooLarge, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`));
        if (code?.startsWith('LIMIT_'))
          return reject(new AppError(ErrorCode.ValidationFailed, 'Send one file in the field "file"', [fieldError('file', 'upload.oneFile')]));
        reject(new AppError(ErrorCode.UnsupportedFile, 'The upload could not be read'));
      }),
    );
    if (!req.file) throw new AppError(ErrorCode.ValidationFailed, 'Send the file in the field "file"', [fieldError('file', 'required')]);
    return next.handle();
  }
}
