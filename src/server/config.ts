import { join, resolve } from 'node:path';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../attachments/attachment-policy';
import type { Settings } from '../application/services';
import { isValidTimeZone } from '../domain/workflow/reminder-schedule';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../graphql/query-limits';
import type { SubscriptionLimits } from '../graphql/socket-limits';

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
  /** mongodb://… to use MongoDB instead of the embedded read models. */
  readonly mongodbUrl?: string;
  readonly mongodbDb: string;
  /** Base64 32-byte Ed25519 seed; when absent the key lives in DATA_DIR/ledger-keys.json. */
  readonly ledgerSeed?: Buffer;
  /** HS256 secret for bearer tokens; when absent it lives in DATA_DIR/jwt-secret. */
  readonly jwtSecret?: string;
  /** How often the Merkle log signs a checkpoint when it grew (ms); 0 signs only on demand. */
  readonly checkpointIntervalMs: number;
  /** Checkpoint origin (and note key name) for a new Merkle log; default interview-ledger/<ledger key id>. */
  readonly logOrigin?: string;
  /** How often the server sweeps for due reminders (ms); 0 sweeps only on demand (runReminders). */
  readonly reminderIntervalMs: number;
  /** Also POST each reminder as JSON here (NOTIFY_WEBHOOK_URL), HMAC-signed with notifyWebhookSecret when set. */
  readonly notifyWebhookUrl?: string;
  readonly notifyWebhookSecret?: string;
  readonly graphql: GraphqlSettings;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 1_000_000_000): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new Error(`${name} must be an integer from 1 to ${max}, got ${raw}`);
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

/** `demo`: the server runs with --demo (changes defaults meant for a local demo only). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { demo?: boolean } = {}): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const seed = env.LEDGER_SIGNING_KEY ? Buffer.from(env.LEDGER_SIGNING_KEY, 'base64') : undefined;
  if (seed && seed.length !== 32) throw new Error('LEDGER_SIGNING_KEY must be a base64 32-byte Ed25519 seed');
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
    mongodbUrl: env.MONGODB_URL || undefined,
    mongodbDb: env.MONGODB_DB ?? 'interview_ledger',
    ledgerSeed: seed,
    jwtSecret: env.JWT_SECRET || undefined,
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    timeZone: env.TZ_COMPANY ?? 'Asia/Shanghai',
    checkpointIntervalMs,
    logOrigin: env.LEDGER_LOG_ORIGIN || undefined,
    attachmentMaxBytes,
    graphql: graphqlSettings(env, options.demo ?? false),
  };
}

export const paths = (config: Pick<Config, 'dataDir'>) => ({
  events: join(config.dataDir, 'events.db'),
  readModels: join(config.dataDir, 'read-models.db'),
  ledgerKeys: join(config.dataDir, 'ledger-keys.json'),
  merkle: join(config.dataDir, 'merkle.db'),
  jwtSecret: join(config.dataDir, 'jwt-secret'),
});
