/**
 * Where the API is. By default the server that served the console (same origin): HTTP at
 * /graphql, graphql-ws at ws(s)://<host>/graphql. A console hosted apart from the API is built
 * with VITE_API_URL=https://api.example.com (and the API lists the console's origin in
 * CORS_ORIGINS).
 */
export interface Endpoints {
  readonly base: string;
  readonly http: string;
  readonly ws: string;
}

export function endpoints(
  location: Pick<Location, 'protocol' | 'host' | 'origin'> = window.location,
  apiUrl = import.meta.env.VITE_API_URL,
): Endpoints {
  const base = (apiUrl && apiUrl.trim() ? apiUrl.trim() : location.origin).replace(/\/+$/, '');
  const url = new URL(base);
  const wsProtocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return { base, http: `${base}/graphql`, ws: `${wsProtocol}//${url.host}${url.pathname.replace(/\/+$/, '')}/graphql` };
}
