/**
 * Business errors. Each carries a stable `code` that reaches clients as
 * `extensions.code`, and, where one input is at fault, the `field` that names it.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
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
    readonly code: string = 'VALIDATION_FAILED',
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
