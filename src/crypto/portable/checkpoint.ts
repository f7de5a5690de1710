import { toBase64 } from './base64';
import { HASH_SIZE } from './merkle-verify';
import { decodeBase64Strict, ed25519NoteVerifierWith, openNote, parseNote, type NoteVerifier, type OpenedNote } from './signed-note';
import { hexOf, type VerifyPort } from './verify-port';

/**
 * C2SP transparency-log checkpoints (https://c2sp.org/tlog-checkpoint): a signed note
 * (c2sp.org/signed-note) whose text is the head of a Merkle tree (RFC 9162 §2.1.1):
 *
 * ```
 * <origin>\n           the log's identity, non-empty
 * <tree size>\n        ASCII decimal, no leading zeros ("0" for the empty tree)
 * <root hash>\n        base64 of the 32-byte SHA-256 root
 * [<extension>\n]*     optional, opaque, non-empty (NOT RECOMMENDED by the spec)
 * ```
 *
 * The portable half (parsing, opening, verifiers through a `VerifyPort`); ../checkpoint.ts adds
 * formatting and signing on node:crypto.
 */

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  /** MTH of the first `size` leaves, 32 bytes. */
  readonly rootHash: Uint8Array;
  /** Extension lines; our log writes none. */
  readonly extensions?: readonly string[];
}

export class CheckpointError extends Error {
  readonly code = 'MALFORMED_CHECKPOINT';
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export interface CheckpointParseOptions {
  /**
   * Accept extension lines (tlog-checkpoint "Note text", item 4). Default false: our log never
   * writes them, so one appearing means someone else wrote the note.
   */
  readonly allowExtensions?: boolean;
}

/** Parses checkpoint note text strictly (tlog-checkpoint "Note text"). */
export function parseCheckpoint(text: string, options: CheckpointParseOptions = {}): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) throw new CheckpointError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError(`a checkpoint has at least 3 lines, found ${lines.length}`);
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw new CheckpointError('origin line is empty');
  // No leading zeros, no sign, no spaces: exactly one spelling per size.
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine))
    throw new CheckpointError(`tree size ${JSON.stringify(sizeLine)} is not canonical ASCII decimal`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new CheckpointError(`tree size ${sizeLine} is too large`);
  const rootHash = decodeBase64Strict(rootLine);
  if (rootHash === null) throw new CheckpointError('root hash is not canonical base64');
  if (rootHash.length !== HASH_SIZE) throw new CheckpointError(`root hash is ${rootHash.length} bytes, not ${HASH_SIZE}`);
  if (extensions.length > 0 && !options.allowExtensions) throw new CheckpointError(`unexpected extension line(s): ${extensions.length}`);
  if (extensions.some((line) => line.length === 0)) throw new CheckpointError('extension lines must be non-empty');
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

export interface OpenCheckpointOptions extends CheckpointParseOptions {
  /** The origin the verifier expects; any other is rejected. */
  readonly origin?: string;
}

/**
 * Verifies a checkpoint note with known keys (signed-note "Signatures") and parses its text.
 * Throws `SignedNoteError` for signature problems, `CheckpointError` for the text.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  known: readonly NoteVerifier[],
  options: OpenCheckpointOptions = {},
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, known);
  const checkpoint = parseCheckpoint(opened.text, options);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new CheckpointError(`origin is ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(options.origin)}`);
  }
  return { checkpoint, note: opened };
}

/** Parses a checkpoint note without verifying its signatures (for a store we wrote ourselves). */
export function readCheckpointNote(note: string | Uint8Array, options: CheckpointParseOptions = {}): Checkpoint {
  return parseCheckpoint(parseNote(note).text, options);
}

/**
 * Verifiers for checkpoints of a log that signs under its origin as key name: one per Ed25519
 * public key (raw 32 bytes, or base64 as the ledger key file publishes them). Duplicates are
 * dropped, so a key listed twice is not an ambiguous key.
 */
export function checkpointVerifiersWith(port: VerifyPort, origin: string, publicKeys: readonly (Uint8Array | string)[]): NoteVerifier[] {
  const unique = new Map<string, Uint8Array>();
  for (const key of publicKeys) {
    const raw = typeof key === 'string' ? decodeBase64Strict(key) : key;
    if (raw === null || raw.length !== 32) throw new CheckpointError('ledger public keys must be 32-byte Ed25519 keys');
    unique.set(hexOf(raw), raw);
  }
  return [...unique.values()].map((raw) => ed25519NoteVerifierWith(port, origin, raw));
}

/** The base64 line of a root hash, as a checkpoint writes it. */
export const rootLine = (rootHash: Uint8Array): string => toBase64(rootHash);
