import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { assertBytes } from './assert';

/**
 * Ed25519 (RFC 8032) through node:crypto / OpenSSL. Keys travel as raw bytes: a 32-byte
 * seed for a private key and a 32-byte point for a public key (RFC 8032 §5.1.5).
 * tweetnacl produces byte-identical signatures (Ed25519 is deterministic, RFC 8032 §5.1.6);
 * test/crypto/ed25519.test.ts proves it.
 */

// DER prefixes that wrap a raw key into PKCS#8 / SPKI (RFC 8410 §7 and §4).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  assertBytes(seed, 'ed25519 seed', 32);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The DER SubjectPublicKeyInfo of a raw 32-byte public key (RFC 8410 §4), as OpenSSL imports it. */
export function spkiFromRaw(raw: Uint8Array): Buffer {
  assertBytes(raw, 'ed25519 public key', 32);
  return Buffer.concat([SPKI_PREFIX, raw]);
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: spkiFromRaw(raw), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  const der = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_PREFIX.length);
}

export function ed25519Sign(message: Uint8Array, privateKey: KeyObject): Buffer {
  assertBytes(message, 'ed25519 message');
  return sign(null, message, privateKey);
}

export function ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: KeyObject): boolean {
  assertBytes(message, 'ed25519 message');
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  return verify(null, message, publicKey, signature);
}
