import { createHash } from 'node:crypto';
import { assertBytes } from './assert';

/** SHA-256 (FIPS 180-4) of `data`. */
export function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  parts.forEach((part, i) => {
    assertBytes(part, `sha256 part ${i}`);
    hash.update(part);
  });
  return hash.digest();
}

export function sha256Hex(...parts: Uint8Array[]): string {
  return sha256(...parts).toString('hex');
}
