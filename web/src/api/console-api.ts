/**
 * The server's small console API (src/server/console-routes.ts): how to sign in
 * (/console/config), the demo people and the demo sign-in (only with --demo).
 */
import { endpoints } from './endpoints';
import type { Session } from './session';

export interface ConsoleConfig {
  readonly demo: boolean;
  readonly oidc: OidcSignInConfig | null;
}

/** The provider's endpoints, as the server discovered them (src/server/console-oidc.ts). */
export interface OidcProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint?: string;
  readonly code_challenge_methods_supported?: readonly string[];
  readonly id_token_signing_alg_values_supported?: readonly string[];
  readonly authorization_response_iss_parameter_supported?: boolean;
}

/** Signing in with the company's OpenID Connect provider (OIDC_ISSUER; authorization code + PKCE). */
export interface OidcSignInConfig {
  readonly issuer: string;
  /** The console's client id at the provider (OIDC_CONSOLE_CLIENT_ID). */
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The API's audience (OIDC_AUDIENCE): the console sends the provider's token that names it. */
  readonly audience: string;
  /** The redirect URI's path on the console's origin: /signin/callback. */
  readonly callbackPath: string;
  /** Null while the server cannot reach the provider's discovery document. */
  readonly provider: OidcProviderMetadata | null;
}

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly position: string;
}

/** An answer the console could not use: a network failure, or the server's error code. */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly network: boolean,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${endpoints().base}${path}`, init);
  } catch (error) {
    throw new ConsoleApiError(error instanceof Error ? error.message : String(error), null, true);
  }
  const body = (await response.json().catch(() => null)) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null;
  if (!response.ok) {
    const first = body?.errors?.[0];
    throw new ConsoleApiError(first?.message ?? `HTTP ${response.status}`, first?.extensions?.code ?? null, false);
  }
  return body as T;
}

export const fetchConsoleConfig = () => call<ConsoleConfig>('/console/config');

export const fetchDemoPeople = () => call<{ people: DemoPerson[] }>('/console/demo-people').then((r) => r.people);

export const demoSession = (personId: string) =>
  call<Session>('/console/demo-session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId }),
  }).then((r) => ({ token: r.token, expiresAt: r.expiresAt }));
