import type { AttachmentStore } from '../attachments/attachment-store';
import type { Keyring } from '../crypto/keyring';
import type { Calendar, CommandMeta } from '../domain/command';
import type { Viewer } from '../domain/access';
import type { ReminderPolicy } from '../domain/workflow/reminder-schedule';
import type { Ledger } from '../ledger/ledger';
import type { MerkleLog } from '../ledger/merkle-log';
import type { Projector } from '../projections/projector';
import type { ReadModelStore } from '../readmodel/read-model-store';
import type { EventStore } from '../store/event-store';
import type { CommandHandler } from './command-handler';
import type { Log, Meters } from './telemetry';

/** The injected clock: the only place the service reads the time. Tests pass a fixed one. */
export type Clock = () => Date;

/**
 * The settings that use cases and request adapters read. The server's Config
 * (src/server/config.ts, loaded from the environment) has these and where the data lives.
 */
export interface Settings {
  /** Company time zone for deadlines and reminders. */
  readonly timeZone: string;
  /** Largest attachment accepted (bytes); uploads are held in memory while checked, so at most 1 GiB. */
  readonly attachmentMaxBytes: number;
  /** Files and bytes one person may add to records per UTC day; 0: no limit (UPLOAD_QUOTA_FILES, UPLOAD_QUOTA_BYTES). */
  readonly uploadQuota: { readonly files: number; readonly bytes: number };
  /**
   * Evidence exports by query (whole cycles, departments) the server runs per minute, for everyone
   * together; 0: no limit (EVIDENCE_QUERY_EXPORTS_PER_MINUTE). Each holds the server for as long as
   * a bundle of hundreds of interviews takes to assemble.
   */
  readonly queryExportsPerMinute: number;
  /** Proxy addresses whose X-Forwarded-For is believed. Empty: use the socket address only. */
  readonly trustedProxies: readonly string[];
  /** Analytics privacy (ANALYTICS_MIN_GROUP_SIZE, ALERTS_VISIBLE_TO_AUDITORS). */
  readonly analytics: AnalyticsSettings;
  /**
   * The witnesses whose cosignatures of checkpoints the log stores (WITNESS_KEYS), as vkeys
   * `<name>+<key ID>+<base64(0x04 || key)>`; empty: it stores none.
   */
  readonly witnessKeys: readonly string[];
}

export interface AnalyticsSettings {
  /** Text-derived aggregates are shown to managers only for groups of at least this many people (default 5). */
  readonly minGroupSize: number;
  /** Auditors read stress and overtime alerts too (default off). */
  readonly auditorsSeeAlerts: boolean;
}

export interface SweepResult {
  /** Pieces of waiting work looked at. */
  readonly considered: number;
  /** Reminders recorded (and delivered) by this sweep. */
  readonly recorded: number;
}

/**
 * Reminder policy, the company calendar for due times, and the reminder sweep: what the
 * transports and the other use cases ask of src/application/reminder-service.ts. An interface
 * here, so that this file and the services it lists do not import each other.
 */
export interface Reminders {
  readonly policy: ReminderPolicy;
  /** The company's calendar for due times: its zone (configuration) and the policy's working day. */
  calendar(): Calendar;
  /** Reloads the policy from the read model (after start and after HR changes it). */
  refresh(): Promise<ReminderPolicy>;
  setPolicy(meta: CommandMeta, policy: unknown): Promise<ReminderPolicy>;
  /** Sweeps every `intervalMs` (0: never); sweeps do not overlap. */
  start(intervalMs: number): void;
  /** Stops the timer; a sweep already running goes on (await `idle`). */
  stop(): void;
  /** Settles once the sweep running now, if any, has finished (for shutdown). */
  idle(): Promise<void>;
  /** One sweep at the injected clock's now; a sweep already running is joined, not doubled. */
  sweep(onProgress?: (done: number, total: number | null) => void): Promise<SweepResult>;
}

export interface AlertSweepResult {
  /** Employees with cue documents that were checked. */
  readonly employees: number;
  /** Alerts raised (recorded and delivered) by this sweep. */
  readonly raised: number;
}

/**
 * Stress and overtime alerts: the checks that raise them (src/application/alert-service.ts), on
 * committed cue changes and in sweeps. An interface here, like Reminders.
 */
export interface Alerts {
  /** Checks on every committed cue change and threshold change, and sweeps once now. */
  start(): void;
  stop(): void;
  /** Every employee with a cue document, checked; a sweep already running is joined, not doubled. */
  sweep(onProgress?: (done: number, total: number | null) => void): Promise<AlertSweepResult>;
  /** Checks one employee; resolves to the alerts this call raised. */
  check(employeeId: string): Promise<number>;
  /** Settles once every check started so far has finished. */
  idle(): Promise<void>;
}

/** Who is calling: from a verified bearer token. */
export interface Actor extends Viewer {
  readonly name?: string;
}

/** A bearer token that was accepted: who it names, and the instant after which it is refused. */
export interface VerifiedToken {
  readonly actor: Actor;
  readonly expiresAt: Date;
}

/**
 * Verifies compact JWTs (src/http: the company's OpenID Connect issuer, or local keys for the
 * demo). An interface here so that the App does not import its transports.
 */
export interface TokenVerifier {
  /** What the verifier accepts, for the start-up line ("OpenID Connect issuer https://…"). */
  readonly description: string;
  /** Rejects a token it does not accept, with a message written for the client. */
  verify(token: string): Promise<VerifiedToken>;
  /**
   * Changes whenever the keys tokens are checked with may have changed (the issuer's key set
   * fetched again); absent when they cannot change while the process runs. A remembered
   * verification (src/http/token-cache.ts) counts only while this stays the same.
   */
  keysVersion?(): unknown;
}

/**
 * What the use cases, GraphQL and the HTTP routes work with. The composition root
 * (src/server/app.ts) builds it; nothing here knows how.
 */
export interface App {
  readonly config: Settings;
  readonly clock: Clock;
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly keyring: Keyring;
  readonly ledger: Ledger;
  readonly commands: CommandHandler;
  readonly projector: Projector;
  /** The global Merkle log over all events, with signed checkpoints (docs/ledger-format.md §11). */
  readonly merkle: MerkleLog;
  /** Checks bearer tokens: the company's OpenID Connect issuer, or the local key (src/http/token.ts). */
  readonly tokens: TokenVerifier;
  /** Attachment bytes by SHA-256; the ledger records the hash (GridFS with MongoDB, else files under DATA_DIR). */
  readonly attachments: AttachmentStore;
  /** Reminder policy, the company calendar for due times, and the reminder sweep. */
  readonly reminders: Reminders;
  /** Stress and overtime alerts: raised from the analytics cue documents, recorded once, delivered to HR. */
  readonly alerts: Alerts;
  /** Where log lines go (pino in the server, src/server/logger.ts). */
  readonly log: Log;
  /** Counters the use cases feed (exported at /metrics, src/server/metrics.ts). */
  readonly meters: Meters;
  close(): Promise<void>;
}
