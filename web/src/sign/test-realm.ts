/**
 * For tests in jsdom: there, TextEncoder answers Uint8Arrays of another realm than the test's
 * global Uint8Array, which the portable crypto's `instanceof Uint8Array` checks refuse (a browser
 * has one realm). This encoder copies its output into the test's own Uint8Array. Import it
 * before anything that makes an encoder at load time (src/crypto/portable/).
 */
const NativeEncoder = globalThis.TextEncoder;

class SameRealmTextEncoder extends NativeEncoder {
  override encode(input?: string): Uint8Array<ArrayBuffer> {
    return new Uint8Array(super.encode(input)) as Uint8Array<ArrayBuffer>;
  }
}

globalThis.TextEncoder = SameRealmTextEncoder;
