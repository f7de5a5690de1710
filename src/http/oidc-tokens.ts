/**
 * Tokens from the company's identity provider: an OpenID Connect issuer whose signing keys
 * come from its JWKS (RFC 7517 §5), found through discovery (OpenID Connect Discovery 1.0 §4)
 * or configured directly. Only asymmetric algorithms are accepted: with a published key, an
 * HMAC "verification" would let anyone forge tokens (RFC 8725 §2.1, §3.1).
 */
import type { TokenVerifier, VerifiedToken } from '../application/services';
import { silentLog, type Log } from '../application/telemetry';
import { isRole, ROLES, type Role } from '../domain/command';
import { jose, type JWTVerifyGetKey } from './jose';
import { actorFromClaims, claimAt, refusal, UnauthenticatedError, verifyOptions, type VerifyRules } from './token-rules';

/** Algorithms an issuer may be allowed to sign with; the default allow-list is RS256, ES256, EdDSA. */
export const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const DEFAULT_OIDC_ALGORITHMS: readonly string[] = ['RS256', 'ES256', 'EdDSA'];

/**
 * Which values of the roles claim grant which role. `*` grants the role to every accepted
 * token (e.g. `employee` to everyone the issuer signs for). No map: the claim's values that
 * are role names (employee, manager, hr, auditor, admin) are taken as they are.
 */
export type RoleMap = ReadonlyMap<Role, readonly string[]>;

export interface OidcSettings {
  /** The issuer identifier, exactly as the tokens' `iss` says it. */
  readonly issuer: string;
  /** The JWKS URL; without it, discovery at `<issuer>/.well-known/openid-configuration` names it. */
  readonly jwksUrl?: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly clockSkewSeconds: number;
  readonly personIdClaim: string;
  readonly nameClaim: string;
  readonly rolesClaim: string;
  readonly roleMap?: RoleMap;
  /** How long fetched keys are trusted before the JWKS is fetched again (jose's cacheMaxAge). */
  readonly jwksCacheMaxAgeMs: number;
  /** After a fetch, how long an unknown kid does not fetch again (jose's cooldownDuration). */
  readonly jwksCooldownMs: number;
}

export class OidcTokens implements TokenVerifier {
  private readonly rules: VerifyRules;
  private keys?: Promise<JWTVerifyGetKey>;
  /** Key-set fetches so far: jose writes each fetch's time and keys into `fetched` (its jwksCache option). */
  private fetches = 0;
  private readonly fetched = fetchRecord(() => (this.fetches += 1));

  constructor(
    private readonly settings: OidcSettings,
    private readonly log: Log = silentLog,
  ) {
    this.rules = {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: settings.algorithms,
      clockSkewSeconds: settings.clockSkewSeconds,
    };
  }

  get description(): string {
    return `OpenID Connect issuer ${this.settings.issuer} (audience ${this.settings.audience}; ${this.settings.algorithms.join(', ')})`;
  }

  /** When jose last fetched the issuer's key set (it writes it here): a new fetch may have removed keys. */
  keysVersion(): unknown {
    return this.fetches;
  }

  async verify(token: string): Promise<VerifiedToken> {
    const keys = await this.jwks();
    let claims;
    try {
      ({ payload: claims } = await jose.jwtVerify(token, keys, verifyOptions(this.rules)));
    } catch (error) {
      const refused = refusal(error, this.rules);
      if (refused instanceof UnauthenticatedError) throw refused;
      // Not the token's fault: the issuer's keys could not be fetched or read.
      this.log.error({ component: 'oidc', issuer: this.settings.issuer, err: error }, 'cannot get the signing keys of the issuer');
      throw new UnauthenticatedError('the signing keys of the company sign-in service could not be fetched: try again shortly');
    }
    return actorFromClaims(
      claims,
      { personId: this.settings.personIdClaim, name: this.settings.nameClaim },
      rolesFromClaim(claimAt(claims, this.settings.rolesClaim), this.settings.roleMap),
    );
  }

  /**
   * jose's remote key set, made once: it keeps the keys (each imported once), fetches the
   * JWKS again when they are older than jwksCacheMaxAgeMs, and at once for a kid it does not
   * know (at most once per jwksCooldownMs), so keys the issuer rotates in are picked up and
   * keys it removes stop verifying. A failed discovery is tried again on the next token.
   */
  private jwks(): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      const pending = this.jwksUrl().then((url) =>
        jose.createRemoteJWKSet(url, {
          cacheMaxAge: this.settings.jwksCacheMaxAgeMs,
          cooldownDuration: this.settings.jwksCooldownMs,
          [jose.jwksCache]: this.fetched,
        }),
      );
      this.keys = pending;
      pending.catch(() => {
        if (this.keys === pending) this.keys = undefined;
      });
    }
    return this.keys.catch((error: unknown) => {
      this.log.error({ component: 'oidc', issuer: this.settings.issuer, err: error }, 'OpenID Connect discovery failed');
      throw new UnauthenticatedError('the company sign-in service (OpenID Connect discovery) could not be reached: try again shortly');
    });
  }

  private async jwksUrl(): Promise<URL> {
    if (this.settings.jwksUrl) return new URL(this.settings.jwksUrl);
    const where = discoveryUrl(this.settings.issuer);
    const response = await fetch(where, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(5000) });
    if (response.status !== 200) throw new Error(`${where} answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // Discovery §4.3: the document's issuer must be the one asked for, exactly.
    if (document.issuer !== this.settings.issuer)
      throw new Error(`${where} names issuer ${String(document.issuer)}, not ${this.settings.issuer}`);
    if (typeof document.jwks_uri !== 'string') throw new Error(`${where} has no jwks_uri`);
    return new URL(assertSecureUrl(document.jwks_uri, 'jwks_uri'));
  }
}

/** The object jose records each key-set fetch in (`uat`, `jwks`), telling `onFetch` of every one. */
function fetchRecord(onFetch: () => void): Record<string, never> {
  let uat: number | undefined;
  let jwks: unknown;
  const record = {
    get uat() {
      return uat;
    },
    set uat(value: number | undefined) {
      uat = value;
      onFetch();
    },
    get jwks() {
      return jwks;
    },
    set jwks(value: unknown) {
      jwks = value;
    },
  };
  return record as unknown as Record<string, never>;
}

/** Discovery §4: a trailing `/` of the issuer is removed before the well-known path is appended. */
export const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

/** https, or http to this machine only (a local issuer in tests and development). */
export function assertSecureUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got ${value}`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`${name} must be an https URL (http only to localhost), got ${value}`);
  }
  return value;
}

/** The roles a roles claim grants: a list of strings, or one space-separated string. */
export function rolesFromClaim(value: unknown, map?: RoleMap): Role[] {
  const values = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? value.split(/\s+/).filter(Boolean)
      : [];
  if (!map) return values.filter(isRole);
  return [...map].filter(([, granted]) => granted.includes('*') || granted.some((v) => values.includes(v))).map(([role]) => role);
}

/**
 * OIDC_ROLE_MAP: `role:value` pairs separated by commas, a role listed as often as needed
 * (`hr:HR-Team,auditor:Audit,manager:Managers,manager:Team-Leads,employee:*`); or, for values
 * that hold commas (LDAP DNs), a JSON object of role to value or list of values
 * (`{"hr": ["cn=HR,ou=groups"]}`). The value is everything after the first colon.
 */
export function parseRoleMap(text: string): RoleMap {
  const pairs: Array<[string, string]> = [];
  if (text.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('OIDC_ROLE_MAP starts with { but is not JSON');
    }
    for (const [role, values] of Object.entries(parsed as Record<string, unknown>)) {
      for (const value of Array.isArray(values) ? values : [values]) {
        if (typeof value !== 'string' || !value) throw new Error(`OIDC_ROLE_MAP: the values for ${role} must be non-empty strings`);
        pairs.push([role, value]);
      }
    }
  } else {
    for (const entry of text.split(',').map((e) => e.trim())) {
      if (!entry) continue;
      const colon = entry.indexOf(':');
      if (colon <= 0 || colon === entry.length - 1) throw new Error(`OIDC_ROLE_MAP entries are role:value, got "${entry}"`);
      pairs.push([entry.slice(0, colon).trim(), entry.slice(colon + 1).trim()]);
    }
  }
  const map = new Map<Role, string[]>();
  for (const [role, value] of pairs) {
    if (!isRole(role)) throw new Error(`OIDC_ROLE_MAP names an unknown role ${role}; roles are ${ROLES.join(', ')}`);
    map.set(role, [...(map.get(role) ?? []), value]);
  }
  if (map.size === 0) throw new Error('OIDC_ROLE_MAP maps no role');
  return map;
}
