import type { AttachmentStore } from '../attachments/attachment-store';
import type { Keyring } from '../crypto/keyring';
import type { Ledger } from '../ledger/ledger';
import type { MerkleLog } from '../ledger/merkle-log';
import type { Projector } from '../projections/projector';
import type { ReadModelStore } from '../readmodel/read-model-store';
import type { EventStore } from '../store/event-store';
import type { CommandHandler } from './command-handler';
import type { ReminderService } from './reminder-service';

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
  /** Proxy addresses whose X-Forwarded-For is believed. Empty: use the socket address only. */
  readonly trustedProxies: readonly string[];
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
  /** The HS256 secret bearer tokens are verified with (src/http/token.ts). */
  readonly jwtSecret: string;
  /** Attachment bytes by SHA-256; the ledger records the hash (GridFS with MongoDB, else files under DATA_DIR). */
  readonly attachments: AttachmentStore;
  /** Reminder policy, the company calendar for due times, and the reminder sweep. */
  readonly reminders: ReminderService;
  close(): Promise<void>;
}
