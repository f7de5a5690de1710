import { join, resolve } from 'node:path';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../attachments/attachment-policy';
import type { Settings } from '../application/services';
import { isValidTimeZone } from '../domain/workflow/reminder-schedule';

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
  /** Origins whose browsers may call /graphql and /attachments (CORS_ORIGINS, comma-separated); empty: CORS off. */
  readonly corsOrigins: readonly string[];
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
    uploadQuota: {
      files: quotaSetting(env, 'UPLOAD_QUOTA_FILES', DEFAULT_UPLOAD_QUOTA.files),
      bytes: quotaSetting(env, 'UPLOAD_QUOTA_BYTES', DEFAULT_UPLOAD_QUOTA.bytes),
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(corsOrigin),
  };
}

export const paths = (config: Pick<Config, 'dataDir'>) => ({
  events: join(config.dataDir, 'events.db'),
  readModels: join(config.dataDir, 'read-models.db'),
  ledgerKeys: join(config.dataDir, 'ledger-keys.json'),
  merkle: join(config.dataDir, 'merkle.db'),
  jwtSecret: join(config.dataDir, 'jwt-secret'),
  /** Where `npm start` files the demo users' tokens when its output is not a terminal. */
  demoTokens: join(config.dataDir, 'demo-tokens.txt'),
});
