/**
 * A tiny OpenID Connect issuer on 127.0.0.1 for tests: discovery and a JWKS over node:http,
 * tokens signed with jose. Keys can be added and removed while it runs (rotation), and it
 * counts the JWKS fetches so a test can see when the verifier went back for keys.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jose, type JWTPayload, type KeyInput } from '../../src/http/jose';

export type IssuerAlg = 'RS256' | 'ES256' | 'EdDSA';

interface IssuerKey {
  readonly kid: string;
  readonly alg: IssuerAlg;
  readonly privateKey: KeyInput;
  readonly jwk: Record<string, unknown>;
}

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly fetches: { discovery: number; jwks: number };
  /** Makes a key and publishes it in the JWKS; returns its kid. */
  addKey(alg: IssuerAlg, kid?: string): Promise<string>;
  /** Stops publishing a key (its private half stays, to sign tokens that must now fail). */
  removeKey(kid: string): void;
  /** A token signed with `kid`: iss, aud, sub, iat and exp (10 min) unless overridden; `undefined` drops a claim. */
  sign(kid: string, claims?: JWTPayload & Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIssuer(options: { audience: string; path?: string }): Promise<TestIssuer> {
  const keys = new Map<string, IssuerKey>();
  const published = new Set<string>();
  const fetches = { discovery: 0, jwks: 0 };
  let base = '';
  const path = options.path ?? '/realms/corp';
  const server: Server = createServer((req, res) => {
    const send = (body: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (req.url === `${path}/.well-known/openid-configuration`) {
      fetches.discovery++;
      return send({
        issuer: `${base}${path}`,
        jwks_uri: `${base}${path}/jwks`,
        id_token_signing_alg_values_supported: ['RS256', 'ES256', 'EdDSA'],
      });
    }
    if (req.url === `${path}/jwks`) {
      fetches.jwks++;
      return send({ keys: [...published].map((kid) => keys.get(kid)!.jwk) });
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    issuer: `${base}${path}`,
    jwksUrl: `${base}${path}/jwks`,
    fetches,
    async addKey(alg, kid = `${alg.toLowerCase()}-${++n}`) {
      const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
      keys.set(kid, { kid, alg, privateKey, jwk: { ...(await jose.exportJWK(publicKey)), kid, alg, use: 'sig' } });
      published.add(kid);
      return kid;
    },
    removeKey(kid) {
      published.delete(kid);
    },
    async sign(kid, claims = {}, header = {}) {
      const key = keys.get(kid)!;
      const now = Math.floor(Date.now() / 1000);
      const all: Record<string, unknown> = { iss: `${base}${path}`, aud: options.audience, sub: 'E1', iat: now, exp: now + 600, ...claims };
      for (const [name, value] of Object.entries(all)) if (value === undefined) delete all[name];
      return new jose.SignJWT(all).setProtectedHeader({ alg: key.alg, kid, typ: 'JWT', ...header }).sign(key.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
