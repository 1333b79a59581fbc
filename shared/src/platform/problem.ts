/** RFC 9457 problem details, as every API error is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** A stable machine code, e.g. `INVALID_CREDENTIALS`; the client translates it. */
  code?: string;
  errors?: FieldError[];
}

export interface FieldError {
  /** Dotted path of the field, e.g. `scope.id`. */
  field: string;
  /** In English, for developers; a person reads the client's translation of `code`. */
  message: string;
  /** A key of the validation catalogue (`too_small.string`, `schoolYear.format`) with its parameters. */
  code?: string;
  params?: Record<string, string | number>;
}

export const PROBLEM_TYPE_BASE = 'https://tinhtao.edu.vn/problems/';
