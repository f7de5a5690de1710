import './test-realm';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OidcSignInConfig } from '../api/console-api';
import { loadSession, saveSession } from '../api/session';
import { App } from '../App';
import { I18nProvider } from '../i18n';
import { apiToken, beginSignIn, providerLogoutUrl } from './oidc';

const ISSUER = 'https://sso.example.com/realms/corp';
const CONFIG: OidcSignInConfig = {
  issuer: ISSUER,
  clientId: 'interview-console',
  scopes: ['openid', 'profile'],
  audience: 'interview-ledger',
  callbackPath: '/signin/callback',
  provider: {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    end_session_endpoint: `${ISSUER}/logout`,
    code_challenge_methods_supported: ['S256'],
    id_token_signing_alg_values_supported: ['ES256'],
  },
};

const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
/** A JWT as the provider would send it; the console checks its claims, the API its signature. */
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'ES256', kid: 'k1', typ: 'JWT' })}.${b64(claims)}.${'A'.repeat(86)}`;
const now = () => Math.floor(Date.now() / 1000);

interface TokenCall {
  readonly form: URLSearchParams;
}

/** The provider's token endpoint and the console's own /console/config, as fetch sees them. */
function stubFetch(token: (form: URLSearchParams) => { status?: number; body: unknown }) {
  const calls: TokenCall[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/console/config') return json(200, { demo: false, oidc: CONFIG, graphqlPath: '/graphql' });
    if (url.href === CONFIG.provider!.token_endpoint) {
      const form = new URLSearchParams(String(init?.body));
      calls.push({ form });
      const answer = token(form);
      return json(answer.status ?? 200, answer.body);
    }
    return json(404, { errors: [{ message: 'no route', extensions: { code: 'NOT_FOUND' } }] });
  });
  return calls;
}

/** A sign-in started here (its state, nonce and verifier kept), and the provider's answer at the callback. */
async function callback(answer: (started: URL) => Record<string, string>) {
  window.history.replaceState(null, '', '/interviews/IV-1?tab=2');
  const started = await beginSignIn(CONFIG);
  const params = new URLSearchParams(answer(started));
  window.history.replaceState(null, '', `/signin/callback?${params}`);
  return started;
}

const renderApp = () =>
  render(
    <I18nProvider initial="zh-CN">
      <App />
    </I18nProvider>,
  );

beforeEach(() => window.history.replaceState(null, '', '/'));
afterEach(() => vi.unstubAllGlobals());

describe('the sign-in callback (/signin/callback)', () => {
  it('shows the provider’s access_denied in Chinese, exchanges nothing and keeps no state', async () => {
    const calls = stubFetch(() => ({ status: 500, body: {} }));
    await callback((started) => ({
      error: 'access_denied',
      error_description: 'The user denied the request',
      state: started.searchParams.get('state')!,
    }));
    renderApp();
    const notice = await screen.findByTestId('sign-in-error');
    expect(notice.getAttribute('data-code')).toBe('access_denied');
    expect(notice.textContent).toContain('您在公司登录服务中拒绝了授权，或您的账号无权使用本系统');
    expect(notice.textContent).toContain('The user denied the request');
    // Back on the sign-in page, with the way in offered again; the code and state are out of the address bar.
    expect(await screen.findByRole('button', { name: '通过公司单点登录' })).toBeTruthy();
    expect(window.location.pathname).toBe('/');
    expect(window.location.search).toBe('');
    expect(calls).toEqual([]);
    expect(sessionStorage.getItem('interview-ledger.oidc-pending')).toBeNull();
    expect(loadSession()).toBeNull();
  });

  it('refuses an answer whose state is not the one sent, before any exchange', async () => {
    const calls = stubFetch(() => ({ body: {} }));
    await callback(() => ({ code: 'stolen-code', state: 'not-the-state' }));
    renderApp();
    const notice = await screen.findByTestId('sign-in-error');
    expect(notice.getAttribute('data-code')).toBe('state_mismatch');
    expect(notice.textContent).toContain('登录回调与本浏览器发起的登录不一致（state 校验失败），已拒绝');
    expect(calls).toEqual([]);
    expect(loadSession()).toBeNull();
  });

  it('refuses an error answer with a foreign state as a state mismatch, not as the provider’s word', async () => {
    stubFetch(() => ({ body: {} }));
    await callback(() => ({ error: 'access_denied', state: 'forged' }));
    renderApp();
    expect((await screen.findByTestId('sign-in-error')).getAttribute('data-code')).toBe('state_mismatch');
  });

  it('keeps a session already open when a forged callback link is followed, and says why it was refused', async () => {
    stubFetch(() => ({ body: {} }));
    saveSession({ token: 'open.session.token' });
    await callback(() => ({ code: 'c', state: 'forged' }));
    renderApp();
    expect((await screen.findByTestId('sign-in-error')).getAttribute('data-code')).toBe('state_mismatch');
    expect(loadSession()?.token).toBe('open.session.token');
    expect(window.location.pathname).toBe('/todo');
  });

  it('says so when no sign-in was started in this tab (a reload, another tab)', async () => {
    stubFetch(() => ({ body: {} }));
    window.history.replaceState(null, '', '/signin/callback?code=c&state=s');
    renderApp();
    const notice = await screen.findByTestId('sign-in-error');
    expect(notice.getAttribute('data-code')).toBe('no_pending_sign_in');
    expect(notice.textContent).toContain('没有找到本浏览器标签页发起的登录');
  });

  it('sends the PKCE verifier, redirect URI and client id, and shows the provider’s refusal of the code', async () => {
    const calls = stubFetch(() => ({ status: 400, body: { error: 'invalid_grant', error_description: 'PKCE verification failed' } }));
    const started = await callback((s) => ({ code: 'the-code', state: s.searchParams.get('state')! }));
    renderApp();
    const notice = await screen.findByTestId('sign-in-error');
    expect(notice.getAttribute('data-code')).toBe('invalid_grant');
    expect(notice.textContent).toContain('授权码无效、已使用或已过期，或 PKCE 校验未通过');
    expect(notice.textContent).toContain('PKCE verification failed');
    expect(calls).toHaveLength(1);
    const form = calls[0]!.form;
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code')).toBe('the-code');
    expect(form.get('client_id')).toBe('interview-console');
    expect(form.get('redirect_uri')).toBe(`${window.location.origin}/signin/callback`);
    // The verifier whose S256 hash was the challenge sent to the authorization endpoint.
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(form.get('code_verifier')!));
    const challenge = btoa(String.fromCharCode(...new Uint8Array(digest)))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(started.searchParams.get('code_challenge')).toBe(challenge);
    expect(started.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('refuses an ID token with another nonce', async () => {
    stubFetch(() => ({
      body: {
        token_type: 'Bearer',
        access_token: jwt({ iss: ISSUER, aud: 'interview-ledger', sub: 'E1001', exp: now() + 600 }),
        id_token: jwt({ iss: ISSUER, aud: 'interview-console', sub: 'E1001', iat: now(), exp: now() + 600, nonce: 'replayed' }),
      },
    }));
    await callback((s) => ({ code: 'c', state: s.searchParams.get('state')! }));
    renderApp();
    const notice = await screen.findByTestId('sign-in-error');
    expect(notice.getAttribute('data-code')).toBe('id_token_invalid');
    expect(loadSession()).toBeNull();
  });

  it('shows an error code it does not know, with what to do', async () => {
    stubFetch(() => ({ body: {} }));
    await callback((s) => ({ error: 'quota_exceeded_at_idp', state: s.searchParams.get('state')! }));
    renderApp();
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain('公司登录服务返回了错误（quota_exceeded_at_idp）');
  });

  it('signs in: the session holds the access token for the API, and the page asked for comes back', async () => {
    const access = jwt({ iss: ISSUER, aud: ['interview-ledger'], sub: 'E1001', iat: now(), exp: now() + 600 });
    let nonce = '';
    stubFetch(() => ({
      body: {
        token_type: 'Bearer',
        access_token: access,
        expires_in: 600,
        refresh_token: 'r1',
        id_token: jwt({ iss: ISSUER, aud: 'interview-console', sub: 'E1001', iat: now(), exp: now() + 600, nonce }),
      },
    }));
    await callback((s) => {
      nonce = s.searchParams.get('nonce')!;
      return { code: 'c', state: s.searchParams.get('state')! };
    });
    renderApp();
    await waitFor(() => expect(loadSession()?.token).toBe(access));
    const session = loadSession()!;
    expect(session.oidc).toMatchObject({ tokenKind: 'access', refreshToken: 'r1', config: { clientId: 'interview-console' } });
    expect(Date.parse(session.expiresAt!) / 1000).toBeCloseTo(now() + 600, -1);
    expect(`${window.location.pathname}${window.location.search}`).toBe('/interviews/IV-1?tab=2');
    expect(sessionStorage.getItem('interview-ledger.oidc-pending')).toBeNull();
  });
});

describe('apiToken: which of the provider’s tokens the API gets', () => {
  const config = { issuer: ISSUER, audience: 'interview-ledger' };
  it('takes the access token when it is a JWT of the issuer for the API’s audience', () => {
    const access = jwt({ iss: ISSUER, aud: ['account', 'interview-ledger'], exp: 2_000_000_000 });
    expect(apiToken({ access_token: access, id_token: 'id' }, config, { aud: 'interview-ledger' })).toEqual({
      token: access,
      tokenKind: 'access',
      expiresAt: new Date(2_000_000_000_000).toISOString(),
    });
  });
  it('takes the ID token when the access token is opaque or for another audience and the ID token names the API', () => {
    const id = jwt({ aud: 'interview-ledger' });
    expect(apiToken({ access_token: 'opaque-123', id_token: id }, config, { aud: 'interview-ledger', exp: 2_000_000_000 }).tokenKind).toBe(
      'id',
    );
    expect(apiToken({ access_token: jwt({ iss: ISSUER, aud: 'account' }), id_token: id }, config, { aud: 'interview-ledger' }).token).toBe(
      id,
    );
    // An access token of another issuer is not taken for the API's.
    expect(
      apiToken({ access_token: jwt({ iss: 'https://evil.example', aud: 'interview-ledger' }), id_token: id }, config, {
        aud: 'interview-ledger',
      }).tokenKind,
    ).toBe('id');
  });
  it('refuses when neither names the API’s audience', () => {
    expect(() =>
      apiToken({ access_token: 'opaque', id_token: jwt({ aud: 'interview-console' }) }, config, { aud: 'interview-console' }),
    ).toThrow(expect.objectContaining({ code: 'token_not_for_api' }));
  });
});

describe('beginSignIn and RP-initiated logout', () => {
  it('asks for the code with PKCE S256, a state and a nonce, scopes and the console’s redirect URI', async () => {
    const url = await beginSignIn(CONFIG, { pathname: '/', search: '', origin: 'https://hr.example.com' });
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'interview-console',
      response_type: 'code',
      redirect_uri: 'https://hr.example.com/signin/callback',
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const kept = JSON.parse(sessionStorage.getItem('interview-ledger.oidc-pending')!) as Record<string, unknown>;
    expect(kept).toMatchObject({ state: url.searchParams.get('state'), nonce: url.searchParams.get('nonce'), returnTo: '/todo' });
    expect(kept.codeVerifier).not.toBe(url.searchParams.get('code_challenge'));
  });
  it('signs out at the provider with the ID token as hint, back to the console', () => {
    const url = providerLogoutUrl(CONFIG, 'id.tok.en', 'https://hr.example.com')!;
    expect(url.href).toBe(
      `${ISSUER}/logout?client_id=interview-console&post_logout_redirect_uri=${encodeURIComponent('https://hr.example.com/')}&id_token_hint=id.tok.en`,
    );
    expect(providerLogoutUrl({ ...CONFIG, provider: { ...CONFIG.provider!, end_session_endpoint: undefined } })).toBeNull();
  });
});
