/**
 * Every failure the REST API may answer, as a stable code (problem details `code`) the client
 * translates (`errors.<CODE>` in client/src/i18n). The server maps each to HTTP in one place.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  BadJson: 'BAD_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  RefreshInvalid: 'REFRESH_INVALID',
  RefreshReused: 'REFRESH_REUSED',
  WrongPassword: 'WRONG_PASSWORD',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  UsernameTaken: 'USERNAME_TAKEN',
  MinistryCodeTaken: 'MINISTRY_CODE_TAKEN',
  SchoolNotEmpty: 'SCHOOL_NOT_EMPTY',
  ClassNotEmpty: 'CLASS_NOT_EMPTY',
  AreaInUse: 'AREA_IN_USE',
  InvalidReference: 'INVALID_REFERENCE',
  GradeNotInLevel: 'GRADE_NOT_IN_LEVEL',
  ContentLocked: 'CONTENT_LOCKED',
  ContentInUse: 'CONTENT_IN_USE',
  LessonDoesNotFit: 'LESSON_DOES_NOT_FIT',
  CurriculumExists: 'CURRICULUM_EXISTS',
  CurriculumEmpty: 'CURRICULUM_EMPTY',
  AssignmentNotOpen: 'ASSIGNMENT_NOT_OPEN',
  AssignmentClosed: 'ASSIGNMENT_CLOSED',
  AlreadySubmitted: 'ALREADY_SUBMITTED',
  ContestNotOpen: 'CONTEST_NOT_OPEN',
  ContestClosed: 'CONTEST_CLOSED',
  TooLate: 'TOO_LATE',
  NotPublished: 'NOT_PUBLISHED',
  NotQuarterly: 'NOT_QUARTERLY',
  FileTooLarge: 'FILE_TOO_LARGE',
  UnsupportedFile: 'UNSUPPORTED_FILE',
  ImportHeaders: 'IMPORT_HEADERS',
  ImportNotPending: 'IMPORT_NOT_PENDING',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  RedisUnavailable: 'REDIS_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);
