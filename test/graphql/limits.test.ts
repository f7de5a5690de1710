/**
 * Hostile GraphQL through the real server: every attack of the hardening issue is refused
 * before any resolver runs, with a coded error; the queries the README and the other suites
 * send stay under every limit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  GraphQLNonNull,
  GraphQLList,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  print,
  specifiedRules,
  typeFromAST,
  validate,
  Kind,
  type DocumentNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { openTestApp } from '../support/test-app';
import { readmeExamples } from '../support/readme-examples';
import { withTimeout } from '../support/timeout';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { mintToken } from '../../src/graphql/auth';
import { getSchema } from '../../src/graphql/schema';
import { DEFAULT_QUERY_LIMITS, FIELD_COSTS, operationCost, queryShapeRules, type QueryLimits } from '../../src/graphql/query-limits';
import { SubscriptionLimiter } from '../../src/graphql/socket-limits';
import type { App } from '../../src/server/app';

const ROOT = join(__dirname, '..', '..');
const LIMITS: QueryLimits = { ...DEFAULT_QUERY_LIMITS, introspection: false };

async function post(url: string, body: unknown, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

/** Counts calls of every root resolver and of introspection's type walk: a refused request must leave it at zero. */
function countResolvers(schema: GraphQLSchema) {
  let calls = 0;
  const restore: Array<() => void> = [];
  const fields: Array<GraphQLField<unknown, unknown>> = [
    ...Object.values(schema.getQueryType()!.getFields()),
    ...Object.values(schema.getMutationType()!.getFields()),
    (schema.getType('__Schema') as any).getFields().types,
  ];
  for (const field of fields) {
    const original = field.resolve;
    field.resolve = (...args) => {
      calls += 1;
      return original ? original(...args) : (args[0] as any)?.[field.name];
    };
    restore.push(() => (field.resolve = original));
  }
  return { calls: () => calls, restore: () => restore.forEach((r) => r()) };
}

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('GraphQL limits on the real server', () => {
  let app: App;
  let server: RunningServer;
  let schema: GraphQLSchema;
  let counter: ReturnType<typeof countResolvers>;
  let interviewId: string;
  const token = (id: string, roles: string[]) => `Bearer ${mintToken(app.localTokens!, { id, roles: roles as any })}`;

  beforeAll(async () => {
    ({ app } = await openTestApp({ GRAPHQL_MAX_SUBSCRIPTIONS_PER_SOCKET: '2', GRAPHQL_MAX_SUBSCRIPTIONS_PER_USER: '3' }));
    schema = await getSchema();
    counter = countResolvers(schema);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    const scheduled = await post(
      server.url,
      {
        query:
          'mutation { scheduleInterview(input: { employeeId: "E1", cycle: "2026-Q3", scheduledAt: "2026-09-20T09:00:00+08:00" }) { id } }',
      },
      token('M1', ['manager']),
    );
    interviewId = scheduled.json.data.scheduleInterview.id;
  });
  afterAll(async () => {
    counter?.restore();
    await server?.stop();
    await app?.close();
  });

  /** Sends the request and expects a refusal with `code` that ran no resolver. */
  async function refused(body: unknown, authorization: string | undefined, code: string, status = 400) {
    const before = counter.calls();
    const { status: got, json } = await post(server.url, body, authorization);
    expect(counter.calls()).toBe(before);
    expect(json.data ?? undefined).toBeUndefined();
    expect(json.errors[0].extensions.code).toBe(code);
    expect(got).toBe(status);
    expect(JSON.stringify(json)).not.toMatch(/stacktrace|at Object\.|\.ts:\d+/);
    return json.errors[0];
  }

  it('counts resolvers (the spy sees an accepted query)', async () => {
    const before = counter.calls();
    const { json } = await post(server.url, { query: `{ interviewHistory(id: "${interviewId}") { version } }` }, token('E1', ['employee']));
    expect(json.errors).toBeUndefined();
    expect(counter.calls()).toBe(before + 1);
  });

  it('refuses an anonymous ~100 KB document of 1,000 __schema aliases while parsing it (tokens)', async () => {
    const query = aliases(1000, '__schema { types { name kind description fields { name description type { name kind } } } }');
    expect(query.length).toBeGreaterThan(90_000);
    const error = await refused({ query }, undefined, 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: LIMITS.maxTokens });
  });

  it('refuses a body near the old 1 MiB limit with 413, and keeps a small base64 upload workable', async () => {
    const query = aliases(9000, '__schema { types { name kind description fields { name description type { name kind } } } }');
    expect(query.length).toBeGreaterThan(800_000);
    await refused({ query }, undefined, 'PAYLOAD_TOO_LARGE', 413);
    // A 100 KB text file as base64 (≈ 137 KB) still fits in the GraphQL body.
    const upload = await post(
      server.url,
      {
        query:
          'mutation($id: ID!, $b: String!) { uploadAttachment(interviewId: $id, fileName: "notes.txt", mediaType: "text/plain", contentBase64: $b) { attachments { size } } }',
        variables: { id: interviewId, b: Buffer.alloc(100_000, 'a').toString('base64') },
      },
      token('E1', ['employee']),
    );
    expect(upload.json.errors).toBeUndefined();
    expect(upload.json.data.uploadAttachment.attachments).toEqual(expect.arrayContaining([{ size: 100_000 }]));
  });

  it('refuses an employee asking for 1,000 aliases of interviewHistory, and 16 of them (aliases)', async () => {
    const field = `interviewHistory(id: "${interviewId}") { version changes { path } }`;
    const big = await refused({ query: aliases(1000, field) }, token('E1', ['employee']), 'QUERY_TOO_COMPLEX');
    expect(big.extensions.limit).toBe('tokens');
    const sixteen = await refused({ query: aliases(16, field) }, token('E1', ['employee']), 'QUERY_TOO_COMPLEX');
    expect(sixteen.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: LIMITS.maxAliases });
  });

  it('refuses an auditor asking for 15 pages of 100 interviews with their histories (cost), with cost and budget', async () => {
    const query = aliases(15, 'interviews(first: 100) { edges { node { history { changes } } } }').replace(/changes/g, 'changes { path }');
    expect(query.length).toBeLessThan(2048);
    const error = await refused({ query }, token('AUD1', ['auditor']), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', cost: expect.any(Number), budget: LIMITS.maxCost });
    expect(error.extensions.cost).toBeGreaterThan(LIMITS.maxCost);
    // One such page is over the budget too; a page of one interview with its history is not.
    const one = '{ interviews(first: 100) { edges { node { history { changes { path } } } } } }';
    expect((await refused({ query: one }, token('AUD1', ['auditor']), 'QUERY_TOO_COMPLEX')).extensions.limit).toBe('cost');
    const small = await post(server.url, { query: one.replace('100', '1') }, token('AUD1', ['auditor']));
    expect(small.json.errors).toBeUndefined();
  });

  it('prices `first` from the variables', async () => {
    const query = 'query($n: Int!) { interviews(first: $n) { edges { node { history { changes { path } } } } } }';
    const error = await refused({ query, variables: { n: 100 } }, token('AUD1', ['auditor']), 'QUERY_TOO_COMPLEX');
    expect(error.extensions.limit).toBe('cost');
    expect((await post(server.url, { query, variables: { n: 1 } }, token('AUD1', ['auditor']))).json.errors).toBeUndefined();
  });

  it('prices a record with its whole template and flow snapshot as one document (the console reads it so), and answers it', async () => {
    const fieldParts = 'key label labelEn type required fillers options refTo min max maxLength maxItems';
    const query = `query($id: ID!) { interview(id: $id) { id version template { id version name dimensions { key label }
      sections { key kind label required fields { ${fieldParts} items { ${fieldParts} } } } }
      flow { id steps { key label actors edits signing } } workflow { step dueAt } } }`;
    const cost = operationCost(schema, parse(query), { id: 'IV-2026Q3-E1001' });
    // Parts of a snapshot cost nothing of their own: the template and flow objects count, not each field label.
    expect(cost).toBeLessThan(100);
    // The server runs it (whether the record exists is another matter): not refused by a limit.
    const answer = await post(server.url, { query, variables: { id: 'IV-2026Q3-E1001' } }, token('AUD1', ['auditor']));
    const codes = ((answer.json.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);
    expect(codes).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses more root fields than allowed, even without aliases', async () => {
    const query = `{ ${'me { id } '.repeat(LIMITS.maxRootFields + 1)}}`;
    const error = await refused({ query }, token('E1', ['employee']), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'rootFields', max: LIMITS.maxRootFields });
  });

  it('refuses introspection and hides field suggestions outside demo mode', async () => {
    const error = await refused({ query: '{ __schema { types { name } } }' }, undefined, 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/introspection/i);
    const typo = await refused({ query: '{ interviw(id: "x") { id } }' }, token('E1', ['employee']), 'GRAPHQL_VALIDATION_FAILED');
    expect(typo.message).not.toMatch(/did you mean/i);
  });

  describe('over WebSocket', () => {
    const clients: Client[] = [];
    const connect = (auth: string): Client => {
      const client = createClient({
        url: server.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: auth },
        retryAttempts: 0,
      });
      clients.push(client);
      return client;
    };
    afterAll(async () => {
      for (const client of clients) await client.dispose();
    });
    /** Subscribes; resolves with the errors if the server refuses within `ms`, else null (and keeps it open). */
    const outcome = (client: Client, query: string, ms = 400) =>
      new Promise<{ errors: any[] } | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), ms);
        const stop = client.subscribe(
          { query },
          {
            next: () => undefined,
            error: (e) => {
              clearTimeout(timer);
              resolve({ errors: Array.isArray(e) ? e : [e] });
            },
            complete: () => undefined,
          },
        );
        (outcome as any).last = stop;
      });
    const SUB = 'subscription { notificationAdded { id } }';

    it('applies the same limits to operations sent over the socket, before they run', async () => {
      const client = connect(token('E1', ['employee']));
      const before = counter.calls();
      const result = await withTimeout(outcome(client, aliases(16, 'me { id }'), 5000), 6000, 'no answer');
      expect(result?.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: LIMITS.maxAliases });
      const expensive = await outcome(client, '{ interviews(first: 100) { edges { node { history { changes { path } } } } } }', 5000);
      expect(expensive?.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', budget: LIMITS.maxCost });
      const introspection = await outcome(client, '{ __schema { types { name } } }', 5000);
      expect(introspection?.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(counter.calls()).toBe(before);
    });

    it('caps open subscriptions per socket and per user with TOO_MANY_SUBSCRIPTIONS', async () => {
      // This server allows 2 per socket and 3 per user.
      const first = connect(token('E2', ['employee']));
      expect(await outcome(first, SUB)).toBeNull();
      expect(await outcome(first, SUB)).toBeNull();
      const third = await outcome(first, SUB);
      expect(third?.errors[0].extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'perSocket', max: 2 });
      const second = connect(token('E2', ['employee']));
      expect(await outcome(second, SUB)).toBeNull();
      const fourth = await outcome(second, SUB);
      expect(fourth?.errors[0].extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'perUser', max: 3 });
      // Another user is not affected; closing a socket gives its slots back.
      expect(await outcome(connect(token('E3', ['employee'])), SUB)).toBeNull();
      await first.dispose();
      await new Promise((r) => setTimeout(r, 200));
      expect(await outcome(second, SUB)).toBeNull();
    });
  });
});

describe('SubscriptionLimiter', () => {
  it('counts per socket and per user, and releases each id once', () => {
    const limiter = new SubscriptionLimiter({ maxSubscriptionsPerSocket: 2, maxSubscriptionsPerUser: 3 });
    const a = new Set<string>();
    const b = new Set<string>();
    expect(limiter.acquire(a, 'U', '1')).toBeNull();
    expect(limiter.acquire(a, 'U', '1')).toBeNull();
    expect(limiter.acquire(a, 'U', '2')).toBeNull();
    expect(limiter.acquire(a, 'U', '3')?.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'perSocket' });
    expect(limiter.acquire(b, 'U', '1')).toBeNull();
    expect(limiter.acquire(b, 'U', '2')?.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 'perUser' });
    limiter.release(a, 'U', '1');
    limiter.release(a, 'U', '1');
    expect(limiter.openFor('U')).toBe(2);
    expect(limiter.acquire(b, 'U', '2')).toBeNull();
  });
});

describe('introspection when turned on', () => {
  let app: App;
  let server: RunningServer;
  beforeAll(async () => {
    ({ app } = await openTestApp({ GRAPHQL_INTROSPECTION: 'on' }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.stop();
    await app?.close();
  });

  it('answers the standard introspection query and suggests field names, but still refuses 16 aliases of __schema', async () => {
    const { json } = await post(server.url, { query: getIntrospectionQuery() });
    expect(json.errors).toBeUndefined();
    expect(json.data.__schema.queryType.name).toBe('Query');
    const typo = await post(server.url, { query: '{ interviw(id: "x") { id } }' });
    expect(typo.json.errors[0].message).toMatch(/did you mean/i);
    const many = await post(server.url, { query: aliases(16, '__schema { types { name } }') });
    expect(many.json.errors[0].extensions.limit).toBe('aliases');
    // Four full introspections fit the alias limit but not the budget.
    const ten = await post(server.url, { query: aliases(4, '__schema { types { name fields { name } } }') });
    expect(ten.json.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });
});

// ---- the queries the project sends stay under every limit -------------------------------------

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** GraphQL documents written as string literals in the test suites and src/client (those that parse and fit the schema). */
function documentsInSources(schema: GraphQLSchema): Array<{ where: string; document: DocumentNode }> {
  const found: Array<{ where: string; document: DocumentNode }> = [];
  const files = [...filesUnder(join(ROOT, 'test')), ...filesUnder(join(ROOT, 'src', 'client'))].filter(
    (f) => !f.endsWith('limits.test.ts'),
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(`|'|")((?:query|mutation|subscription)\b[^`'"]*?\{[\s\S]*?|\{\s*[a-zA-Z_]+[\s\S]*?)\1/g)) {
      const source = match[2]!;
      if (source.includes('${')) continue;
      let document: DocumentNode;
      try {
        document = parse(source);
      } catch {
        continue;
      }
      if (validate(schema, document, specifiedRules).length) continue;
      found.push({ where: `${file.slice(ROOT.length + 1)}: ${source.slice(0, 60)}`, document });
    }
  }
  return found;
}

/** A value of the variable's type for cost estimation: `first`-like integers at 100, the largest page. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleValue(f.type)]),
    );
  }
  if (isScalarType(type)) {
    return (
      ({ Int: 100, Float: 1, Boolean: false, String: 'x', ID: 'x', DateTimeISO: '2026-07-01T00:00:00.000Z' } as Record<string, unknown>)[
        type.name
      ] ?? {}
    );
  }
  return null;
}

function sampleVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as any) as GraphQLInputType | undefined;
    if (type && (type instanceof GraphQLNonNull || type instanceof GraphQLList))
      variables[definition.variable.name.value] = sampleValue(type);
  }
  return variables;
}

describe('the queries the README and the suites send', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await getSchema();
  });

  it('names only fields that exist in the cost table', () => {
    const missing = Object.keys(FIELD_COSTS).filter((key) => {
      const [type, field] = key.split('.') as [string, string];
      const named = schema.getType(type) as { getFields?: () => Record<string, unknown> } | undefined;
      return !named?.getFields?.()[field];
    });
    expect(missing).toEqual([]);
  });

  it('stay under the token, alias, depth, root-field and cost limits', () => {
    const readme = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8')).map((e) => ({
      where: `README.md:${e.line}`,
      document: parse(e.query),
      source: e.query,
    }));
    const sources = documentsInSources(schema);
    expect(readme.length).toBeGreaterThan(10);
    expect(sources.length).toBeGreaterThan(100);
    const over: string[] = [];
    let costliest = { cost: 0, where: '' };
    for (const { where, document } of [...readme, ...sources]) {
      const shape = validate(schema, document, queryShapeRules(LIMITS));
      if (shape.length) over.push(`${where}: ${shape[0]!.message}`);
      for (const operation of document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
        const cost = operationCost(schema, document, sampleVariables(schema, operation), operation.name?.value);
        if (cost === null) over.push(`${where}: cost could not be estimated`);
        else if (cost > LIMITS.maxCost) over.push(`${where}: costs ${cost}`);
        else if (cost > costliest.cost) costliest = { cost, where };
      }
    }
    for (const { where, source } of readme) {
      try {
        parse(source, { maxTokens: LIMITS.maxTokens });
      } catch {
        over.push(`${where}: too many tokens`);
      }
    }
    expect(over).toEqual([]);
    // The model is not vacuous: something legitimate costs a fair part of the budget.
    expect(costliest.cost).toBeGreaterThan(100);
  });

  it('prices the standard introspection query under the budget and a history page as the README says', () => {
    expect(operationCost(schema, parse(getIntrospectionQuery()))).toBeLessThanOrEqual(LIMITS.maxCost);
    const page = (n: number) => parse(`{ interviews(first: ${n}) { edges { node { history { changes { path } } } } } }`);
    expect(operationCost(schema, page(4))).toBeLessThanOrEqual(LIMITS.maxCost);
    expect(operationCost(schema, page(5))).toBeGreaterThan(LIMITS.maxCost);
    const flat = parse(`{ interviews(first: 20) { edges { node { ${'id '.repeat(20)} } } } }`);
    expect(operationCost(schema, flat)).toBe(1 + 20 * (1 + 1 + 20));
  });

  it('prices one parsed document again for each value of the variables the estimate reads, and remembers the rest', () => {
    const document = parse(
      `query P($n: Int!, $deep: Boolean!, $where: String) { interviews(first: $n, filter: { managerId: $where }) { edges { node { id history @include(if: $deep) { changes { path } } } } } }`,
    );
    const cost = (variables: Record<string, unknown>) => operationCost(schema, document, variables, 'P');
    const small = cost({ n: 2, deep: false, where: 'M102' });
    const large = cost({ n: 20, deep: false, where: 'M102' });
    const deep = cost({ n: 2, deep: true, where: 'M102' });
    expect(large).toBeGreaterThan(small!);
    expect(deep).toBeGreaterThan(small!);
    // Asked again (from the cache) and in another order, each gives its own figure.
    expect(cost({ n: 20, deep: false, where: 'M102' })).toBe(large);
    expect(cost({ n: 2, deep: true, where: 'M102' })).toBe(deep);
    expect(cost({ n: 2, deep: false, where: 'M102' })).toBe(small);
    // The same figures a freshly parsed copy of the document gets.
    const fresh = parse(print(document));
    expect(operationCost(schema, fresh, { n: 20, deep: false, where: 'M102' }, 'P')).toBe(large);
  });
});
