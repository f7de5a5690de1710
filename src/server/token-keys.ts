import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createFileOnce } from '../crypto/create-file-once';
import { privateKeyFromSeed } from '../crypto/ed25519';
import type { TokenVerifier } from '../application/services';
import type { Log } from '../application/telemetry';
import { LocalTokens } from '../http/local-tokens';
import { OidcTokens } from '../http/oidc-tokens';
import { CachedTokenVerifier } from '../http/token-cache';
import { paths, type Config } from './config';

/** The verifier the server checks bearer tokens with, and the local key when tokens are local. */
export interface Tokens {
  readonly verifier: TokenVerifier;
  /** Mints tokens the verifier accepts; absent when tokens come from the company's issuer. */
  readonly local?: LocalTokens;
}

/**
 * Reads the token configuration once, at start-up: keys are imported here and kept, never per
 * request. The server and `npm run token` both call it, so a token the script mints is
 * accepted by a server on the same DATA_DIR.
 */
export async function loadTokens(
  config: Pick<Config, 'tokens' | 'jwtSecret' | 'tokenSigningSeed' | 'dataDir'> & Partial<Pick<Config, 'tokenCacheSeconds'>>,
  log?: Log,
): Promise<Tokens> {
  const settings = config.tokens;
  // Verified tokens are remembered for a while (src/http/token-cache.ts): a client sends the same one with every request.
  const cached = (verifier: TokenVerifier): TokenVerifier =>
    config.tokenCacheSeconds ? new CachedTokenVerifier(verifier, { maxAgeMs: config.tokenCacheSeconds * 1000 }) : verifier;
  if (settings.mode === 'oidc') return { verifier: cached(new OidcTokens(settings, log)) };
  const local =
    settings.algorithm === 'EdDSA'
      ? await LocalTokens.eddsa(loadTokenSigningKey(config), settings)
      : await LocalTokens.hs256(loadJwtSecret(config), settings);
  return { verifier: cached(local), local };
}

/**
 * The Ed25519 key local EdDSA tokens are signed with: TOKEN_SIGNING_KEY when set, otherwise DATA_DIR/token-signing-key.pem
 * (PKCS #8, mode 0600), created on first use. `openssl pkey -in … -pubout` shows its public half.
 */
export function loadTokenSigningKey(config: Pick<Config, 'dataDir' | 'tokenSigningSeed'>) {
  if (config.tokenSigningSeed) return privateKeyFromSeed(config.tokenSigningSeed);
  const file = paths(config).tokenSigningKey;
  mkdirSync(config.dataDir, { recursive: true });
  // Several processes may start at once on one DATA_DIR: one file wins, every one reads it.
  createFileOnce(file, () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  const key = createPrivateKey(readFileSync(file, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} holds no Ed25519 private key; delete it to make a new one`);
  return key;
}

/**
 * The HS256 secret for local tokens (LOCAL_TOKEN_ALG=HS256): JWT_SECRET when set, otherwise
 * DATA_DIR/jwt-secret, created (mode 0600, 32 random bytes) on first use.
 */
export function loadJwtSecret(config: Pick<Config, 'jwtSecret' | 'dataDir'>): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = paths(config).jwtSecret;
  mkdirSync(config.dataDir, { recursive: true });
  createFileOnce(file, () => randomBytes(32).toString('base64url'));
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 16) throw new Error(`${file} holds no usable secret (shorter than 16 characters); delete it or set JWT_SECRET`);
  return secret;
}
