/**
 * `node -r ./test/support/ts-register.js scripts/bench/token-verify.bench.ts [seconds]`
 *
 * Bearer-token verifications per second, one core, each verifier as the server builds it
 * (src/http): local EdDSA and HS256 keys, and an OpenID Connect issuer's RS256, ES256 and
 * EdDSA keys from a JWKS served on 127.0.0.1 (fetched once, then cached). A note for the
 * report, not a timed test: figures on the shared machines move by 2–3× between runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { jose } from '../../src/http/jose';
import { LocalTokens, OidcTokens, type TokenVerifier } from '../../src/http/token';
import { fmt, log } from './bench-util';

const SECONDS = Number(process.argv[2] ?? 2);

async function rate(label: string, verifier: TokenVerifier, token: string): Promise<void> {
  for (let i = 0; i < 200; i++) await verifier.verify(token); // warm-up (and the JWKS fetch)
  let n = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await verifier.verify(token);
    n += 100;
  }
  const elapsed = (performance.now() - start) / 1000;
  log(`${label.padEnd(28)} ${fmt(n / elapsed).padStart(8)} verifications/s  (${((elapsed / n) * 1e6).toFixed(1)} µs each)`);
}

async function main(): Promise<void> {
  const actor = { id: 'E1001', roles: ['employee' as const] };
  const eddsa = await LocalTokens.eddsa(generateKeyPairSync('ed25519').privateKey);
  await rate('local EdDSA', eddsa, eddsa.mint(actor));
  const hs256 = await LocalTokens.hs256('a-benchmark-secret-of-32-characters!');
  await rate('local HS256', hs256, hs256.mint(actor));

  const keys = await Promise.all(
    (['RS256', 'ES256', 'EdDSA'] as const).map(async (alg) => {
      const pair = await jose.generateKeyPair(alg, { extractable: true });
      return { alg, privateKey: pair.privateKey, jwk: { ...(await jose.exportJWK(pair.publicKey)), kid: alg, alg } };
    }),
  );
  const server = createServer((_req, res) => res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const oidc = new OidcTokens({
    issuer: base,
    jwksUrl: `${base}/jwks`,
    audience: 'bench',
    algorithms: ['RS256', 'ES256', 'EdDSA'],
    clockSkewSeconds: 30,
    personIdClaim: 'sub',
    nameClaim: 'name',
    rolesClaim: 'roles',
    jwksCacheMaxAgeMs: 600_000,
    jwksCooldownMs: 30_000,
  });
  for (const key of keys) {
    const token = await new jose.SignJWT({ roles: ['employee'] })
      .setProtectedHeader({ alg: key.alg, kid: key.alg })
      .setIssuer(base)
      .setAudience('bench')
      .setSubject('E1001')
      .setExpirationTime('1h')
      .sign(key.privateKey);
    await rate(`OpenID Connect ${key.alg}`, oidc, token);
  }
  server.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
