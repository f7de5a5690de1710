import { sha256 } from './sha256';
import { assertBytes } from './assert';

/** Key id: "ed25519:" + first 16 hex digits of SHA-256(raw public key). Stable across rotations. */
export function keyIdOf(rawPublicKey: Uint8Array): string {
  assertBytes(rawPublicKey, 'key id public key', 32);
  return `ed25519:${sha256(rawPublicKey).subarray(0, 8).toString('hex')}`;
}
