/**
 * The analytics read models' documents (src/projections/analytics.projection.ts writes them;
 * the dashboard use cases and the alert service read them). Rebuildable from the log like every
 * read model: nothing here is a source of truth.
 */
import type { PassageRef } from '../analytics/dashboard-types';
import type { Localized } from '../domain/localized';

/** One document per interview: what the dashboards count of it, and its texts' analysis. */
export const ANALYTICS_RECORDS = 'analytics_records';
/**
 * Sums of the records' figures per cycle and department: one document for the whole company
 * (`scope` "all") and one per manager's team (`scope` "m:<managerId>"), kept by adding each
 * record's figures and taking away what they were, so a dashboard reads a handful of documents.
 */
export const ANALYTICS_GROUPS = 'analytics_groups';
/** The word lists the projection analyses with (the latest AnalyticsWordsSet it applied). */
export const ANALYTICS_SETTINGS = 'analytics_settings';

/** Where a record stands, for the completion chart. */
export type Stage = 'scheduled' | 'in_progress' | 'awaiting_signatures' | 'locked';

/** One text field of a record, analysed. */
export interface TextFacts {
  readonly text: string;
  /** The record version and the event that wrote the text as it stands. */
  readonly version: number;
  readonly eventHash: string;
  /** Who wrote it (the event's actor). */
  readonly author: string;
  /** Sentences scored, and the sum of their scores (the interview's score is the mean over all its sentences). */
  readonly sentences: number;
  readonly scoreSum: number;
  readonly themes: readonly string[];
  /** Stress and overtime cues in the author's own words (kept only when the author is the employee). */
  readonly cues: readonly { readonly kind: CueKind; readonly terms: readonly string[] }[];
}

export interface DimensionFacts {
  readonly key: string;
  readonly label: Localized;
  readonly value: number | null;
  readonly goals: number;
  readonly inferred: number;
}

export interface AnalyticsRecordDoc {
  id: string;
  revision: number;
  employeeId: string;
  managerId: string;
  department: string;
  cycle: string;
  templateId: string;
  stage: Stage;
  step: string;
  stepLabel: Localized;
  /** Open records: when the current step is due (overdue after it). */
  dueAt: string | null;
  updatedAt: string;
  texts: Record<string, TextFacts>;
  dimensions: DimensionFacts[];
  goals: number;
  missed: number;
  achievementSum: number;
  achievementCount: number;
  /** Themes raised anywhere in the record, top-level for queries. */
  themes: string[];
  /** Sentences scored and their score sum, over all texts. */
  sentences: number;
  scoreSum: number;
  /** Passages of the employee's own words with a stress / overtime cue. */
  stress: number;
  overtime: number;
  needs: { type: string; status: string }[];
  viewers: string[];
  [key: string]: unknown;
}

/** Per-key counters, e.g. people → records of theirs in the group. */
export type Counts = Record<string, number>;

/**
 * The figures of a group. Distinct people are kept as counts (`people`), so that a dashboard
 * reads small documents; who they are is in the group's members document, which only the
 * projection reads.
 */
export interface GroupDoc {
  id: string;
  /** "all" or "m:<managerId>". */
  scope: string;
  cycle: string;
  department: string;
  records: number;
  /** Distinct employees with a record in the group. */
  people: number;
  stages: Counts;
  steps: Record<string, { label: Localized; count: number }>;
  /** Open records by the instant their step is due. */
  due: Counts;
  /** Per dimension: its label and the records' values (rounded to 0.1 %) → count. */
  dimensions: Record<string, { label: Localized; values: Counts }>;
  goals: number;
  missed: number;
  achievementSum: number;
  achievementCount: number;
  /** Records with text, their mean scores' sum, labels, and distinct people among them. */
  sentiment: { records: number; scoreSum: number; positive: number; neutral: number; negative: number; people: number };
  /** Per theme: records raising it and distinct people among them. */
  themes: Record<string, { records: number; people: number }>;
  stress: number;
  overtime: number;
  /** JSON `[type, status]` → count. */
  needs: Counts;
  [key: string]: unknown;
}

/** Who is counted in a group: records per person, overall, with text, and per theme (read by the projection only). */
export const ANALYTICS_MEMBERS = 'analytics_members';
export interface GroupMembers {
  /** The group's id. */
  id: string;
  people: Counts;
  sentimentPeople: Counts;
  themePeople: Record<string, Counts>;
  [key: string]: unknown;
}

/**
 * Per scope, department and theme, across cycles: the records per person raising it, so that a
 * theme's distinct people over several cycles is one small document away.
 */
export const ANALYTICS_THEME_PEOPLE = 'analytics_theme_people';
export interface ThemePeopleDoc {
  id: string;
  scope: string;
  department: string;
  theme: string;
  people: Counts;
  /** Distinct people in `people`. */
  count: number;
  [key: string]: unknown;
}
/** `department` "*": every department of the scope. */
export const themePeopleId = (scope: string, department: string, theme: string): string => JSON.stringify([scope, department, theme]);

/** The distinct people of each ThemePeopleDoc (same id), small, for the dashboards. */
export const ANALYTICS_THEME_TOTALS = 'analytics_theme_totals';
export interface ThemeTotalDoc {
  id: string;
  people: number;
  [key: string]: unknown;
}
export const ALL_DEPARTMENTS = '*';

export const groupDocId = (scope: string, cycle: string, department: string): string => JSON.stringify([scope, cycle, department]);
export const COMPANY_SCOPE = 'all';
export const teamScope = (managerId: string): string => `m:${managerId}`;

/** One document per employee and cycle: stress and overtime cues in the employee's own words. */
export const ANALYTICS_CUES = 'analytics_cues';

export type CueKind = 'stress' | 'overtime';

/** A passage of the employee's own text that reports stress or overtime. */
export interface CuePassage extends PassageRef {
  readonly kind: CueKind;
  /** The cue words found, e.g. ["压力很大"]. */
  readonly terms: readonly string[];
}

export interface CueDoc {
  /** `${employeeId}|${cycle}` */
  id: string;
  employeeId: string;
  managerId: string;
  department: string;
  cycle: string;
  /** Current cues: one per content path that reports one (an edit that removes the words removes it). */
  cues: CuePassage[];
  /** Stress / overtime cue counts, top-level for queries. */
  stress: number;
  overtime: number;
  updatedAt: string;
  [key: string]: unknown;
}

export const cueDocId = (employeeId: string, cycle: string): string => `${employeeId}|${cycle}`;

/**
 * The company's analytics word lists and alert thresholds: events `AnalyticsWordsSet` on the
 * stream `analytics-config` (src/domain/alert), versioned 1, 2, …; the projection analyses each
 * text with the lists in effect at its place in the log, so a rebuild gives the same answers.
 */
export const ANALYTICS_CONFIG_STREAM = 'analytics-config';

export interface AlertThresholds {
  /** Distinct passages of one kind in one cycle that raise an alert (default 2). */
  readonly perCycle: number;
  /** Consecutive cycles with at least one passage of one kind that raise an alert (default 2). */
  readonly consecutiveCycles: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = { perCycle: 2, consecutiveCycles: 2 };

export interface AnalyticsWordsSetData {
  readonly version: number;
  /** As src/analytics/monitored-words.ts checks them; a list left out keeps its default. */
  readonly monitoredWords: {
    readonly stress?: readonly string[];
    readonly overtime?: readonly string[];
    readonly domainTerms?: readonly string[];
  };
  /** Extra domain dictionary terms (src/analytics/lexicon.ts DEFAULT_DOMAIN_TERMS are always in). */
  readonly domainTerms: readonly string[];
  /** Extra themes (src/analytics/themes.ts DEFAULT_THEMES are always in; a theme named again gets the extra terms). */
  readonly themes: readonly { readonly theme: string; readonly terms: readonly string[] }[];
  readonly thresholds: AlertThresholds;
}

/** What the dashboards filter and sort by: a scope's groups of a cycle, an employee's record of a cycle, a group's records by time. */
export const ANALYTICS_INDEXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  [ANALYTICS_GROUPS, ['scope', 'cycle']],
  [ANALYTICS_RECORDS, ['employeeId', 'cycle']],
  [ANALYTICS_RECORDS, ['cycle', 'department', 'updatedAt']],
  // A manager's passages behind a theme: their records of a cycle and department.
  [ANALYTICS_RECORDS, ['managerId', 'cycle', 'department', 'updatedAt']],
];
