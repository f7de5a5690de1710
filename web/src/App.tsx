/**
 * The console: the sign-in page until there is a session, then the shell with its pages, on
 * one GraphQL client per session (HTTP with the bearer token, graphql-ws for live updates).
 * /signin/callback completes a sign-in with the company's provider (web/src/signin). A session
 * ends by signing out, at its token's expiry (renewed before, when the provider granted a
 * refresh token; warned of before otherwise), or when the API refuses its token; the sign-in
 * page then says which.
 */
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { createApiClient, type ApiClient } from './api/client';
import { clearSession, loadSession, saveSession, type Session } from './api/session';
import { SignIn } from './pages/SignIn';
import { Shell } from './shell/Shell';
import { CALLBACK_PATH } from './signin/oidc';
import { OidcCallback } from './signin/OidcCallback';
import { SessionBanner } from './signin/SessionBanner';
import { SignInErrorNotice } from './signin/SignInErrorNotice';
import { sessionEnd, type SessionEnd } from './signin/session-end';
import { useSessionLifetime } from './signin/session-lifetime';

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  const [callback, setCallback] = useState(() => window.location.pathname === CALLBACK_PATH);
  const current = useRef(session);
  current.current = session;
  const end = useCallback((reason: SessionEnd['reason']) => {
    const last = current.current;
    clearSession();
    setEnded(last ? sessionEnd(reason, last) : null);
    setSession(null);
  }, []);
  const signOut = useCallback(() => end('signedOut'), [end]);
  const refused = useCallback(() => end('unauthenticated'), [end]);
  const expired = useCallback(() => end('expired'), [end]);
  const refreshed = useCallback((next: Session) => {
    saveSession(next);
    setSession(next);
  }, []);
  // One client per session, made and disposed in the same effect (StrictMode runs it twice in development).
  const [client, setClient] = useState<ApiClient | null>(null);
  useEffect(() => {
    if (!session) {
      setClient(null);
      return;
    }
    const made = createApiClient(session.token, refused);
    setClient(made);
    return () => made.dispose();
  }, [session, refused]);
  const warning = useSessionLifetime(session, { refreshed, expired });

  const signedIn = (next: Session, returnTo?: string) => {
    saveSession(next);
    setEnded(null);
    setSession(next);
    if (returnTo) window.history.replaceState(null, '', returnTo);
    else if (window.location.pathname === '/') window.history.replaceState(null, '', '/todo');
  };

  if (callback) {
    return (
      <AntApp>
        <OidcCallback
          onSignedIn={(next, returnTo) => {
            setCallback(false);
            signedIn(next, returnTo);
          }}
          onFailed={(error) => {
            // The code and state leave the address bar; the page says what went wrong. A session
            // already open stays (a forged callback link must not sign anyone out).
            window.history.replaceState(null, '', session ? '/todo' : '/');
            setEnded({ reason: 'failed', error });
            setCallback(false);
          }}
        />
      </AntApp>
    );
  }

  return (
    <AntApp>
      {session ? (
        client && (
          <Provider value={client.urql}>
            <SessionBanner session={session} warning={warning} onSignOut={signOut} />
            {ended?.reason === 'failed' && <SignInErrorNotice error={ended.error} onClose={() => setEnded(null)} />}
            <BrowserRouter>
              <Shell onSignOut={signOut} />
            </BrowserRouter>
          </Provider>
        )
      ) : (
        <SignIn ended={ended} onSignedIn={(next) => signedIn(next)} />
      )}
    </AntApp>
  );
}
