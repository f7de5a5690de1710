/** Why there is no session any more, for the sign-in page to say (and what it can offer then). */
import type { OidcSignInConfig } from '../api/console-api';
import type { Session } from '../api/session';
import type { SignInError } from './oidc';

export interface SessionEnd {
  /** signedOut: 退出登录; expired: the token's time ran out; unauthenticated: the API refused it; failed: a sign-in did not complete. */
  readonly reason: 'signedOut' | 'expired' | 'unauthenticated' | 'failed';
  readonly error?: SignInError;
  /** Signed in through the provider: RP-initiated logout can be offered (with the ID token as hint). */
  readonly provider?: { readonly config: OidcSignInConfig; readonly idTokenHint?: string };
}

export function sessionEnd(reason: SessionEnd['reason'], last: Session | null): SessionEnd {
  const oidc = last?.oidc;
  return { reason, ...(oidc ? { provider: { config: oidc.config, ...(oidc.idToken ? { idTokenHint: oidc.idToken } : {}) } } : {}) };
}
