import { join } from 'node:path';
import type { AttachmentStore } from '../attachments/attachment-store';
import { FsAttachmentStore } from '../attachments/fs-attachment-store';
import { connectGridFs } from '../attachments/gridfs-attachment-store';
import { CommandHandler } from '../application/command-handler';
import type { App as Services } from '../application/services';
import { Keyring } from '../crypto/keyring';
import { Ledger } from '../ledger/ledger';
import { MerkleLog } from '../ledger/merkle-log';
import { SigningPool } from '../ledger/signing-pool';
import { ledgerKeyDirectory } from '../ledger/ledger-key-directory';
import { Projector } from '../projections/projector';
import { interviewProjection } from '../projections/interview.projection';
import { catalogProjection } from '../projections/catalog.projection';
import { analyticsProjection } from '../projections/analytics.projection';
import { READ_MODEL_INDEXES } from '../projections/read-model-indexes';
import { reminderProjection } from '../projections/reminder.projection';
import { ReminderService } from '../application/reminder-service';
import { AlertService } from '../application/alert-service';
import { alertProjection } from '../projections/alert.projection';
import { webhookChannelFromEnv } from '../notifications/webhook-channel';
import { personProjection } from '../projections/person.projection';
import { uploadUsageProjection } from '../projections/upload-usage.projection';
import { settleStagedAttachments } from '../application/attachment-service';
import type { ReadModelStore } from '../readmodel/read-model-store';
import { SqliteReadModelStore } from '../readmodel/sqlite-read-model-store';
import type { EventStore } from '../store/event-store';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { connectEsdb } from '../store/esdb-event-store';
import { connectMongo } from '../readmodel/mongo-read-model-store';
import { systemClock, type Clock } from './clock';
import { paths, type Config } from './config';
import type { LocalTokens } from '../http/local-tokens';
import { ensurePrivateDatabase, ensurePrivateDataDir } from './data-dir';
import { loadTokens } from './token-keys';
import type { CommitObserver } from '../store/event-store';
import { waitForFollowers } from './followers';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import type { Logger } from 'pino';

/**
 * The application's services as the server composes them: the App the use cases see, with
 * the whole configuration (ports, stores, DATA_DIR) that scripts and the HTTP server read.
 */
export interface ServerApp extends Services {
  readonly config: Config;
  /** Mints local tokens (the demo, `npm run token`, tests); absent when tokens come from OIDC_ISSUER. */
  readonly localTokens?: LocalTokens;
  /** The server's log (pino): every component's lines, and each request's. */
  readonly log: Logger;
  /** The counters and gauges /metrics exports (src/server/metrics.ts); also the App's meters. */
  readonly metrics: Metrics;
}

/** The server's App, under the name scripts and tests import; use cases take src/application/services.ts's. */
export type App = ServerApp;

/** `onCommit` hears of every commit (the metrics' appends and group-commit sizes). */
export async function openEventStore(config: Config, onCommit?: CommitObserver): Promise<EventStore> {
  const observe = onCommit ? { onCommit } : {};
  if (config.eventStoreUrl) {
    return connectEsdb(config.eventStoreUrl, { ...observe, maxAppendBytes: config.eventStoreMaxAppendBytes });
  }
  ensurePrivateDatabase(paths(config).events);
  return new SqliteEventStore(paths(config).events, observe);
}

export async function openReadModels(config: Config): Promise<ReadModelStore> {
  if (config.mongodbUrl) {
    const store = await connectMongo(config.mongodbUrl, config.mongodbDb, {
      serverSelectionTimeoutMS: config.mongodbServerSelectionTimeoutMs,
    });
    // The store keeps the list and recreates these after a rebuild drops their collections.
    for (const index of READ_MODEL_INDEXES) await store.ensureIndex(index.collection, index.fields);
    return store;
  }
  ensurePrivateDatabase(paths(config).readModels);
  const store = new SqliteReadModelStore(paths(config).readModels);
  // SQLite cannot index an array's elements (ReadModelIndex.elements).
  for (const index of READ_MODEL_INDEXES.filter((i) => !i.elements)) store.ensureIndex(index.collection, index.fields);
  return store;
}

/** Attachments live beside the read models: GridFS when those are on MongoDB, else DATA_DIR/attachments. */
export async function openAttachments(config: Config): Promise<AttachmentStore> {
  if (config.mongodbUrl) return connectGridFs(config.mongodbUrl, config.mongodbDb);
  return new FsAttachmentStore(join(config.dataDir, 'attachments'));
}

export function loadKeyring(config: Config, clock: Clock = systemClock): Keyring {
  return Keyring.loadOrCreate(paths(config).ledgerKeys, clock, config.ledgerSeed);
}

/** In this order: the analytics projection reads the interview projection's document of the same event. */
export const PROJECTIONS = [
  interviewProjection,
  analyticsProjection,
  personProjection,
  catalogProjection,
  reminderProjection,
  uploadUsageProjection,
  alertProjection,
];

/** How long a close waits for the projector and the Merkle log to take in the last events. */
const CLOSE_CATCH_UP_MS = 5000;

/**
 * Opens stores, keys and the projector. `startProjector: false` for one-shot scripts. `log`
 * (default: from LOG_LEVEL and LOG_FORMAT, on stdout) and `metrics` (default: a registry of its
 * own) are given by tests that read them.
 */
export async function createApp(
  config: Config,
  options: { clock?: Clock; startProjector?: boolean; log?: Logger; metrics?: Metrics } = {},
): Promise<ServerApp> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.log);
  const metrics = options.metrics ?? new Metrics();
  ensurePrivateDataDir(config);
  const tokens = await loadTokens(config, log);
  const keyring = loadKeyring(config, clock);
  const store = await openEventStore(config, metrics.committed);
  const readModels = await openReadModels(config);
  // Every instance's public keys in one list (the shared store's ledger_keys), this one's among them.
  await keyring.attach(ledgerKeyDirectory(readModels));
  const attachments = await openAttachments(config);
  // Ledger signatures on worker threads, sized for the machine; the threads start on first use.
  const signer = new SigningPool();
  const ledger = new Ledger(store, keyring, { signer });
  ensurePrivateDatabase(paths(config).merkle);
  const projector = new Projector(store, readModels, PROJECTIONS, {
    onError: (error) =>
      log.error(
        { component: 'projector', err: error },
        'projector: a batch failed or the lease moved; it goes on from the committed checkpoint',
      ),
  });
  const merkle = new MerkleLog(store, keyring, {
    file: paths(config).merkle,
    clock,
    checkpointIntervalMs: config.checkpointIntervalMs,
    // Signed checkpoints are kept where every instance reads them; merkle.db mirrors them.
    shared: readModels,
    ...(config.logOrigin ? { origin: config.logOrigin } : {}),
    onError: (error) => log.error({ component: 'merkle-log', err: error }, 'Merkle log failed'),
  });
  if (options.startProjector !== false) {
    await projector.start();
    try {
      await merkle.start();
    } catch (error) {
      // E.g. a merkle.db that does not belong to this log: do not leave the stores open.
      await projector.stop();
      await signer.close();
      await store.close();
      await readModels.close();
      await attachments.close();
      throw error;
    }
  }
  const commands = new CommandHandler(ledger);
  const webhook = webhookChannelFromEnv({ NOTIFY_WEBHOOK_URL: config.notifyWebhookUrl, NOTIFY_WEBHOOK_SECRET: config.notifyWebhookSecret });
  const reminders = new ReminderService({ commands, projector, readModels, clock, config, log, meters: metrics }, webhook ? [webhook] : []);
  const alerts = new AlertService({ commands, projector, readModels, clock, log }, webhook ? [webhook] : []);
  if (options.startProjector !== false) {
    await reminders.refresh();
    // Checks on every committed cue change, and a sweep now for what a crash left unchecked.
    alerts.start();
    // Uploads a crash left staged: committed if the ledger names them, else discarded once old.
    const settled = await settleStagedAttachments({ attachments, ledger, log });
    if (settled.committed + settled.discarded > 0)
      log.info({ component: 'attachments', ...settled }, 'staged uploads a crash left behind were settled');
  }
  const following = options.startProjector !== false;
  metrics.watch({ store, projector, merkle, clock });
  return {
    config,
    clock,
    store,
    readModels,
    keyring,
    ledger,
    commands,
    projector,
    merkle,
    tokens: tokens.verifier,
    ...(tokens.local ? { localTokens: tokens.local } : {}),
    attachments,
    reminders,
    alerts,
    log,
    metrics,
    meters: metrics,
    async close() {
      reminders.stop();
      alerts.stop();
      await Promise.all([reminders.idle(), alerts.idle()]);
      // Every committed event projected and in the Merkle log: the next start has nothing to catch up.
      if (following && !(await waitForFollowers({ store, projector, merkle }, CLOSE_CATCH_UP_MS)))
        log.warn({ component: 'app' }, 'closing before the read models and the Merkle log took in every event; the next start catches up');
      await projector.stop();
      await merkle.stop();
      await signer.close();
      await store.close();
      await readModels.close();
      await attachments.close();
    },
  };
}
