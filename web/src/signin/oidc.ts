/**
 * Signing in with the company's OpenID Connect provider: the authorization code flow with PKCE
 * (RFC 7636, S256) for a public client, through oauth4webapi.
 *
 * 1. start: a code_verifier and its S256 challenge, a state and a nonce, kept in sessionStorage
 *    (this tab only) with the redirect URI and where to return; then the browser goes to the
 *    provider's authorization endpoint. The endpoints come from /console/config, where the
 *    server put the provider's discovery document after checking it (the page's CSP lets the
 *    browser connect to the token endpoint's origin and no other of the provider's).
 * 2. callback (/signin/callback): the state must be the one kept (else refused: a forged or stale
 *    link); an error from the provider (access_denied…) is shown, never dropped; the code is
 *    exchanged with the code_verifier; the ID token is checked (issuer, audience = the console's
 *    client id, nonce, lifetime, algorithm). The kept state is used once and removed.
 * 3. the session: the token the API accepts (see apiToken), its expiry, the refresh token when
 *    the provider granted one, and the ID token for RP-initiated logout.
 */
import * as oauth from 'oauth4webapi';
import type { OidcProviderMetadata, OidcSignInConfig } from '../api/console-api';
import type { Session } from '../api/session';
import type { SignInErrorCode } from '../errors/oidc-error-messages';

const PENDING_KEY = 'interview-ledger.oidc-pending';
/** A sign-in left longer than this at the provider is not completed (its state is dropped). */
export const PENDING_MAX_AGE_MS = 15 * 60_000;

/** A sign-in that went wrong: `code` is the provider's error or one of the console's checks. */
export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode | (string & {}),
    message: string,
    /** The provider's error_description, or the check that failed. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly returnTo: string;
  readonly startedAt: number;
  readonly config: OidcSignInConfig;
}

/** The console's redirect URI path (the server's CONSOLE_CALLBACK_PATH, which /console/config names too). */
export const CALLBACK_PATH = '/signin/callback';

const client = (config: OidcSignInConfig): oauth.Client => ({ client_id: config.clientId });

function server(config: OidcSignInConfig): oauth.AuthorizationServer {
  const provider = config.provider;
  if (!provider) throw new SignInError('provider_unreachable', 'the provider’s metadata is unknown');
  if (provider.issuer !== config.issuer) throw new SignInError('issuer_mismatch', `metadata of ${provider.issuer}, not ${config.issuer}`);
  return provider as oauth.AuthorizationServer & OidcProviderMetadata;
}

/** http is accepted for a provider on this machine only (the server allows no other; tests and development). */
function requestOptions(config: OidcSignInConfig): { [oauth.allowInsecureRequests]?: boolean } {
  const url = new URL(config.provider?.token_endpoint ?? config.issuer);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback ? { [oauth.allowInsecureRequests]: true } : {};
}

export const redirectUri = (config: OidcSignInConfig, origin = window.location.origin) => `${origin}${config.callbackPath}`;

/** Where a person lands after signing in: the page they were on (never the callback itself). */
function returnPath(location: Pick<Location, 'pathname' | 'search'>, config: OidcSignInConfig): string {
  if (location.pathname === '/' || location.pathname === config.callbackPath || !location.pathname.startsWith('/')) return '/todo';
  return `${location.pathname}${location.search}`;
}

/** Step 1: keeps the PKCE verifier, state and nonce for this tab, and answers the URL to go to. */
export async function beginSignIn(config: OidcSignInConfig, location: Pick<Location, 'pathname' | 'search' | 'origin'> = window.location) {
  const as = server(config);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const pending: PendingSignIn = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    codeVerifier,
    redirectUri: redirectUri(config, location.origin),
    returnTo: returnPath(location, config),
    startedAt: Date.now(),
    config,
  };
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', config.scopes.join(' '));
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  return url;
}

/** Step 1, then away to the provider. */
export async function startSignIn(config: OidcSignInConfig): Promise<void> {
  window.location.assign((await beginSignIn(config)).href);
}

/** The kept sign-in, removed as it is read: a callback is completed once. */
function takePending(): PendingSignIn | null {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    const pending = JSON.parse(raw) as PendingSignIn;
    return typeof pending.state === 'string' && typeof pending.codeVerifier === 'string' && pending.config ? pending : null;
  } catch {
    return null;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Step 2: the provider's answer at /signin/callback, checked and exchanged for tokens. */
export async function completeSignIn(callback: URL): Promise<{ session: Session; returnTo: string }> {
  const pending = takePending();
  if (!pending) throw new SignInError('no_pending_sign_in', 'no sign-in was started in this tab');
  if (Date.now() - pending.startedAt > PENDING_MAX_AGE_MS) throw new SignInError('pending_expired', 'the sign-in was started too long ago');
  // The state first: an answer (an error included) that is not for the sign-in started here is refused as such.
  // (What the answer says is not repeated to the person: it is not known to come from the provider.)
  if (callback.searchParams.get('state') !== pending.state)
    throw new SignInError('state_mismatch', 'the state of the answer is not the one sent');
  const { config } = pending;
  const as = server(config);
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(as, client(config), callback, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError)
      throw new SignInError(error.error, `the provider answered ${error.error}`, error.error_description);
    throw new SignInError('issuer_mismatch', messageOf(error));
  }
  if (!parameters.get('code')) throw new SignInError('missing_code', 'no code in the answer');

  let response: Response;
  try {
    response = await oauth.authorizationCodeGrantRequest(
      as,
      client(config),
      oauth.None(),
      parameters,
      pending.redirectUri,
      pending.codeVerifier,
      requestOptions(config),
    );
  } catch (error) {
    throw new SignInError('token_endpoint_unreachable', messageOf(error));
  }
  let result: oauth.TokenEndpointResponse;
  try {
    result = await oauth.processAuthorizationCodeResponse(as, client(config), response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
  } catch (error) {
    throw tokenError(error);
  }
  return { session: sessionFromTokens(result, config), returnTo: pending.returnTo };
}

function tokenError(error: unknown): SignInError {
  if (error instanceof oauth.ResponseBodyError)
    return new SignInError(error.error, `the token endpoint answered ${error.error}`, error.error_description);
  if (error instanceof oauth.WWWAuthenticateChallengeError) return new SignInError('invalid_client', messageOf(error));
  if (
    error instanceof oauth.OperationProcessingError &&
    (error.code === oauth.JWT_CLAIM_COMPARISON || error.code === oauth.JWT_TIMESTAMP_CHECK)
  )
    return new SignInError('id_token_invalid', messageOf(error));
  if (error instanceof oauth.UnsupportedOperationError) return new SignInError('id_token_invalid', messageOf(error));
  return new SignInError('token_response_invalid', messageOf(error));
}

/** A JWT's claims, unverified (the API verifies); null for anything else, e.g. an opaque access token. */
export function readJwt(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as unknown;
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const audiences = (aud: unknown): string[] =>
  Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : typeof aud === 'string' ? [aud] : [];

/**
 * Which of the provider's tokens the console sends to the API, whose `aud` must be OIDC_AUDIENCE:
 * the access token when it is a JWT from the issuer for that audience (what an access token is
 * for: RFC 9068); else the ID token when its audience — the console's client id — is the API's
 * (one client for both, OIDC_CONSOLE_CLIENT_ID unset), as with providers whose access tokens are
 * opaque or meant for another audience. The API checks either as it checks any token (signature,
 * iss, aud, exp). Neither fits: the configuration is wrong, and the console says so.
 */
export function apiToken(
  result: Pick<oauth.TokenEndpointResponse, 'access_token' | 'id_token' | 'expires_in'>,
  config: Pick<OidcSignInConfig, 'issuer' | 'audience'>,
  idClaims: Record<string, unknown> | undefined,
  now = Date.now(),
): { token: string; tokenKind: 'access' | 'id'; expiresAt?: string } {
  const expiry = (exp: unknown, fallbackSeconds?: number) =>
    typeof exp === 'number'
      ? new Date(exp * 1000).toISOString()
      : typeof fallbackSeconds === 'number'
        ? new Date(now + fallbackSeconds * 1000).toISOString()
        : undefined;
  const access = readJwt(result.access_token);
  if (access && access.iss === config.issuer && audiences(access.aud).includes(config.audience)) {
    const expiresAt = expiry(access.exp, result.expires_in);
    return { token: result.access_token, tokenKind: 'access', ...(expiresAt ? { expiresAt } : {}) };
  }
  if (result.id_token && idClaims && audiences(idClaims.aud).includes(config.audience)) {
    const expiresAt = expiry(idClaims.exp);
    return { token: result.id_token, tokenKind: 'id', ...(expiresAt ? { expiresAt } : {}) };
  }
  throw new SignInError(
    'token_not_for_api',
    `neither the access token nor the ID token names the audience ${config.audience}`,
    `aud: ${JSON.stringify(access?.aud ?? null)} / ${JSON.stringify(idClaims?.aud ?? null)}`,
  );
}

function sessionFromTokens(result: oauth.TokenEndpointResponse, config: OidcSignInConfig, previous?: Session): Session {
  const chosen = apiToken(result, config, oauth.getValidatedIdTokenClaims(result) as Record<string, unknown> | undefined);
  const idToken = result.id_token ?? previous?.oidc?.idToken;
  const refreshToken = result.refresh_token ?? previous?.oidc?.refreshToken;
  return {
    token: chosen.token,
    ...(chosen.expiresAt ? { expiresAt: chosen.expiresAt } : {}),
    oidc: { tokenKind: chosen.tokenKind, ...(idToken ? { idToken } : {}), ...(refreshToken ? { refreshToken } : {}), config },
  };
}

/** A new token with the refresh token the provider granted (before the current one expires). */
export async function refreshSession(session: Session): Promise<Session> {
  const oidc = session.oidc;
  if (!oidc?.refreshToken) throw new SignInError('refresh_failed', 'no refresh token');
  const as = server(oidc.config);
  let response: Response;
  try {
    response = await oauth.refreshTokenGrantRequest(as, client(oidc.config), oauth.None(), oidc.refreshToken, requestOptions(oidc.config));
  } catch (error) {
    throw new SignInError('token_endpoint_unreachable', messageOf(error));
  }
  let result: oauth.TokenEndpointResponse;
  try {
    result = await oauth.processRefreshTokenResponse(as, client(oidc.config), response);
  } catch (error) {
    throw tokenError(error);
  }
  return sessionFromTokens(result, oidc.config, session);
}

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2), when the provider publishes an
 * end_session_endpoint: back to the console's start page afterwards (register it at the provider
 * as a post-logout redirect URI).
 */
export function providerLogoutUrl(config: OidcSignInConfig, idTokenHint?: string, origin = window.location.origin): URL | null {
  const endpoint = config.provider?.end_session_endpoint;
  if (!endpoint) return null;
  const url = new URL(endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${origin}/`);
  if (idTokenHint) url.searchParams.set('id_token_hint', idTokenHint);
  return url;
}
