/**
 * Query bundles for every filter the API accepts: on the demo company, every non-empty
 * combination of the EvidenceFilter fields, with values of a real demo interview, given in every
 * key order, exported (through GraphQL and through exportEvidence itself, where the caller's
 * object reaches the evidence code as given) and checked by the offline verifier — and once by
 * the verify-bundle command. The filter's key order must never change a byte of the bundle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInputObjectType } from 'graphql';
import { DEMO_PEOPLE, seedDemo } from '../../src/demo/demo-data';
import { NotFoundError } from '../../src/domain/errors';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { QUERY_FILTER_KEYS, type BundleSubject, type EvidenceBundle } from '../../src/evidence/bundle-format';
import { exportEvidence } from '../../src/evidence/export-bundle';
import { renderEvidenceHtml } from '../../src/evidence/render-html';
import { verifyBundle } from '../../src/evidence/verify-bundle';
import { getSchema } from '../../src/graphql/schema';
import { INTERVIEWS, type InterviewDoc } from '../../src/projections/interview.projection';
import { createApp, type App } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { runTs } from '../support/run-ts';
import { testApollo, testClock } from '../support/test-app';

const SEED_TIMEOUT = 180_000;
const EXPORT = `mutation($id: ID, $filter: EvidenceFilter) { exportEvidence(interviewId: $id, filter: $filter) { fileName content sha256 interviews } }`;

type Filter = Record<string, string>;

/** Every non-empty subset of `keys`, in their order. */
const subsets = <T>(keys: readonly T[]): T[][] =>
  keys.reduce<T[][]>((all, key) => [...all, ...all.map((s) => [...s, key])], [[]]).filter((s) => s.length > 0);

/** Every order of `keys`. */
const permutations = <T>(keys: readonly T[]): T[][] =>
  keys.length <= 1
    ? [[...keys]]
    : keys.flatMap((key, i) => permutations([...keys.slice(0, i), ...keys.slice(i + 1)]).map((rest) => [key, ...rest]));

/** An object whose members come in exactly the order of `keys`. */
const ordered = (keys: readonly string[], values: Filter): Filter => Object.fromEntries(keys.map((k) => [k, values[k]!]));

describe('query bundles for every filter combination', () => {
  let app: App;
  let dir: string;
  let gql: Awaited<ReturnType<typeof testApollo>>;
  let pins: string[];
  let apiKeys: string[];
  /** A locked demo interview of the demo employee: the filter values come from it. */
  let record: InterviewDoc;
  let values: Filter;
  let docs: InterviewDoc[];

  const auditor = () => gql.as(DEMO_PEOPLE.auditor, ['auditor'], '10.0.0.99');
  const verify = (bytes: Buffer) => verifyBundle(bytes, { trustedLedgerKeys: pins });
  const matching = (filter: Filter) => docs.filter((d) => Object.entries(filter).every(([k, v]) => (d as unknown as Filter)[k] === v));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'evidence-filters-'));
    // A fixed clock: two exports of the same selection are then the same file, byte for byte.
    app = await createApp(
      loadConfig({
        DATA_DIR: dir,
        JWT_SECRET: 'test-secret-please-ignore',
        PORT: '0',
        CHECKPOINT_INTERVAL_MS: '0',
        EVIDENCE_QUERY_EXPORTS_PER_MINUTE: '0',
      }),
      {
        clock: testClock('2026-11-23T01:00:00.000Z'),
      },
    );
    await seedDemo(app);
    gql = await testApollo(app);
    pins = app.keyring.published.map((k) => k.publicKey);
    const filter = (await getSchema()).getType('EvidenceFilter');
    if (!isInputObjectType(filter)) throw new Error('EvidenceFilter is not an input type');
    apiKeys = Object.keys(filter.getFields());
    docs = await app.readModels.find<InterviewDoc>(INTERVIEWS, { orderBy: { field: 'id', direction: 'asc' }, limit: 100_000 });
    record = docs.find((d) => d.employeeId === DEMO_PEOPLE.employee && d.status === 'locked')!;
    values = { employeeId: record.employeeId, department: record.department, cycle: record.cycle };
  }, SEED_TIMEOUT);

  afterAll(async () => {
    await gql?.server.stop();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('knows every filter field the API accepts, and the demo has a record for the values', () => {
    expect([...apiKeys].sort()).toEqual([...QUERY_FILTER_KEYS].sort());
    expect(record).toBeDefined();
    // The department and the cycle each select more than the one record, so the bundles differ.
    expect(matching({ department: values.department! }).length).toBeGreaterThan(1);
    expect(matching({ cycle: values.cycle! }).length).toBeGreaterThan(1);
  });

  it.each(subsets(QUERY_FILTER_KEYS).map((keys) => [keys.join('+'), keys] as const))(
    'exports %s in every key order, as the same file, and it verifies offline',
    async (_name, keys) => {
      const filter = ordered(keys, values);
      const expected = matching(filter);
      expect(expected.length).toBeGreaterThan(0);
      const files = new Set<string>();
      let bundle: EvidenceBundle | undefined;
      for (const order of permutations(keys)) {
        const exported = await exportEvidence(app, { kind: 'query', ...ordered(order, values) } as BundleSubject);
        bundle = exported.bundle;
        const report = verify(exported.bytes);
        expect({ order, failures: report.failures }).toEqual({ order, failures: [] });
        expect(report.ok).toBe(true);
        expect(exported.bundle.interviews.map((i) => i.id).sort()).toEqual(expected.map((d) => d.id).sort());
        files.add(exported.sha256);

        const viaApi = await auditor()(EXPORT, { filter: ordered(order, values) });
        expect(viaApi.errors).toBeUndefined();
        const content = Buffer.from((viaApi.data as any).exportEvidence.content, 'utf8');
        expect(verify(content).failures).toEqual([]);
        files.add((viaApi.data as any).exportEvidence.sha256);
      }
      expect(files.size).toBe(1);
      expect(bundle!.subject).toEqual({ kind: 'query', ...filter });
      // The page names the filter in the one order of QUERY_FILTER_KEYS.
      const line = QUERY_FILTER_KEYS.filter((k) => keys.includes(k))
        .map((k) => `${k}=${values[k]}`)
        .join(', ');
      expect(bundle!.rendering.html).toContain(`<p>范围 Subject: ${line} · `);
    },
    120_000,
  );

  it('verifies a three-key bundle through the offline command', async () => {
    const exported = await exportEvidence(app, {
      kind: 'query',
      cycle: values.cycle!,
      employeeId: values.employeeId!,
      department: values.department!,
    });
    const file = join(dir, 'three-keys.evidence.json');
    writeFileSync(file, exported.bytes);
    const result = await runTs('scripts/verify-bundle.ts', [file, ...pins.flatMap((k) => ['--ledger-key', k])], {});
    expect(result.stdout).not.toContain('FAIL');
    expect(result.stdout).toContain('OK 1 interview(s)');
    expect(result.code).toBe(0);
  }, 60_000);

  it('exports a single interview that verifies, its subject the interview alone', async () => {
    const result = await auditor()(EXPORT, { id: record.id });
    expect(result.errors).toBeUndefined();
    const bytes = Buffer.from((result.data as any).exportEvidence.content, 'utf8');
    expect(verify(bytes).failures).toEqual([]);
    const bundle = JSON.parse(bytes.toString('utf8')) as EvidenceBundle;
    expect(bundle.subject).toEqual({ kind: 'interview', interviewId: record.id });
    expect(bundle.interviews.map((i) => i.id)).toEqual([record.id]);
  });

  it('answers NOT_FOUND for a filter that matches nothing, even when each value matches on its own', async () => {
    const otherDepartment = docs.find((d) => d.department !== values.department)!.department;
    expect(matching({ employeeId: values.employeeId!, department: otherDepartment })).toEqual([]);
    const none = await auditor()(EXPORT, { filter: { employeeId: values.employeeId, department: otherDepartment } });
    expect(none.data).toBeNull();
    expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await expect(exportEvidence(app, { kind: 'query', cycle: '1999-Q1' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a sealed subject with a member the page does not show', async () => {
    const exported = await exportEvidence(app, { kind: 'query', cycle: values.cycle! });
    const bundle = JSON.parse(exported.bytes.toString('utf8'));
    bundle.subject.position = '装配工';
    expect(verify(canonicalJson(bundle)).failures.map((f) => f.code)).toEqual(['BUNDLE_FORMAT']);
  });
});

describe('the subject line of the page', () => {
  const members = (subject: BundleSubject) => ({
    createdAt: '2026-07-01T00:00:00.000Z',
    subject,
    checkpoint: { note: '', size: 0, rootHash: '' },
    ledgerKeys: [],
    interviews: [],
  });

  it('lists the filter in the order of QUERY_FILTER_KEYS, whatever order the object has', () => {
    const values: Filter = { employeeId: 'E1001', department: '生产部', cycle: '2026-Q2' };
    const pages = permutations([...QUERY_FILTER_KEYS]).map((order) =>
      renderEvidenceHtml(members({ kind: 'query', ...ordered(order, values) }), []),
    );
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain('<p>范围 Subject: employeeId=E1001, department=生产部, cycle=2026-Q2 · ');
  });
});
