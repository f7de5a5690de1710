/**
 * Imported first by the verifier's tests under jsdom: jsdom's TextEncoder answers Node's
 * Uint8Array, not this realm's, which the portable crypto (rightly) refuses; a browser has one
 * realm. Encode into this realm's Uint8Array.
 */
const NodeTextEncoder = globalThis.TextEncoder;
globalThis.TextEncoder = class extends NodeTextEncoder {
  override encode(input?: string) {
    return new Uint8Array(super.encode(input));
  }
} as typeof TextEncoder;

export {};
