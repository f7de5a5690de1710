/**
 * A small OpenID Connect provider on 127.0.0.1 for the console's browser tests: discovery, a
 * JWKS, an /authorize that approves (or denies) the configured person at once by redirecting
 * back with a code, a /token endpoint that checks what a real one checks — the client id, the
 * redirect URI the code was issued for, the PKCE code_verifier against the S256 challenge, a
 * code used once — and answers an ID token (audience: the client id, with the nonce) and an
 * access token (audience: the API) signed ES256 with jose, and a refresh token; /logout (the
 * end_session_endpoint) redirects to a registered post-logout URI. CORS on discovery and
 * /token, as providers serving single-page apps do. Every /token call is recorded with its
 * outcome, and every token issued.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jose, type KeyInput } from '../../src/http/jose';

export interface ProviderPerson {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly string[];
}

export interface TokenCall {
  readonly grantType: string | null;
  readonly status: number;
  readonly error?: string;
}

export interface MockOidcProvider {
  /** http://127.0.0.1:<port>/realms/corp */
  readonly issuer: string;
  readonly tokenCalls: TokenCall[];
  /** Access and ID tokens issued, newest last. */
  readonly issued: Array<{ readonly access: string; readonly id: string }>;
  readonly logouts: URLSearchParams[];
  /** Who /authorize signs in; `deny` answers error=access_denied instead. */
  person: ProviderPerson;
  deny: boolean;
  /** Redirect URIs the console's client may use (exact match, as providers require). */
  allowRedirect(uri: string): void;
  allowPostLogoutRedirect(uri: string): void;
  /** A token as the provider would issue it (for calling the API directly in a test). */
  accessToken(person?: ProviderPerson): Promise<string>;
  close(): Promise<void>;
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce?: string;
  readonly person: ProviderPerson;
  readonly scope: string;
  readonly expiresAt: number;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

export async function startMockOidcProvider(options: {
  /** The console's client id (the ID token's audience). */
  readonly clientId: string;
  /** The API's audience (OIDC_AUDIENCE): the access token's `aud`. */
  readonly audience: string;
  readonly person: ProviderPerson;
  /** Lifetime of the tokens it issues, in seconds (default 600). */
  readonly tokenSeconds?: number;
}): Promise<MockOidcProvider> {
  const path = '/realms/corp';
  const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const kid = 'es256-1';
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, { clientId: string; person: ProviderPerson; scope: string }>();
  const redirects = new Set<string>();
  const postLogout = new Set<string>();
  let base = '';
  const issuer = () => `${base}${path}`;
  const lifetime = options.tokenSeconds ?? 600;

  const sign = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new jose.SignJWT({ iss: issuer(), iat: now, exp: now + lifetime, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(privateKey as KeyInput);
  };
  const accessToken = (person: ProviderPerson, scope: string) =>
    sign({ aud: options.audience, sub: person.sub, name: person.name, roles: person.roles, scope, azp: options.clientId });
  const idToken = (person: ProviderPerson, nonce?: string) =>
    sign({ aud: options.clientId, sub: person.sub, name: person.name, roles: person.roles, ...(nonce ? { nonce } : {}) });

  const provider: MockOidcProvider = {
    get issuer() {
      return issuer();
    },
    tokenCalls: [],
    issued: [],
    logouts: [],
    person: options.person,
    deny: false,
    allowRedirect: (uri) => void redirects.add(uri),
    allowPostLogoutRedirect: (uri) => void postLogout.add(uri),
    accessToken: (person = provider.person) => accessToken(person, 'openid profile'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const cors = (res: ServerResponse) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'content-type, accept, authorization, dpop');
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(body));
  };
  const text = (res: ServerResponse, status: number, body: string) => {
    res.statusCode = status;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(body);
  };
  const redirect = (res: ServerResponse, to: string) => {
    res.statusCode = 302;
    res.setHeader('location', to);
    res.end();
  };

  const authorize = (res: ServerResponse, q: URLSearchParams) => {
    const redirectUri = q.get('redirect_uri') ?? '';
    // Errors about the client or the redirect URI are never sent back to it (RFC 6749 §4.1.2.1).
    if (q.get('client_id') !== options.clientId) return text(res, 400, 'unknown client_id');
    if (!redirects.has(redirectUri)) return text(res, 400, `redirect_uri ${redirectUri} is not registered`);
    const back = (params: Record<string, string>) => {
      const to = new URL(redirectUri);
      for (const [name, value] of Object.entries({ ...params, ...(q.get('state') ? { state: q.get('state')! } : {}) }))
        to.searchParams.set(name, value);
      redirect(res, to.href);
    };
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    if (!(q.get('scope') ?? '').split(' ').includes('openid')) return back({ error: 'invalid_scope' });
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256')
      return back({ error: 'invalid_request', error_description: 'PKCE with S256 is required' });
    if (provider.deny) return back({ error: 'access_denied', error_description: 'The user denied the request' });
    const code = b64url(randomBytes(24));
    codes.set(code, {
      clientId: options.clientId,
      redirectUri,
      challenge,
      nonce: q.get('nonce') ?? undefined,
      person: provider.person,
      scope: q.get('scope')!,
      expiresAt: Date.now() + 60_000,
    });
    back({ code });
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const grantType = form.get('grant_type');
    const refuse = (status: number, error: string, description: string) => {
      provider.tokenCalls.push({ grantType, status, error });
      json(res, status, { error, error_description: description });
    };
    // A public client: no secret, its client_id in the body.
    if (form.get('client_id') !== options.clientId) return refuse(401, 'invalid_client', 'unknown client');
    let person: ProviderPerson;
    let scope: string;
    let nonce: string | undefined;
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!code || code.expiresAt < Date.now()) return refuse(400, 'invalid_grant', 'the code is unknown, used or expired');
      if (form.get('redirect_uri') !== code.redirectUri)
        return refuse(400, 'invalid_grant', 'redirect_uri is not the one the code was issued for');
      const verifier = form.get('code_verifier') ?? '';
      if (b64url(createHash('sha256').update(verifier, 'ascii').digest()) !== code.challenge)
        return refuse(400, 'invalid_grant', 'PKCE verification failed: the code_verifier does not match the code_challenge');
      ({ person, scope, nonce } = code);
    } else if (grantType === 'refresh_token') {
      const known = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!known || known.clientId !== options.clientId) return refuse(400, 'invalid_grant', 'unknown refresh token');
      refreshTokens.delete(form.get('refresh_token')!);
      ({ person, scope } = known);
    } else {
      return refuse(400, 'unsupported_grant_type', `grant_type ${grantType}`);
    }
    const access = await accessToken(person, scope);
    const id = await idToken(person, nonce);
    const refresh = b64url(randomBytes(24));
    refreshTokens.set(refresh, { clientId: options.clientId, person, scope });
    provider.issued.push({ access, id });
    provider.tokenCalls.push({ grantType, status: 200 });
    json(res, 200, { access_token: access, token_type: 'Bearer', expires_in: lifetime, id_token: id, refresh_token: refresh, scope });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === `${path}/.well-known/openid-configuration` || url.pathname === `${path}/token`) cors(res);
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      return res.end();
    }
    if (url.pathname === `${path}/.well-known/openid-configuration`)
      return json(res, 200, {
        issuer: issuer(),
        authorization_endpoint: `${issuer()}/authorize`,
        token_endpoint: `${issuer()}/token`,
        jwks_uri: `${issuer()}/jwks`,
        end_session_endpoint: `${issuer()}/logout`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        id_token_signing_alg_values_supported: ['ES256'],
        subject_types_supported: ['public'],
        scopes_supported: ['openid', 'profile'],
      });
    if (url.pathname === `${path}/jwks`) return json(res, 200, { keys: [jwk] });
    if (url.pathname === `${path}/authorize` && method === 'GET') return authorize(res, url.searchParams);
    if (url.pathname === `${path}/token` && method === 'POST')
      return void token(req, res).catch((error: unknown) => json(res, 500, { error: 'server_error', error_description: String(error) }));
    if (url.pathname === `${path}/logout` && method === 'GET') {
      provider.logouts.push(url.searchParams);
      const to = url.searchParams.get('post_logout_redirect_uri');
      if (to && postLogout.has(to)) return redirect(res, to);
      return text(res, 200, 'signed out');
    }
    text(res, 404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
