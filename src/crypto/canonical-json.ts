import { asBuffer } from './bytes';
import { canonicalJson as portableCanonicalJson } from './portable/canonical-json';

/**
 * RFC 8785 canonical JSON bytes as a Buffer, for server code. The serialiser and its input
 * rules are src/crypto/portable/canonical-json.ts, the only ones; this wraps its bytes without
 * copying.
 */
export function canonicalJson(value: unknown): Buffer {
  return asBuffer(portableCanonicalJson(value));
}
