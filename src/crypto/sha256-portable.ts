/** Moved to src/crypto/portable/sha256.ts (browser-safe); this path stays for existing imports. */
export { sha256Portable, sha256PortableHex, toHex } from './portable/sha256';
