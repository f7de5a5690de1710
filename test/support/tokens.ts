/** Tokens the server did not mint, for tests: signed with jose, with any claims and header. */
import { generateKeyPairSync } from 'node:crypto';
import { jose, type JWTPayload, type KeyInput } from '../../src/http/jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/http/token';

/** A compact JWT over `claims` (no defaults added), signed with `key` under `alg`. */
export function signJwt(claims: JWTPayload, key: KeyInput, alg: string, header: Record<string, unknown> = {}): Promise<string> {
  return new jose.SignJWT(claims).setProtectedHeader({ ...header, alg }).sign(key);
}

/** The claims a local token carries, for `sub` with `roles`, expiring `ttl` seconds from now (negative: expired). */
export const localClaims = (sub: string, roles: string[], ttl = 3600): JWTPayload => {
  const now = Math.floor(Date.now() / 1000);
  return { iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub, roles, iat: now, exp: now + ttl };
};

/** An Ed25519 key nobody trusts. */
export const strangerKey = () => generateKeyPairSync('ed25519').privateKey;

/** An unsigned token (alg "none", RFC 7519 §6), which must never be accepted. */
export const unsignedJwt = (claims: JWTPayload): string =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
