import { join, resolve } from 'node:path';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../attachments/attachment-policy';
import type { AnalyticsSettings, Settings } from '../application/services';
import { LOCAL_TOKEN_ALGORITHMS, type LocalTokenAlgorithm } from '../http/local-tokens';
import { assertSecureUrl, DEFAULT_OIDC_ALGORITHMS, OIDC_ALGORITHMS, parseRoleMap, type OidcSettings } from '../http/oidc-tokens';
import { isValidTimeZone } from '../domain/workflow/reminder-schedule';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../graphql/query-limits';
import type { SubscriptionLimits } from '../graphql/socket-limits';
import { parseWitnessKeyList } from '../crypto/cosignature';
import { DEFAULT_MAX_APPEND_BYTES } from '../store/esdb-limits';
import { DEFAULT_SERVER_SELECTION_TIMEOUT_MS } from '../readmodel/mongo-limits';

/** What GraphQL accepts (GRAPHQL_*): per-operation limits, the body size, open subscriptions. */
export interface GraphqlSettings extends QueryLimits, SubscriptionLimits {
  /** Largest POST body (and WebSocket message) on /graphql; attachment routes have ATTACHMENT_MAX_BYTES. */
  readonly bodyLimitBytes: number;
}

/** 256 KiB: any real operation, and an uploadAttachment of a file up to ~190 KB in base64. */
export const DEFAULT_GRAPHQL_BODY_LIMIT = 256 * 1024;

/**
 * Service configuration from the environment. Every value has an embedded-store default.
 * The server, `npm run seed` and every operator command load it with loadConfig, so they all
 * work on the same DATA_DIR and servers.
 */
export interface Config extends Settings {
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** esdb://… to use EventStoreDB instead of the embedded log. */
  readonly eventStoreUrl?: string;
  /**
   * The largest append sent to EventStoreDB (EVENTSTORE_MAX_APPEND_BYTES, default 1 MiB: the
   * server's default MaxAppendSize); raise it together with the server's EVENTSTORE_MAX_APPEND_SIZE.
   */
  readonly eventStoreMaxAppendBytes: number;
  /** mongodb://… to use MongoDB instead of the embedded read models. */
  readonly mongodbUrl?: string;
  readonly mongodbDb: string;
  /**
   * How long a MongoDB operation waits for a usable server (MONGODB_SERVER_SELECTION_TIMEOUT_MS,
   * default 30 s, the driver's): long enough to ride out a replica-set election.
   */
  readonly mongodbServerSelectionTimeoutMs: number;
  /** Base64 32-byte Ed25519 seed; when absent the key lives in DATA_DIR/ledger-keys.json. */
  readonly ledgerSeed?: Buffer;
  /** HS256 secret for local bearer tokens (LOCAL_TOKEN_ALG=HS256); when absent it lives in DATA_DIR/jwt-secret. */
  readonly jwtSecret?: string;
  /** Base64 32-byte Ed25519 seed of local EdDSA tokens (TOKEN_SIGNING_KEY); when absent the key lives in DATA_DIR/token-signing-key.pem. */
  readonly tokenSigningSeed?: Buffer;
  /**
   * `shared` (INSTANCES=shared, and always with EVENTSTORE_URL): instances that do not share one
   * DATA_DIR serve one ledger, so the ledger key, the token keys and the log origin come from
   * configuration (loadConfig refuses to start without them). `single`: one DATA_DIR, whose key
   * files every process on it shares.
   */
  readonly instances: 'single' | 'shared';
  /** How bearer tokens are checked: the company's OpenID Connect issuer, or local keys. */
  readonly tokens: TokenConfig;
  /**
   * How long a token that verified is answered without verifying it again (TOKEN_CACHE_SECONDS,
   * default 60; 0: every request verifies). Never past the token's `exp`; refusals are never kept.
   */
  readonly tokenCacheSeconds: number;
  /** How often the Merkle log signs a checkpoint when it grew (ms); 0 signs only on demand. */
  readonly checkpointIntervalMs: number;
  /** Checkpoint origin (and note key name) for a new Merkle log; default interview-ledger/<ledger key id>. */
  readonly logOrigin?: string;
  /** How often the server sweeps for due reminders (ms); 0 sweeps only on demand (runReminders). */
  readonly reminderIntervalMs: number;
  /** Also POST each reminder as JSON here (NOTIFY_WEBHOOK_URL), HMAC-signed with notifyWebhookSecret when set. */
  readonly notifyWebhookUrl?: string;
  readonly notifyWebhookSecret?: string;
  /** Origins whose browsers may call /graphql and /attachments (CORS_ORIGINS, comma-separated); empty: CORS off. */
  readonly corsOrigins: readonly string[];
  readonly graphql: GraphqlSettings;
  /** The server runs with --demo: the web console's demo sign-in (POST /console/demo-session) exists only then. */
  readonly demo: boolean;
  /** The built web console served at / (CONSOLE_DIR; default dist/web of the project, what `npm run build` writes). */
  readonly consoleDir?: string;
  /** Log lines: the lowest level written (LOG_LEVEL) and JSON or a human-readable line (LOG_FORMAT). */
  readonly log: LogSettings;
  /** Where /metrics is served: its own listener (METRICS_PORT, METRICS_HOST) and/or the public port with a bearer secret (METRICS_TOKEN). */
  readonly metrics: MetricsSettings;
  /** /ready answers 503 while the read models or the Merkle log are more than this many events behind the log (READY_MAX_LAG_EVENTS). */
  readonly readyMaxLagEvents: number;
  /** SIGTERM: the bound on a graceful stop (SHUTDOWN_TIMEOUT_MS); requests in flight get half of it. */
  readonly shutdownTimeoutMs: number;
}

/** A setting that is missing or wrong; `code` names the rule, the message every setting to fix. */
export class ConfigError extends Error {
  constructor(
    readonly code: 'SHARED_IDENTITY_MISSING' | 'INVALID_SETTING',
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Instances that do not share a DATA_DIR would each make a ledger key, a token key and a log
 * origin of their own on first start: a token from one refused by the next, events one signed
 * failing UNKNOWN_KEY on another, two logs. With several, all three come from configuration.
 */
function requireSharedIdentity(env: NodeJS.ProcessEnv, tokens: TokenConfig): void {
  const missing: string[] = [];
  if (!env.LEDGER_SIGNING_KEY)
    missing.push('LEDGER_SIGNING_KEY (the ledger key: a base64 32-byte Ed25519 seed, the same on every instance)');
  if (!env.LEDGER_LOG_ORIGIN) missing.push('LEDGER_LOG_ORIGIN (the Merkle log origin, e.g. interview-ledger/example.com)');
  if (tokens.mode === 'local') {
    if (tokens.algorithm === 'HS256' && !env.JWT_SECRET) missing.push('JWT_SECRET (the HS256 secret of local tokens)');
    if (tokens.algorithm === 'EdDSA' && !env.TOKEN_SIGNING_KEY)
      missing.push('OIDC_ISSUER (the company sign-in), or TOKEN_SIGNING_KEY (a base64 32-byte Ed25519 seed for local tokens)');
  }
  if (missing.length === 0) return;
  const why = env.EVENTSTORE_URL ? 'EVENTSTORE_URL is set' : 'INSTANCES=shared';
  throw new ConfigError(
    'SHARED_IDENTITY_MISSING',
    `${why}: several instances serve one ledger, so its keys and log origin must come from configuration, the same on every instance. Set ${missing.join('; ')}`,
  );
}

function seedSetting(env: NodeJS.ProcessEnv, name: string): Buffer | undefined {
  const value = env[name];
  if (!value) return undefined;
  const seed = Buffer.from(value, 'base64');
  if (seed.length !== 32)
    throw new ConfigError('INVALID_SETTING', `${name} must be a base64 32-byte Ed25519 seed (openssl rand -base64 32)`);
  return seed;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogSettings {
  readonly level: LogLevel;
  /** `json`: one JSON object a line (for collectors); `pretty`: time, level, message and fields, for a terminal. */
  readonly format: 'json' | 'pretty';
}

export interface MetricsSettings {
  /** A listener of its own for /metrics (and /health, /ready); absent: none. 0 picks a free port. */
  readonly port?: number;
  readonly host: string;
  /** With it, /metrics on the public port answers a request with `Authorization: Bearer <token>`; without, it is not served there. */
  readonly token?: string;
}

function logSettings(env: NodeJS.ProcessEnv): LogSettings {
  const level = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${env.LOG_LEVEL}`);
  const format = env.LOG_FORMAT?.trim().toLowerCase() || (process.stdout.isTTY ? 'pretty' : 'json');
  if (format !== 'json' && format !== 'pretty') throw new Error(`LOG_FORMAT must be json or pretty, got ${env.LOG_FORMAT}`);
  return { level, format };
}

function metricsSettings(env: NodeJS.ProcessEnv): MetricsSettings {
  const raw = env.METRICS_PORT?.trim();
  const port = raw ? Number(raw) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`METRICS_PORT must be a port number, got ${env.METRICS_PORT}`);
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && (token.length < 16 || /\s/.test(token)))
    throw new Error('METRICS_TOKEN must be at least 16 characters with no spaces (a random secret: openssl rand -hex 32)');
  return { ...(port !== undefined ? { port } : {}), host: env.METRICS_HOST?.trim() || '127.0.0.1', ...(token ? { token } : {}) };
}

/** Default per-person daily upload quota: generous for evidence, closed to filling the disk. */
export const DEFAULT_UPLOAD_QUOTA = { files: 100, bytes: 200 * 1024 * 1024 } as const;

function quotaSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (0: no limit), got ${env[name]}`);
  return value;
}

/** An origin as browsers send it: scheme, host and port, no path. */
function corsOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`CORS_ORIGINS must list origins such as https://hr.example.com, got ${JSON.stringify(value)}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, ''))
    throw new Error(`CORS_ORIGINS must list origins (scheme://host[:port], no path), got ${JSON.stringify(value)}`);
  return url.origin;
}

/**
 * Bearer tokens come from the company's OpenID Connect issuer when OIDC_ISSUER is set, and
 * are local (the demo, `npm run token`) otherwise.
 */
export type TokenConfig =
  | ({ readonly mode: 'oidc'; readonly console: ConsoleSignInSettings } & OidcSettings)
  | { readonly mode: 'local'; readonly algorithm: LocalTokenAlgorithm; readonly clockSkewSeconds: number };

/**
 * How the web console signs people in with the issuer (authorization code + PKCE, a public
 * client): the client id registered for the console at the identity provider, and the scopes it
 * asks for. The redirect URI is the console's own `/signin/callback` on its origin (CONSOLE_CALLBACK_PATH).
 */
export interface ConsoleSignInSettings {
  /** OIDC_CONSOLE_CLIENT_ID; default OIDC_AUDIENCE (one client for the console and the API). */
  readonly clientId: string;
  /** OIDC_CONSOLE_SCOPES; default `openid profile`; always holds `openid`. */
  readonly scopes: readonly string[];
}

/** RFC 6749 §2.2 and §3.3: a client id of visible ASCII; scope tokens of visible ASCII without `"` and `\\`. */
const CLIENT_ID = /^[\x21-\x7e]{1,255}$/;
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/;

function consoleSignInSettings(env: NodeJS.ProcessEnv, audience: string): ConsoleSignInSettings {
  const clientId = env.OIDC_CONSOLE_CLIENT_ID?.trim() || audience;
  if (!CLIENT_ID.test(clientId))
    throw new Error(
      `OIDC_CONSOLE_CLIENT_ID must be the console's client id at the issuer (1..255 visible ASCII characters), got ${JSON.stringify(clientId)}`,
    );
  const raw = env.OIDC_CONSOLE_SCOPES?.trim() || 'openid profile';
  const scopes = [...new Set(raw.split(/\s+/).filter(Boolean))];
  const bad = scopes.filter((s) => !SCOPE_TOKEN.test(s));
  if (bad.length > 0) throw new Error(`OIDC_CONSOLE_SCOPES must be scope names separated by spaces, got ${JSON.stringify(raw)}`);
  if (!scopes.includes('openid'))
    throw new Error(`OIDC_CONSOLE_SCOPES must include openid (the console signs in with OpenID Connect), got ${JSON.stringify(raw)}`);
  if (scopes.length > 20) throw new Error('OIDC_CONSOLE_SCOPES lists more than 20 scopes');
  return { clientId, scopes };
}

function loadTokenConfig(env: NodeJS.ProcessEnv): TokenConfig {
  const skew = (fallback: number) => {
    const value = Number(env.TOKEN_CLOCK_SKEW_SECONDS || fallback);
    if (!Number.isSafeInteger(value) || value < 0 || value > 600)
      throw new Error(`TOKEN_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to 600, got ${env.TOKEN_CLOCK_SKEW_SECONDS}`);
    return value;
  };
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) {
    const named = Object.keys(env).filter((k) => k.startsWith('OIDC_') && env[k]);
    if (named.length > 0) throw new Error(`${named.join(', ')} set without OIDC_ISSUER: set OIDC_ISSUER to use the company's sign-in`);
    // A JWT_SECRET says which kind of local token the operator wants (as before EdDSA was the default).
    const algorithm = (env.LOCAL_TOKEN_ALG || (env.JWT_SECRET ? 'HS256' : 'EdDSA')) as LocalTokenAlgorithm;
    if (!LOCAL_TOKEN_ALGORITHMS.includes(algorithm))
      throw new Error(`LOCAL_TOKEN_ALG must be one of ${LOCAL_TOKEN_ALGORITHMS.join(', ')}, got ${env.LOCAL_TOKEN_ALG}`);
    if (env.JWT_SECRET && algorithm !== 'HS256')
      throw new Error('JWT_SECRET is an HS256 secret, but LOCAL_TOKEN_ALG is EdDSA: unset one of them');
    if (env.TOKEN_SIGNING_KEY && algorithm !== 'EdDSA')
      throw new Error('TOKEN_SIGNING_KEY is an EdDSA key, but LOCAL_TOKEN_ALG is HS256: unset one of them');
    return { mode: 'local', algorithm, clockSkewSeconds: skew(0) };
  }
  if (env.LOCAL_TOKEN_ALG || env.JWT_SECRET || env.TOKEN_SIGNING_KEY)
    throw new Error('LOCAL_TOKEN_ALG, JWT_SECRET and TOKEN_SIGNING_KEY are for local tokens; with OIDC_ISSUER set, unset them');
  assertSecureUrl(issuer, 'OIDC_ISSUER');
  const jwksUrl = env.OIDC_JWKS_URL?.trim() || undefined;
  if (jwksUrl) assertSecureUrl(jwksUrl, 'OIDC_JWKS_URL');
  const audience = env.OIDC_AUDIENCE?.trim();
  if (!audience)
    throw new Error("OIDC_AUDIENCE is required with OIDC_ISSUER: the audience (client id) the issuer's tokens name for this service");
  const algorithms = (env.OIDC_ALGORITHMS || DEFAULT_OIDC_ALGORITHMS.join(','))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const unknown = algorithms.filter((a) => !(OIDC_ALGORITHMS as readonly string[]).includes(a));
  if (algorithms.length === 0 || unknown.length > 0)
    throw new Error(`OIDC_ALGORITHMS must list some of ${OIDC_ALGORITHMS.join(', ')}, got ${env.OIDC_ALGORITHMS}`);
  const ms = (name: string, fallback: number) => {
    const value = Number(env[name] || fallback);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (ms), got ${env[name]}`);
    return value;
  };
  return {
    mode: 'oidc',
    issuer,
    ...(jwksUrl ? { jwksUrl } : {}),
    audience,
    algorithms,
    clockSkewSeconds: skew(30),
    personIdClaim: env.OIDC_PERSON_ID_CLAIM?.trim() || 'sub',
    nameClaim: env.OIDC_NAME_CLAIM?.trim() || 'name',
    rolesClaim: env.OIDC_ROLES_CLAIM?.trim() || 'roles',
    ...(env.OIDC_ROLE_MAP?.trim() ? { roleMap: parseRoleMap(env.OIDC_ROLE_MAP) } : {}),
    jwksCacheMaxAgeMs: ms('OIDC_JWKS_CACHE_MAX_AGE_MS', 600_000),
    jwksCooldownMs: ms('OIDC_JWKS_COOLDOWN_MS', 30_000),
    console: consoleSignInSettings(env, audience),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 1_000_000_000): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer from 1 to ${max}, got ${raw}`);
  return value;
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 0 || value > max)
    throw new Error(`${name} must be a non-negative integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${raw}`);
  return value;
}

/**
 * GRAPHQL_INTROSPECTION=on|off; by default on only in demo or development mode (`--demo`,
 * NODE_ENV=development), where a schema browser helps and nothing is at stake.
 */
function graphqlSettings(env: NodeJS.ProcessEnv, demo: boolean): GraphqlSettings {
  const introspection = (env.GRAPHQL_INTROSPECTION ?? '').trim().toLowerCase();
  if (!['', 'on', 'off'].includes(introspection))
    throw new Error(`GRAPHQL_INTROSPECTION must be on or off, got ${env.GRAPHQL_INTROSPECTION}`);
  return {
    introspection: introspection === '' ? demo || env.NODE_ENV === 'development' : introspection === 'on',
    maxCost: positiveInteger(env, 'GRAPHQL_MAX_COST', DEFAULT_QUERY_LIMITS.maxCost),
    maxDepth: positiveInteger(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth, 1000),
    maxAliases: positiveInteger(env, 'GRAPHQL_MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases, 10_000),
    maxTokens: positiveInteger(env, 'GRAPHQL_MAX_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens, 1_000_000),
    maxRootFields: positiveInteger(env, 'GRAPHQL_MAX_ROOT_FIELDS', DEFAULT_QUERY_LIMITS.maxRootFields, 10_000),
    bodyLimitBytes: positiveInteger(env, 'GRAPHQL_BODY_LIMIT', DEFAULT_GRAPHQL_BODY_LIMIT, 64 * 1024 * 1024),
    maxSubscriptionsPerSocket: positiveInteger(env, 'GRAPHQL_MAX_SUBSCRIPTIONS_PER_SOCKET', 10, 10_000),
    maxSubscriptionsPerUser: positiveInteger(env, 'GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER', 25, 100_000),
  };
}

function analyticsSettings(env: NodeJS.ProcessEnv): AnalyticsSettings {
  const minGroupSize = positiveInteger(env, 'ANALYTICS_MIN_GROUP_SIZE', 5, 10_000);
  const auditors = (env.ALERTS_VISIBLE_TO_AUDITORS ?? 'off').trim().toLowerCase();
  if (!['on', 'off'].includes(auditors))
    throw new Error(`ALERTS_VISIBLE_TO_AUDITORS must be on or off, got ${env.ALERTS_VISIBLE_TO_AUDITORS}`);
  return { minGroupSize, auditorsSeeAlerts: auditors === 'on' };
}

/** `demo`: the server runs with --demo (changes defaults meant for a local demo only). */
/**
 * Why `--demo` (what `npm start` passes) may not run on these stores, or null. The demo company
 * goes into the embedded DATA_DIR only: on EventStoreDB or MongoDB it would be signed into a
 * production ledger for good. Loading it there is asked for with `npm run seed`.
 */
export function demoRefusal(config: Pick<Config, 'eventStoreUrl' | 'mongodbUrl'>): string | null {
  const external = [config.eventStoreUrl ? 'EVENTSTORE_URL' : null, config.mongodbUrl ? 'MONGODB_URL' : null].filter(Boolean);
  if (external.length === 0) return null;
  return (
    `--demo (npm start) loads the demo company, and ${external.join(' and ')} name${external.length === 1 ? 's' : ''} external stores: ` +
    'it is never loaded there unasked. Start the service with `npm run build && npm run serve`; ' +
    'to load the demo into those stores on purpose, run `npm run seed`.'
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { demo?: boolean } = {}): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const seed = env.LEDGER_SIGNING_KEY ? Buffer.from(env.LEDGER_SIGNING_KEY, 'base64') : undefined;
  if (seed && seed.length !== 32) throw new Error('LEDGER_SIGNING_KEY must be a base64 32-byte Ed25519 seed');
  const instances = (env.INSTANCES?.trim().toLowerCase() || 'single') as Config['instances'];
  if (instances !== 'single' && instances !== 'shared')
    throw new ConfigError('INVALID_SETTING', `INSTANCES must be single or shared, got ${env.INSTANCES}`);
  const tokens = loadTokenConfig(env);
  const shared = instances === 'shared' || Boolean(env.EVENTSTORE_URL);
  if (shared) requireSharedIdentity(env, tokens);
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const checkpointIntervalMs = Number(env.CHECKPOINT_INTERVAL_MS ?? 60_000);
  if (!Number.isSafeInteger(checkpointIntervalMs) || checkpointIntervalMs < 0) {
    throw new Error(`CHECKPOINT_INTERVAL_MS must be a non-negative integer (ms), got ${env.CHECKPOINT_INTERVAL_MS}`);
  }
  const attachmentMaxBytes = Number(env.ATTACHMENT_MAX_BYTES ?? DEFAULT_ATTACHMENT_MAX_BYTES);
  if (!Number.isSafeInteger(attachmentMaxBytes) || attachmentMaxBytes < 1 || attachmentMaxBytes > 1024 ** 3) {
    throw new Error(`ATTACHMENT_MAX_BYTES must be an integer from 1 to 1073741824 (bytes), got ${env.ATTACHMENT_MAX_BYTES}`);
  }
  const reminderIntervalMs = Number(env.REMINDER_INTERVAL_MS ?? 60_000);
  if (!Number.isSafeInteger(reminderIntervalMs) || reminderIntervalMs < 0) {
    throw new Error(`REMINDER_INTERVAL_MS must be a non-negative integer (ms), got ${env.REMINDER_INTERVAL_MS}`);
  }
  let witnessKeys: string[];
  try {
    witnessKeys = parseWitnessKeyList(env.WITNESS_KEYS ?? '').map((v) => v.vkey);
  } catch (error) {
    throw new Error(
      `WITNESS_KEYS must list witness keys <name>+<key ID>+<base64(0x04 || key)>, separated by commas: ${(error as Error).message}`,
    );
  }
  if (!isValidTimeZone(env.TZ_COMPANY ?? 'Asia/Shanghai'))
    throw new Error(`TZ_COMPANY must be an IANA time zone such as Asia/Shanghai, got ${env.TZ_COMPANY}`);
  return {
    dataDir,
    reminderIntervalMs,
    notifyWebhookUrl: env.NOTIFY_WEBHOOK_URL?.trim() || undefined,
    notifyWebhookSecret: env.NOTIFY_WEBHOOK_SECRET || undefined,
    port,
    host: env.HOST ?? '127.0.0.1',
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    eventStoreMaxAppendBytes: positiveInteger(env, 'EVENTSTORE_MAX_APPEND_BYTES', DEFAULT_MAX_APPEND_BYTES, 1024 ** 3),
    mongodbUrl: env.MONGODB_URL || undefined,
    mongodbDb: env.MONGODB_DB ?? 'interview_ledger',
    mongodbServerSelectionTimeoutMs: positiveInteger(
      env,
      'MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
      3_600_000,
    ),
    ledgerSeed: seed,
    jwtSecret: env.JWT_SECRET || undefined,
    tokenSigningSeed: seedSetting(env, 'TOKEN_SIGNING_KEY'),
    instances: shared ? 'shared' : 'single',
    tokens,
    tokenCacheSeconds: nonNegativeInteger(env, 'TOKEN_CACHE_SECONDS', 60, 3600),
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    timeZone: env.TZ_COMPANY ?? 'Asia/Shanghai',
    checkpointIntervalMs,
    logOrigin: env.LEDGER_LOG_ORIGIN || undefined,
    witnessKeys,
    attachmentMaxBytes,
    queryExportsPerMinute: quotaSetting(env, 'EVIDENCE_QUERY_EXPORTS_PER_MINUTE', 2),
    analytics: analyticsSettings(env),
    uploadQuota: {
      files: quotaSetting(env, 'UPLOAD_QUOTA_FILES', DEFAULT_UPLOAD_QUOTA.files),
      bytes: quotaSetting(env, 'UPLOAD_QUOTA_BYTES', DEFAULT_UPLOAD_QUOTA.bytes),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(corsOrigin),
    graphql: graphqlSettings(env, options.demo ?? false),
    demo: options.demo ?? false,
    consoleDir: env.CONSOLE_DIR?.trim() ? resolve(env.CONSOLE_DIR.trim()) : undefined,
    log: logSettings(env),
    metrics: metricsSettings(env),
    readyMaxLagEvents: nonNegativeInteger(env, 'READY_MAX_LAG_EVENTS', 1000),
    shutdownTimeoutMs: positiveInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 600_000),
  };
}

export const paths = (config: Pick<Config, 'dataDir'>) => ({
  events: join(config.dataDir, 'events.db'),
  readModels: join(config.dataDir, 'read-models.db'),
  ledgerKeys: join(config.dataDir, 'ledger-keys.json'),
  merkle: join(config.dataDir, 'merkle.db'),
  jwtSecret: join(config.dataDir, 'jwt-secret'),
  tokenSigningKey: join(config.dataDir, 'token-signing-key.pem'),
  /** Where `npm start` files the demo users' tokens when its output is not a terminal. */
  demoTokens: join(config.dataDir, 'demo-tokens.txt'),
});
