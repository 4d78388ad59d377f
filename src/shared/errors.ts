// Errors are values inside the domain and one shape outside (DESIGN.md principle 9).
// A DomainError carries a stable code; src/server/platform/http/errors.ts maps codes to HTTP statuses.

export type ErrorCode =
  | 'validation_failed'
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'invalid_transition'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'account_locked'
  | 'calendar_year_not_covered'
  | 'internal';

export interface FieldIssue {
  /** dotted path of the offending field, e.g. "body.contact.phone" */
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function validationError(issues: FieldIssue[], message = 'The request has invalid fields'): DomainError {
  return new DomainError('validation_failed', message, { issues });
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} was not found`);
}
