import type { ErrorCode } from '../error-codes';

/** One thing a section's quality rule found: the field at fault, the code it would refuse with, and what is missing. */
export interface Finding {
  /** Path of the field at fault, e.g. `highlights.items[0].data`. */
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
  /** For SMART: the criteria an item misses. For highlights: what is missing. */
  readonly missing: readonly string[];
}
