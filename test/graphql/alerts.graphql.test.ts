/**
 * Alerts over GraphQL: who sees them (HR and admins; auditors only with
 * ALERTS_VISIBLE_TO_AUDITORS=on; everyone else FORBIDDEN for the list and NOT_FOUND for one),
 * acknowledging and closing with notes and their coded errors, the read audit (recorded before the
 * answer, queryable by admins only), and the word lists and thresholds with their bad inputs.
 */
import { parse } from 'graphql';
import type { Role } from '../../src/domain/command';
import { DEFAULT_QUERY_LIMITS, operationCost } from '../../src/graphql/query-limits';
import { getSchema } from '../../src/graphql/schema';
import type { App } from '../../src/server/app';
import { cueDoc, cuePassage, writeCueDocs } from '../support/cue-docs';
import { openTestApp, testApollo } from '../support/test-app';

type Result = { data?: any; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, any> }> };

const ROLES: Record<string, Role[]> = {
  E1: ['employee'],
  M1: ['manager', 'employee'],
  HR1: ['hr', 'employee'],
  AUD1: ['auditor'],
  ADM1: ['admin'],
};

const LIST =
  'query($s: String, $d: String, $c: String, $f: Int, $a: String) { alerts(status: $s, department: $d, cycle: $c, first: $f, after: $a) { edges { cursor node { id kind status employeeId department cycle rule passages { interviewId version path text eventHash terms } notes { action note by at } } } pageInfo { hasNextPage endCursor } } }';
const ONE = 'query($id: ID!) { alert(id: $id) { id status cycle passages { interviewId eventHash } } }';
const ACK = 'mutation($id: ID!, $n: String!) { acknowledgeAlert(id: $id, note: $n) { id status notes { action note by } } }';
const CLOSE = 'mutation($id: ID!, $n: String!) { closeAlert(id: $id, note: $n) { id status notes { action note by } } }';
const READS = 'query($a: ID, $r: ID) { alertReads(alertId: $a, readerId: $r) { readerId readerRoles at alertIds query stream } }';
const WORDS =
  'query { analyticsWords { version monitoredWords { stress overtime domainTerms } domainTerms themes { theme terms } thresholds { perCycle consecutiveCycles } setBy } }';
const SET =
  'mutation($i: AnalyticsWordsInput!, $v: Int!) { setAnalyticsWords(input: $i, expectedVersion: $v) { version monitoredWords { stress overtime } thresholds { perCycle consecutiveCycles } } }';

const codeOf = (r: Result) => r.errors?.[0]?.extensions?.code;

async function withAlerts(env: Record<string, string> = {}) {
  const { app, clock } = await openTestApp(env);
  const gql = await testApollo(app);
  const as = (id: string) => gql.as(id, ROLES[id]);
  const two = (e: string, cycle: string, department = '生产部') =>
    cueDoc(e, cycle, [cuePassage('stress', `IV-${e}-${cycle}`, 'a'), cuePassage('stress', `IV-${e}-${cycle}`, 'b')], { department });
  await writeCueDocs(app, two('E1', '2026-H1'));
  await app.alerts.check('E1');
  clock.advance(1000);
  await writeCueDocs(app, two('E2', '2026-H1'));
  await app.alerts.check('E2');
  clock.advance(1000);
  await writeCueDocs(app, two('E3', '2026-H2', '研发中心'));
  await app.alerts.check('E3');
  const last = (await app.store.readAll()).at(-1)!;
  await app.projector.waitFor(last.position);
  return { app, gql, as, clock };
}

describe('alerts over GraphQL (auditors off)', () => {
  let ctx: Awaited<ReturnType<typeof withAlerts>>;
  beforeAll(async () => {
    ctx = await withAlerts();
  }, 60_000);
  afterAll(async () => {
    await ctx.gql.server.stop();
    await ctx.app.close();
  });

  it('HR and admins list alerts newest first, filter them and page through them', async () => {
    const r = (await ctx.as('HR1')(LIST)) as Result;
    expect(r.errors).toBeUndefined();
    expect(r.data.alerts.edges.map((e: any) => e.node.id)).toEqual(['stress-E3-2026-H2', 'stress-E2-2026-H1', 'stress-E1-2026-H1']);
    expect(r.data.alerts.edges[2].node).toMatchObject({
      kind: 'stress',
      status: 'open',
      employeeId: 'E1',
      rule: 'perCycle',
      passages: [expect.objectContaining({ interviewId: 'IV-E1-2026-H1', version: 3, path: 'a', terms: ['压力很大'] }), expect.anything()],
    });
    const admin = (await ctx.as('ADM1')(LIST, { d: '研发中心' })) as Result;
    expect(admin.data.alerts.edges.map((e: any) => e.node.id)).toEqual(['stress-E3-2026-H2']);
    expect(((await ctx.as('HR1')(LIST, { c: '2026-H1' })) as Result).data.alerts.edges).toHaveLength(2);
    const page1 = (await ctx.as('HR1')(LIST, { f: 2 })) as Result;
    expect(page1.data.alerts.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ctx.as('HR1')(LIST, { f: 2, a: page1.data.alerts.pageInfo.endCursor })) as Result;
    expect(page2.data.alerts.edges.map((e: any) => e.node.id)).toEqual(['stress-E1-2026-H1']);
    expect(page2.data.alerts.pageInfo.hasNextPage).toBe(false);
    expect(codeOf((await ctx.as('HR1')(LIST, { s: 'pending' })) as Result)).toBe('INVALID_VALUE');
  });

  it('employees, managers and auditors (setting off) get FORBIDDEN for the list and NOT_FOUND for one alert', async () => {
    for (const id of ['E1', 'M1', 'AUD1']) {
      const list = (await ctx.as(id)(LIST)) as Result;
      expect([id, codeOf(list), list.data ?? null]).toEqual([id, 'FORBIDDEN', null]);
      const existing = (await ctx.as(id)(ONE, { id: 'stress-E1-2026-H1' })) as Result;
      const missing = (await ctx.as(id)(ONE, { id: 'stress-E1-2099-H1' })) as Result;
      expect([id, codeOf(existing)]).toEqual([id, 'NOT_FOUND']);
      // No existence leak: the answer for an alert that exists equals that for one that does not.
      expect(JSON.stringify(existing).replaceAll('2026', 'YYYY')).toBe(JSON.stringify(missing).replaceAll('2099', 'YYYY'));
      expect(codeOf((await ctx.as(id)(ACK, { id: 'stress-E1-2026-H1', n: '看过' })) as Result)).toBe('FORBIDDEN');
      expect(codeOf((await ctx.as(id)(READS)) as Result)).toBe('FORBIDDEN');
      expect(codeOf((await ctx.as(id)(WORDS)) as Result)).toBe('FORBIDDEN');
    }
    expect(codeOf((await ctx.gql.as(null)(LIST)) as Result)).toBe('UNAUTHENTICATED');
  });

  it('records every read of alerts (who, when, which) before answering; only admins query the record', async () => {
    ctx.clock.advance(60_000);
    const one = (await ctx.as('HR1')(ONE, { id: 'stress-E2-2026-H1' })) as Result;
    expect(one.data.alert).toMatchObject({ id: 'stress-E2-2026-H1', cycle: '2026-H1' });
    const forE2 = (await ctx.as('ADM1')(READS, { a: 'stress-E2-2026-H1' })) as Result;
    expect(forE2.errors).toBeUndefined();
    expect(forE2.data.alertReads[0]).toEqual({
      readerId: 'HR1',
      readerRoles: ['hr', 'employee'],
      at: ctx.clock().toISOString(),
      alertIds: ['stress-E2-2026-H1'],
      query: { field: 'alert', id: 'stress-E2-2026-H1' },
      stream: `alert-reads-HR1-${ctx.clock().toISOString().slice(0, 10)}`,
    });
    // The list reads of the first test are there too, each naming the alerts it showed.
    const byHr = (await ctx.as('ADM1')(READS, { r: 'HR1' })) as Result;
    expect(byHr.data.alertReads).toHaveLength(5); // four lists (the refused status filter read nothing) and one alert
    expect(byHr.data.alertReads.every((r: any) => r.readerId === 'HR1')).toBe(true);
    expect(byHr.data.alertReads.some((r: any) => r.query.field === 'alerts' && r.alertIds.length === 3)).toBe(true);
    const byAdmin = (await ctx.as('ADM1')(READS, { r: 'ADM1', a: 'stress-E3-2026-H2' })) as Result;
    expect(byAdmin.data.alertReads).toEqual([
      expect.objectContaining({ query: expect.objectContaining({ field: 'alerts', department: '研发中心' }) }),
    ]);
    // Refused reads read nothing and record nothing.
    expect(((await ctx.as('ADM1')(READS, { r: 'AUD1' })) as Result).data.alertReads).toEqual([]);
    // Nor does an id that does not exist.
    await ctx.as('HR1')(ONE, { id: 'stress-E9-2026-H1' });
    expect(((await ctx.as('ADM1')(READS, { a: 'stress-E9-2026-H1' })) as Result).data.alertReads).toEqual([]);
    // HR read alerts, but the record of reads is for admins.
    expect(codeOf((await ctx.as('HR1')(READS)) as Result)).toBe('FORBIDDEN');
    // The audit events are ledger events on the reader's stream of the day.
    const stream = await ctx.app.ledger.readStream(`alert-reads-HR1-${ctx.clock().toISOString().slice(0, 10)}`);
    expect(stream.every((e) => e.body.type === 'AlertsRead' && e.body.meta.actor === 'HR1')).toBe(true);
  });

  it('a read whose audit cannot be written gets no answer', async () => {
    const handle = ctx.app.commands.handle.bind(ctx.app.commands);
    const spy = jest.spyOn(ctx.app.commands, 'handle').mockImplementation((stream, decider, command) => {
      if (stream.startsWith('alert-reads-')) return Promise.reject(new Error('disk full'));
      return handle(stream, decider, command);
    });
    const silence = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const list = (await ctx.as('HR1')(LIST)) as Result;
      expect([codeOf(list), list.data ?? null]).toEqual(['INTERNAL_SERVER_ERROR', null]);
      const one = (await ctx.as('HR1')(ONE, { id: 'stress-E1-2026-H1' })) as Result;
      expect([codeOf(one), one.data ?? null]).toEqual(['INTERNAL_SERVER_ERROR', null]);
      expect(JSON.stringify([list, one])).not.toContain('压力');
    } finally {
      spy.mockRestore();
      silence.mockRestore();
    }
  });

  it('HR acknowledges and closes an alert with notes; the coded errors say what is wrong', async () => {
    const id = 'stress-E3-2026-H2';
    expect(codeOf((await ctx.as('HR1')(ACK, { id, n: '  ' })) as Result)).toBe('REQUIRED');
    expect(codeOf((await ctx.as('HR1')(ACK, { id, n: '已处理\u2066' })) as Result)).toBe('BIDI_CONTROL');
    expect(codeOf((await ctx.as('HR1')(ACK, { id, n: '长'.repeat(2001) })) as Result)).toBe('VALUE_TOO_LARGE');
    expect(codeOf((await ctx.as('HR1')(ACK, { id: 'stress-E3-2099', n: '看过' })) as Result)).toBe('NOT_FOUND');
    const acked = (await ctx.as('HR1')(ACK, { id, n: '已与员工约谈' })) as Result;
    expect(acked.data.acknowledgeAlert).toEqual({
      id,
      status: 'acknowledged',
      notes: [{ action: 'acknowledged', note: '已与员工约谈', by: 'HR1' }],
    });
    expect(codeOf((await ctx.as('ADM1')(ACK, { id, n: '再次' })) as Result)).toBe('ALERT_ALREADY_ACKNOWLEDGED');
    const closed = (await ctx.as('ADM1')(CLOSE, { id, n: '已调整排班' })) as Result;
    expect(closed.data.closeAlert.status).toBe('closed');
    expect(closed.data.closeAlert.notes.map((n: any) => [n.action, n.by])).toEqual([
      ['acknowledged', 'HR1'],
      ['closed', 'ADM1'],
    ]);
    expect(codeOf((await ctx.as('HR1')(CLOSE, { id, n: '再关' })) as Result)).toBe('ALERT_ALREADY_CLOSED');
    expect(codeOf((await ctx.as('HR1')(ACK, { id, n: '晚了' })) as Result)).toBe('ALERT_ALREADY_CLOSED');
    const closedOnes = (await ctx.as('HR1')(LIST, { s: 'closed' })) as Result;
    expect(closedOnes.data.alerts.edges.map((e: any) => e.node.id)).toEqual([id]);
    // An open alert closes without an acknowledgement.
    expect(((await ctx.as('HR1')(CLOSE, { id: 'stress-E2-2026-H1', n: '误报' })) as Result).data.closeAlert.status).toBe('closed');
  });

  it('word lists and thresholds: versioned events for HR and admins, with coded errors for bad input', async () => {
    const before = (await ctx.as('HR1')(WORDS)) as Result;
    expect(before.data.analyticsWords).toEqual({
      version: 0,
      monitoredWords: { stress: null, overtime: null, domainTerms: null },
      domainTerms: [],
      themes: [],
      thresholds: { perCycle: 2, consecutiveCycles: 2 },
      setBy: null,
    });
    const huge = Array.from({ length: 2001 }, (_, i) => `词${i}`);
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ monitoredWords: { stress: huge } }, 0, 'ANALYTICS_WORD_LIST_TOO_LARGE'],
      [{ monitoredWords: { stress: ['焦虑', '焦慮'] } }, 0, 'ANALYTICS_WORD_DUPLICATE'],
      [{ domainTerms: ['压力\u202E表'] }, 0, 'BIDI_CONTROL'],
      [{ monitoredWords: { overtime: [''] } }, 0, 'ANALYTICS_WORD_INVALID'],
      [{ thresholds: { perCycle: 0 } }, 0, 'VALUE_OUT_OF_RANGE'],
      [{ thresholds: { consecutiveCycles: 9 } }, 0, 'VALUE_OUT_OF_RANGE'],
      [{}, 3, 'VERSION_CONFLICT'],
    ];
    for (const [input, version, code] of bad) {
      expect([code, codeOf((await ctx.as('HR1')(SET, { i: input, v: version })) as Result)]).toEqual([code, code]);
    }
    const v1 = (await ctx.as('HR1')(SET, { i: { monitoredWords: { stress: [] }, thresholds: { perCycle: 3 } }, v: 0 })) as Result;
    expect(v1.data.setAnalyticsWords).toEqual({
      version: 1,
      monitoredWords: { stress: [], overtime: null },
      thresholds: { perCycle: 3, consecutiveCycles: 2 },
    });
    const v2 = (await ctx.as('ADM1')(SET, { i: { monitoredWords: { overtime: ['加班'] } }, v: 1 })) as Result;
    expect(v2.data.setAnalyticsWords.version).toBe(2);
    expect(codeOf((await ctx.as('HR1')(SET, { i: {}, v: 1 })) as Result)).toBe('VERSION_CONFLICT');
    for (const id of ['E1', 'M1', 'AUD1']) expect(codeOf((await ctx.as(id)(SET, { i: {}, v: 2 })) as Result)).toBe('FORBIDDEN');
    const events = await ctx.app.ledger.readStream('analytics-config');
    expect(events.map((e) => [e.body.type, (e.body.data as { version: number }).version])).toEqual([
      ['AnalyticsWordsSet', 1],
      ['AnalyticsWordsSet', 2],
    ]);
  });

  it('prices a list read by its page and its audit append: a page of 200 alerts with their passages is over the budget', async () => {
    const schema = await getSchema();
    const cost = (first: number) => operationCost(schema, parse(LIST), { f: first })!;
    expect(cost(20)).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
    expect(cost(200)).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost);
    expect(operationCost(schema, parse(ONE), { id: 'x' })).toBeGreaterThanOrEqual(50);
  });
});

describe('alerts over GraphQL (ALERTS_VISIBLE_TO_AUDITORS=on)', () => {
  let ctx: Awaited<ReturnType<typeof withAlerts>>;
  let app: App;
  beforeAll(async () => {
    ctx = await withAlerts({ ALERTS_VISIBLE_TO_AUDITORS: 'on' });
    app = ctx.app;
  }, 60_000);
  afterAll(async () => {
    await ctx.gql.server.stop();
    await app.close();
  });

  it('auditors read alerts (recorded like every read) but do not handle them; others are still refused', async () => {
    const list = (await ctx.as('AUD1')(LIST)) as Result;
    expect(list.data.alerts.edges).toHaveLength(3);
    expect(((await ctx.as('AUD1')(ONE, { id: 'stress-E1-2026-H1' })) as Result).data.alert.id).toBe('stress-E1-2026-H1');
    expect(codeOf((await ctx.as('AUD1')(ACK, { id: 'stress-E1-2026-H1', n: '看过' })) as Result)).toBe('FORBIDDEN');
    expect(codeOf((await ctx.as('AUD1')(READS)) as Result)).toBe('FORBIDDEN');
    const reads = (await ctx.as('ADM1')(READS, { r: 'AUD1' })) as Result;
    expect(reads.data.alertReads.map((r: any) => r.query.field).sort()).toEqual(['alert', 'alerts']);
    for (const id of ['E1', 'M1']) expect(codeOf((await ctx.as(id)(LIST)) as Result)).toBe('FORBIDDEN');
  });
});
