/** Local tokens (the demo, development, `npm run token`): EdDSA with a key under DATA_DIR, or HS256. */
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorFromAuthorization, mintToken, NoRoleError, UnauthenticatedError, type LocalTokens } from '../../src/http/token';
import { jose } from '../../src/http/jose';
import { loadConfig, paths } from '../../src/server/config';
import { loadJwtSecret, loadTokens, loadTokenSigningKey } from '../../src/server/token-keys';
import { localClaims, signJwt, strangerKey, unsignedJwt } from '../support/tokens';

const SECRET = 'a-local-secret-for-tests-only-0123456789';

describe.each([
  ['EdDSA', {}],
  ['HS256', { LOCAL_TOKEN_ALG: 'HS256', JWT_SECRET: SECRET }],
])('local %s tokens', (alg, env) => {
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tokens-')), ...env });
  let tokens: LocalTokens;
  /** The key a token of this kind is signed with, for tokens the server did not mint. */
  const ownKey = () => (alg === 'EdDSA' ? loadTokenSigningKey(config) : new TextEncoder().encode(loadJwtSecret(config)));

  beforeAll(async () => {
    tokens = (await loadTokens(config)).local!;
  });

  it('verifies what it mints, through jose, with the roles and name it was given', async () => {
    const token = mintToken(tokens, { id: 'E1001', roles: ['employee', 'manager', 'employee'], name: '张伟' }, 60);
    expect(await actorFromAuthorization(`Bearer ${token}`, tokens)).toEqual({ id: 'E1001', roles: ['employee', 'manager'], name: '张伟' });
    const { payload, protectedHeader } = await jose.jwtVerify(token, keyFor(alg, config), {
      issuer: 'interview-ledger',
      audience: 'interview-ledger-api',
    });
    expect(protectedHeader).toEqual({ alg, typ: 'JWT' });
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('refuses tokens past exp, without exp, signed by another key, unsigned, or with the other algorithm', async () => {
    const refused = (token: string) =>
      tokens.verify(token).then(
        () => 'accepted',
        (e: Error) => (e instanceof UnauthenticatedError ? e.message : `not 401: ${e}`),
      );
    expect(await refused(await signJwt(localClaims('E1', ['employee'], -5), ownKey(), alg))).toBe('the token has expired: sign in again');
    const { exp: _exp, ...noExp } = localClaims('E1', ['employee']);
    expect(await refused(await signJwt(noExp, ownKey(), alg))).toBe('the token has no expiry (exp): tokens without one are not accepted');
    const stranger = alg === 'EdDSA' ? strangerKey() : new TextEncoder().encode('another-secret-entirely-0123456789');
    expect(await refused(await signJwt(localClaims('HR1', ['admin']), stranger, alg))).toBe('the token signature does not verify');
    expect(await refused(unsignedJwt(localClaims('HR1', ['admin'])))).toContain('algorithm is not accepted');
    const otherAlg = alg === 'EdDSA' ? 'HS256' : 'EdDSA';
    const other = otherAlg === 'EdDSA' ? strangerKey() : new TextEncoder().encode(SECRET);
    expect(await refused(await signJwt(localClaims('HR1', ['admin']), other, otherAlg))).toBe(
      `the token's signing algorithm is not accepted here (accepted: ${alg})`,
    );
    expect(await refused(await signJwt({ ...localClaims('HR1', ['admin']), aud: 'another-api' }, ownKey(), alg))).toContain('audience');
  });

  it('answers a valid token that grants no known role with FORBIDDEN', async () => {
    await expect(tokens.verify(await signJwt(localClaims('E1', ['boss']), ownKey(), alg))).rejects.toThrow(NoRoleError);
  });
});

/** What jose needs to verify a local token on its own, as a client would. */
function keyFor(alg: string, config: ReturnType<typeof loadConfig>) {
  if (alg === 'HS256') return new TextEncoder().encode(loadJwtSecret(config));
  return createPublicKey(loadTokenSigningKey(config));
}

describe('the local EdDSA key', () => {
  it('is created once under DATA_DIR with mode 0600 and kept across starts', async () => {
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tokens-')) });
    const first = (await loadTokens(config)).local!;
    const mode = statSync(paths(config).tokenSigningKey).mode & 0o777;
    expect(mode).toBe(0o600);
    const second = (await loadTokens(config)).local!;
    const token = first.mint({ id: 'E1', roles: ['employee'] });
    expect((await second.verify(token)).actor.id).toBe('E1');
  });
});
