/**
 * The outbox every external channel call goes through (webhook reminders, alerts): one delivery
 * per notification and channel, keyed `<notification id>|<channel>`, claimed once across every
 * instance sharing the read-model store, so that of several instances sweeping the same instant
 * exactly one calls the channel.
 *
 * A delivery is a list of facts, each written once with `insertIfAbsent` (atomic across
 * instances) in the `deliveries` collection, which no projection names (a rebuild keeps it):
 *   `<key>#<n>`   attempt n claimed: by whom, when;
 *   `<key>#<n>=`  its outcome: delivered, or failed with the reason.
 * Nothing is overwritten, so two instances can never undo each other's record. Attempt n + 1 may
 * be claimed once attempt n failed (the next sweep retries under the same key), or once its claim
 * is older than the claim timeout with no outcome: the claimant crashed between claim and call,
 * or between call and record. Once an attempt is delivered, no attempt follows.
 *
 * What this cannot promise: a claimant that called the channel and died before recording the
 * outcome is taken to have failed, and after the claim timeout another attempt calls again, so a
 * receiver may, rarely, get a notification twice: it dedupes by the notification id
 * (src/notifications/notification-channel.ts). A channel call must end well within the claim
 * timeout (the webhook's attempts × timeout are ~16 s against 5 minutes), or a slow call and its
 * successor would both deliver. After `maxAttempts` failed attempts the delivery is abandoned,
 * and a notification recorded longer ago than `windowMs` is not delivered any more: a reminder a
 * day late is noise, and a channel configured later does not replay the history.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Notification, NotificationChannel } from '../notifications/notification-channel';
import type { Doc, ReadModelStore } from '../readmodel/read-model-store';

export const DELIVERIES = 'deliveries';

export const DEFAULT_CLAIM_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_DELIVERY_WINDOW_MS = 24 * 3_600_000;

export interface OutboxOptions {
  readonly clock: () => Date;
  /** Who claims (in the records, for operators); default host, process and a random id. */
  readonly holder?: string;
  readonly claimTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly windowMs?: number;
  /** Hears of every failed call (it is recorded and retried by a later sweep). */
  readonly onFailure?: (channel: string, notificationId: string, error: unknown) => void;
}

interface ClaimDoc extends Doc {
  readonly kind: 'claim';
  readonly key: string;
  readonly attempt: number;
  readonly holder: string;
  readonly claimedAt: string;
}

interface OutcomeDoc extends Doc {
  readonly kind: 'outcome';
  readonly key: string;
  readonly attempt: number;
  readonly outcome: 'delivered' | 'failed';
  readonly reason?: string;
  readonly at: string;
}

/** Where one delivery stands, folded from its records. */
export interface DeliveryState {
  readonly key: string;
  /**
   * `pending`: nothing claimed yet, or the last attempt failed or its claim timed out (the next
   * call claims another); `in_flight`: claimed and not timed out; `delivered`; `abandoned`:
   * `maxAttempts` attempts, none delivered.
   */
  readonly status: 'pending' | 'in_flight' | 'delivered' | 'abandoned';
  readonly attempts: number;
  /** The reason the last failed attempt gave (or that its claim timed out). */
  readonly lastFailure?: string;
}

export const deliveryKey = (notificationId: string, channel: string): string => `${notificationId}|${channel}`;

export class DeliveryOutbox {
  private readonly holder: string;
  private readonly claimTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly windowMs: number;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly channels: readonly NotificationChannel[],
    private readonly options: OutboxOptions,
  ) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.claimTimeoutMs = options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.windowMs = options.windowMs ?? DEFAULT_DELIVERY_WINDOW_MS;
  }

  /** False without channels: callers skip the reads a delivery needs. */
  get active(): boolean {
    return this.channels.length > 0;
  }

  /**
   * Delivers `n` to every channel unless it was delivered (or is being delivered) already, by
   * this instance or another. Channels run concurrently; a failure is recorded, reported to
   * onFailure and retried by a later call, never thrown.
   */
  async deliver(n: Notification): Promise<void> {
    if (!this.active) return;
    if (this.options.clock().getTime() - Date.parse(n.recordedAt) > this.windowMs) return;
    await Promise.all(this.channels.map((channel) => this.deliverTo(channel, n)));
  }

  /** Where the delivery of notification `notificationId` to `channel` stands. */
  async state(notificationId: string, channel: string): Promise<DeliveryState> {
    return this.fold(deliveryKey(notificationId, channel));
  }

  private async deliverTo(channel: NotificationChannel, n: Notification): Promise<void> {
    const key = deliveryKey(n.id, channel.name);
    const state = await this.fold(key);
    if (state.status !== 'pending') return;
    const attempt = state.attempts + 1;
    const claimedAt = this.options.clock().toISOString();
    const claim: ClaimDoc = { id: `${key}#${attempt}`, kind: 'claim', key, attempt, holder: this.holder, claimedAt };
    if (!(await this.readModels.insertIfAbsent(DELIVERIES, claim))) return; // another instance claimed this attempt
    let outcome: Pick<OutcomeDoc, 'outcome' | 'reason'>;
    try {
      await channel.deliver(n);
      outcome = { outcome: 'delivered' };
    } catch (error) {
      outcome = { outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
      try {
        this.options.onFailure?.(channel.name, n.id, error);
      } catch {
        // A failing report must not lose the record below.
      }
    }
    await this.readModels.insertIfAbsent(DELIVERIES, {
      id: `${key}#${attempt}=`,
      kind: 'outcome',
      key,
      attempt,
      ...outcome,
      at: this.options.clock().toISOString(),
    } satisfies OutcomeDoc);
  }

  private async fold(key: string): Promise<DeliveryState> {
    // Every record a delivery can have, in one read: attempts are few and numbered.
    const ids = Array.from({ length: this.maxAttempts }, (_, i) => [`${key}#${i + 1}`, `${key}#${i + 1}=`]).flat();
    const docs = await this.readModels.getMany<ClaimDoc | OutcomeDoc>(DELIVERIES, ids);
    let attempts = 0;
    let lastFailure: string | undefined;
    for (let i = 0; i < this.maxAttempts; i++) {
      const claim = docs[2 * i] as ClaimDoc | null;
      const outcome = docs[2 * i + 1] as OutcomeDoc | null;
      if (!claim) break;
      attempts = i + 1;
      if (outcome?.outcome === 'delivered') return { key, status: 'delivered', attempts };
      if (outcome) lastFailure = outcome.reason ?? 'failed';
      else if (this.options.clock().getTime() - Date.parse(claim.claimedAt) < this.claimTimeoutMs)
        return { key, status: 'in_flight', attempts, ...(lastFailure ? { lastFailure } : {}) };
      else lastFailure = `claimed by ${claim.holder} at ${claim.claimedAt} and not settled within ${this.claimTimeoutMs} ms`;
    }
    const status = attempts >= this.maxAttempts ? 'abandoned' : 'pending';
    return { key, status, attempts, ...(lastFailure ? { lastFailure } : {}) };
  }
}
