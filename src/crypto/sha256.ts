import { createHash, hash } from 'node:crypto';
import { assertBytes } from './assert';

/** Inputs up to this size are hashed in one call (copied together first when in parts). */
const ONE_SHOT_BYTES = 64 * 1024;

/**
 * SHA-256 (FIPS 180-4) of the concatenation of `parts`. Small inputs go through one-shot
 * crypto.hash (Node ≥ 20.12), which costs about a microsecond less per call than a Hash object:
 * it matters to the leaf and node hashes of the Merkle log, one or two per event.
 */
export function sha256(...parts: Uint8Array[]): Buffer {
  let size = 0;
  parts.forEach((part, i) => {
    assertBytes(part, `sha256 part ${i}`);
    size += part.length;
  });
  if (parts.length === 1 && size <= ONE_SHOT_BYTES) return hash('sha256', parts[0]!, 'buffer');
  if (size <= ONE_SHOT_BYTES) {
    const joined = Buffer.allocUnsafe(size);
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    return hash('sha256', joined, 'buffer');
  }
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

export function sha256Hex(...parts: Uint8Array[]): string {
  if (parts.length === 1) {
    assertBytes(parts[0], 'sha256 part 0');
    if (parts[0].length <= ONE_SHOT_BYTES) return hash('sha256', parts[0], 'hex');
  }
  return sha256(...parts).toString('hex');
}
