import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { SignIn } from './SignIn';

type Route = (init?: RequestInit) => { status?: number; body: unknown } | Error;

function stubFetch(routes: Record<string, Route>) {
  const calls: Array<{ path: string; init?: RequestInit }> = [];
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const path = new URL(input).pathname;
    calls.push({ path, init });
    const route = routes[path];
    const answer = route ? route(init) : { status: 404, body: { errors: [{ message: 'no route', extensions: { code: 'NOT_FOUND' } }] } };
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const PEOPLE = [
  { id: 'E1001', name: '王建国', roles: ['employee'], department: '生产部', position: '冲压操作工' },
  { id: 'HR001', name: '钱慧', roles: ['employee', 'hr'], department: '人力资源部', position: '人力资源部经理' },
];

const OIDC = {
  issuer: 'https://sso.example.com/realms/corp',
  clientId: 'interview-console',
  scopes: ['openid', 'profile'],
  audience: 'interview-ledger',
  callbackPath: '/signin/callback',
  provider: {
    issuer: 'https://sso.example.com/realms/corp',
    authorization_endpoint: 'https://sso.example.com/realms/corp/authorize',
    token_endpoint: 'https://sso.example.com/realms/corp/token',
    end_session_endpoint: 'https://sso.example.com/realms/corp/logout',
  },
};

const renderSignIn = (onSignedIn = vi.fn()) => {
  render(
    <I18nProvider initial="zh-CN">
      <SignIn onSignedIn={onSignedIn} />
    </I18nProvider>,
  );
  return onSignedIn;
};

afterEach(() => vi.unstubAllGlobals());

describe('<SignIn>', () => {
  it('lists the demo people with department and roles, and signs in as the one picked', async () => {
    const calls = stubFetch({
      '/console/config': () => ({ body: { demo: true, oidc: null } }),
      '/console/demo-people': () => ({ body: { people: PEOPLE } }),
      '/console/demo-session': () => ({ body: { token: 'tok.en.x', expiresAt: '2099-01-01T00:00:00.000Z' } }),
    });
    const onSignedIn = renderSignIn();
    const row = await screen.findByText('王建国 (E1001)');
    expect(row).toBeTruthy();
    expect(screen.getByTestId('demo-person-HR001').textContent).toContain('人力资源部');
    expect(screen.getByTestId('demo-person-HR001').textContent).toContain('人力资源');
    fireEvent.click(screen.getByRole('button', { name: '以此身份登录: 王建国' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ token: 'tok.en.x', expiresAt: '2099-01-01T00:00:00.000Z' }));
    const session = calls.find((c) => c.path === '/console/demo-session')!;
    expect(session.init?.method).toBe('POST');
    expect(JSON.parse(String(session.init?.body))).toEqual({ personId: 'E1001' });
    // The token form is offered beside the demo (local tokens).
    expect(screen.getByTestId('token-sign-in')).toBeTruthy();
  });

  it('signs in with a pasted token when there is no demo', async () => {
    stubFetch({ '/console/config': () => ({ body: { demo: false, oidc: null } }) });
    const onSignedIn = renderSignIn();
    const box = await screen.findByPlaceholderText('eyJ…');
    expect(screen.queryByTestId('demo-people')).toBeNull();
    const exp = Math.floor(Date.parse('2099-01-01T00:00:00Z') / 1000);
    const token = `${btoa('{"alg":"EdDSA"}')}.${btoa(JSON.stringify({ sub: 'E1001', exp })).replace(/=+$/, '')}.sig`;
    fireEvent.change(box, { target: { value: `Bearer ${token}` } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ token, expiresAt: '2099-01-01T00:00:00.000Z' }));
  });

  it('asks for a token before signing in with none', async () => {
    stubFetch({ '/console/config': () => ({ body: { demo: false, oidc: null } }) });
    const onSignedIn = renderSignIn();
    await screen.findByPlaceholderText('eyJ…');
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('请粘贴令牌')).toBeTruthy();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('offers the company’s sign-in, and no token form, when the SSO is configured', async () => {
    stubFetch({ '/console/config': () => ({ body: { demo: false, oidc: OIDC } }) });
    renderSignIn();
    expect(await screen.findByRole('button', { name: '通过公司单点登录' })).toBeTruthy();
    expect(screen.getByTestId('oidc-sign-in').textContent).toContain('https://sso.example.com/realms/corp');
    expect(screen.queryByTestId('token-sign-in')).toBeNull();
    expect(screen.queryByTestId('demo-people')).toBeNull();
  });

  it('says when the server cannot reach the company’s provider, and asks again on retry', async () => {
    let provider: unknown = null;
    const calls = stubFetch({ '/console/config': () => ({ body: { demo: false, oidc: { ...OIDC, provider } } }) });
    renderSignIn();
    expect(await screen.findByText('暂时无法连接公司登录服务（服务器读取不到其配置）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '通过公司单点登录' })).toBeNull();
    provider = OIDC.provider;
    fireEvent.click(screen.getByRole('button', { name: /重\s*试/ }));
    expect(await screen.findByRole('button', { name: '通过公司单点登录' })).toBeTruthy();
    expect(calls.filter((c) => c.path === '/console/config')).toHaveLength(2);
  });

  it('says why the last session ended, and offers to sign out at the provider too', async () => {
    stubFetch({ '/console/config': () => ({ body: { demo: false, oidc: OIDC } }) });
    const { rerender } = render(
      <I18nProvider initial="zh-CN">
        <SignIn onSignedIn={vi.fn()} ended={{ reason: 'expired' }} />
      </I18nProvider>,
    );
    expect(await screen.findByText('登录已过期，请重新登录。')).toBeTruthy();
    rerender(
      <I18nProvider initial="zh-CN">
        <SignIn onSignedIn={vi.fn()} ended={{ reason: 'signedOut', provider: { config: OIDC, idTokenHint: 'id.tok.en' } }} />
      </I18nProvider>,
    );
    expect(await screen.findByText('您已退出本系统。')).toBeTruthy();
    expect(screen.getByTestId('provider-logout').textContent).toBe('同时退出公司账号');
  });

  it('shows a network failure, and the token form', async () => {
    stubFetch({ '/console/config': () => new TypeError('Failed to fetch') });
    renderSignIn();
    expect(await screen.findByText('无法连接服务器')).toBeTruthy();
    expect(screen.getByTestId('token-sign-in')).toBeTruthy();
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeTruthy();
  });

  it('shows why a demo sign-in was refused', async () => {
    stubFetch({
      '/console/config': () => ({ body: { demo: true, oidc: null } }),
      '/console/demo-people': () => ({ body: { people: PEOPLE } }),
      '/console/demo-session': () => ({
        status: 404,
        body: { errors: [{ message: 'not one of the demo people', extensions: { code: 'NOT_FOUND' } }] },
      }),
    });
    const onSignedIn = renderSignIn();
    fireEvent.click(await screen.findByRole('button', { name: '以此身份登录: 钱慧' }));
    expect(await screen.findByText('没有找到该记录，或您无权查看')).toBeTruthy();
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
