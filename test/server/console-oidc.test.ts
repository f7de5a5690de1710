/**
 * The console's sign-in with the company's OpenID Connect provider, server side: the settings
 * (OIDC_CONSOLE_CLIENT_ID, OIDC_CONSOLE_SCOPES) checked at start-up, the provider's discovery
 * document checked and handed to the console by /console/config, and the console page's CSP
 * allowing the token endpoint's origin — exactly that, once known — for the code exchange.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerPerson, systemMeta } from '../../src/application/interview-service';
import { createApp, type ServerApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { consoleMetadata, ConsoleProvider, cspOrigin } from '../../src/server/console-oidc';
import { CONSOLE_CSP } from '../../src/server/console-routes';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { startMockOidcProvider, type MockOidcProvider } from '../support/oidc-provider';

const ISSUER = 'https://login.corp.example/realms/corp';
const oidcEnv = (extra: Record<string, string> = {}) => ({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'interview-ledger', ...extra });

describe('the console’s sign-in settings', () => {
  it('default to the API’s audience as client id and openid profile as scopes', () => {
    const tokens = loadConfig(oidcEnv()).tokens;
    expect(tokens.mode === 'oidc' && tokens.console).toEqual({ clientId: 'interview-ledger', scopes: ['openid', 'profile'] });
  });

  it('take a client id of the console’s own and scopes separated by spaces', () => {
    const tokens = loadConfig(
      oidcEnv({ OIDC_CONSOLE_CLIENT_ID: ' interview-console ', OIDC_CONSOLE_SCOPES: 'openid  profile email openid' }),
    ).tokens;
    expect(tokens.mode === 'oidc' && tokens.console).toEqual({ clientId: 'interview-console', scopes: ['openid', 'profile', 'email'] });
  });

  it('are refused at start-up when they cannot work', () => {
    expect(() => loadConfig(oidcEnv({ OIDC_CONSOLE_SCOPES: 'profile email' }))).toThrow('OIDC_CONSOLE_SCOPES must include openid');
    expect(() => loadConfig(oidcEnv({ OIDC_CONSOLE_SCOPES: 'openid "profile"' }))).toThrow('OIDC_CONSOLE_SCOPES must be scope names');
    expect(() => loadConfig(oidcEnv({ OIDC_CONSOLE_CLIENT_ID: 'two words' }))).toThrow('OIDC_CONSOLE_CLIENT_ID must be');
    expect(() => loadConfig(oidcEnv({ OIDC_CONSOLE_CLIENT_ID: 'x'.repeat(256) }))).toThrow('OIDC_CONSOLE_CLIENT_ID must be');
    // Like every OIDC_ setting, not without an issuer.
    expect(() => loadConfig({ OIDC_CONSOLE_CLIENT_ID: 'interview-console' })).toThrow('OIDC_CONSOLE_CLIENT_ID set without OIDC_ISSUER');
  });
});

describe('the provider’s discovery document, for the console', () => {
  const document = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
    token_endpoint: 'https://tokens.corp.example:8443/realms/corp/token',
    end_session_endpoint: `${ISSUER}/logout`,
    jwks_uri: `${ISSUER}/certs`,
    code_challenge_methods_supported: ['plain', 'S256'],
    id_token_signing_alg_values_supported: ['RS256'],
    userinfo_endpoint: `${ISSUER}/userinfo`,
  };

  it('keeps what the console uses, checked', () => {
    expect(consoleMetadata(document, ISSUER)).toEqual({
      issuer: ISSUER,
      authorization_endpoint: document.authorization_endpoint,
      token_endpoint: document.token_endpoint,
      end_session_endpoint: document.end_session_endpoint,
      code_challenge_methods_supported: ['plain', 'S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('refuses another issuer, endpoints that are missing or not https, and a provider without PKCE S256', () => {
    expect(() => consoleMetadata({ ...document, issuer: 'https://evil.example' }, ISSUER)).toThrow('names issuer https://evil.example');
    expect(() => consoleMetadata({ ...document, token_endpoint: undefined }, ISSUER)).toThrow('no token_endpoint');
    expect(() => consoleMetadata({ ...document, authorization_endpoint: 'http://login.corp.example/auth' }, ISSUER)).toThrow('https');
    expect(() => consoleMetadata({ ...document, end_session_endpoint: 'javascript:alert(1)' }, ISSUER)).toThrow('https');
    expect(() => consoleMetadata({ ...document, code_challenge_methods_supported: ['plain'] }, ISSUER)).toThrow('PKCE');
    // A host a CSP source cannot hold (URL parsing lets ; through): it would add directives.
    expect(() => consoleMetadata({ ...document, token_endpoint: "https://a;script-src 'unsafe-inline'.example/t" }, ISSUER)).toThrow();
  });

  it('names origins as a CSP source may, and nothing else', () => {
    expect(cspOrigin('https://Tokens.corp.example:8443/realms/corp/token?x=1')).toBe('https://tokens.corp.example:8443');
    expect(cspOrigin('http://127.0.0.1:5000/t')).toBe('http://127.0.0.1:5000');
    expect(cspOrigin('https://[::1]:9/t')).toBe('https://[::1]:9');
    expect(cspOrigin('https://a;b.example/t')).toBeNull();
    expect(cspOrigin('https://a,b.example/t')).toBeNull();
    expect(cspOrigin('not a url')).toBeNull();
  });

  it('is fetched once and kept; a failure is tried again only after the cooldown, the last good document used meanwhile', async () => {
    let clock = 0;
    const answers: Array<Response | Error> = [];
    const fetchMock = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return next;
    });
    const warned: string[] = [];
    try {
      const provider = new ConsoleProvider(ISSUER, { maxAgeMs: 1000, retryAfterMs: 100, now: () => clock, warn: (m) => warned.push(m) });
      answers.push(new Error('ECONNREFUSED'));
      expect(await provider.metadata()).toBeNull();
      expect(await provider.tokenEndpointOrigin()).toBeNull(); // within the cooldown: not fetched again
      expect(fetchMock).toHaveBeenCalledTimes(1);
      clock = 150;
      answers.push(Response.json(document));
      expect(await provider.tokenEndpointOrigin()).toBe('https://tokens.corp.example:8443');
      expect(await provider.metadata()).toMatchObject({ issuer: ISSUER });
      expect(fetchMock).toHaveBeenCalledTimes(2);
      clock = 1200; // older than maxAge: fetched again; it fails, the last good one stays
      answers.push(new Response('down', { status: 503 }));
      expect(await provider.tokenEndpointOrigin()).toBe('https://tokens.corp.example:8443');
      expect(fetchMock).toHaveBeenCalledTimes(3);
      expect(fetchMock.mock.calls[0]![0]).toBe(`${ISSUER}/.well-known/openid-configuration`);
      expect(warned).toEqual([expect.stringContaining('discovery failed: ECONNREFUSED'), expect.stringMatching(/discovery failed: .*503/)]);
    } finally {
      fetchMock.mockRestore();
    }
  });
});

describe('the console with the company’s provider', () => {
  let provider: MockOidcProvider;
  let app: ServerApp;
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    provider = await startMockOidcProvider({
      clientId: 'interview-console',
      audience: 'interview-ledger',
      person: { sub: 'E1001', name: '王建国', roles: ['employee'] },
    });
    const dir = join(mkdtempSync(join(tmpdir(), 'console-')), 'web');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'verify.html'), '<!doctype html><title>verify</title>');
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'console-oidc-')),
      PORT: '0',
      REMINDER_INTERVAL_MS: '0',
      CHECKPOINT_INTERVAL_MS: '0',
      CONSOLE_DIR: dir,
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: 'interview-ledger',
      OIDC_CONSOLE_CLIENT_ID: 'interview-console',
    });
    app = await createApp(config);
    await registerPerson(app, systemMeta(new Date(), 'HR001'), {
      personId: 'E1001',
      name: '王建国',
      department: '生产部',
      position: '冲压工',
      managerId: null,
      category: 'production',
      level: 'staff',
      roles: ['employee'],
    });
    await app.projector.catchUp();
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
    await provider.close();
  });

  it('tells the console the issuer, its client id and scopes, the API’s audience and the provider’s endpoints', async () => {
    const answer = await (await fetch(`${base}/console/config`)).json();
    expect(answer).toEqual({
      demo: false,
      graphqlPath: '/graphql',
      oidc: {
        issuer: provider.issuer,
        clientId: 'interview-console',
        scopes: ['openid', 'profile'],
        audience: 'interview-ledger',
        callbackPath: '/signin/callback',
        provider: {
          issuer: provider.issuer,
          authorization_endpoint: `${provider.issuer}/authorize`,
          token_endpoint: `${provider.issuer}/token`,
          end_session_endpoint: `${provider.issuer}/logout`,
          code_challenge_methods_supported: ['S256'],
          id_token_signing_alg_values_supported: ['ES256'],
        },
      },
    });
  });

  it('lets the console page connect to the token endpoint’s origin, and only that besides itself', async () => {
    const origin = new URL(provider.issuer).origin;
    for (const path of ['/', '/signin/callback', '/index.html']) {
      const csp = (await fetch(`${base}${path}`)).headers.get('content-security-policy')!;
      expect(csp).toBe(CONSOLE_CSP.replace("connect-src 'self'", `connect-src 'self' ${origin}`));
    }
    // The offline verifier connects to nothing, provider or not.
    expect((await fetch(`${base}/verify.html`)).headers.get('content-security-policy')).toContain("connect-src 'none'");
  });

  it('serves the callback route as the console (the SPA fallback)', async () => {
    const response = await fetch(`${base}/signin/callback?code=abc&state=xyz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
  });

  it('accepts the provider’s access token at the API', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await provider.accessToken()}` },
      body: JSON.stringify({ query: '{ me { id name roles } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: { id: 'E1001', name: '王建国', roles: ['employee'] } } });
  });
});
