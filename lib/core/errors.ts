// The closed set of failures the product reports. Users see `message`; `cause` stays in logs.
export const ERROR_CODES = [
  "NOT_FOUND",
  "CONFLICT",
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PRECONDITION_FAILED",
  "HOST_UNREACHABLE",
  "SSH_AUTH_FAILED",
  "HOST_KEY_MISMATCH",
  "REMOTE_COMMAND_FAILED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PRECONDITION_FAILED: 422,
  HOST_UNREACHABLE: 502,
  SSH_AUTH_FAILED: 502,
  HOST_KEY_MISMATCH: 422,
  REMOTE_COMMAND_FAILED: 502,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; fieldErrors?: FieldErrors } = {}) {
    super(message, { cause: options.cause });
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
