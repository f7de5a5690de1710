/** Moved to src/crypto/portable/base64.ts (browser-safe); this path stays for server imports. */
export { fromBase64, toBase64 } from './portable/base64';
