/**
 * The server's metrics in the Prometheus text format (prom-client), on a registry of its own:
 * two apps in one process (tests, benchmarks) never share or clash over a metric.
 *
 * Counting is on the hot path of every request, so each count is a lookup of a child made once
 * (per operation type, per error code) and an add: no label objects per request. What is read
 * from the stores (how far the followers are behind, the newest checkpoint's age) is read when
 * Prometheus scrapes, not on the way.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Log, Meters } from '../application/telemetry';
import type { Context } from '../graphql/context';
import { errorCodeOf } from '../graphql/errors';
import type { App as Services } from '../application/services';
import { followerLags } from './followers';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';
const OPERATION_TYPES: readonly OperationType[] = ['query', 'mutation', 'subscription', 'unknown'];

/** Distinct error codes kept apart; codes are the server's own (ErrorCode), so this is only a guard. */
const MAX_ERROR_CODES = 100;

const PREFIX = 'interview_ledger_';

export class Metrics implements Meters {
  readonly registry = new Registry();
  private app: Pick<Services, 'store' | 'projector' | 'merkle' | 'clock'> | null = null;
  private readonly requests;
  private readonly latency;
  private readonly errors;
  private readonly errorChildren = new Map<string, Counter.Internal>();
  private readonly appends;
  private readonly appendedEvents;
  private readonly groupCommit;
  private readonly sweeps;
  private readonly sweepSeconds;
  private readonly remindersRecorded;
  private readonly attachments;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const requests = new Counter({
      name: `${PREFIX}graphql_requests_total`,
      help: 'GraphQL operations received (HTTP and WebSocket), by operation type',
      labelNames: ['operation'],
      registers,
    });
    const latency = new Histogram({
      name: `${PREFIX}graphql_request_duration_seconds`,
      help: 'Time from receiving a GraphQL request over HTTP to sending its response, by operation type',
      labelNames: ['operation'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    // Each known series starts at 0, so a scrape shows it (and rate() works) before the first count.
    this.requests = byOperation((op) => zeroed(requests.labels(op)));
    this.latency = byOperation((op) => latency.labels(op));
    this.errors = new Counter({
      name: `${PREFIX}graphql_errors_total`,
      help: 'Errors answered to GraphQL operations (and refusals of /graphql requests), by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.appends = new Counter({ name: `${PREFIX}appends_total`, help: 'Appends committed to the event log', registers });
    this.appendedEvents = new Counter({ name: `${PREFIX}appended_events_total`, help: 'Events committed to the event log', registers });
    this.groupCommit = new Histogram({
      name: `${PREFIX}group_commit_appends`,
      help: 'Appends that shared one commit (one fsync) of the event log',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    });
    const lag = new Gauge({
      name: `${PREFIX}projection_lag_events`,
      help: `Events of the log a projection (or the Merkle log) has not applied yet, counted up to 100000`,
      labelNames: ['projection'],
      registers,
      collect: async () => {
        if (!this.app) return;
        const lags = await followerLags(this.app);
        for (const name of this.app.projector.names) lag.set({ projection: name }, lags.readModels);
        lag.set({ projection: 'merkle-log' }, lags.merkle);
      },
    });
    const age = new Gauge({
      name: `${PREFIX}checkpoint_age_seconds`,
      help: 'Age of the newest signed checkpoint of the Merkle log (absent before the first)',
      registers,
      collect: () => {
        const latest = this.app?.merkle.latestCheckpoint();
        age.reset();
        if (latest) age.set((this.app!.clock().getTime() - Date.parse(latest.signedAt)) / 1000);
      },
    });
    const unsigned = new Gauge({
      name: `${PREFIX}checkpoint_unsigned_events`,
      help: 'Events in the Merkle log after its newest signed checkpoint',
      registers,
      collect: () => {
        if (!this.app) return;
        unsigned.set(this.app.merkle.size - (this.app.merkle.latestCheckpoint()?.size ?? 0));
      },
    });
    this.sweeps = new Counter({
      name: `${PREFIX}reminder_sweeps_total`,
      help: 'Reminder sweeps, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.sweepSeconds = new Histogram({
      name: `${PREFIX}reminder_sweep_duration_seconds`,
      help: 'Time one reminder sweep took',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers,
    });
    this.remindersRecorded = new Counter({ name: `${PREFIX}reminders_recorded_total`, help: 'Reminders recorded by sweeps', registers });
    const attachments = new Counter({
      name: `${PREFIX}attachment_bytes_total`,
      help: 'Attachment bytes stored (uploads recorded) and served (downloads)',
      labelNames: ['direction'],
      registers,
    });
    this.attachments = { stored: zeroed(attachments.labels('stored')), served: zeroed(attachments.labels('served')) };
    for (const outcome of ['ok', 'failed']) zeroed(this.sweeps.labels(outcome));
  }

  /** The app whose stores the scrape-time gauges read. */
  watch(app: Pick<Services, 'store' | 'projector' | 'merkle' | 'clock'>): void {
    this.app = app;
  }

  /** The text Prometheus scrapes, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  operation(type: OperationType): void {
    this.requests[type].inc();
  }

  answered(type: OperationType, seconds: number): void {
    this.latency[type].observe(seconds);
  }

  error(code: string): void {
    let child = this.errorChildren.get(code);
    if (!child) {
      const label = this.errorChildren.size < MAX_ERROR_CODES ? code : 'OTHER';
      child = this.errors.labels(label);
      if (label === code) this.errorChildren.set(code, child);
    }
    child.inc();
  }

  /** The event store's commit observer: one group commit of `appends` appends and `events` events. */
  readonly committed = (appends: number, events: number): void => {
    this.appends.inc(appends);
    this.appendedEvents.inc(events);
    this.groupCommit.observe(appends);
  };

  attachmentBytes(direction: 'stored' | 'served', bytes: number): void {
    this.attachments[direction].inc(bytes);
  }

  reminderSweep(outcome: 'ok' | 'failed', seconds: number, recorded: number): void {
    this.sweeps.labels(outcome).inc();
    this.sweepSeconds.observe(seconds);
    if (recorded > 0) this.remindersRecorded.inc(recorded);
  }
}

function zeroed(counter: Counter.Internal): Counter.Internal {
  counter.inc(0);
  return counter;
}

function byOperation<T>(make: (type: OperationType) => T): Record<OperationType, T> {
  return Object.fromEntries(OPERATION_TYPES.map((type) => [type, make(type)])) as Record<OperationType, T>;
}

/**
 * Apollo plugin: counts each operation by its type and its latency, counts every error the
 * client is shown by its code, and logs errors the client sees only as INTERNAL_SERVER_ERROR
 * with the request's id and actor (never the operation's variables or text).
 */
export function metricsPlugin(metrics: Metrics, log: Log): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let type: OperationType = 'unknown';
      return {
        async didResolveOperation(request) {
          type = request.operation?.operation ?? 'unknown';
        },
        async didEncounterErrors(request) {
          for (const error of request.errors) {
            if (errorCodeOf(error) !== 'INTERNAL_SERVER_ERROR') continue;
            const ctx = request.contextValue;
            log.error(
              { reqId: ctx.requestId, ...(ctx.actor ? { actor: ctx.actor.id } : {}), err: error.originalError ?? error },
              'unexpected error in a GraphQL operation',
            );
          }
        },
        async willSendResponse(request) {
          metrics.operation(type);
          metrics.answered(type, (performance.now() - started) / 1000);
          const body = request.response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            metrics.error(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
