/** Moved to src/crypto/portable/assert.ts (browser-safe); this path stays for server imports. */
export { assertBytes, assertString } from './portable/assert';
