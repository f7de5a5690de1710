/**
 * The routes operators and orchestrators call: /health (liveness), /ready (readiness) and
 * /metrics (Prometheus). /health and /ready are on the public port; /metrics is served on its
 * own listener (METRICS_PORT, on 127.0.0.1 unless METRICS_HOST says otherwise) and on the
 * public port only to a request that carries METRICS_TOKEN as its bearer token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerApp as App } from './app';
import { CHECKPOINT_NAME } from '../projections/projector';
import { followerLags, LAG_COUNT_LIMIT } from './followers';

/** A store that does not answer a readiness check in this long is taken as down. */
const STORE_CHECK_TIMEOUT_MS = 2000;

/** What /ready says while the server stops: it is set when SIGTERM arrives. */
export interface ServingState {
  stopping: boolean;
}

export type Readiness =
  | {
      readonly ready: true;
      readonly lag: { readonly readModels: number; readonly merkle: number };
      /** Whether this instance projects into the read models or follows the one that does (stopped: neither, e.g. in a test). */
      readonly projector: 'leading' | 'following' | 'stopped';
    }
  | { readonly ready: false; readonly check: string; readonly reason: string };

/**
 * Ready to take traffic: not stopping, both stores answer, the projector and the Merkle log
 * are running and at most READY_MAX_LAG_EVENTS events behind the log.
 */
export async function readiness(app: App, state: ServingState): Promise<Readiness> {
  const notReady = (check: string, reason: string): Readiness => ({ ready: false, check, reason });
  if (state.stopping) return notReady('shutdown', 'the server is shutting down');
  const projector = app.projector.health();
  if (projector.failing)
    return notReady(
      'projector',
      `the projector's batch failed ${projector.consecutiveFailures} time(s) and is retried from the checkpoint: ${projector.lastError ?? 'see the log'}`,
    );
  if (projector.disconnectedSince)
    return notReady(
      'projector',
      `the projector's subscription to the log is down since ${projector.disconnectedSince} and is retried: ${projector.lastError ?? 'see the log'}`,
    );
  if (app.merkle.error) return notReady('merkle-log', 'the Merkle log stopped after an error (see the log)');
  const merkle = await app.merkle.health();
  if (merkle.stalledSince)
    return notReady(
      'merkle-log',
      `the Merkle log stopped following the log at ${merkle.stalledSince} and resubscribes: ${merkle.lastError ?? 'see the log'}`,
    );
  const answered = async <T>(check: string, work: Promise<T>): Promise<T | Readiness> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<Readiness>((resolve) => {
          timer = setTimeout(() => resolve(notReady(check, `no answer within ${STORE_CHECK_TIMEOUT_MS} ms`)), STORE_CHECK_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      return notReady(check, `not answering: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  };
  const bound = app.config.readyMaxLagEvents;
  const lags = await answered('event-store', followerLags(app));
  if ('ready' in lags) return lags;
  const checkpoint = await answered('read-models', app.readModels.checkpoint(CHECKPOINT_NAME));
  if (checkpoint !== null && typeof checkpoint === 'object' && 'ready' in checkpoint) return checkpoint;
  if (lags.readModels > bound)
    return notReady('read-models', `the read models are ${behind(lags.readModels)} events behind the log (READY_MAX_LAG_EVENTS=${bound})`);
  if (lags.merkle > bound)
    return notReady('merkle-log', `the Merkle log is ${behind(lags.merkle)} events behind the log (READY_MAX_LAG_EVENTS=${bound})`);
  return { ready: true, lag: lags, projector: app.projector.health().role };
}

const behind = (count: number) => (count >= LAG_COUNT_LIMIT ? `at least ${LAG_COUNT_LIMIT}` : String(count));

/** Answers /health, /ready and /metrics (the latter only with METRICS_TOKEN); false for any other path. */
export async function handleOpsRequest(
  app: App,
  state: ServingState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (path === '/health') {
    sendJson(res, 200, { status: 'ok' });
    return true;
  }
  if (path === '/ready') {
    await sendReadiness(app, state, res);
    return true;
  }
  if (path === '/metrics' && app.config.metrics.token) {
    if (!bearerMatches(req.headers.authorization, app.config.metrics.token)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'send METRICS_TOKEN as a bearer token' } });
      return true;
    }
    await sendMetrics(app, res);
    return true;
  }
  return false;
}

async function sendReadiness(app: App, state: ServingState, res: ServerResponse): Promise<void> {
  const ready = await readiness(app, state);
  if (ready.ready) sendJson(res, 200, { status: 'ready', lag: ready.lag, projector: ready.projector });
  else sendJson(res, 503, { status: 'not ready', check: ready.check, reason: ready.reason });
}

async function sendMetrics(app: App, res: ServerResponse): Promise<void> {
  const { contentType, body } = await app.metrics.scrape();
  res.statusCode = 200;
  res.setHeader('content-type', contentType);
  res.setHeader('cache-control', 'no-store');
  res.end(body);
}

/** Compares digests, so the time taken says nothing about how much of the token matched. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The listener of METRICS_PORT: /metrics without a token (it is not public), /health and /ready. */
export async function startMetricsListener(
  app: App,
  state: ServingState,
  port: number,
  host: string,
): Promise<{ readonly url: string; readonly server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const answer = async () => {
      if (path === '/metrics') await sendMetrics(app, res);
      else if (path === '/health') sendJson(res, 200, { status: 'ok' });
      else if (path === '/ready') await sendReadiness(app, state, res);
      else sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'this port serves /metrics, /health and /ready' } });
    };
    answer().catch((error: unknown) => {
      app.log.error({ component: 'metrics', err: error }, 'metrics request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}/metrics`, server };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
