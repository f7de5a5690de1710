import type { ErrorCode } from './error-codes';

/**
 * Business errors. Each carries a stable `code` that reaches clients as
 * `extensions.code`, and, where one input is at fault, the `field` that names it.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Machine-readable specifics (e.g. which SMART parts are missing); reaches clients as `extensions.details`. */
  details?: Readonly<Record<string, unknown>>;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that can never be valid: wrong shape, out of range, too large. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    field?: string,
    readonly code: ErrorCode = 'VALIDATION_FAILED',
  ) {
    super(message, field);
  }
}

/** The command is well-formed but not allowed in the aggregate's current state. */
export class IllegalStateError extends DomainError {
  readonly code = 'ILLEGAL_STATE';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** The caller edited an older version than the current one. */
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the record is at version ${actual}, not ${expected}: reload and apply your change again`, 'expectedVersion');
  }
}

/** The actor may not do this to this record. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/**
 * A business rule of the record's template or flow refused the command: the wrong step, a
 * role that does not act now, a required field left empty, a vague highlight, a plan item
 * that is not SMART. The code says which rule; `details` says precisely what is missing.
 */
export class RuleError extends DomainError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    field?: string,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(message, field);
    if (details) this.details = details;
  }
}
