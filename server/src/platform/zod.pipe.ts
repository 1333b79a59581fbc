import type { PipeTransform } from '@nestjs/common';
import {
  addValidationMessages,
  CTF_VALIDATION_MESSAGES,
  describeIssue,
  type FieldError,
  findUnsafeText,
  type MessageParams,
  SUBMISSION_VALIDATION_MESSAGES,
  validate,
  type ValidationCode,
  validationMessage,
} from '@tinhtao/shared';
import type { z } from 'zod';

import { AppError, ErrorCode } from './app-error.js';

// The server speaks every feature's messages; the client adds them with the pages that use them.
addValidationMessages({ ...SUBMISSION_VALIDATION_MESSAGES, ...CTF_VALIDATION_MESSAGES });

/** At most this many field errors in one problem: a huge bad body must not make a huge answer. */
const MAX_FIELD_ERRORS = 50;

/** Validates and parses a body, query or params object with a shared schema. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    // Before any schema: no string anywhere (body, query, path, even a key the schema would drop) may hold U+0000 and the like.
    const unsafe = findUnsafeText(value);
    if (unsafe) {
      const field = unsafe.path.map(String).join('.') || '(body)';
      throw validationFailed([{ field, message: validationMessage(unsafe.code, {}, 'en'), code: unsafe.code, params: {} }]);
    }
    const result = validate(this.schema, value ?? {}, 'en');
    if (result.success) return result.data;
    throw validationFailed(
      result.issues.slice(0, MAX_FIELD_ERRORS).map(({ field, code, params, message }) => ({ field: field || '(body)', message, code, params })),
    );
  }
}

export const zod = <S extends z.ZodType>(schema: S) => new ZodPipe(schema);

/**
 * Field errors of a parse done inside a service (e.g. a response checked against its item's
 * kind), each with its catalogue code, under `prefix`.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): FieldError[] {
  return issues.slice(0, MAX_FIELD_ERRORS).map((issue) => {
    const { code, params, message } = describeIssue(issue, 'en');
    return { field: [...prefix, ...issue.path].map(String).join('.') || '(body)', message, code, params };
  });
}

/** A field error a service finds itself (against stored data), with its catalogue code. */
export function fieldError(field: string, code: ValidationCode, params: MessageParams = {}): FieldError {
  return { field, message: validationMessage(code, params, 'en'), code, params };
}

/** The one 400 for refused values: the detail lists them for developers, `errors[]` carries them for the client. */
export function validationFailed(errors: FieldError[]): AppError {
  return new AppError(ErrorCode.ValidationFailed, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}
