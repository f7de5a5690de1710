/**
 * Key ids of Ed25519 public keys (docs/ledger-format.md §7):
 *
 *   kid = "ed25519:" || hex(SHA-256(raw 32-byte public key))[0..16)
 *
 * i.e. the first 8 bytes of the FIPS 180-4 digest of the RFC 8032 §5.1.5 public key, as 16
 * lowercase hex digits. A kid depends on the key alone, so it is stable across rotations and
 * the same for ledger keys and people's signing keys.
 *
 * The one implementation of the key id: the browser signing client, the domain and the server
 * (src/crypto/key-id.ts) all use it. Portable: the plain-TypeScript SHA-256.
 */
import { assertBytes } from './assert';
import { sha256Portable, toHex } from './sha256';

/** Raw Ed25519 public key length (RFC 8032 §5.1.5). */
export const ED25519_PUBLIC_KEY_BYTES = 32;

/** What a key id looks like. */
export const KEY_ID_PATTERN = /^ed25519:[0-9a-f]{16}$/;

/** The key id of a raw 32-byte Ed25519 public key. */
export function keyIdOf(rawPublicKey: Uint8Array): string {
  assertBytes(rawPublicKey, 'key id public key', ED25519_PUBLIC_KEY_BYTES);
  return `ed25519:${toHex(sha256Portable(rawPublicKey).subarray(0, 8))}`;
}
