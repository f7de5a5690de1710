import type { KeyObject } from 'node:crypto';
import { asBuffer } from './bytes';
import { ed25519Sign, rawPublicKey } from './ed25519';
import { nodeVerifyPort } from './node-verify-port';
import {
  assertKeyName,
  assertNoteText,
  decodeBase64Strict as decodePortable,
  ed25519NoteKeyIdWith,
  ed25519NoteVerifierWith,
  isValidKeyName,
  keyIdHex,
  MAX_NOTE_BYTES,
  NOTE_ED25519,
  SignedNoteError,
  type NoteSigner,
  type NoteVerifier,
} from './portable/signed-note';
import { assertString } from './assert';

export {
  isValidKeyName,
  keyIdHex,
  MAX_NOTE_BYTES,
  MAX_NOTE_SIGNATURES,
  NOTE_ED25519,
  openNote,
  parseNote,
  SignedNoteError,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  type ParsedNote,
  type SignedNoteErrorCode,
} from './portable/signed-note';

/**
 * C2SP signed notes (https://c2sp.org/signed-note, v1.0.0) with Ed25519 signatures, on the
 * server: parsing, key IDs and verification are ./portable/signed-note.ts (the one
 * implementation, also run by the browser verifier), here with node:crypto as its port; signing
 * and verifier-key strings are here.
 */

const SIG_PREFIX = '\u2014 '; // em dash, space: bytes E2 80 94 20

/**
 * key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], read as a
 * big-endian uint32 (signed-note "Ed25519 signatures").
 */
export function ed25519NoteKeyId(name: string, publicKey: Uint8Array): number {
  return ed25519NoteKeyIdWith(nodeVerifyPort, name, publicKey);
}

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

/** A verifier for Ed25519 signatures by `publicKey` (raw 32 bytes) under `name`, on node:crypto. */
export function ed25519NoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return ed25519NoteVerifierWith(nodeVerifyPort, name, publicKey);
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
 * RFC 4648 §4 base64, canonical only: padding required, no whitespace, and unused bits of the
 * last character zero (so each byte string has exactly one accepted encoding). Null if not.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  const bytes = decodePortable(text);
  return bytes === null ? null : asBuffer(bytes);
}
