/**
 * Signing in with the company's OpenID Connect provider in Chromium: the demo server started
 * with OIDC_* pointing at a mock provider (test/support/oidc-provider.ts; --demo and OIDC
 * coexist: the demo data, no demo sign-in, tokens from the provider). The authorization code
 * flow with PKCE lands on 我的待办 as the person the provider signs in, and the API sees the
 * provider's access token and that person; the provider refuses a wrong code_verifier; a
 * callback with another state, and access_denied, are refused with their messages; the token
 * is renewed with the refresh token; a token the API refuses ends the session with a message;
 * sign-out offers RP-initiated logout. Screenshots: test-output/screenshots/oidc-*.png.
 */
import type { Page } from 'playwright-core';
import type { VerifiedToken } from '../../src/application/services';
import { startMockOidcProvider, type MockOidcProvider } from '../../test/support/oidc-provider';
import { consoleSuite } from './harness';

const CLIENT_ID = 'interview-console';
const AUDIENCE = 'interview-ledger';
const SESSION_KEY = 'interview-ledger.session';
const WANG = { sub: 'E1001', name: '王建国', roles: ['employee'] };

// The provider starts first (this beforeAll is registered before the suite's), so its address is in the server's env.
let provider: MockOidcProvider;
const env: Record<string, string> = {};
beforeAll(async () => {
  provider = await startMockOidcProvider({ clientId: CLIENT_ID, audience: AUDIENCE, person: WANG });
  Object.assign(env, { OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_CONSOLE_CLIENT_ID: CLIENT_ID });
});
afterAll(() => provider?.close());

/** Every token the server verified, with the person it took it for. */
const verified: Array<{ token: string; actor: VerifiedToken['actor'] }> = [];

const ui = consoleSuite('oidc', {
  env,
  async prepare(suite) {
    provider.allowRedirect(`${suite.demo.base}/signin/callback`);
    provider.allowPostLogoutRedirect(`${suite.demo.base}/`);
    const tokens = suite.demo.app.tokens;
    const verify = tokens.verify.bind(tokens);
    tokens.verify = async (token) => {
      const result = await verify(token);
      verified.push({ token, actor: result.actor });
      return result;
    };
  },
});
jest.setTimeout(120_000);

const session = (page: Page) =>
  page.evaluate<{ token: string; expiresAt?: string } | null>(`JSON.parse(sessionStorage.getItem('${SESSION_KEY}') ?? 'null')`);

async function clickCompanySignIn(page: Page) {
  await page.goto(`${ui.demo.base}/`);
  await page.getByRole('button', { name: '通过公司单点登录' }).click();
}

ui.describe('signing in with the company’s OpenID Connect provider', () => {
  let page: Page;
  beforeAll(async () => {
    page = await ui.newPage();
    page.setDefaultTimeout(25_000);
  });

  it('signs in through the provider, lands on 我的待办 as 王建国, and the API sees the provider’s token and him', async () => {
    const authorizations: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql' && request.headers().authorization)
        authorizations.push(request.headers().authorization!);
    });
    await page.goto(`${ui.demo.base}/`);
    expect(await page.getByTestId('oidc-sign-in').innerText()).toContain(provider.issuer);
    // --demo with OIDC: no demo people, no token form.
    expect(await page.getByTestId('demo-people').count()).toBe(0);
    expect(await page.getByTestId('token-sign-in').count()).toBe(0);
    await ui.shot(page, 'sign-in');
    await page.getByRole('button', { name: '通过公司单点登录' }).click();

    await page.getByTestId('viewer').waitFor();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/todo');
    expect(await page.getByTestId('viewer').innerText()).toContain('王建国');
    expect(provider.tokenCalls).toEqual([{ grantType: 'authorization_code', status: 200 }]);

    // The session holds the provider's access token (a JWT for the API's audience), not the ID token.
    const issued = provider.issued.at(-1)!;
    expect((await session(page))?.token).toBe(issued.access);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${issued.access}`]));
    // Server side: that token, verified, was 王建国 (E1001) with the provider's roles.
    const seen = verified.filter((v) => v.token === issued.access);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((v) => v.actor.id === 'E1001' && v.actor.roles.join() === 'employee')).toBe(true);
    // And the API answers that token as him.
    const me = await fetch(`${ui.demo.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issued.access}` },
      body: JSON.stringify({ query: '{ me { id name } }' }),
    });
    expect(await me.json()).toEqual({ data: { me: { id: 'E1001', name: '王建国' } } });
    await ui.shot(page, 'todo');
  });

  it('renews the token with the refresh token before it expires', async () => {
    const before = (await session(page))!;
    // As if the token had 8 s left: the console renews it halfway through.
    await page.evaluate(`{
      const s = JSON.parse(sessionStorage.getItem('${SESSION_KEY}'));
      s.expiresAt = new Date(Date.now() + 8000).toISOString();
      sessionStorage.setItem('${SESSION_KEY}', JSON.stringify(s));
    }`);
    await page.reload();
    await page.getByTestId('viewer').waitFor();
    for (let i = 0; i < 50 && (await session(page))?.token === before.token; i++) await page.waitForTimeout(200);
    expect(provider.tokenCalls.at(-1)).toEqual({ grantType: 'refresh_token', status: 200 });
    const after = (await session(page))!;
    expect(after.token).toBe(provider.issued.at(-1)!.access);
    expect(after.token).not.toBe(before.token);
    expect(Date.parse(after.expiresAt!)).toBeGreaterThan(Date.now() + 500_000);
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
  });

  it('signs out, and offers to sign out at the provider too (RP-initiated logout)', async () => {
    const idToken = provider.issued.at(-1)!.id;
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByTestId('session-ended').waitFor();
    expect(await page.getByTestId('session-ended').innerText()).toContain('您已退出本系统。');
    expect(await session(page)).toBeNull();
    await ui.shot(page, 'signed-out');
    await page.getByTestId('provider-logout').click();
    await page.waitForURL(`${ui.demo.base}/`);
    const logout = provider.logouts.at(-1)!;
    expect(logout.get('id_token_hint')).toBe(idToken);
    expect(logout.get('client_id')).toBe(CLIENT_ID);
    expect(logout.get('post_logout_redirect_uri')).toBe(`${ui.demo.base}/`);
    await page.getByRole('button', { name: '通过公司单点登录' }).waitFor();
  });

  it('is refused by the provider when the code_verifier is not the one of the challenge (PKCE is checked)', async () => {
    const fresh = await ui.newPage();
    ui.expected.push(/status of 400/);
    await fresh.route(`${provider.issuer}/token`, async (route) => {
      const form = new URLSearchParams(route.request().postData() ?? '');
      expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      form.set('code_verifier', 'wrong-verifier-wrong-verifier-wrong-verifier');
      await route.continue({ postData: form.toString() });
    });
    await clickCompanySignIn(fresh);
    const notice = fresh.getByTestId('sign-in-error');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('invalid_grant');
    expect(await notice.innerText()).toContain('授权码无效、已使用或已过期，或 PKCE 校验未通过');
    expect(provider.tokenCalls.at(-1)).toEqual({ grantType: 'authorization_code', status: 400, error: 'invalid_grant' });
    expect(await session(fresh)).toBeNull();
    await ui.shot(fresh, 'pkce-refused');
    await fresh.close();
  });

  it('refuses a callback whose state is not the one sent, and exchanges nothing', async () => {
    const fresh = await ui.newPage();
    // The provider's real answer (a good code), with the state changed on the way back.
    await fresh.route(`${provider.issuer}/authorize?*`, async (route) => {
      const answer = await route.fetch({ maxRedirects: 0 });
      const back = new URL(answer.headers().location!);
      back.searchParams.set('state', 'forged-state');
      await route.fulfill({ status: 302, headers: { location: back.href } });
    });
    const calls = provider.tokenCalls.length;
    await clickCompanySignIn(fresh);
    const notice = fresh.getByTestId('sign-in-error');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('state_mismatch');
    expect(await notice.innerText()).toContain('登录回调与本浏览器发起的登录不一致（state 校验失败），已拒绝');
    expect(provider.tokenCalls.length).toBe(calls);
    expect(new URL(fresh.url()).search).toBe('');
    expect(await session(fresh)).toBeNull();
    await ui.shot(fresh, 'state-mismatch');
    await fresh.close();
  });

  it('shows access_denied from the provider', async () => {
    const fresh = await ui.newPage();
    provider.deny = true;
    try {
      await clickCompanySignIn(fresh);
      const notice = fresh.getByTestId('sign-in-error');
      await notice.waitFor();
      expect(await notice.getAttribute('data-code')).toBe('access_denied');
      expect(await notice.innerText()).toContain('您在公司登录服务中拒绝了授权，或您的账号无权使用本系统');
      expect(await fresh.getByRole('button', { name: '通过公司单点登录' }).count()).toBe(1);
      await ui.shot(fresh, 'access-denied');
    } finally {
      provider.deny = false;
      await fresh.close();
    }
  });

  it('ends the session with a message when the API refuses its token', async () => {
    const fresh = await ui.newPage();
    ui.expected.push(/status of 401/);
    await fresh.goto(`${ui.demo.base}/`);
    // A token the provider never issued (not signed by its key).
    await fresh.evaluate(
      `sessionStorage.setItem('${SESSION_KEY}', JSON.stringify({ token: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJFMTAwMSJ9.c2ln' }))`,
    );
    await fresh.goto(`${ui.demo.base}/todo`);
    await fresh.getByTestId('session-ended').waitFor();
    expect(await fresh.getByTestId('session-ended').innerText()).toContain('服务器不再接受当前的登录');
    expect(await session(fresh)).toBeNull();
    // Signing in again from here comes back to the page the person was on.
    await fresh.getByRole('button', { name: '通过公司单点登录' }).click();
    await fresh.getByTestId('viewer').waitFor();
    expect(new URL(fresh.url()).pathname).toBe('/todo');
    await fresh.close();
  });
});
