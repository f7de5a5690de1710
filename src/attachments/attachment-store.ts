/**
 * The attachment store port: content-addressed bytes beside the read models. The ledger
 * records an attachment's SHA-256; the store keeps the bytes under that name and proves on
 * every read that they still hash to it.
 *
 * An upload is written in two steps, so that one the command refuses leaves nothing behind:
 * `stage` writes the bytes (durably) to a staging area the store owns, which no read ever
 * sees; once the ledger has recorded the attachment, `commit` makes them the object (an
 * atomic rename, or one document update); a refused upload is `discard`ed. Every staged upload
 * names the interview it is for, so that one left behind by a crash can be settled later
 * against that interview's stream (src/application/attachment-service.ts).
 */
import { sha256Hex } from '../crypto/sha256';

export interface AttachmentStore {
  readonly name: string;
  /**
   * Stores `bytes` under `sha256`. Idempotent: storing an object that is already there
   * changes nothing. Refuses bytes that do not hash to `sha256`.
   */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  /**
   * Writes `bytes` to the staging area for an upload to `interviewId`: durable, but not an
   * object (`get` and `has` do not see it) until committed. Refuses bytes that do not hash to
   * `sha256`.
   */
  stage(sha256: string, bytes: Uint8Array, interviewId: string): Promise<StagedAttachment>;
  /** The staged uploads still waiting, oldest first: those of uploads in flight, and those a crash left. */
  listStaged(): Promise<StagedAttachment[]>;
  /** The bytes, or null when there is no such object. Throws AttachmentCorruptError when they no longer hash to `sha256`. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Bytes in the staging area, waiting for the command that decides whether they are kept. */
export interface StagedAttachment {
  readonly sha256: string;
  readonly interviewId: string;
  /** When the bytes were staged (the file's or document's time). */
  readonly stagedAt: Date;
  /**
   * Makes the staged bytes the object `sha256`, atomically; when the object is there already
   * the staged copy is dropped. Idempotent: committing again, or after another process
   * committed the same staged upload, succeeds.
   */
  commit(): Promise<void>;
  /** Removes the staged bytes. Idempotent. */
  discard(): Promise<void>;
}

/** Staged uploads carry the interview id in their name: the id's own alphabet, nothing else. */
export const STAGED_INTERVIEW_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export function assertStagedInterviewId(value: unknown): string {
  if (typeof value !== 'string' || !STAGED_INTERVIEW_ID.test(value))
    throw new TypeError('attachment store: interviewId must be an id (letters, digits, _, ., : or -)');
  return value;
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
