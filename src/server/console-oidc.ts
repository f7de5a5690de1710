/**
 * What the web console needs to sign people in with the company's OpenID Connect issuer
 * (authorization code + PKCE, the console being a public client): the provider's endpoints, read
 * here from its discovery document (OpenID Connect Discovery 1.0 §4) and handed to the console
 * by /console/config, and the origin of its token endpoint, which the console page's CSP lets
 * the browser connect to for the code exchange (and nothing else of the provider's: the
 * authorization and logout endpoints are navigations, not connections).
 *
 * The server discovers rather than the browser so that the CSP can name exactly that one
 * origin, the browser needs no CORS on the provider's discovery document, and the document is
 * checked once, here, as the token verifier checks its own: the issuer it names must be
 * OIDC_ISSUER exactly, every endpoint https (http to localhost only), PKCE S256 offered when the
 * provider lists its methods. The document is kept as long as the issuer's keys
 * (OIDC_JWKS_CACHE_MAX_AGE_MS); a failed fetch is tried again after OIDC_JWKS_COOLDOWN_MS, the
 * last good document being used meanwhile.
 */
import { assertSecureUrl, discoveryUrl } from '../http/oidc-tokens';

/** The console's redirect URI is this path on its own origin (the SPA fallback serves it). */
export const CONSOLE_CALLBACK_PATH = '/signin/callback';

/** The provider's metadata the console uses: a subset of oauth4webapi's AuthorizationServer. */
export interface ConsoleProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint?: string;
  readonly code_challenge_methods_supported?: readonly string[];
  readonly id_token_signing_alg_values_supported?: readonly string[];
  readonly authorization_response_iss_parameter_supported?: boolean;
}

/**
 * An origin as a CSP source expression may name it: scheme, a host of letters, digits, dots and
 * dashes (or a bracketed IPv6 address), a port. Anything else (URL parsing lets `;` or `,`
 * through in host names) could add directives to the policy, so it is refused.
 */
export function cspOrigin(url: string): string | null {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  return /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/.test(origin) ? origin : null;
}

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

/** The discovery document's parts the console uses, checked; throws saying what is wrong. */
export function consoleMetadata(document: Record<string, unknown>, issuer: string): ConsoleProviderMetadata {
  if (document.issuer !== issuer) throw new Error(`the document names issuer ${String(document.issuer)}, not ${issuer}`);
  const endpoint = (name: string): string => {
    const value = document[name];
    if (typeof value !== 'string') throw new Error(`the document has no ${name}`);
    return assertSecureUrl(value, name);
  };
  const authorization = endpoint('authorization_endpoint');
  const token = endpoint('token_endpoint');
  if (!cspOrigin(token)) throw new Error(`token_endpoint ${token} has a host a CSP cannot name`);
  const endSession = typeof document.end_session_endpoint === 'string' ? endpoint('end_session_endpoint') : undefined;
  const pkce = stringList(document.code_challenge_methods_supported);
  // RFC 8414 §2: when the list is there, the methods not in it are not supported.
  if (pkce && !pkce.includes('S256')) throw new Error('the provider does not offer PKCE with S256 (code_challenge_methods_supported)');
  const algorithms = stringList(document.id_token_signing_alg_values_supported);
  return {
    issuer,
    authorization_endpoint: authorization,
    token_endpoint: token,
    ...(endSession ? { end_session_endpoint: endSession } : {}),
    ...(pkce ? { code_challenge_methods_supported: pkce } : {}),
    ...(algorithms ? { id_token_signing_alg_values_supported: algorithms } : {}),
    ...(document.authorization_response_iss_parameter_supported === true ? { authorization_response_iss_parameter_supported: true } : {}),
  };
}

export class ConsoleProvider {
  private known?: { readonly metadata: ConsoleProviderMetadata; readonly at: number };
  private failedAt = -Infinity;
  private pending?: Promise<ConsoleProviderMetadata | null>;

  constructor(
    private readonly issuer: string,
    private readonly options: {
      readonly maxAgeMs: number;
      readonly retryAfterMs: number;
      readonly now?: () => number;
      /** Where a failed discovery is said (the server's log); default: the console (stderr). */
      readonly warn?: (message: string) => void;
    },
  ) {}

  /** The provider's metadata, or null when it has not been fetched and cannot be now (logged). */
  metadata(): Promise<ConsoleProviderMetadata | null> {
    const now = (this.options.now ?? Date.now)();
    if (this.known && now - this.known.at < this.options.maxAgeMs) return Promise.resolve(this.known.metadata);
    if (this.pending) return this.pending;
    if (now - this.failedAt < this.options.retryAfterMs) return Promise.resolve(this.known?.metadata ?? null);
    this.pending = this.fetch().then(
      (metadata) => {
        this.known = { metadata, at: (this.options.now ?? Date.now)() };
        return metadata;
      },
      (error: unknown) => {
        this.failedAt = (this.options.now ?? Date.now)();
        const message = `OpenID Connect: the console cannot sign in with ${this.issuer}: discovery failed: ${error instanceof Error ? error.message : String(error)}`;
        if (this.options.warn) this.options.warn(message);
        else console.error(message);
        return this.known?.metadata ?? null;
      },
    );
    const pending = this.pending;
    void pending.finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    return pending;
  }

  /** The token endpoint's origin, for the console page's connect-src; null while unknown. */
  async tokenEndpointOrigin(): Promise<string | null> {
    const metadata = await this.metadata();
    return metadata ? cspOrigin(metadata.token_endpoint) : null;
  }

  private async fetch(): Promise<ConsoleProviderMetadata> {
    const where = discoveryUrl(this.issuer);
    const response = await fetch(where, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(5000) });
    if (response.status !== 200) throw new Error(`${where} answered ${response.status}`);
    const document = (await response.json()) as unknown;
    if (!document || typeof document !== 'object' || Array.isArray(document)) throw new Error(`${where} is not a JSON object`);
    try {
      return consoleMetadata(document as Record<string, unknown>, this.issuer);
    } catch (error) {
      throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
