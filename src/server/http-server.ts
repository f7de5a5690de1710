import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { handleAttachmentRequest } from '../attachments/attachment-routes';
import { handleDashboardRequest } from './dashboard-routes';
import { BUILD_HINT, consoleBuilt, consoleDir, handleConsoleRequest } from './console-routes';
import type { ErrorCode } from '../domain/error-codes';
import { actorFromAuthorization } from '../graphql/auth';
import { createContext, type Context } from '../graphql/context';
import { errorCodeOf, formatError } from '../graphql/errors';
import { stopBundleAssembler } from '../evidence/bundle-assembler';
import { apolloQueryLimits } from '../graphql/query-limits';
import { getSchema } from '../graphql/schema';
import { prepareSocketOperation, SubscriptionLimiter } from '../graphql/socket-limits';
import { requestOrigin } from '../http/request-meta';
import { beginRequest, noteActor, requestFields } from '../http/request-id';
import type { ServerApp as App } from './app';
import { handleCors } from './cors';
import { metricsPlugin } from './metrics';
import { handleOpsRequest, startMetricsListener, type ServingState } from './ops-routes';
import { closeAtExpiry, closeSocket, socketToken, socketRefusal, type SocketSession } from './socket-auth';

export const GRAPHQL_PATH = '/graphql';

export interface RunningServer {
  readonly url: string;
  readonly wsUrl: string;
  /** The web console (/): built or not when the server started (it is looked for again on each request). */
  readonly consoleUrl: string;
  readonly console: { readonly dir: string; readonly built: boolean; readonly hint: string };
  readonly http: Server;
  readonly apollo: ApolloServer<Context>;
  /** /metrics on its own listener (METRICS_PORT), when configured. */
  readonly metricsUrl?: string;
  /**
   * Stops gracefully: /ready says so, no new connections, WebSockets closed with 1001 (going
   * away), requests in flight finish (for up to half of SHUTDOWN_TIMEOUT_MS, then their
   * connections are closed). The app's stores stay open: close them with app.close().
   */
  stop(): Promise<void>;
}

/** The close code and reason WebSocket clients get when the server stops (RFC 6455 §7.4.1: going away). */
export const SHUTDOWN_CLOSE = { code: 1001, reason: 'server shutting down' } as const;

/**
 * Serves GraphQL over HTTP (POST/GET /graphql) and WebSocket (graphql-ws on the same path)
 * on node:http, with Apollo Server 5 doing the GraphQL work. A small adapter instead of a
 * web framework: the service needs one route, a body limit and the socket address.
 * Attachment bytes have routes of their own under /attachments (src/attachments/attachment-routes.ts);
 * the web console is served at / (console-routes.ts).
 */
export async function startServer(app: App, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const schema = await getSchema();
  const webRoot = consoleDir(app.config.consoleDir);
  const http = createServer();
  const limits = app.config.graphql;
  const subscriptions = new SubscriptionLimiter(limits);
  const state: ServingState = { stopping: false };
  const wss = new WebSocketServer({ server: http, path: GRAPHQL_PATH, maxPayload: limits.bodyLimitBytes });
  // A socket's lines carry one id for its whole life, given at the upgrade (the caller's X-Request-Id when sane).
  wss.on('headers', (headers, req) => headers.push(`X-Request-Id: ${requestFields(req).reqId}`));
  const wsCleanup = useServer<Record<string, unknown>, SocketSession & { held?: Set<string> }>(
    {
      schema,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const session = await socketToken(app, typeof auth === 'string' ? auth : undefined);
        const fields = requestFields(ctx.extra.request);
        if (!session.ok) {
          app.log.info({ ...fields, code: session.code }, 'websocket refused');
          return closeSocket(ctx.extra, session);
        }
        noteActor(ctx.extra.request, session.verified.actor.id);
        app.log.info(fields, 'websocket connected');
        const origin = requestOrigin(ctx.extra.request, app.config.trustedProxies);
        ctx.extra.context = createContext(app, session.verified.actor, origin.ip, origin.userAgent, fields.reqId);
        ctx.extra.token = session.token;
        closeAtExpiry(ctx.extra, session.verified, app.config.tokens.clockSkewSeconds);
        return true;
      },
      context: (ctx) => ctx.extra.context!,
      // Every operation checks the token again (expiry, a key the issuer has since retired): a
      // socket lives no longer than the token it was opened with. Then the same limits as over
      // HTTP, and at most so many open subscriptions per socket and user.
      onSubscribe: async (ctx, id, payload) => {
        const session = await socketToken(app, `Bearer ${ctx.extra.token}`);
        if (!session.ok) return socketRefusal(ctx.extra, session);
        const prepared = prepareSocketOperation(schema, limits, payload);
        if (Array.isArray(prepared)) {
          app.metrics.operation('unknown');
          for (const error of prepared) app.metrics.error(errorCodeOf(error));
          return prepared;
        }
        const type = getOperationAST(prepared.document, prepared.operationName)?.operation ?? 'unknown';
        app.metrics.operation(type);
        const actor = ctx.extra.context?.actor;
        if (!actor || type !== 'subscription') return prepared;
        const refused = subscriptions.acquire((ctx.extra.held ??= new Set()), actor.id, id);
        if (refused) app.metrics.error(errorCodeOf(refused));
        return refused ? [refused] : prepared;
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        for (const error of result.errors ?? []) app.metrics.error(errorCodeOf(error));
      },
      onComplete: (ctx, id) => {
        const actor = ctx.extra.context?.actor;
        if (actor && ctx.extra.held) subscriptions.release(ctx.extra.held, actor.id, id);
      },
      onClose: (ctx, code) => {
        if (ctx.extra.context) app.log.info({ ...requestFields(ctx.extra.request), code }, 'websocket closed');
        clearTimeout(ctx.extra.expiry);
        const actor = ctx.extra.context?.actor;
        for (const id of ctx.extra.held ?? []) if (actor) subscriptions.release(ctx.extra.held!, actor.id, id);
      },
    },
    wss,
  );

  const queryLimits = apolloQueryLimits(limits);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The server's own SIGTERM handling (main.ts) stops Apollo in its order, and exits itself.
    stopOnTerminationSignals: false,
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: !limits.introspection,
    parseOptions: queryLimits.parseOptions,
    validationRules: queryLimits.validationRules,
    plugins: [
      metricsPlugin(app.metrics, app.log),
      queryLimits.plugin,
      ApolloServerPluginDrainHttpServer({ httpServer: http, stopGracePeriodMillis: Math.floor(app.config.shutdownTimeoutMs / 2) }),
      ApolloServerPluginLandingPageDisabled(),
      // No resolver gives cache hints and every answer is private: the plugin would only cost time per field.
      ApolloServerPluginCacheControlDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  http.on('request', (req, res) => {
    const started = performance.now();
    const fields = beginRequest(req, res);
    // One line per request when it is answered: who, which route, how it ended. Never the query
    // string (a GraphQL GET carries the document and variables there), headers or bodies.
    res.once('close', () =>
      app.log.info(
        {
          ...fields,
          method: req.method,
          path: pathOf(req.url),
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      ),
    );
    handle(app, apollo, state, webRoot, req, res).catch((error: unknown) => {
      app.log.error({ ...fields, err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? app.config.port, options.host ?? app.config.host, () => resolve());
  });
  const metricsPort = app.config.metrics.port;
  let metricsListener: Awaited<ReturnType<typeof startMetricsListener>> | undefined;
  try {
    if (metricsPort !== undefined) metricsListener = await startMetricsListener(app, state, metricsPort, app.config.metrics.host);
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${GRAPHQL_PATH}`,
    wsUrl: `ws://${host}:${address.port}${GRAPHQL_PATH}`,
    consoleUrl: `http://${host}:${address.port}/`,
    console: { dir: webRoot, built: consoleBuilt(webRoot), hint: BUILD_HINT },
    http,
    apollo,
    ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
    async stop() {
      state.stopping = true;
      // Close frames first: the drain below ends idle connections, upgraded sockets among them.
      for (const client of wss.clients) client.close(SHUTDOWN_CLOSE.code, SHUTDOWN_CLOSE.reason);
      // No new connections; requests in flight finish (their appends with them), then the sockets close.
      await apollo.stop();
      await stopBundleAssembler();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      if (metricsListener) {
        const { server } = metricsListener;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** The path of a request target, without its query string. */
function pathOf(target: string | undefined): string {
  const path = target ?? '/';
  const query = path.indexOf('?');
  return (query === -1 ? path : path.slice(0, query)).slice(0, 200);
}

async function handle(
  app: App,
  apollo: ApolloServer<Context>,
  state: ServingState,
  webRoot: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (handleCors(app.config.corsOrigins, req, res, url.pathname)) return;
  // GraphQL, the busiest route, goes straight on; the other routes are asked in turn.
  if (url.pathname !== GRAPHQL_PATH) {
    if (await handleOpsRequest(app, state, req, res, url.pathname)) return;
    if (await handleAttachmentRequest(app, req, res, url)) return;
    if (await handleDashboardRequest(app, req, res, url)) return;
    if (await handleConsoleRequest(app, webRoot, req, res, url)) return;
    sendJson(res, 404, errorBody(`no route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}`, 'NOT_FOUND'));
    return;
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const limit = app.config.graphql.bodyLimitBytes;
    const raw = await readBody(req, limit);
    if (raw === null) {
      app.metrics.error('PAYLOAD_TOO_LARGE');
      sendJson(
        res,
        413,
        errorBody(
          `request body is larger than ${limit} bytes (GRAPHQL_BODY_LIMIT); send files to the attachment routes`,
          'PAYLOAD_TOO_LARGE',
        ),
      );
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) {
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        app.metrics.error('BAD_REQUEST');
        sendJson(res, 400, errorBody('request body is not valid JSON', 'BAD_REQUEST'));
        return;
      }
    } else {
      body = raw.toString('utf8');
    }
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context: async () => {
      const actor = await actorFromAuthorization(req.headers.authorization, app.tokens);
      noteActor(req, actor?.id);
      const origin = requestOrigin(req, app.config.trustedProxies);
      return createContext(app, actor, origin.ip, origin.userAgent, requestFields(req).reqId);
    },
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const errorBody = (message: string, code: ErrorCode) => ({ errors: [{ message, extensions: { code } }] });

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
