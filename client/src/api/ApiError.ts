import type { FieldError, ProblemDetails } from '@tinhtao/shared';

/** An RFC 9457 problem answered by the API (or a network failure, status 0), as one typed error. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  /** From the `Retry-After` header of a 429, in seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: ProblemDetails, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.code = problem.code;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static network(): ApiError {
    return new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK' });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Reads a failed response's body as problem details, whatever the server managed to send. */
export async function problemFrom(response: Response): Promise<ApiError> {
  let body: Partial<ProblemDetails> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object') body = parsed as Partial<ProblemDetails>;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): keep the status alone.
  }
  const problem: ProblemDetails = {
    type: typeof body.type === 'string' ? body.type : 'about:blank',
    title: typeof body.title === 'string' ? body.title : response.statusText,
    status: typeof body.status === 'number' ? body.status : response.status,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    code: typeof body.code === 'string' ? body.code : undefined,
    errors: Array.isArray(body.errors) ? body.errors : undefined,
  };
  return new ApiError(problem, retryAfterSeconds(response.headers.get('Retry-After')));
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
