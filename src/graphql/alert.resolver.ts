/**
 * Stress and overtime alerts over GraphQL: the list and one alert (HR and admins, auditors when
 * ALERTS_VISIBLE_TO_AUDITORS is on; every read recorded), acknowledging and closing with a note,
 * who read what (admins), and the company's word lists and thresholds. Thin: each field calls one
 * use case with the caller's metadata and maps the result.
 */
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { acknowledgeAlert, closeAlert, setAnalyticsWords } from '../application/alert-service';
import { alertReads, analyticsWords, getAlert, listAlerts } from '../application/queries/alerts';
import type { Viewer } from '../domain/access';
import type { AlertDoc, AlertReadDoc, AnalyticsWordsDoc } from '../projections/alert.projection';
import { commandMeta, type Context } from './context';
import { decodeCursor, encodeCursor } from './cursor';
import { AlertConnection, AlertReadType, AlertType, AnalyticsWordsInput, AnalyticsWordsType } from './alert.type';
import { CurrentViewer } from './viewer';

function toAlert(doc: AlertDoc): AlertType {
  return Object.assign(new AlertType(), {
    ...doc,
    passages: doc.passages.map((p) => ({ ...p, terms: [...p.terms] })),
    thresholds: { ...doc.thresholds },
    notes: doc.notes.map((n) => ({ ...n, at: new Date(n.at) })),
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
  });
}

function toRead(doc: AlertReadDoc): AlertReadType {
  return Object.assign(new AlertReadType(), { ...doc, at: new Date(doc.at) });
}

function toWords(doc: AnalyticsWordsDoc): AnalyticsWordsType {
  return Object.assign(new AnalyticsWordsType(), {
    version: doc.version,
    monitoredWords: {
      stress: doc.monitoredWords.stress ? [...doc.monitoredWords.stress] : null,
      overtime: doc.monitoredWords.overtime ? [...doc.monitoredWords.overtime] : null,
      domainTerms: doc.monitoredWords.domainTerms ? [...doc.monitoredWords.domainTerms] : null,
    },
    domainTerms: [...doc.domainTerms],
    themes: doc.themes.map((t) => ({ theme: t.theme, terms: [...t.terms] })),
    thresholds: { ...doc.thresholds },
    setBy: doc.setBy || null,
    setAt: doc.setAt ? new Date(doc.setAt) : null,
  });
}

/** GraphQL input objects as plain data, with the fields left out (or null) absent. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, plain(v)]])));
  }
  return value;
}

@Resolver()
export class AlertResolver {
  @Authorized()
  @Query(() => AlertConnection, {
    description:
      'Stress and overtime alerts, newest first: HR and admins (auditors when ALERTS_VISIBLE_TO_AUDITORS is on). Every read is recorded (alertReads).',
  })
  async alerts(
    @Ctx() ctx: Context,
    @Arg('status', () => String, { nullable: true, description: 'open, acknowledged or closed.' }) status?: string,
    @Arg('department', () => String, { nullable: true }) department?: string,
    @Arg('cycle', () => String, { nullable: true }) cycle?: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AlertConnection> {
    const page = await listAlerts(ctx.app, commandMeta(ctx), {
      status: status ?? null,
      department: department ?? null,
      cycle: cycle ?? null,
      first,
      after: after ? decodeCursor(after) : null,
    });
    const edges = page.docs.map((doc) => ({ cursor: encodeCursor(doc.createdAt, doc.id), node: toAlert(doc) }));
    return Object.assign(new AlertConnection(), {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    });
  }

  @Authorized()
  @Query(() => AlertType, {
    description: 'One alert (NOT_FOUND for those who may not read alerts, as for an id that does not exist). The read is recorded.',
  })
  async alert(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AlertType> {
    return toAlert(await getAlert(ctx.app, commandMeta(ctx), id));
  }

  @Authorized('handleAlerts')
  @Mutation(() => AlertType, { description: 'HR acknowledges an open alert, with a note (an AlertAcknowledged event).' })
  async acknowledgeAlert(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<AlertType> {
    return toAlert(await acknowledgeAlert(ctx.app, commandMeta(ctx), { alertId: id, note }));
  }

  @Authorized('handleAlerts')
  @Mutation(() => AlertType, {
    description: 'HR closes an alert, acknowledged or not, with a note (an AlertClosed event); it then takes no more.',
  })
  async closeAlert(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: Context): Promise<AlertType> {
    return toAlert(await closeAlert(ctx.app, commandMeta(ctx), { alertId: id, note }));
  }

  @Authorized('readAlertReads')
  @Query(() => [AlertReadType], { description: 'Who read which alerts and when, newest first: admins only.' })
  async alertReads(
    @Ctx() ctx: Context,
    @Arg('alertId', () => ID, { nullable: true }) alertId?: string,
    @Arg('readerId', () => ID, { nullable: true }) readerId?: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<AlertReadType[]> {
    return (await alertReads(ctx.app, commandMeta(ctx), { alertId: alertId ?? null, readerId: readerId ?? null, first })).map(toRead);
  }

  @Authorized('setAnalyticsWords')
  @Query(() => AnalyticsWordsType, {
    description: 'The monitored words, extra dictionary words and themes, and the alert thresholds in effect.',
  })
  async analyticsWords(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<AnalyticsWordsType> {
    return toWords(await analyticsWords(ctx.app, viewer));
  }

  @Authorized('setAnalyticsWords')
  @Mutation(() => AnalyticsWordsType, {
    description:
      'Sets the word lists and thresholds (an AnalyticsWordsSet event, the next version). expectedVersion: the version you changed (0 before the first).',
  })
  async setAnalyticsWords(
    @Arg('input', () => AnalyticsWordsInput) input: AnalyticsWordsInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<AnalyticsWordsType> {
    return toWords(await setAnalyticsWords(ctx.app, commandMeta(ctx), plain(input) as Record<string, unknown>, expectedVersion));
  }
}
