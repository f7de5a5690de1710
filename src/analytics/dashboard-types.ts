/**
 * The dashboards' data, as GraphQL serves it as JSON, the HTTP routes serve it, and the charts
 * (src/analytics/charts) draw it. Counts are of interview records; `people` counts distinct
 * employees. Rates are fractions from 0 to 1; achievements are percentages (100 = target met).
 */
import type { Localized } from '../domain/localized';

/** One bar of the completion chart: a department in a cycle. */
export interface CompletionRow {
  readonly department: string;
  readonly cycle: string;
  /** Every record of the department in the cycle. */
  readonly total: number;
  /** Scheduled, nothing written yet. */
  readonly scheduled: number;
  /** In progress, by the key of the step the record is at (self-assessment, review, meeting, plan…). */
  readonly inProgress: readonly { readonly step: string; readonly label: Localized; readonly count: number }[];
  readonly awaitingSignatures: number;
  readonly locked: number;
  /** Open records whose current step is past its due time at the moment of the query. */
  readonly overdue: number;
  /** locked / total (0 when total is 0). */
  readonly completionRate: number;
}

export interface CompletionDashboard {
  readonly cycle: string;
  /** Departments in name order. */
  readonly departments: readonly CompletionRow[];
  /** All departments together (`department` is "*"). */
  readonly total: CompletionRow;
}

/** Progress of a cycle as a donut: records by status, and open records by step. */
export interface ProgressDashboard {
  readonly cycle: string;
  /** null: every department in scope. */
  readonly department: string | null;
  readonly byStatus: readonly { readonly key: string; readonly label: Localized; readonly count: number }[];
  readonly byStep: readonly { readonly key: string; readonly label: Localized; readonly count: number }[];
}

/** Completion rate per department across cycles (oldest first). */
export interface CompletionTrend {
  readonly cycles: readonly string[];
  /** One rate per cycle; null where the department had no records in that cycle. */
  readonly series: readonly { readonly department: string; readonly completionRate: readonly (number | null)[] }[];
}

/** One axis of an employee's radar. */
export interface RadarDimension {
  readonly key: string;
  readonly label: Localized;
  /** Mean achievement (%) of the employee's goals of this dimension in the cycle; null: no goal. */
  readonly employee: number | null;
  /** Median of the department's employees' values in the same cycle; null: nobody has one. */
  readonly departmentMedian: number | null;
  /** The employee's goals counted. */
  readonly goals: number;
  /** Goals placed here by the fallback (no dimension named on the item). */
  readonly inferred: number;
}

export interface RadarDashboard {
  readonly employeeId: string;
  readonly cycle: string;
  readonly department: string;
  readonly interviewId: string;
  readonly templateId: string;
  readonly dimensions: readonly RadarDimension[];
}

/** A passage behind a text-derived figure: where it is, at which version, proven by which event. */
export interface PassageRef {
  readonly interviewId: string;
  readonly version: number;
  /** Content path, e.g. `problems.items[P2].problem`. */
  readonly path: string;
  readonly text: string;
  /** SHA-256 of the body of the event that wrote the text (docs/ledger-format.md). */
  readonly eventHash: string;
}

/** A recurring concern: variants of one problem grouped under one theme. */
export interface ThemeRow {
  readonly theme: string;
  readonly records: number;
  readonly people: number;
  readonly byCycle: readonly { readonly cycle: string; readonly records: number; readonly people: number }[];
  /** Up to 20 passages, newest first. */
  readonly passages: readonly PassageRef[];
}

export interface ThemesDashboard {
  /** null: every cycle. */
  readonly cycle: string | null;
  readonly department: string | null;
  readonly themes: readonly ThemeRow[];
  /** True when the group was smaller than the privacy threshold and the figures are withheld. */
  readonly withheld: boolean;
}

export interface SentimentRow {
  readonly department: string;
  readonly cycle: string;
  readonly records: number;
  readonly people: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  /** Mean interview score (−1 … 1). */
  readonly meanScore: number;
}

export interface SentimentDashboard {
  readonly cycles: readonly string[];
  /** One row per department and cycle that has records; withheld groups are left out. */
  readonly rows: readonly SentimentRow[];
  /** Departments whose mean score fell twice in a row over their own last three cycles with records. */
  readonly turningNegative: readonly string[];
}

export type GoalPressureReason = 'lowAchievement' | 'manyMissed' | 'pressureWords';

/** Goal pressure of a department in a cycle (the article: 目标压力较大的业务线). */
export interface GoalPressureRow {
  readonly department: string;
  readonly cycle: string;
  readonly people: number;
  readonly goals: number;
  /** Goals with an achievement below 100 %. */
  readonly missed: number;
  /** Mean achievement (%) over goals with one; null when none has. */
  readonly meanAchievement: number | null;
  /** Stress cues in employees' own words (null when withheld for privacy). */
  readonly pressureMentions: number | null;
  /** The rule in docs/analytics.md ("The rules behind the signals"): any of `reasons`. */
  readonly highPressure: boolean;
  /** lowAchievement (mean below 90 %), manyMissed (at least 70 % of goals below target), pressureWords (a stress mention per 3 people or more). */
  readonly reasons: readonly GoalPressureReason[];
}

export interface SupportNeedTotal {
  readonly department: string;
  readonly type: string;
  readonly status: string;
  readonly count: number;
}
