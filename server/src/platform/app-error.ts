import { ErrorCode, type FieldError } from '@tinhtao/shared';

// The codes live in `shared`, so that the client knows every one it may be answered.
export { ErrorCode };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
  }
}

export interface ProblemShape {
  status: number;
  title: string;
}

/** The one mapping of codes to HTTP; the switch is exhaustive so a new code cannot be forgotten. */
export function problemFor(code: ErrorCode): ProblemShape {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return { status: 400, title: 'The request is not valid' };
    case ErrorCode.BadJson:
      return { status: 400, title: 'The body is not valid JSON' };
    case ErrorCode.PayloadTooLarge:
      return { status: 413, title: 'The request is too large' };
    case ErrorCode.Unauthenticated:
      return { status: 401, title: 'Sign in first' };
    case ErrorCode.InvalidCredentials:
      return { status: 401, title: 'Wrong username or password' };
    case ErrorCode.RefreshInvalid:
      return { status: 401, title: 'The session has ended; sign in again' };
    case ErrorCode.RefreshReused:
      return { status: 401, title: 'This refresh token was already used; the session is revoked' };
    case ErrorCode.WrongPassword:
      return { status: 400, title: 'The current password is wrong' };
    case ErrorCode.TooManyAttempts:
      return { status: 429, title: 'Too many attempts; wait and try again' };
    case ErrorCode.Forbidden:
      return { status: 403, title: 'You may not do this' };
    case ErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ErrorCode.Conflict:
      return { status: 409, title: 'This conflicts with existing data' };
    case ErrorCode.UsernameTaken:
      return { status: 409, title: 'This username is taken' };
    case ErrorCode.MinistryCodeTaken:
      return { status: 409, title: 'A school with this ministry code exists' };
    case ErrorCode.SchoolNotEmpty:
      return { status: 409, title: 'The school still has classes or accounts' };
    case ErrorCode.ClassNotEmpty:
      return { status: 409, title: 'The class still has students' };
    case ErrorCode.AreaInUse:
      return { status: 409, title: 'Schools still belong to this area' };
    case ErrorCode.InvalidReference:
      return { status: 422, title: 'A referenced record does not fit' };
    case ErrorCode.GradeNotInLevel:
      return { status: 422, title: 'This grade is not taught at this school level' };
    case ErrorCode.ContentLocked:
      return { status: 409, title: 'Published content cannot change; make a new version' };
    case ErrorCode.ContentInUse:
      return { status: 409, title: 'This content is used by a curriculum and cannot be deleted' };
    case ErrorCode.LessonDoesNotFit:
      return { status: 422, title: 'The lesson is of another level or program than the curriculum' };
    case ErrorCode.CurriculumExists:
      return { status: 409, title: 'This curriculum already exists for the year, level and program' };
    case ErrorCode.CurriculumEmpty:
      return { status: 422, title: 'A curriculum needs at least one lesson to be published' };
    case ErrorCode.AssignmentNotOpen:
      return { status: 409, title: 'This assignment is not open yet' };
    case ErrorCode.AssignmentClosed:
      return { status: 409, title: 'The teacher has closed this assignment' };
    case ErrorCode.AlreadySubmitted:
      return { status: 409, title: 'This attempt is already submitted' };
    case ErrorCode.ContestNotOpen:
      return { status: 409, title: 'The contest window has not opened' };
    case ErrorCode.ContestClosed:
      return { status: 409, title: 'The contest window has closed' };
    case ErrorCode.TooLate:
      return { status: 409, title: 'The time for this entry is over' };
    case ErrorCode.NotPublished:
      return { status: 409, title: 'The leaderboard is published when the window closes' };
    case ErrorCode.NotQuarterly:
      return { status: 409, title: 'The province reports yearly this school year; its report is the annual one' };
    case ErrorCode.FileTooLarge:
      return { status: 413, title: 'The file is larger than an import takes' };
    case ErrorCode.UnsupportedFile:
      return { status: 415, title: 'This is not a CSV or XLSX file that can be read' };
    case ErrorCode.ImportHeaders:
      return { status: 400, title: 'The sheet lacks columns an import needs' };
    case ErrorCode.SubmissionNotOpen:
      return { status: 409, title: 'The submission window has not opened' };
    case ErrorCode.SubmissionClosed:
      return { status: 409, title: 'The submission window has closed; the entry can no longer change' };
    case ErrorCode.KindNotInContest:
      return { status: 422, title: 'The contest does not take this kind of work' };
    case ErrorCode.ThemeNotInContest:
      return { status: 422, title: 'The theme is not one of the contest’s' };
    case ErrorCode.TeamTooLarge:
      return { status: 422, title: 'The team has more students than the contest allows' };
    case ErrorCode.TeamAcrossSchools:
      return { status: 422, title: 'A team’s students are all of one school' };
    case ErrorCode.FileNotAccepted:
      return { status: 415, title: 'The file is not of a type or size this contest takes' };
    case ErrorCode.EntryNotConfirmed:
      return { status: 409, title: 'The entry has not been confirmed by its teacher' };
    case ErrorCode.RubricMissing:
      return { status: 409, title: 'The contest has no rubric yet' };
    case ErrorCode.RubricLocked:
      return { status: 409, title: 'A score is saved: the rubric no longer changes' };
    case ErrorCode.JudgingNotOpen:
      return { status: 409, title: 'The judging window has not opened' };
    case ErrorCode.JudgingClosed:
      return { status: 409, title: 'The judging window has closed' };
    case ErrorCode.NotAssigned:
      return { status: 409, title: 'The judge is not assigned to this entry' };
    case ErrorCode.TooFewJudges:
      return { status: 422, title: 'Too few judges from other schools for an entry' };
    case ErrorCode.NoReplacementJudge:
      return { status: 409, title: 'No other judge may take this entry' };
    case ErrorCode.VotingNotOpen:
      return { status: 409, title: 'The vote has not opened' };
    case ErrorCode.VotingClosed:
      return { status: 409, title: 'The vote has closed' };
    case ErrorCode.AlreadyVoted:
      return { status: 409, title: 'One vote per student per contest' };
    case ErrorCode.VotesHidden:
      return { status: 409, title: 'Votes are counted when the vote closes' };
    case ErrorCode.RedisUnavailable:
      return { status: 503, title: 'Shared state (Redis) is not answering; try again in a moment' };
    case ErrorCode.DatabaseUnavailable:
      return { status: 503, title: 'The database is not answering; try again in a moment' };
    case ErrorCode.ImportNotPending:
      return { status: 409, title: 'This import was already confirmed' };
    case ErrorCode.Internal:
      return { status: 500, title: 'Something went wrong on our side' };
  }
}

export const notFound = (what = 'record') => new AppError(ErrorCode.NotFound, `No such ${what}`);

/**
 * A row read again after its access check: one deleted in between (by another request) is a
 * 404 like any missing record, never a 500 from reading a property of `undefined`.
 */
export function found<T>(row: T | null | undefined, what?: string): T {
  if (row === null || row === undefined) throw notFound(what);
  return row;
}
