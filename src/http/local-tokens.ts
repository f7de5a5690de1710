/**
 * Local bearer tokens, for the demo, development and `npm run token`: EdDSA (Ed25519, RFC 8037)
 * with a key the server keeps under DATA_DIR, or HS256 with a shared secret. The key is
 * imported once, when the server starts; verification never imports it again.
 */
import { createHmac, createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { Actor, TokenVerifier, VerifiedToken } from '../application/services';
import { jose, type CryptoKeyLike } from './jose';
import { actorFromClaims, refusal, verifyOptions, type VerifyRules } from './token-rules';
import { isRole } from '../domain/command';

export const TOKEN_ISSUER = 'interview-ledger';
export const TOKEN_AUDIENCE = 'interview-ledger-api';

export type LocalTokenAlgorithm = 'EdDSA' | 'HS256';
export const LOCAL_TOKEN_ALGORITHMS: readonly LocalTokenAlgorithm[] = ['EdDSA', 'HS256'];

/** The local key, kept both ways it is used: as node:crypto signs with it and as jose verifies with it. */
type Key =
  | { readonly alg: 'EdDSA'; readonly signing: KeyObject; readonly verifying: CryptoKeyLike }
  | { readonly alg: 'HS256'; readonly secret: Buffer; readonly verifying: CryptoKeyLike };

export class LocalTokens implements TokenVerifier {
  private readonly rules: VerifyRules;

  private constructor(
    private readonly key: Key,
    clockSkewSeconds: number,
  ) {
    this.rules = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: [key.alg], clockSkewSeconds };
  }

  /** EdDSA tokens with this Ed25519 private key (a node:crypto KeyObject, e.g. from a PKCS #8 PEM). */
  static async eddsa(privateKey: KeyObject, options: { clockSkewSeconds?: number } = {}): Promise<LocalTokens> {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the local token key must be an Ed25519 private key');
    const spki = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
    const verifying = await jose.importSPKI(spki, 'EdDSA');
    return new LocalTokens({ alg: 'EdDSA', signing: privateKey, verifying }, options.clockSkewSeconds ?? 0);
  }

  /** HS256 tokens with this shared secret (its UTF-8 bytes are the HMAC key, as before jose). */
  static async hs256(secret: string, options: { clockSkewSeconds?: number } = {}): Promise<LocalTokens> {
    const bytes = Buffer.from(secret, 'utf8');
    // jose imports a raw secret on every call; a CryptoKey made once is used as it is.
    const verifying = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    return new LocalTokens({ alg: 'HS256', secret: bytes, verifying }, options.clockSkewSeconds ?? 0);
  }

  get algorithm(): LocalTokenAlgorithm {
    return this.key.alg;
  }

  get description(): string {
    return `local ${this.key.alg} tokens (issuer ${TOKEN_ISSUER}, audience ${TOKEN_AUDIENCE})`;
  }

  async verify(token: string): Promise<VerifiedToken> {
    let claims;
    try {
      ({ payload: claims } = await jose.jwtVerify(token, this.key.verifying, verifyOptions(this.rules)));
    } catch (error) {
      throw refusal(error, this.rules);
    }
    const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
    return actorFromClaims(claims, { personId: 'sub', name: 'name' }, roles);
  }

  /**
   * A compact JWS (RFC 7515 §7.1) over the claims. Signed with node:crypto, which signs
   * synchronously (jose's signing is WebCrypto, always asynchronous), so minting stays a plain
   * call for the scripts and tests; the tests check that jose verifies what this makes.
   */
  mint(actor: Actor, ttlSeconds: number = 8 * 3600): string {
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0)
      throw new RangeError(`a token lifetime is a positive whole number of seconds, got ${ttlSeconds}`);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: actor.id,
      iat: now,
      exp: now + ttlSeconds,
      roles: [...new Set(actor.roles)],
      ...(actor.name ? { name: actor.name } : {}),
    };
    const input = `${b64url({ alg: this.key.alg, typ: 'JWT' })}.${b64url(claims)}`;
    const signature =
      this.key.alg === 'EdDSA'
        ? sign(null, Buffer.from(input, 'ascii'), this.key.signing)
        : createHmac('sha256', this.key.secret).update(input, 'ascii').digest();
    return `${input}.${signature.toString('base64url')}`;
  }
}

const b64url = (json: unknown) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');

/** Mints a token that the server with the same local key accepts: for `npm run token`, the demo and tests. */
export function mintToken(tokens: LocalTokens, actor: Actor, ttlSeconds?: number): string {
  return tokens.mint(actor, ttlSeconds);
}
