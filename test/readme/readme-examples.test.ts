/**
 * The README is executable: its GraphQL examples run in order, over HTTP and WebSocket, against
 * a server on freshly seeded demo data (what `npm start` serves), each sent by the person its
 * annotation names, and each answer must fit the one the README shows. The convention is in
 * test/support/readme-examples.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type OperationDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { generateKeyPair, publicKeyBase64, signInterview, type SignerKeyPair } from '../../src/client/signer';
import { DEMO_NOW, seedDemo } from '../../src/demo/demo-data';
import type { Role } from '../../src/domain/command';
import type { SignedContent } from '../../src/domain/interview/signing';
import { mintToken } from '../../src/graphql/auth';
import { PEOPLE, type PersonDoc } from '../../src/projections/person.projection';
import { createApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/http-server';
import { at, mismatch, readmeExamples, type ReadmeExample } from '../support/readme-examples';
import { testClock } from '../support/test-app';
import { withTimeout } from '../support/timeout';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

type Answer = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('README examples', () => {
  const examples = readmeExamples(README);
  let app: App;
  let server: RunningServer;
  let dir: string;
  const saved = new Map<string, unknown>();
  const keys = new Map<string, SignerKeyPair>();
  const keyOf = (id: string) => keys.get(id) ?? keys.set(id, generateKeyPair()).get(id)!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'readme-'));
    // The demo's own "today": the record of what the examples do gets stable dates.
    const clock = testClock(new Date(DEMO_NOW).toISOString());
    app = await createApp(
      loadConfig({
        DATA_DIR: dir,
        JWT_SECRET: 'test-secret-please-ignore',
        PORT: '0',
        CHECKPOINT_INTERVAL_MS: '0',
        REMINDER_INTERVAL_MS: '0',
        LOG_LEVEL: 'warn',
      }),
      { clock },
    );
    await seedDemo(app);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has examples, each with an expected answer', () => {
    expect(examples.length).toBeGreaterThan(10);
    expect(examples.filter((e) => e.expected === undefined).map((e) => e.line)).toEqual([]);
  });

  async function token(example: ReadmeExample): Promise<string> {
    const person = await app.readModels.get<PersonDoc>(PEOPLE, example.as);
    if (!person && !example.roles) throw new Error(`README line ${example.line}: ${example.as} is not in the demo directory`);
    return mintToken(app.localTokens!, { id: example.as, roles: (example.roles ?? person!.roles) as Role[] });
  }

  function variablesOf(example: ReadmeExample, operation: OperationDefinitionNode): Record<string, unknown> {
    const variables: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (name === 'publicKey') variables[name] = publicKeyBase64(keyOf(example.as));
      else if (name === 'input' && example.sign) {
        const signing = saved.get('signing') as { content: SignedContent; message: string } | undefined;
        if (!signing) throw new Error(`README line ${example.line}: sign=${example.sign} needs a signingMessage answer saved as "signing"`);
        const { interviewId, version } = signing.content;
        const signed = signInterview(
          {
            interviewId,
            version,
            role: example.sign as 'employee',
            signerId: example.as,
            content: signing.content,
            expectedMessage: signing.message,
          },
          keyOf(example.as).secretKey,
        );
        variables[name] = { interviewId, version, role: example.sign, signerId: example.as, kid: signed.kid, signature: signed.signature };
      } else if (saved.has(name)) variables[name] = saved.get(name);
      else throw new Error(`README line ${example.line}: $${name} was saved by no earlier example`);
    }
    return variables;
  }

  async function post(example: ReadmeExample, variables: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(example)}`, 'user-agent': 'readme-examples' },
      body: JSON.stringify({ query: example.query, variables }),
    });
    // Parsed in the test's realm, so that jest compares plain objects.
    return JSON.parse(await response.text()) as Answer;
  }

  /** Subscribes and resolves with the first event, which the next example is to cause. */
  async function subscribe(example: ReadmeExample, variables: Record<string, unknown>): Promise<{ first: Promise<Answer> }> {
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await token(example)}` },
      lazy: false,
      retryAttempts: 0,
      on: { connected: () => connected() },
    });
    await withTimeout(ready, 10_000, `README line ${example.line}: the WebSocket did not connect`);
    const first = new Promise<Answer>((resolve, reject) => {
      const stop = client.subscribe(
        { query: example.query, variables },
        {
          next: (message) => {
            resolve(JSON.parse(JSON.stringify(message)) as Answer);
            stop();
            void client.dispose();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    // graphql-ws has no "subscribed" ack: give the server a moment to register the operation.
    await new Promise((r) => setTimeout(r, 500));
    // Wrapped: an async function returning the promise itself would wait for the event.
    return { first: withTimeout(first, 10_000, `README line ${example.line}: the subscription saw no event`) };
  }

  function check(example: ReadmeExample, answer: Answer): void {
    const why = mismatch(example.expected, answer);
    if (why)
      throw new Error(`README line ${example.line} (as ${example.as}): ${why}\nanswer: ${JSON.stringify(answer, null, 1).slice(0, 4000)}`);
    if (!('errors' in (example.expected as object)) && answer.errors) {
      throw new Error(`README line ${example.line} (as ${example.as}): unexpected errors ${JSON.stringify(answer.errors)}`);
    }
    for (const [name, path] of example.save) {
      const value = at(answer.data, path);
      if (value === undefined) throw new Error(`README line ${example.line}: nothing at ${path} to save as $${name}`);
      saved.set(name, value);
    }
  }

  it('runs every GraphQL example in order and gets the answer the README shows', async () => {
    let pending: { example: ReadmeExample; answer: Promise<Answer> } | null = null;
    for (const example of examples) {
      const document = parse(example.query);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      if (operations.length !== 1) throw new Error(`README line ${example.line}: one operation per block, found ${operations.length}`);
      const operation = operations[0]!;
      const variables = variablesOf(example, operation);
      if (operation.operation === 'subscription') {
        if (pending) throw new Error(`README line ${example.line}: two subscriptions in a row`);
        pending = { example, answer: (await subscribe(example, variables)).first };
        continue;
      }
      check(example, await post(example, variables));
      if (pending) {
        check(pending.example, await pending.answer);
        pending = null;
      }
    }
    if (pending) throw new Error(`README line ${pending.example.line}: no example follows the subscription to cause an event`);
  }, 120_000);
});

describe('the README example convention', () => {
  it('refuses a graphql block without an annotation, and reads one with its answer', () => {
    expect(() => readmeExamples('text\n\n```graphql\nquery { me { id } }\n```\n')).toThrow(/line 3: a graphql block without/);
    expect(() => readmeExamples('<!-- example: who=E1 -->\n```graphql\n# as (E1)\nquery { me { id } }\n```\n')).toThrow(
      /unknown annotation keys who/,
    );
    expect(() => readmeExamples('<!-- example: as=E1 -->\n```graphql\n# as 张三 (E2)\nquery { me { id } }\n```\n')).toThrow(
      /first line must say who sends it/,
    );
    const [example] = readmeExamples(
      '<!-- example: as=E1 save=id:me.id sign=employee -->\n```graphql\n# as 张三 (E1)\nquery { me { id } }\n```\n```json\n{ "data": { "me": { "id": "E1" } } }\n```\n',
    );
    expect(example).toEqual({
      line: 2,
      query: '# as 张三 (E1)\nquery { me { id } }',
      as: 'E1',
      save: [['id', 'me.id']],
      sign: 'employee',
      expected: { data: { me: { id: 'E1' } } },
    });
  });

  it('matches answers as patterns: keys shown, elements contained, … for anything present', () => {
    expect(mismatch({ a: 1, b: [{ c: '…' }] }, { a: 1, b: [{ c: null }, { c: 'x', d: 2 }], e: 3 })).toBeNull();
    expect(mismatch({ a: 1 }, { a: 2 })).toMatch(/\$\.a: expected 1, got 2/);
    expect(mismatch({ a: '…' }, {})).toMatch(/expected a value/);
    expect(mismatch([], [1])).toMatch(/expected \[\]/);
    expect(mismatch([{ x: 1 }], [{ x: 2 }])).toMatch(/no element matches/);
    expect(mismatch({ data: null }, { data: { a: 1 } })).toMatch(/expected null/);
  });
});
