import { assertBytes } from './assert';
import { fromBase64, toBase64 } from './base64';
import { assertKeyName, isValidKeyName, keyIdHex, parseNote, SignedNoteError, type NoteSignature, type NoteVerifier } from './signed-note';
import { concatBytes, utf8, type VerifyPort } from './verify-port';

/**
 * Witness cosignatures: C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), the Ed25519
 * type `cosignature/v1`. A cosignature is one more signature line of a checkpoint's signed note
 * (c2sp.org/signed-note), by a witness that checked the checkpoint is consistent with every
 * earlier one it saw:
 *
 * ```
 * key ID    = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]       ("Format")
 * payload   = u64 timestamp, big-endian || 64-byte Ed25519 signature        (timestamped_signature)
 * message   = "cosignature/v1\n" || "time " || decimal(timestamp) || "\n"
 *             || the checkpoint's note text, final newline included         ("Ed25519 signed message")
 * line      = "— " name " " base64(key ID || payload) "\n"                  (signed-note "Format")
 * vkey      = name "+" hex(key ID) "+" base64(0x04 || 32-byte public key)   (signed-note "Verifier keys")
 * ```
 *
 * So the line's base64 decodes to exactly 76 bytes. The timestamp is POSIX seconds; the spec
 * allows up to 2^63 − 1, we accept up to 2^53 − 1 (the year 285 million), so it is a plain number.
 *
 * Portable (no node:, no Buffer): the server, the offline bundle verifier (also in a browser)
 * and the witness client (src/client/witness.ts) run this one copy, each with its `VerifyPort`.
 */

/** Signature type byte of Ed25519 cosignatures (tlog-cosignature "Format"; signed-note "Signature types"). */
export const COSIGNATURE_ED25519 = 0x04;
/** Decoded size of a cosignature line's base64: key ID, timestamp, Ed25519 signature. */
export const COSIGNATURE_BYTES = 4 + 8 + 64;
/** The header line of the signed message: domain separation from every other signature. */
export const COSIGNATURE_HEADER = 'cosignature/v1';

const SIG_PREFIX = '\u2014 '; // em dash, space: bytes E2 80 94 20

/** A cosignature line, decoded. */
export interface Cosignature {
  /** The witness's key name. */
  readonly name: string;
  /** The 32-bit key ID, big-endian in the encoding. */
  readonly keyId: number;
  /** POSIX seconds at which the witness signed. */
  readonly timestamp: number;
  /** The 64-byte Ed25519 signature over `cosignatureMessage(text, timestamp)`. */
  readonly signature: Uint8Array;
  /** The signature line, `— <name> <base64>\n`. */
  readonly line: string;
}

/** A witness key one trusts: verifies cosignatures under (name, key ID). Also a note verifier. */
export interface CosignatureVerifier extends NoteVerifier {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The vkey text: `<name>+<key ID hex>+<base64(0x04 || public key)>`. */
  readonly vkey: string;
}

/** key ID = SHA-256(name || 0x0A || 0x04 || public key)[:4] as a big-endian uint32 (tlog-cosignature "Format"). */
export function cosignatureKeyIdWith(port: VerifyPort, name: string, publicKey: Uint8Array): number {
  assertKeyName(name);
  assertBytes(publicKey, 'witness public key', 32);
  return uint32At(port.sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, COSIGNATURE_ED25519), publicKey)), 0);
}

/**
 * The bytes a witness signs: `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint's
 * note text, the signature lines not included (tlog-cosignature "Ed25519 signed message").
 */
export function cosignatureMessage(text: string | Uint8Array, timestamp: number): Uint8Array {
  assertTimestamp(timestamp);
  const body = typeof text === 'string' ? utf8(text) : text;
  assertBytes(body, 'cosigned note text');
  if (body.length === 0 || body[body.length - 1] !== 0x0a)
    throw new SignedNoteError('MALFORMED_NOTE', 'cosigned text must end with a newline');
  return concatBytes(utf8(`${COSIGNATURE_HEADER}\ntime ${timestamp}\n`), body);
}

/** The payload after the key ID: the timestamp (u64 big-endian) and the signature. */
export function cosignaturePayload(timestamp: number, signature: Uint8Array): Uint8Array {
  assertTimestamp(timestamp);
  assertBytes(signature, 'cosignature signature', 64);
  const out = new Uint8Array(8 + 64);
  // 2^53 - 1 fits in the low 53 bits: high word first, big-endian.
  writeUint32(out, 0, Math.floor(timestamp / 0x1_0000_0000));
  writeUint32(out, 4, timestamp % 0x1_0000_0000);
  out.set(signature, 8);
  return out;
}

/** The signature line `— <name> <base64(key ID || timestamp || signature)>\n`. */
export function cosignatureLine(name: string, keyId: number, timestamp: number, signature: Uint8Array): string {
  assertKeyName(name);
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) throw new SignedNoteError('MALFORMED_KEY', 'key ID must be a uint32');
  const id = new Uint8Array(4);
  writeUint32(id, 0, keyId);
  return `${SIG_PREFIX}${name} ${toBase64(concatBytes(id, cosignaturePayload(timestamp, signature)))}\n`;
}

/**
 * A signature line of a note as a cosignature, or null when its payload is not the 72 bytes of a
 * timestamp (at most 2^53 − 1) and an Ed25519 signature (e.g. the log's own signature line).
 */
export function asCosignature(sig: NoteSignature): Cosignature | null {
  if (sig.signature.length !== 8 + 64) return null;
  const high = uint32At(sig.signature, 0);
  if (high > 0x1fffff) return null; // above 2^53 - 1
  const timestamp = high * 0x1_0000_0000 + uint32At(sig.signature, 4);
  return {
    name: sig.name,
    keyId: sig.keyId,
    timestamp,
    signature: sig.signature.slice(8),
    line: `${SIG_PREFIX}${sig.name} ${sig.base64}\n`,
  };
}

/**
 * Parses one cosignature line (with or without its final newline), strictly: an em dash and a
 * space, a valid key name, one space, canonical base64 of exactly 76 bytes (signed-note's rules). Throws
 * `SignedNoteError('MALFORMED_NOTE')` otherwise.
 */
export function parseCosignatureLine(text: string): Cosignature {
  if (typeof text !== 'string' || text.length > 1024)
    throw new SignedNoteError('MALFORMED_NOTE', 'a cosignature is one line of at most 1024 characters');
  const line = text.endsWith('\n') ? text : `${text}\n`;
  if (line.indexOf('\n') !== line.length - 1) throw new SignedNoteError('MALFORMED_NOTE', 'a cosignature is one line "— <name> <base64>"');
  // The one parser of signature lines: signed-note's, on a note made of a placeholder text and this line.
  const [sig] = parseNote(`-\n\n${line}`).signatures;
  const cosignature = sig && sig.signature.length === COSIGNATURE_BYTES - 4 ? asCosignature(sig) : null;
  if (cosignature === null) {
    throw new SignedNoteError(
      'MALFORMED_NOTE',
      `cosignature: expected ${COSIGNATURE_BYTES} bytes (key ID, timestamp up to 2^53 − 1, signature)`,
    );
  }
  return cosignature;
}

/** A verifier of cosignatures by `publicKey` (raw 32 bytes) under `name`. */
export function cosignatureVerifierWith(port: VerifyPort, name: string, publicKey: Uint8Array): CosignatureVerifier {
  const keyId = cosignatureKeyIdWith(port, name, publicKey);
  const key = new Uint8Array(publicKey);
  return {
    name,
    keyId,
    publicKey: key,
    vkey: `${name}+${keyIdHex(keyId)}+${toBase64(concatBytes(Uint8Array.of(COSIGNATURE_ED25519), key))}`,
    // As a note verifier: `signature` is what follows the key ID, timestamp and signature.
    verify(text, signature) {
      const cosignature = asCosignature({ name, keyId, signature, base64: '' });
      if (cosignature === null || text.length === 0 || text[text.length - 1] !== 0x0a) return false;
      return port.ed25519Verify(key, cosignatureMessage(text, cosignature.timestamp), cosignature.signature);
    },
  };
}

/**
 * Parses a witness vkey `<name>+<8 lowercase hex key ID>+<base64(0x04 || 32-byte key)>`
 * strictly: the key ID must be the one the name and key give. Throws `SignedNoteError('MALFORMED_KEY')`.
 */
export function parseCosignatureVkeyWith(port: VerifyPort, vkey: string): CosignatureVerifier {
  if (typeof vkey !== 'string') throw new SignedNoteError('MALFORMED_KEY', 'witness key: expected a string');
  const text = vkey.trim();
  const parts = text.split('+');
  // The name has no '+'; base64 may contain '+', so everything after the second '+' is the key.
  const [name, hex] = parts;
  if (parts.length < 3 || !isValidKeyName(name)) throw new SignedNoteError('MALFORMED_KEY', 'witness key: bad key name');
  if (hex === undefined || !/^[0-9a-f]{8}$/.test(hex))
    throw new SignedNoteError('MALFORMED_KEY', 'witness key: key ID must be 8 lowercase hex digits');
  const raw = fromBase64(parts.slice(2).join('+'));
  if (raw === null || raw.length !== 33 || raw[0] !== COSIGNATURE_ED25519) {
    throw new SignedNoteError(
      'MALFORMED_KEY',
      `witness key: expected base64 of 0x0${COSIGNATURE_ED25519} (cosignature/v1) and a 32-byte Ed25519 public key`,
    );
  }
  const verifier = cosignatureVerifierWith(port, name, raw.subarray(1));
  if (verifier.keyId !== Number.parseInt(hex, 16))
    throw new SignedNoteError('MALFORMED_KEY', 'witness key: key ID does not match name and key');
  return verifier;
}

export type CosignatureCheck =
  /** By a known witness and valid over the note text. */
  | { readonly status: 'valid'; readonly cosignature: Cosignature; readonly witness: CosignatureVerifier }
  /** By a known witness (name and key ID match) but not valid over the note text. */
  | { readonly status: 'invalid'; readonly cosignature: Cosignature | null; readonly witness: CosignatureVerifier; readonly line: string }
  /** Not by a known witness: a cosignature (by its shape) that nothing here can check. */
  | { readonly status: 'unknown'; readonly cosignature: Cosignature };

/**
 * Sorts a note's signature lines against known witnesses: each line whose (name, key ID) is a
 * known witness's is checked over `text` (the note text); lines of the shape of a cosignature by
 * nobody known are listed as unknown; other lines (the log's own signature) are skipped. A
 * repeated line by the same witness is checked each time.
 */
export function checkCosignatures(
  text: string,
  signatures: readonly NoteSignature[],
  witnesses: readonly CosignatureVerifier[],
): CosignatureCheck[] {
  const bytes = utf8(text);
  const checks: CosignatureCheck[] = [];
  for (const sig of signatures) {
    const witness = witnesses.find((w) => w.name === sig.name && w.keyId === sig.keyId);
    const cosignature = asCosignature(sig);
    if (witness === undefined) {
      if (cosignature !== null) checks.push({ status: 'unknown', cosignature });
      continue;
    }
    if (cosignature !== null && witness.verify(bytes, sig.signature)) checks.push({ status: 'valid', cosignature, witness });
    else checks.push({ status: 'invalid', cosignature, witness, line: `${SIG_PREFIX}${sig.name} ${sig.base64}\n` });
  }
  return checks;
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new SignedNoteError('MALFORMED_NOTE', `cosignature timestamp must be a non-negative safe integer, got ${timestamp}`);
  }
}

function uint32At(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! * 0x1000000 + ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
}

function writeUint32(out: Uint8Array, offset: number, value: number): void {
  out[offset] = Math.floor(value / 0x1000000) & 0xff;
  out[offset + 1] = (value >>> 16) & 0xff;
  out[offset + 2] = (value >>> 8) & 0xff;
  out[offset + 3] = value & 0xff;
}
