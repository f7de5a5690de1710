/**
 * The attachment store port: content-addressed bytes beside the read models. The ledger
 * records an attachment's SHA-256; the store keeps the bytes under that name and proves on
 * every read that they still hash to it.
 */
import { sha256Hex } from '../crypto/sha256';

export interface AttachmentStore {
  readonly name: string;
  /**
   * Stores `bytes` under `sha256`. Idempotent: storing an object that is already there
   * changes nothing. Refuses bytes that do not hash to `sha256`.
   */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no such object. Throws AttachmentCorruptError when they no longer hash to `sha256`. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const isSha256Hex = (value: unknown): value is string => typeof value === 'string' && SHA256_HEX.test(value);

/**
 * Object names become file paths and database keys: only 64 lowercase hex digits pass, which
 * closes path traversal ("../") and operator injection alike.
 */
export function assertSha256(value: unknown): string {
  if (!isSha256Hex(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
    throw new TypeError(`attachment store: sha256 must be 64 lowercase hex digits, got ${shown}`);
  }
  return value;
}

/** Refuses to store bytes under a name they do not hash to. */
export function assertBytesMatch(sha256: string, bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('attachment store: bytes must be a Uint8Array');
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new AttachmentHashMismatchError(sha256, actual);
}

/** put() was handed bytes whose hash is not the name they were to be stored under. */
export class AttachmentHashMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`attachment store: refusing to store bytes hashing to ${actual} under ${expected}`);
    this.name = 'AttachmentHashMismatchError';
  }
}

/** A stored object no longer hashes to its name: storage corruption or tampering. */
export class AttachmentCorruptError extends Error {
  constructor(
    readonly sha256: string,
    /** Where the object is, for the operator: a file path or a GridFS file id. */
    readonly location: string,
    detail: string,
  ) {
    super(`attachment ${sha256} at ${location} is corrupt: ${detail}`);
    this.name = 'AttachmentCorruptError';
  }
}

/** Verifies bytes read back from storage. */
export function verifyStored(sha256: string, bytes: Buffer, location: string): Buffer {
  const actual = sha256Hex(bytes);
  if (actual !== sha256) throw new AttachmentCorruptError(sha256, location, `its ${bytes.length} bytes hash to ${actual}`);
  return bytes;
}
