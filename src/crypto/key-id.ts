/** Key ids: the one implementation is src/crypto/portable/key-id.ts (browser-safe), re-exported here. */
export { ED25519_PUBLIC_KEY_BYTES, KEY_ID_PATTERN, keyIdOf } from './portable/key-id';
