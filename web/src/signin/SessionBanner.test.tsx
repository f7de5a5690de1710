import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../api/session';
import { I18nProvider } from '../i18n';
import { SessionBanner } from './SessionBanner';
import { useSessionLifetime } from './session-lifetime';

function Probe({ session, expired = () => {} }: { session: Session; expired?: () => void }) {
  const warning = useSessionLifetime(session, { refreshed: () => {}, expired });
  return <SessionBanner session={session} warning={warning} onSignOut={() => {}} />;
}

const renderProbe = (session: Session, expired?: () => void) =>
  render(
    <I18nProvider initial="zh-CN">
      <Probe session={session} expired={expired} />
    </I18nProvider>,
  );

afterEach(() => vi.unstubAllGlobals());

describe('the session’s expiry', () => {
  it('warns some minutes before the token expires, with the time and a way to sign in again', async () => {
    const expiresAt = new Date(Date.now() + 3 * 60_000).toISOString();
    renderProbe({ token: 't', expiresAt });
    const banner = await screen.findByTestId('session-expiring');
    const time = new Date(expiresAt).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
    expect(banner.textContent).toContain(`您的登录将于 ${time} 过期`);
    expect(screen.getByRole('button', { name: '重新登录' })).toBeTruthy();
  });

  it('says nothing while the token has long to run, and ends the session at expiry', async () => {
    const { unmount } = renderProbe({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(screen.queryByTestId('session-expiring')).toBeNull();
    unmount();
    const expired = vi.fn();
    renderProbe({ token: 't', expiresAt: new Date(Date.now() + 50).toISOString() }, expired);
    await waitFor(() => expect(expired).toHaveBeenCalledTimes(1));
  });

  it('says so when the renewal with the refresh token fails', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response('{"error":"invalid_grant"}', { status: 400, headers: { 'content-type': 'application/json' } }),
    );
    const issuer = 'https://sso.example.com';
    renderProbe({
      token: 't',
      expiresAt: new Date(Date.now() + 200).toISOString(),
      oidc: {
        tokenKind: 'access',
        refreshToken: 'r1',
        config: {
          issuer,
          clientId: 'c',
          scopes: ['openid'],
          audience: 'a',
          callbackPath: '/signin/callback',
          provider: { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` },
        },
      },
    });
    expect((await screen.findByTestId('session-expiring')).textContent).toContain('登录无法自动续期');
  });
});
