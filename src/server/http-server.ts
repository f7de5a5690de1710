import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { handleAttachmentRequest } from '../attachments/attachment-routes';
import { handleDashboardRequest } from './dashboard-routes';
import { BUILD_HINT, consoleBuilt, consoleDir, handleConsoleRequest } from './console-routes';
import type { ErrorCode } from '../domain/error-codes';
import { actorFromAuthorization } from '../graphql/auth';
import { createContext, type Context } from '../graphql/context';
import { formatError } from '../graphql/errors';
import { stopBundleAssembler } from '../evidence/bundle-assembler';
import { apolloQueryLimits } from '../graphql/query-limits';
import { getSchema } from '../graphql/schema';
import { prepareSocketOperation, SubscriptionLimiter } from '../graphql/socket-limits';
import { requestOrigin } from '../http/request-meta';
import type { ServerApp as App } from './app';
import { handleCors } from './cors';
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
  stop(): Promise<void>;
}

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
  const wss = new WebSocketServer({ server: http, path: GRAPHQL_PATH, maxPayload: limits.bodyLimitBytes });
  const wsCleanup = useServer<Record<string, unknown>, SocketSession & { held?: Set<string> }>(
    {
      schema,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const session = await socketToken(app, typeof auth === 'string' ? auth : undefined);
        if (!session.ok) return closeSocket(ctx.extra, session);
        const origin = requestOrigin(ctx.extra.request, app.config.trustedProxies);
        ctx.extra.context = createContext(app, session.verified.actor, origin.ip, origin.userAgent);
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
        if (Array.isArray(prepared)) return prepared;
        const actor = ctx.extra.context?.actor;
        if (!actor || getOperationAST(prepared.document, prepared.operationName)?.operation !== 'subscription') return prepared;
        const refused = subscriptions.acquire((ctx.extra.held ??= new Set()), actor.id, id);
        return refused ? [refused] : prepared;
      },
      onComplete: (ctx, id) => {
        const actor = ctx.extra.context?.actor;
        if (actor && ctx.extra.held) subscriptions.release(ctx.extra.held, actor.id, id);
      },
      onClose: (ctx) => {
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
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: !limits.introspection,
    parseOptions: queryLimits.parseOptions,
    validationRules: queryLimits.validationRules,
    plugins: [
      queryLimits.plugin,
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      ApolloServerPluginLandingPageDisabled(),
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
    handle(app, apollo, webRoot, req, res).catch((error: unknown) => {
      console.error('request failed:', error);
      if (!res.headersSent) sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? app.config.port, options.host ?? app.config.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${GRAPHQL_PATH}`,
    wsUrl: `ws://${host}:${address.port}${GRAPHQL_PATH}`,
    consoleUrl: `http://${host}:${address.port}/`,
    console: { dir: webRoot, built: consoleBuilt(webRoot), hint: BUILD_HINT },
    http,
    apollo,
    async stop() {
      await stopBundleAssembler();
      await apollo.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
    },
  };
}

async function handle(app: App, apollo: ApolloServer<Context>, webRoot: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    sendJson(res, 200, { status: 'ok', checkpoint: app.projector.checkpoint, projector: app.projector.error ? 'stopped' : 'running' });
    return;
  }
  if (handleCors(app.config.corsOrigins, req, res, url.pathname)) return;
  if (await handleAttachmentRequest(app, req, res, url)) return;
  if (await handleDashboardRequest(app, req, res, url)) return;
  if (url.pathname !== GRAPHQL_PATH && (await handleConsoleRequest(app, webRoot, req, res, url))) return;
  if (url.pathname !== GRAPHQL_PATH) {
    sendJson(res, 404, errorBody(`no route ${url.pathname}; GraphQL is at ${GRAPHQL_PATH}`, 'NOT_FOUND'));
    return;
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const limit = app.config.graphql.bodyLimitBytes;
    const raw = await readBody(req, limit);
    if (raw === null) {
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
      const origin = requestOrigin(req, app.config.trustedProxies);
      return createContext(app, actor, origin.ip, origin.userAgent);
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
