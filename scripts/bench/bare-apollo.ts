/**
 * The ceiling of the API load benchmark (api.bench.ts): Apollo Server on node:http with the
 * same adapter as src/server/http-server.ts (body read, JSON parsed, executeHTTPGraphQLRequest),
 * the product's own schema as SDL (web/schema.graphql), and resolvers that answer fixed objects
 * — the real answers the benchmark captured from our server — with no authentication, no store
 * and no access check. Started as a child process: `node bare-apollo.js <answers.json>`; prints
 * `ceiling ready at <url>`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { repoRoot } from './bench-util';

interface Answers {
  /** `interview(id)`'s data as our server answered it. */
  readonly interview: unknown;
  /** `interviews(…)`'s data. */
  readonly interviews: unknown;
  /** `registerPerson`'s and `updateInterviewBasicInfo`'s data. */
  readonly registerPerson: unknown;
  readonly updateInterviewBasicInfo: unknown;
}

async function main(): Promise<void> {
  const answers = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Answers;
  const typeDefs = readFileSync(join(repoRoot(), 'web', 'schema.graphql'), 'utf8');
  const apollo = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: { interview: () => answers.interview, interviews: () => answers.interviews },
      Mutation: {
        registerPerson: () => answers.registerPerson,
        updateInterviewBasicInfo: () => answers.updateInterviewBasicInfo,
      },
    },
    csrfPrevention: true,
    introspection: false,
  });
  await apollo.start();
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const url = new URL(req.url ?? '/', 'http://localhost');
      apollo
        .executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: (req.method ?? 'GET').toUpperCase(),
            headers,
            search: url.search,
            body: raw.length ? JSON.parse(raw.toString('utf8')) : undefined,
          },
          context: async () => ({}),
        })
        .then(async (response) => {
          for (const [key, value] of response.headers) res.setHeader(key, value);
          res.statusCode = response.status ?? 200;
          if (response.body.kind === 'complete') return void res.end(response.body.string);
          for await (const chunk of response.body.asyncIterator) res.write(chunk);
          res.end();
        })
        .catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`ceiling ready at http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
