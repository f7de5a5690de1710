/**
 * The GraphQL client: urql over fetch (Authorization: Bearer <token>) and, for subscriptions,
 * graphql-ws on the same path (the token in connectionParams.authorization, as the server's
 * src/server/socket-auth.ts reads it). One client per session: signing out disposes its socket.
 * A token the API refuses (UNAUTHENTICATED over HTTP, 4401 on the socket) ends the session.
 */
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { endpoints } from './endpoints';

export interface ApiClient {
  readonly urql: Client;
  dispose(): void;
}

export function createApiClient(token: string, onUnauthenticated?: () => void): ApiClient {
  const { http, ws } = endpoints();
  const authorization = `Bearer ${token}`;
  const socket: WsClient = createWsClient({
    url: ws,
    lazy: true,
    connectionParams: { authorization },
    retryAttempts: 5,
    // 4401: the token expired or was refused; 4403: it grants no role. Reconnecting cannot help.
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && (event.code === 4401 || event.code === 4403)),
    on: {
      closed: (event) => {
        if (event && typeof event === 'object' && 'code' in event && event.code === 4401) onUnauthenticated?.();
      },
    },
  });
  const urql = new Client({
    url: http,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) onUnauthenticated?.();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = socket.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return { urql, dispose: () => void socket.dispose() };
}
