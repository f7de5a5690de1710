/**
 * The analytics read models' documents (src/projections/analytics.projection.ts writes them;
 * the dashboard use cases and the alert service read them). Rebuildable from the log like every
 * read model: nothing here is a source of truth.
 */
import type { PassageRef } from '../analytics/dashboard-types';

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
