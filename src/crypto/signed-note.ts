import type { KeyObject } from 'node:crypto';
import { assertBytes, assertString } from './assert';
import { ed25519Sign, ed25519Verify, publicKeyFromRaw, rawPublicKey } from './ed25519';
import { sha256 } from './sha256';

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
  readonly signature: Buffer;
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
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
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
export function ed25519NoteKeyId(name: string, publicKey: Uint8Array): number {
  assertKeyName(name);
  assertBytes(publicKey, 'note public key', 32);
  return sha256(Buffer.from(name, 'utf8'), Uint8Array.of(0x0a, NOTE_ED25519), publicKey).readUInt32BE(0);
}

/** The key ID as 8 lowercase hex digits, as verifier keys and error messages write it. */
export const keyIdHex = (keyId: number): string => keyId.toString(16).padStart(8, '0');

/**
 * The verifier key string `<name>+<hex key ID>+<base64(0x01 || public key)>`: what a verifier
 * configures to trust this key (the vkey encoding of Go's sumdb/note, used across the
 * transparency-log ecosystem).
 */
export function ed25519VerifierKey(name: string, publicKey: Uint8Array): string {
  const keyId = ed25519NoteKeyId(name, publicKey);
  return `${name}+${keyIdHex(keyId)}+${Buffer.concat([Uint8Array.of(NOTE_ED25519), publicKey]).toString('base64')}`;
}

/** Parses a verifier key string (see `ed25519VerifierKey`) into a verifier. Strict. */
export function parseVerifierKey(vkey: string): NoteVerifier & { readonly publicKey: Buffer } {
  assertString(vkey, 'verifier key');
  const parts = vkey.split('+');
  // The name has no '+'; base64 may contain '+', so everything after the second '+' is the key.
  const [name, hex] = parts;
  const key = parts.slice(2).join('+');
  if (parts.length < 3 || !isValidKeyName(name)) throw new SignedNoteError('MALFORMED_KEY', 'verifier key: bad key name');
  if (hex === undefined || !/^[0-9a-f]{8}$/.test(hex))
    throw new SignedNoteError('MALFORMED_KEY', 'verifier key: key ID must be 8 lowercase hex digits');
  const raw = decodeBase64Strict(key);
  if (raw === null || raw.length !== 33 || raw[0] !== NOTE_ED25519) {
    throw new SignedNoteError('MALFORMED_KEY', 'verifier key: expected base64 of 0x01 and a 32-byte Ed25519 public key');
  }
  const publicKey = raw.subarray(1);
  const keyId = Number.parseInt(hex, 16);
  if (ed25519NoteKeyId(name, publicKey) !== keyId)
    throw new SignedNoteError('MALFORMED_KEY', 'verifier key: key ID does not match name and key');
  return { ...ed25519NoteVerifier(name, publicKey), publicKey };
}

/** A verifier for Ed25519 signatures by `publicKey` (raw 32 bytes) under `name`. */
export function ed25519NoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const keyId = ed25519NoteKeyId(name, publicKey);
  const key = publicKeyFromRaw(publicKey);
  return {
    name,
    keyId,
    // RFC 8032 §5.1.7 via OpenSSL; a signature that is not 64 bytes never verifies.
    verify: (text, signature) => ed25519Verify(text, signature, key),
  };
}

/** A signer for `privateKey` (Ed25519, node:crypto) under `name`. */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SignedNoteError('MALFORMED_KEY', 'note signer: expected an Ed25519 private key');
  }
  const keyId = ed25519NoteKeyId(name, rawPublicKey(privateKey));
  return { name, keyId, sign: (text) => ed25519Sign(text, privateKey) };
}

/**
 * Signs `text` and returns the note: text, blank line, one signature line per signer.
 * The text must be a valid note text (non-empty, ending in a newline, valid UTF-8, no control
 * characters but newlines), so that every note we emit opens again.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertNoteText(text);
  if (signers.length === 0) throw new SignedNoteError('MALFORMED_NOTE', 'a signed note needs at least one signature');
  const bytes = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    assertKeyName(signer.name);
    if (!Number.isInteger(signer.keyId) || signer.keyId < 0 || signer.keyId > 0xffffffff) {
      throw new SignedNoteError('MALFORMED_KEY', `note signer ${signer.name}: key ID must be a uint32`);
    }
    const id = Buffer.alloc(4);
    id.writeUInt32BE(signer.keyId);
    const sig = signer.sign(bytes);
    return `${SIG_PREFIX}${signer.name} ${Buffer.concat([id, sig]).toString('base64')}\n`;
  });
  const note = `${text}\n${lines.join('')}`;
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw new SignedNoteError('MALFORMED_NOTE', `note exceeds ${MAX_NOTE_BYTES} bytes`);
  return note;
}

/**
 * Parses a note's syntax without verifying anything (signed-note "Format"). Use `openNote` to
 * trust its text. Bytes must be valid UTF-8; strings must have no lone surrogates.
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const text = typeof note === 'string' ? note : decodeUtf8(note);
  if (typeof text !== 'string') throw new SignedNoteError('MALFORMED_NOTE', 'a note is text');
  if (Buffer.byteLength(text, 'utf8') > MAX_NOTE_BYTES) throw new SignedNoteError('MALFORMED_NOTE', `note exceeds ${MAX_NOTE_BYTES} bytes`);
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
    return { name, keyId: raw.readUInt32BE(0), signature: raw.subarray(4), base64: b64 };
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
  const text = Buffer.from(parsed.text, 'utf8');
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
export function decodeBase64Strict(text: string): Buffer | null {
  if (typeof text !== 'string' || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

function decodeUtf8(bytes: Uint8Array): string {
  assertBytes(bytes, 'note');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SignedNoteError('MALFORMED_NOTE', 'note is not valid UTF-8');
  }
}

function assertKeyName(name: unknown): asserts name is string {
  if (!isValidKeyName(name)) throw new SignedNoteError('MALFORMED_KEY', `invalid key name ${JSON.stringify(name)}`);
}

function assertNoteText(text: unknown): asserts text is string {
  if (typeof text !== 'string' || text.length === 0 || !text.endsWith('\n')) {
    throw new SignedNoteError('MALFORMED_NOTE', 'note text must be non-empty and end with a newline');
  }
  if (LONE_SURROGATE.test(text)) throw new SignedNoteError('MALFORMED_NOTE', 'note text is not valid UTF-8');
  if (CONTROL_EXCEPT_NEWLINE.test(text))
    throw new SignedNoteError('MALFORMED_NOTE', 'note text contains a control character other than newline');
}
