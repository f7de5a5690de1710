/**
 * The verify port on node:crypto (OpenSSL): what the server, the scripts and the tests use by
 * default. Verification takes raw 32-byte keys; importing one into a KeyObject costs about as
 * much as a signature check, so KeyObjects are cached per raw key (a bundle or a ledger has a
 * handful of keys, signing many events each). The cache is bounded: past MAX_CACHED_KEYS it
 * starts again, so a hostile input with many keys cannot grow memory.
 */
import { hash, type KeyObject, verify } from 'node:crypto';
import { publicKeyFromRaw } from './ed25519';
import type { VerifyPort } from './portable/verify-port';

const MAX_CACHED_KEYS = 1024;
const keys = new Map<string, KeyObject | null>();

/** The KeyObject of a raw public key, or null when OpenSSL refuses it. */
function keyOf(raw: Uint8Array): KeyObject | null {
  const id = String.fromCharCode(...raw);
  let key = keys.get(id);
  if (key === undefined) {
    try {
      key = publicKeyFromRaw(raw);
    } catch {
      key = null;
    }
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

export const nodeVerifyPort: VerifyPort = {
  sha256: (bytes) => hash('sha256', bytes, 'buffer'),
  ed25519Verify(publicKey, message, signature) {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
    if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
    const key = keyOf(publicKey);
    return key !== null && verify(null, message, key, signature);
  },
};
