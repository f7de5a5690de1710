/**
 * The console: the sign-in page until there is a session, then the shell with its pages, on
 * one GraphQL client per session (HTTP with the bearer token, graphql-ws for live updates).
 */
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { createApiClient, type ApiClient } from './api/client';
import { clearSession, loadSession, saveSession, type Session } from './api/session';
import { SignIn } from './pages/SignIn';
import { Shell } from './shell/Shell';

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
  }, []);
  // One client per session, made and disposed in the same effect (StrictMode runs it twice in development).
  const [client, setClient] = useState<ApiClient | null>(null);
  useEffect(() => {
    if (!session) {
      setClient(null);
      return;
    }
    const made = createApiClient(session.token, signOut);
    setClient(made);
    return () => made.dispose();
  }, [session, signOut]);
  // Sign out when the token expires, rather than failing request after request.
  useEffect(() => {
    if (!session?.expiresAt) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(signOut, Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, signOut]);

  return (
    <AntApp>
      {session ? (
        client && (
          <Provider value={client.urql}>
            <BrowserRouter>
              <Shell onSignOut={signOut} />
            </BrowserRouter>
          </Provider>
        )
      ) : (
        <SignIn
          onSignedIn={(next) => {
            saveSession(next);
            setSession(next);
            if (window.location.pathname === '/') window.history.replaceState(null, '', '/todo');
          }}
        />
      )}
    </AntApp>
  );
}
