import { assertBytes } from './assert';
import { fromBase64 } from './base64';
import { concatBytes, utf8, type VerifyPort } from './verify-port';

/**
 * C2SP signed notes (https://c2sp.org/signed-note, v1.0.0) with Ed25519 signatures: the
 * envelope of our Merkle log checkpoints (c2sp.org/tlog-checkpoint).
 *
 * ```
 * <text, one or more lines, each ending in U+000A>
 * <blank line>
 * — <key name> <base64(4-byte key ID || 64-byte Ed25519 signature)>
 * ```
 *
 * The signature covers the note text: every byte up to and including the newline before the
 * blank line (signed-note "Format"). Interoperable byte for byte with Go's
 * golang.org/x/mod/sumdb/note, whose published example is a test vector in
 * test/crypto/checkpoint.test.ts.
 *
 * This module is the portable half (parsing, key IDs, verification through a `VerifyPort`),
 * free of node: and Buffer so the evidence verifier can run in a browser; ../signed-note.ts
 * adds signing and verifier-key strings on node:crypto.
 *
 * Parsing is strict: one malformed byte rejects the whole note, never a partial result.
 */

/** Signature type byte of Ed25519 note signatures (signed-note "Signature types"). */
export const NOTE_ED25519 = 0x01;

/** Upper bounds that keep a hostile note cheap to reject (signed-note "Format": SHOULD limit). */
export const MAX_NOTE_BYTES = 1 << 20;
/** Go's sumdb/note limit; the spec requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

export type SignedNoteErrorCode =
  /** Not a syntactically valid note (or note text to sign). */
  | 'MALFORMED_NOTE'
  /** A key name, verifier key or signer that the spec does not allow. */
  | 'MALFORMED_KEY'
  /** A signature by a known key failed to verify: the whole note is rejected. */
  | 'INVALID_SIGNATURE'
  /** No signature by a known key: the note text must be ignored. */
  | 'UNVERIFIED_NOTE'
  /** Two known keys share a name and key ID: the verifier list itself is unsafe. */
  | 'AMBIGUOUS_KEY';

export class SignedNoteError extends Error {
  constructor(
    readonly code: SignedNoteErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignedNoteError';
  }
}

/** One signature line of a note, decoded. */
export interface NoteSignature {
  readonly name: string;
  /** The 32-bit key ID, big-endian in the encoding. */
  readonly keyId: number;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
  /** The line's base64 field as written. */
  readonly base64: string;
}

export interface ParsedNote {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface OpenedNote extends ParsedNote {
  /** Signatures by known keys, all verified. Never empty. */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys the verifier does not know: ignored, as the spec requires. */
  readonly unverified: readonly NoteSignature[];
}

/** Something that can sign note text under a key name. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Uint8Array;
}

/** A known key: verifies signatures made under (name, keyId). */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

const SIG_PREFIX = '\u2014 '; // em dash, space: bytes E2 80 94 20
// signed-note "Format": no ASCII control characters other than newline.
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f]/;
// A lone surrogate has no UTF-8 encoding: such a string is not "valid UTF-8".
const LONE_SURROGATE = /\p{Surrogate}/u;
// Go's unicode.IsSpace (what sumdb/note uses) plus U+FEFF, which JavaScript counts as \s.
const UNICODE_SPACE = /[\s\u0085]/u;

/**
 * Key names are non-empty, contain no Unicode space and no '+' (signed-note "Format"). We
 * also refuse control characters, which a note may not contain anyway.
 */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !name.includes('+') &&
    !UNICODE_SPACE.test(name) &&
    !CONTROL_EXCEPT_NEWLINE.test(name) &&
    !LONE_SURROGATE.test(name)
  );
}

/**
 * key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], read as a
 * big-endian uint32 (signed-note "Ed25519 signatures").
 */
export function ed25519NoteKeyIdWith(port: VerifyPort, name: string, publicKey: Uint8Array): number {
  assertKeyName(name);
  assertBytes(publicKey, 'note public key', 32);
  return uint32At(port.sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, NOTE_ED25519), publicKey)), 0);
}

/** The key ID as 8 lowercase hex digits, as verifier keys and error messages write it. */
export const keyIdHex = (keyId: number): string => keyId.toString(16).padStart(8, '0');

/** A verifier for Ed25519 signatures by `publicKey` (raw 32 bytes) under `name`. */
export function ed25519NoteVerifierWith(port: VerifyPort, name: string, publicKey: Uint8Array): NoteVerifier {
  const keyId = ed25519NoteKeyIdWith(port, name, publicKey);
  const key = new Uint8Array(publicKey);
  return {
    name,
    keyId,
    // RFC 8032 §5.1.7 through the port; a signature that is not 64 bytes never verifies.
    verify: (text, signature) => port.ed25519Verify(key, text, signature),
  };
}

/**
 * Parses a note's syntax without verifying anything (signed-note "Format"). Use `openNote` to
 * trust its text. Bytes must be valid UTF-8; strings must have no lone surrogates.
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const text = typeof note === 'string' ? note : decodeUtf8(note);
  if (typeof text !== 'string') throw new SignedNoteError('MALFORMED_NOTE', 'a note is text');
  if (utf8Length(text) > MAX_NOTE_BYTES) throw new SignedNoteError('MALFORMED_NOTE', `note exceeds ${MAX_NOTE_BYTES} bytes`);
  if (LONE_SURROGATE.test(text)) throw new SignedNoteError('MALFORMED_NOTE', 'note is not valid UTF-8');
  if (CONTROL_EXCEPT_NEWLINE.test(text))
    throw new SignedNoteError('MALFORMED_NOTE', 'note contains a control character other than newline');

  // "the text is separated from the signatures by the last empty line in the note"
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new SignedNoteError('MALFORMED_NOTE', 'note has no blank line before its signatures');
  const body = text.slice(0, split + 1);
  const block = text.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw new SignedNoteError('MALFORMED_NOTE', 'signature lines must follow the blank line, each ending in a newline');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new SignedNoteError('MALFORMED_NOTE', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => {
    if (!line.startsWith(SIG_PREFIX))
      throw new SignedNoteError('MALFORMED_NOTE', `signature line ${i + 1} does not start with an em dash and a space`);
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const b64 = space < 0 ? '' : rest.slice(space + 1);
    if (!isValidKeyName(name)) throw new SignedNoteError('MALFORMED_NOTE', `signature line ${i + 1}: bad key name`);
    const raw = decodeBase64Strict(b64);
    // A key ID and at least one byte of signature (as Go's sumdb/note requires).
    if (raw === null || raw.length < 5) throw new SignedNoteError('MALFORMED_NOTE', `signature line ${i + 1}: bad base64 signature`);
    return { name, keyId: uint32At(raw, 0), signature: raw.subarray(4), base64: b64 };
  });
  return { text: body, signatures };
}

/**
 * Parses a note and verifies it against known keys (signed-note "Signatures"): signatures by
 * unknown (name, key ID) pairs are ignored; a signature by a known key that fails rejects the
 * note; at least one known signature must verify. A repeated signature by the same key is
 * checked once, as Go's sumdb/note does.
 */
export function openNote(note: string | Uint8Array, known: readonly NoteVerifier[]): OpenedNote {
  const parsed = parseNote(note);
  const text = utf8(parsed.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of parsed.signatures) {
    const matches = known.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (matches.length === 0) {
      unverified.push(sig);
      continue;
    }
    if (matches.length > 1) throw new SignedNoteError('AMBIGUOUS_KEY', `two known keys are named ${sig.name}+${keyIdHex(sig.keyId)}`);
    const id = `${sig.name}+${sig.keyId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!matches[0]!.verify(text, sig.signature)) {
      throw new SignedNoteError('INVALID_SIGNATURE', `invalid signature by ${sig.name}+${keyIdHex(sig.keyId)}`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) throw new SignedNoteError('UNVERIFIED_NOTE', 'note has no signature by a known key');
  return { ...parsed, verified, unverified };
}

/**
 * RFC 4648 §4 base64, canonical only: padding required, no whitespace, and unused bits of the
 * last character zero (so each byte string has exactly one accepted encoding). Null if not.
 */
export function decodeBase64Strict(text: string): Uint8Array | null {
  return fromBase64(text);
}

function decodeUtf8(bytes: Uint8Array): string {
  assertBytes(bytes, 'note');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SignedNoteError('MALFORMED_NOTE', 'note is not valid UTF-8');
  }
}

export function assertKeyName(name: unknown): asserts name is string {
  if (!isValidKeyName(name)) throw new SignedNoteError('MALFORMED_KEY', `invalid key name ${JSON.stringify(name)}`);
}

export function assertNoteText(text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n')) {
    throw new SignedNoteError('MALFORMED_NOTE', 'note text must be non-empty and end with a newline');
  }
  if (LONE_SURROGATE.test(text)) throw new SignedNoteError('MALFORMED_NOTE', 'note text is not valid UTF-8');
  if (CONTROL_EXCEPT_NEWLINE.test(text))
    throw new SignedNoteError('MALFORMED_NOTE', 'note text contains a control character other than newline');
}

/** The big-endian uint32 at `offset`. */
function uint32At(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! * 0x1000000 + ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
}

/** The UTF-8 length of `text` (a lone surrogate counts as U+FFFD, 3 bytes, as Buffer.byteLength does). */
function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}
