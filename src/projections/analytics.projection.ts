/**
 * The analytics read models, from interview events and the company's word lists:
 * - `analytics_records`: per interview, where it stands (stage, step, due time), its goals'
 *   achievement per performance dimension, and every text field analysed once when it is
 *   written (sentiment, themes, stress and overtime cues in the employee's own words), with the
 *   version and the event hash that prove the text;
 * - `analytics_groups`: the records' figures summed per cycle and department, for the company
 *   and per manager's team, so that a dashboard reads a few documents, not thousands;
 * - `analytics_cues`: per employee and cycle, the cue passages the alert rule counts
 *   (src/domain/alert reads them and raises alerts as events).
 *
 * It runs after the interview projection in the same batch and reads its document (the record
 * as the event left it). A record's figures are added to its groups and what they were is taken
 * away, so every group is exactly the sum of its records, whatever order and however often the
 * log is replayed. Guarded by the stream revision; texts are analysed only when they change.
 */
import { createTextAnalyzer, defaultTextAnalyzer, type TextAnalyzer } from '../analytics';
import { aggregateLabelOf } from '../analytics/sentiment';
import { isObject } from '../domain/interview/content';
import { dimensionAchievements, goalDimensions } from '../domain/interview/dimensions';
import type { ExistingInterview } from '../domain/interview/interview';
import type { FieldSpec, InterviewTemplate } from '../domain/interview/template';
import type { LedgerEvent } from '../ledger/ledger';
import {
  ANALYTICS_CONFIG_STREAM,
  ANALYTICS_CUES,
  ANALYTICS_GROUPS,
  ANALYTICS_MEMBERS,
  ANALYTICS_RECORDS,
  ANALYTICS_THEME_PEOPLE,
  ANALYTICS_THEME_TOTALS,
  ALL_DEPARTMENTS,
  ANALYTICS_SETTINGS,
  COMPANY_SCOPE,
  cueDocId,
  groupDocId,
  teamScope,
  type AnalyticsRecordDoc,
  type AnalyticsWordsSetData,
  type CueDoc,
  type CuePassage,
  type GroupDoc,
  type GroupMembers,
  type ThemePeopleDoc,
  type ThemeTotalDoc,
  themePeopleId,
  type Stage,
  type TextFacts,
} from './analytics.docs';
import { INTERVIEWS, supportNeedDocs, toState, type InterviewDoc } from './interview.projection';
import type { Change, Projection, ProjectionTx } from './projection';

const TEXT_TYPES: ReadonlySet<FieldSpec['type']> = new Set(['text', 'longText']);

/** The text fields of a record's content with their paths: `section.field`, `section.list[itemId].field`. */
export function textFields(template: InterviewTemplate, sections: Readonly<Record<string, unknown>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of template.sections) {
    const content = sections[spec.key];
    if (!isObject(content)) continue;
    for (const field of spec.fields) {
      const value = content[field.key];
      if (TEXT_TYPES.has(field.type) && typeof value === 'string' && value.trim() !== '') out.set(`${spec.key}.${field.key}`, value);
      if (field.type === 'list' && field.items && Array.isArray(value)) {
        value.forEach((item, i) => {
          if (!isObject(item)) return;
          const id = typeof item.id === 'string' ? item.id : String(i);
          for (const sub of field.items!) {
            const text = item[sub.key];
            if (TEXT_TYPES.has(sub.type) && typeof text === 'string' && text.trim() !== '')
              out.set(`${spec.key}.${field.key}[${id}].${sub.key}`, text);
          }
        });
      }
    }
  }
  return out;
}

/** The stage a record is at: locked, awaiting signatures (or at a signing step), scheduled, or in progress. */
function stageOf(state: ExistingInterview): Stage {
  if (state.status === 'locked') return 'locked';
  if (state.status === 'scheduled') return 'scheduled';
  const step = state.flow.steps.find((s) => s.key === state.workflow.step);
  // A signing step that edits nothing is the signatures step; a single session edits and signs in one.
  if (state.status === 'awaiting_signatures' || (step?.signing && step.edits.length === 0)) return 'awaiting_signatures';
  return 'in_progress';
}

const analyzers = new Map<number, TextAnalyzer>();

/** The analyzer for a version of the company's word lists (0: the defaults), built once per process. */
export function analyzerFor(settings: AnalyticsWordsSetData | null): TextAnalyzer {
  if (!settings) return defaultTextAnalyzer();
  let analyzer = analyzers.get(settings.version);
  if (!analyzer) {
    analyzer = createTextAnalyzer({
      domainTerms: settings.domainTerms,
      themes: settings.themes,
      monitoredWords: settings.monitoredWords,
    });
    analyzers.set(settings.version, analyzer);
  }
  return analyzer;
}

export interface AnalyticsProjectionOptions {
  /** Look for stress and overtime cues (off only to measure what the alert check costs). */
  readonly cues?: boolean;
}

function analyseText(
  analyzer: TextAnalyzer,
  text: string,
  own: boolean,
  cues: boolean,
): Omit<TextFacts, 'version' | 'eventHash' | 'author' | 'text'> {
  const { sentiment, alerts, themes } = analyzer.analyze(text);
  const found = own && cues ? alerts.alerts : [];
  const byKind = new Map<string, Set<string>>();
  for (const a of found) {
    const terms = byKind.get(a.kind) ?? new Set<string>();
    a.cues.forEach((c) => terms.add(c.text));
    byKind.set(a.kind, terms);
  }
  return {
    sentences: sentiment.passages.length,
    scoreSum: sentiment.passages.reduce((sum, p) => sum + p.score, 0),
    themes: themes.map((t) => t.theme),
    cues: [...byKind].map(([kind, terms]) => ({ kind: kind as 'stress' | 'overtime', terms: [...terms] })),
  };
}

/** The record's analytics document after `event`, re-analysing only the texts it changed. */
function nextRecord(
  prev: AnalyticsRecordDoc | null,
  doc: InterviewDoc,
  event: LedgerEvent,
  analyzer: TextAnalyzer,
  options: AnalyticsProjectionOptions,
): AnalyticsRecordDoc {
  const state = toState(doc);
  const { body } = event;
  const texts: Record<string, TextFacts> = {};
  for (const [path, text] of textFields(state.template, state.sections)) {
    const before = prev?.texts[path];
    if (before && before.text === text) {
      texts[path] = before;
      continue;
    }
    const author = body.meta.actor;
    texts[path] = {
      text,
      version: doc.version,
      eventHash: event.hash,
      author,
      ...analyseText(analyzer, text, author === doc.employeeId, options.cues ?? true),
    };
  }
  const step = state.flow.steps.find((s) => s.key === state.workflow.step);
  const dimensions = dimensionAchievements(state.template, state.sections.goalReview);
  const achievements = goalDimensions(state.template, state.sections.goalReview).map((g) => g.achievement);
  const all = Object.values(texts);
  return {
    id: doc.id,
    revision: body.revision,
    employeeId: doc.employeeId,
    managerId: doc.managerId,
    department: doc.department,
    cycle: doc.cycle,
    templateId: doc.templateId,
    stage: stageOf(state),
    step: state.workflow.step,
    stepLabel: step?.label ?? { zh: state.workflow.step, en: state.workflow.step },
    dueAt: doc.open ? doc.stepDueAt : null,
    updatedAt: doc.updatedAt,
    texts,
    dimensions: dimensions.map((d) => ({ key: d.key, label: d.label, value: d.achievement, goals: d.goals, inferred: d.inferred })),
    goals: achievements.length,
    missed: achievements.filter((a) => a !== null && a < 100).length,
    achievementSum: achievements.reduce<number>((s, a) => s + (a ?? 0), 0),
    achievementCount: achievements.filter((a) => a !== null).length,
    themes: [...new Set(all.flatMap((t) => t.themes))].sort(),
    sentences: all.reduce((s, t) => s + t.sentences, 0),
    scoreSum: all.reduce((s, t) => s + t.scoreSum, 0),
    stress: all.filter((t) => t.cues.some((c) => c.kind === 'stress')).length,
    overtime: all.filter((t) => t.cues.some((c) => c.kind === 'overtime')).length,
    // The support-need read model's own rule for each need's status.
    needs: supportNeedDocs(state).map((n) => ({ type: n.type, status: n.status })),
    viewers: doc.viewers,
  };
}

/** The record's mean sentence score, or null when it has no text. */
export const recordScore = (r: Pick<AnalyticsRecordDoc, 'sentences' | 'scoreSum'>): number | null =>
  r.sentences > 0 ? r.scoreSum / r.sentences : null;

export const emptyGroup = (scope: string, cycle: string, department: string): GroupDoc => ({
  id: groupDocId(scope, cycle, department),
  scope,
  cycle,
  department,
  records: 0,
  people: 0,
  stages: {},
  steps: {},
  due: {},
  dimensions: {},
  goals: 0,
  missed: 0,
  achievementSum: 0,
  achievementCount: 0,
  sentiment: { records: 0, scoreSum: 0, positive: 0, neutral: 0, negative: 0, people: 0 },
  themes: {},
  stress: 0,
  overtime: 0,
  needs: {},
});

export const emptyMembers = (id: string): GroupMembers => ({ id, people: {}, sentimentPeople: {}, themePeople: {} });

/** Whether an object has no keys, without listing them (a histogram can have hundreds). */
function isEmpty(counts: Record<string, number>): boolean {
  for (const _ in counts) return false;
  return true;
}

function bump(counts: Record<string, number>, key: string, by: number): void {
  const n = (counts[key] ?? 0) + by;
  if (n === 0) delete counts[key];
  else counts[key] = n;
}

/** Counts a person's record in or out; the change in distinct people (1, −1 or 0). */
function countPerson(counts: Record<string, number>, person: string, sign: 1 | -1): number {
  const before = counts[person] ?? 0;
  bump(counts, person, sign);
  const after = counts[person] ?? 0;
  return (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
}

/** Adds (sign 1) or takes away (sign −1) a record's figures from a group and its members. */
export function addToGroup(group: GroupDoc, members: GroupMembers, r: AnalyticsRecordDoc, sign: 1 | -1): void {
  group.records += sign;
  group.people += countPerson(members.people, r.employeeId, sign);
  bump(group.stages, r.stage, sign);
  if (r.stage === 'in_progress') {
    const step = (group.steps[r.step] ??= { label: r.stepLabel, count: 0 });
    step.count += sign;
    if (step.count === 0) delete group.steps[r.step];
  }
  if (r.dueAt && r.stage !== 'locked') bump(group.due, r.dueAt, sign);
  for (const d of r.dimensions) {
    if (d.value === null) continue;
    const dim = (group.dimensions[d.key] ??= { label: d.label, values: {} });
    bump(dim.values, String(Math.round(d.value * 10) / 10), sign);
    if (isEmpty(dim.values)) delete group.dimensions[d.key];
  }
  group.goals += sign * r.goals;
  group.missed += sign * r.missed;
  group.achievementSum += sign * r.achievementSum;
  group.achievementCount += sign * r.achievementCount;
  const score = recordScore(r);
  if (score !== null) {
    const s = group.sentiment;
    s.records += sign;
    s.scoreSum += sign * score;
    s[aggregateLabelOf(score)] += sign;
    s.people += countPerson(members.sentimentPeople, r.employeeId, sign);
    if (s.records === 0) s.scoreSum = 0; // no drift from adding and taking away floats
  }
  for (const theme of r.themes) {
    const t = (group.themes[theme] ??= { records: 0, people: 0 });
    const who = (members.themePeople[theme] ??= {});
    t.records += sign;
    t.people += countPerson(who, r.employeeId, sign);
    if (t.records === 0) delete group.themes[theme];
    if (t.people === 0) delete members.themePeople[theme];
  }
  group.stress += sign * r.stress;
  group.overtime += sign * r.overtime;
  for (const n of r.needs) bump(group.needs, JSON.stringify([n.type, n.status]), sign);
}

async function applyToGroups(tx: ProjectionTx, r: AnalyticsRecordDoc, sign: 1 | -1): Promise<void> {
  for (const scope of [COMPANY_SCOPE, teamScope(r.managerId)]) {
    const id = groupDocId(scope, r.cycle, r.department);
    const group = (await tx.get<GroupDoc>(ANALYTICS_GROUPS, id)) ?? emptyGroup(scope, r.cycle, r.department);
    const members = (await tx.get<GroupMembers>(ANALYTICS_MEMBERS, id)) ?? emptyMembers(id);
    addToGroup(group, members, r, sign);
    if (group.records === 0) {
      tx.delete(ANALYTICS_GROUPS, id);
      tx.delete(ANALYTICS_MEMBERS, id);
    } else {
      tx.put(ANALYTICS_GROUPS, group);
      tx.put(ANALYTICS_MEMBERS, members);
    }
    for (const theme of r.themes) {
      for (const department of [r.department, ALL_DEPARTMENTS]) {
        const tid = themePeopleId(scope, department, theme);
        const doc = (await tx.get<ThemePeopleDoc>(ANALYTICS_THEME_PEOPLE, tid)) ?? {
          id: tid,
          scope,
          department,
          theme,
          people: {},
          count: 0,
        };
        // Kept as a running count: a company-wide theme can hold every employee.
        doc.count += countPerson(doc.people, r.employeeId, sign);
        const people = doc.count;
        if (people === 0) {
          tx.delete(ANALYTICS_THEME_PEOPLE, tid);
          tx.delete(ANALYTICS_THEME_TOTALS, tid);
        } else {
          tx.put(ANALYTICS_THEME_PEOPLE, doc);
          tx.put(ANALYTICS_THEME_TOTALS, { id: tid, people } satisfies ThemeTotalDoc);
        }
      }
    }
  }
}

/** The record's cue passages, as the alert rule reads them. */
function cuePassages(r: AnalyticsRecordDoc): CuePassage[] {
  return Object.entries(r.texts).flatMap(([path, t]) =>
    t.cues.map((c) => ({
      kind: c.kind,
      terms: c.terms,
      interviewId: r.id,
      version: t.version,
      path,
      text: t.text,
      eventHash: t.eventHash,
    })),
  );
}

const sameCues = (a: readonly CuePassage[], b: readonly CuePassage[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Rewrites the record's part of the employee's cue document for its cycle; true when it changed. */
async function updateCues(
  tx: ProjectionTx,
  prev: AnalyticsRecordDoc | null,
  next: AnalyticsRecordDoc | null,
  at: string,
): Promise<CueDoc | null> {
  const before = prev ? cuePassages(prev) : [];
  const after = next ? cuePassages(next) : [];
  const moved = prev && next && (prev.employeeId !== next.employeeId || prev.cycle !== next.cycle);
  if (!moved && sameCues(before, after)) return null;
  if (prev && (moved || !next)) await writeCues(tx, prev, [], at);
  return next ? writeCues(tx, next, after, at) : null;
}

async function writeCues(tx: ProjectionTx, r: AnalyticsRecordDoc, passages: CuePassage[], at: string): Promise<CueDoc> {
  const id = cueDocId(r.employeeId, r.cycle);
  const current = await tx.get<CueDoc>(ANALYTICS_CUES, id);
  const cues = [...(current?.cues ?? []).filter((c) => c.interviewId !== r.id), ...passages].sort(
    (a, b) => a.interviewId.localeCompare(b.interviewId) || a.path.localeCompare(b.path) || a.kind.localeCompare(b.kind),
  );
  const doc: CueDoc = {
    id,
    employeeId: r.employeeId,
    managerId: r.managerId,
    department: r.department,
    cycle: r.cycle,
    cues,
    stress: cues.filter((c) => c.kind === 'stress').length,
    overtime: cues.filter((c) => c.kind === 'overtime').length,
    updatedAt: at,
  };
  if (cues.length === 0 && !current) return doc;
  tx.put(ANALYTICS_CUES, doc);
  return doc;
}

export const SETTINGS_ID = 'current';
export type AnalyticsSettingsDoc = AnalyticsWordsSetData & { id: string; [key: string]: unknown };

export function createAnalyticsProjection(options: AnalyticsProjectionOptions = {}): Projection {
  return {
    name: 'analytics',
    collections: [
      ANALYTICS_RECORDS,
      ANALYTICS_GROUPS,
      ANALYTICS_MEMBERS,
      ANALYTICS_THEME_PEOPLE,
      ANALYTICS_THEME_TOTALS,
      ANALYTICS_CUES,
      ANALYTICS_SETTINGS,
    ],
    async apply(event: LedgerEvent, tx: ProjectionTx): Promise<Change | void> {
      const { body } = event;
      if (body.stream === ANALYTICS_CONFIG_STREAM && body.type === 'AnalyticsWordsSet') {
        const data = body.data as AnalyticsWordsSetData;
        const current = await tx.get<AnalyticsSettingsDoc>(ANALYTICS_SETTINGS, SETTINGS_ID);
        if (current && current.version >= data.version) return;
        analyzerFor(data); // refuse to go on with lists the analyzer cannot take
        tx.put(ANALYTICS_SETTINGS, { id: SETTINGS_ID, ...data });
        return;
      }
      if (!body.stream.startsWith('interview-')) return;
      const id = (body.data as { interviewId?: unknown }).interviewId;
      if (typeof id !== 'string') return;
      const doc = await tx.get<InterviewDoc>(INTERVIEWS, id);
      if (!doc || doc.revision !== body.revision) return; // not an interview event, or not applied by the interview projection
      const prev = await tx.get<AnalyticsRecordDoc>(ANALYTICS_RECORDS, id);
      if (prev && prev.revision >= body.revision) return; // delivered before
      const settings = await tx.get<AnalyticsSettingsDoc>(ANALYTICS_SETTINGS, SETTINGS_ID);
      const next = nextRecord(prev, doc, event, analyzerFor(settings), options);
      if (prev) await applyToGroups(tx, prev, -1);
      await applyToGroups(tx, next, 1);
      tx.put(ANALYTICS_RECORDS, next);
      const cues = await updateCues(tx, prev, next, body.meta.at);
      if (!cues) return;
      return { kind: 'analyticsCues', id: cues.id, viewers: [], eventType: body.type, position: event.position };
    },
  };
}

export const analyticsProjection: Projection = createAnalyticsProjection();
