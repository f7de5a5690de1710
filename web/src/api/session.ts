/**
 * The signed-in session: the bearer token, kept in sessionStorage (gone when the tab closes,
 * never in a cookie), with its expiry read from the token itself.
 */
import type { OidcSignInConfig } from './console-api';

const KEY = 'interview-ledger.session';

export interface Session {
  readonly token: string;
  /** ISO instant the token expires (its `exp`), when it says. */
  readonly expiresAt?: string;
  /** Signed in through the company's provider (web/src/signin/oidc.ts): what a refresh and sign-out need. */
  readonly oidc?: OidcSessionPart;
}

export interface OidcSessionPart {
  /** Which of the provider's tokens is `token`: its access token (a JWT for the API's audience) or its ID token. */
  readonly tokenKind: 'access' | 'id';
  /** The ID token: the id_token_hint of RP-initiated logout. */
  readonly idToken?: string;
  /** When the provider granted one: a new token before this one expires. */
  readonly refreshToken?: string;
  /** The provider as it was when the person signed in. */
  readonly config: OidcSignInConfig;
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !session.token) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** A session for a pasted token: its expiry from the JWT's `exp` claim (not verified here; the API does that). */
export function sessionFromToken(token: string): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  try {
    const payload = JSON.parse(atob(trimmed.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    if (typeof payload.exp === 'number') return { token: trimmed, expiresAt: new Date(payload.exp * 1000).toISOString() };
  } catch {
    // not a JWT we can read: the API will say
  }
  return { token: trimmed };
}
