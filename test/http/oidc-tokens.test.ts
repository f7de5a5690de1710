/**
 * Tokens from an OpenID Connect issuer, against a real (tiny) issuer on 127.0.0.1: discovery,
 * the JWKS, the algorithms, the claims that are refused, the role mapping and key rotation.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticate, NoRoleError, UnauthenticatedError, type TokenVerifier } from '../../src/http/token';
import { parseRoleMap, rolesFromClaim } from '../../src/http/oidc-tokens';
import { loadConfig } from '../../src/server/config';
import { loadTokens } from '../../src/server/token-keys';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer';
import { signJwt, strangerKey, unsignedJwt } from '../support/tokens';

const AUDIENCE = 'interview-ledger';
const ROLE_MAP = 'employee:*,manager:Team-Leads,hr:HR-Team,auditor:Audit';

describe('OpenID Connect tokens', () => {
  let issuer: TestIssuer;
  const kids: Record<'RS256' | 'ES256' | 'EdDSA', string> = { RS256: '', ES256: '', EdDSA: '' };

  beforeAll(async () => {
    issuer = await startTestIssuer({ audience: AUDIENCE });
    for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) kids[alg] = await issuer.addKey(alg);
  });
  afterAll(() => issuer.close());

  /** A verifier as the server builds it from its environment. */
  async function verifier(env: Record<string, string> = {}): Promise<TokenVerifier> {
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'oidc-')),
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_ROLE_MAP: ROLE_MAP,
      ...env,
    });
    return (await loadTokens(config)).verifier;
  }

  const refusal = async (tokens: TokenVerifier, token: string): Promise<string> => {
    const error = await tokens.verify(token).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).code).toBe('UNAUTHENTICATED');
    return (error as Error).message;
  };

  it.each(['RS256', 'ES256', 'EdDSA'] as const)(
    'accepts an %s token found through discovery, with roles from the groups claim',
    async (alg) => {
      const tokens = await verifier();
      const token = await issuer.sign(kids[alg], { sub: 'M1', name: '王建国', groups: ['Team-Leads', 'Staff'] });
      const verified = await authenticate(`Bearer ${token}`, tokens);
      expect(verified!.actor).toEqual({ id: 'M1', name: '王建国', roles: ['employee', 'manager'] });
      expect(verified!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    },
  );

  it('discovers the JWKS once and keeps its keys for later tokens', async () => {
    const before = { ...issuer.fetches };
    const tokens = await verifier();
    for (let i = 0; i < 5; i++) await tokens.verify(await issuer.sign(kids.ES256, { groups: ['HR-Team'] }));
    expect(issuer.fetches.discovery - before.discovery).toBe(1);
    expect(issuer.fetches.jwks - before.jwks).toBe(1);
  });

  it('takes the JWKS URL directly when it is configured, without discovery', async () => {
    const before = issuer.fetches.discovery;
    const tokens = await verifier({ OIDC_JWKS_URL: issuer.jwksUrl });
    expect((await tokens.verify(await issuer.sign(kids.RS256, { groups: ['Audit'] }))).actor.roles).toEqual(['employee', 'auditor']);
    expect(issuer.fetches.discovery).toBe(before);
  });

  it('refuses tokens for another issuer or audience, without exp, or past exp', async () => {
    const tokens = await verifier();
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(await refusal(tokens, await issuer.sign(kids.RS256, { iss: 'https://login.other.example' }))).toBe(
      `the token is not from the configured issuer (${issuer.issuer})`,
    );
    expect(await refusal(tokens, await issuer.sign(kids.RS256, { aud: 'some-other-app' }))).toBe(
      `the token is not meant for this service (audience ${AUDIENCE})`,
    );
    expect(await refusal(tokens, await issuer.sign(kids.RS256, { exp: undefined }))).toBe(
      'the token has no expiry (exp): tokens without one are not accepted',
    );
    expect(await refusal(tokens, await issuer.sign(kids.RS256, { iat: past - 600, exp: past }))).toBe(
      'the token has expired: sign in again',
    );
  });

  it('allows the configured clock skew past exp, and not a second more', async () => {
    const tokens = await verifier({ TOKEN_CLOCK_SKEW_SECONDS: '60' });
    const now = Math.floor(Date.now() / 1000);
    await expect(tokens.verify(await issuer.sign(kids.EdDSA, { groups: ['Staff'], exp: now - 30 }))).resolves.toBeDefined();
    expect(await refusal(tokens, await issuer.sign(kids.EdDSA, { exp: now - 90 }))).toContain('expired');
  });

  it('refuses an algorithm outside the allow-list, and HMAC or unsigned tokens always', async () => {
    const tokens = await verifier({ OIDC_ALGORITHMS: 'RS256,ES256' });
    expect(await refusal(tokens, await issuer.sign(kids.EdDSA))).toBe(
      "the token's signing algorithm is not accepted here (accepted: RS256, ES256)",
    );
    await expect(tokens.verify(await issuer.sign(kids.RS256, { groups: ['Staff'] }))).resolves.toBeDefined();
    // An HS256 token "signed" with a public key's bytes: the classic key-confusion forgery.
    const hmac = await signJwt(
      { iss: issuer.issuer, aud: AUDIENCE, sub: 'HR1', exp: Math.floor(Date.now() / 1000) + 600, groups: ['HR-Team'] },
      new TextEncoder().encode(issuer.jwksUrl),
      'HS256',
      { kid: kids.RS256 },
    );
    expect(await refusal(tokens, hmac)).toContain('not accepted here');
    const unsigned = unsignedJwt({
      iss: issuer.issuer,
      aud: AUDIENCE,
      sub: 'HR1',
      exp: Math.floor(Date.now() / 1000) + 600,
      groups: ['HR-Team'],
    });
    expect(await refusal(tokens, unsigned)).toContain('algorithm is not accepted');
    expect(() => loadConfig({ OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_ALGORITHMS: 'RS256,HS256' })).toThrow(
      'OIDC_ALGORITHMS',
    );
  });

  it('refuses a forged signature and a key the issuer does not publish', async () => {
    const tokens = await verifier();
    const [header, payload] = (await issuer.sign(kids.ES256, { groups: ['HR-Team'] })).split('.');
    const other = (await issuer.sign(kids.ES256, { sub: 'someone-else' })).split('.')[2];
    expect(await refusal(tokens, `${header}.${payload}.${other}`)).toBe('the token signature does not verify');
    const unknown = await signJwt(
      { iss: issuer.issuer, aud: AUDIENCE, sub: 'E1', exp: Math.floor(Date.now() / 1000) + 60 },
      strangerKey(),
      'EdDSA',
      {
        kid: 'never-published',
      },
    );
    expect(await refusal(tokens, unknown)).toContain('a key the issuer does not publish');
  });

  it('reads the person id and roles from the configured claims, and refuses a token that grants no role with FORBIDDEN', async () => {
    const tokens = await verifier({
      OIDC_PERSON_ID_CLAIM: 'employee_id',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'hr:HR-Team',
    });
    const hr = await issuer.sign(kids.RS256, { sub: 'f81d4fae-7dec', employee_id: 'HR1', realm_access: { roles: ['HR-Team'] } });
    expect((await tokens.verify(hr)).actor).toEqual({ id: 'HR1', roles: ['hr'] });
    const none = await issuer.sign(kids.RS256, { employee_id: 'E1', realm_access: { roles: ['Staff'] } });
    await expect(tokens.verify(none)).rejects.toThrow(NoRoleError);
    await expect(tokens.verify(none)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(tokens, await issuer.sign(kids.RS256, { realm_access: { roles: ['HR-Team'] } }))).toBe(
      'the token has no employee_id claim naming the person',
    );
    expect(
      await refusal(tokens, await issuer.sign(kids.RS256, { employee_id: 'zhang wei@corp', realm_access: { roles: ['HR-Team'] } })),
    ).toContain('is not a person id');
  });

  it('follows key rotation: a new kid is fetched and accepted, a removed key is refused', async () => {
    const tokens = await verifier({ OIDC_JWKS_COOLDOWN_MS: '0' });
    const old = kids.RS256;
    const before = await issuer.sign(old, { groups: ['Staff'] });
    await tokens.verify(before);
    const fetched = issuer.fetches.jwks;

    // The issuer rotates: a new key appears, the old one is withdrawn.
    const fresh = await issuer.addKey('RS256', 'rs256-rotated');
    issuer.removeKey(old);
    const after = await issuer.sign(fresh, { sub: 'E2', groups: ['Staff'] });
    expect((await tokens.verify(after)).actor.id).toBe('E2');
    expect(issuer.fetches.jwks).toBe(fetched + 1);
    expect(await refusal(tokens, before)).toContain('a key the issuer does not publish');
    kids.RS256 = fresh;
  });

  it('does not fetch again within the cooldown for an unknown kid', async () => {
    const tokens = await verifier({ OIDC_JWKS_COOLDOWN_MS: '60000' });
    await tokens.verify(await issuer.sign(kids.ES256, { groups: ['Staff'] }));
    const fetched = issuer.fetches.jwks;
    const late = await issuer.addKey('ES256');
    expect(await refusal(tokens, await issuer.sign(late))).toContain('does not publish');
    expect(issuer.fetches.jwks).toBe(fetched);
  });

  it('says so, as UNAUTHENTICATED, when the issuer cannot be reached', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const tokens = await verifier({ OIDC_ISSUER: 'http://127.0.0.1:1/realms/none' });
      const token = await issuer.sign(kids.ES256, { iss: 'http://127.0.0.1:1/realms/none' });
      expect(await refusal(tokens, token)).toContain('could not be reached');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('OIDC_ROLE_MAP', () => {
  it('maps listed values, * to every token, and several values to one role', () => {
    const map = parseRoleMap('hr:HR-Team, manager:Team-Leads,manager:Managers,employee:*');
    expect(rolesFromClaim(['Managers'], map)).toEqual(['manager', 'employee']);
    expect(rolesFromClaim('HR-Team Other', map)).toEqual(['hr', 'employee']);
    expect(rolesFromClaim(undefined, parseRoleMap('hr:HR-Team'))).toEqual([]);
  });

  it('takes JSON for values with commas, and role names as they are without a map', () => {
    const map = parseRoleMap('{"hr": ["cn=HR,ou=groups,dc=corp"], "auditor": "cn=Audit,ou=groups,dc=corp"}');
    expect(rolesFromClaim(['cn=Audit,ou=groups,dc=corp'], map)).toEqual(['auditor']);
    expect(rolesFromClaim(['hr', 'boss', 'employee'])).toEqual(['hr', 'employee']);
  });

  it('refuses unknown roles and malformed entries at start-up', () => {
    expect(() => parseRoleMap('boss:Directors')).toThrow('unknown role boss');
    expect(() => parseRoleMap('hr')).toThrow('role:value');
    expect(() => parseRoleMap('{"hr": 1}')).toThrow('non-empty strings');
  });
});

describe('token configuration', () => {
  it('needs an audience with an issuer, https (or a local http issuer), and no local-token settings beside it', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.corp.example' })).toThrow('OIDC_AUDIENCE is required');
    expect(() => loadConfig({ OIDC_ISSUER: 'http://login.corp.example', OIDC_AUDIENCE: 'x' })).toThrow('https');
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.corp.example', OIDC_AUDIENCE: 'x', JWT_SECRET: 'y'.repeat(32) })).toThrow(
      'local tokens',
    );
    expect(() => loadConfig({ OIDC_JWKS_URL: 'https://login.corp.example/keys' })).toThrow('without OIDC_ISSUER');
    expect(() => loadConfig({ JWT_SECRET: 'y'.repeat(32), LOCAL_TOKEN_ALG: 'EdDSA' })).toThrow('unset one of them');
    expect(loadConfig({ JWT_SECRET: 'y'.repeat(32) }).tokens).toMatchObject({ mode: 'local', algorithm: 'HS256' });
    expect(loadConfig({}).tokens).toEqual({ mode: 'local', algorithm: 'EdDSA', clockSkewSeconds: 0 });
  });
});
