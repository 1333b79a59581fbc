import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { findUnsafeText } from '@tinhtao/shared';
import { AppError, ErrorCode } from './app-error.js';

/** Validates and parses a body, query or params object with a shared zod schema. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    // Before any schema: no string anywhere (body, query, path, even a key the schema would drop) may hold U+0000 and the like.
    const unsafe = findUnsafeText(value);
    if (unsafe) {
      const field = unsafe.path.map(String).join('.') || '(body)';
      throw new AppError(ErrorCode.ValidationFailed, `${field}: ${unsafe.message}`, [{ field, message: unsafe.message }]);
    }
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const errors = result.error.issues.slice(0, 50).map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    }));
    throw new AppError(ErrorCode.ValidationFailed, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
}

export const zod = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);
