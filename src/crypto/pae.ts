import { asBuffer } from './bytes';
import { pae as portablePae } from './portable/pae';

export { PAE_VERSION, paeHeader, paeInto, paeSize } from './portable/pae';

/**
 * DSSE v1 pre-authentication encoding (DSSE protocol v1, "Signature definition") as a Buffer,
 * for server code. The encoding is src/crypto/portable/pae.ts, the only one; this wraps its
 * bytes without copying.
 */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  return asBuffer(portablePae(payloadType, body));
}
