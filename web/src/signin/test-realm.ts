/**
 * For tests in jsdom: WebCrypto's digest answers an ArrayBuffer of Node's realm, which
 * oauth4webapi's `instanceof ArrayBuffer` (jsdom's global) does not recognise (a browser has one
 * realm). The digest is copied into this realm's ArrayBuffer. TextEncoder likewise (../sign).
 */
import '../sign/test-realm';

const subtle = globalThis.crypto.subtle;
const digest = subtle.digest.bind(subtle);
Object.defineProperty(subtle, 'digest', {
  configurable: true,
  value: async (algorithm: AlgorithmIdentifier, data: BufferSource) => {
    const out = new Uint8Array(await digest(algorithm, data));
    const copy = new ArrayBuffer(out.byteLength);
    new Uint8Array(copy).set(out);
    return copy;
  },
});
