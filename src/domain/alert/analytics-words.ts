/**
 * The company's analytics word lists and alert thresholds: one stream, `analytics-config`, of
 * `AnalyticsWordsSet` events numbered 1, 2, … (version 0 is "the defaults, never set"). Each
 * change names the version it was made against (`expectedVersion`): a change made on a stale
 * copy is refused with VERSION_CONFLICT instead of silently replacing someone else's.
 *
 * The word lists are checked by the text analyzer's own rules (src/analytics: the one owner of
 * what a monitored word, a dictionary word and a theme are). The domain does not import it — it
 * is an adapter over jieba — so the checks are handed to the decider (`analyticsWordsDecider`
 * in src/application/alert-service.ts composes it). Bad input, in short:
 * - an empty list is allowed and means "nothing of this kind": an empty stress list raises no
 *   stress alert; a list left out keeps the default;
 * - a word given twice (after normalisation) is ANALYTICS_WORD_DUPLICATE;
 * - more than 2,000 words in a list (200 themes, 200 terms a theme) is ANALYTICS_WORD_LIST_TOO_LARGE;
 * - a blank, punctuation-only or over-long word is ANALYTICS_WORD_INVALID;
 * - a word with a Unicode bidirectional control is BIDI_CONTROL, as in every signed text;
 * - thresholds are integers, perCycle 1..50 and consecutiveCycles 1..8: else VALUE_OUT_OF_RANGE.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { may, viewerOf } from '../access';
import { ForbiddenError, ValidationError, VersionConflictError } from '../errors';
import { assertNoBidiControl, isObject } from '../limits';
import type { AlertThresholds } from './recurrence';

export const ANALYTICS_WORDS_STREAM = 'analytics-config';

export const THRESHOLD_RANGES = { perCycle: [1, 50], consecutiveCycles: [1, 8] } as const satisfies Record<
  keyof AlertThresholds,
  readonly [number, number]
>;

export interface ThemeWords {
  readonly theme: string;
  readonly terms: readonly string[];
}

/** The data of AnalyticsWordsSet (the same shape as src/projections/analytics.docs.ts AnalyticsWordsSetData). */
export interface AnalyticsWords {
  readonly version: number;
  /** Only the lists the company gave; a list left out keeps its default. */
  readonly monitoredWords: {
    readonly stress?: readonly string[];
    readonly overtime?: readonly string[];
    readonly domainTerms?: readonly string[];
  };
  readonly domainTerms: readonly string[];
  readonly themes: readonly ThemeWords[];
  readonly thresholds: AlertThresholds;
}

/** The analyzer's checks: each returns the list normalised, or throws a coded ValidationError. */
export interface WordListChecks {
  /** The monitored words, with the defaults for lists left out (src/analytics/monitored-words.ts checkMonitoredWords). */
  monitoredWords(value: unknown): {
    readonly stress: readonly string[];
    readonly overtime: readonly string[];
    readonly domainTerms: readonly string[];
  };
  /** Extra dictionary words: single words, no "A…B" (checkWordList with gaps: false). */
  domainTerms(value: unknown): string[];
  /** Extra themes, normalised (checked as buildThemeTable does, with the default table they extend). */
  themes(value: unknown): ThemeWords[];
  /** Thresholds when the input leaves them out. */
  readonly defaultThresholds: AlertThresholds;
}

export type AnalyticsWordsSet = DomainEvent<'AnalyticsWordsSet', AnalyticsWords>;
export type AnalyticsWordsEvent = AnalyticsWordsSet;
export const ANALYTICS_WORDS_EVENT_TYPES: ReadonlySet<string> = new Set<AnalyticsWordsEvent['type']>(['AnalyticsWordsSet']);

export interface AnalyticsWordsInput {
  readonly monitoredWords?: unknown;
  readonly domainTerms?: unknown;
  readonly themes?: unknown;
  readonly thresholds?: unknown;
}

export type SetAnalyticsWords = {
  type: 'SetAnalyticsWords';
  data: { input: AnalyticsWordsInput; expectedVersion: number };
  meta: CommandMeta;
};
export type AnalyticsWordsCommand = SetAnalyticsWords;

export interface AnalyticsWordsState {
  /** 0 before the first AnalyticsWordsSet. */
  readonly version: number;
  readonly words: AnalyticsWords | null;
}

export const initialAnalyticsWordsState = (): AnalyticsWordsState => ({ version: 0, words: null });

const INPUT_KEYS = ['monitoredWords', 'domainTerms', 'themes', 'thresholds'];
const LIST_KEYS = ['stress', 'overtime', 'domainTerms'] as const;

/** Every string anywhere in the input, refused when it holds a bidirectional control (BIDI_CONTROL). */
function assertNoBidi(value: unknown, path: string, depth = 0): void {
  if (depth > 4) return;
  if (typeof value === 'string') assertNoBidiControl(value, path);
  else if (Array.isArray(value)) value.slice(0, 10_000).forEach((v, i) => assertNoBidi(v, `${path}[${i}]`, depth + 1));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) assertNoBidi(v, `${path}.${k}`, depth + 1);
}

export function checkThresholds(value: unknown, defaults: AlertThresholds): AlertThresholds {
  if (value === undefined || value === null) return { ...defaults };
  if (!isObject(value)) throw new ValidationError('thresholds must be { perCycle, consecutiveCycles }', 'thresholds');
  for (const key of Object.keys(value)) {
    if (!(key in THRESHOLD_RANGES))
      throw new ValidationError(`thresholds has no "${key}" (perCycle, consecutiveCycles)`, `thresholds.${key}`);
  }
  const one = (key: keyof AlertThresholds): number => {
    const given = value[key];
    if (given === undefined || given === null) return defaults[key];
    const [min, max] = THRESHOLD_RANGES[key];
    if (typeof given !== 'number' || !Number.isInteger(given) || given < min || given > max) {
      throw new ValidationError(`thresholds.${key} must be an integer in ${min}..${max}`, `thresholds.${key}`, 'VALUE_OUT_OF_RANGE');
    }
    return given;
  };
  return { perCycle: one('perCycle'), consecutiveCycles: one('consecutiveCycles') };
}

export function decideAnalyticsWords(
  checks: WordListChecks,
  command: AnalyticsWordsCommand,
  state: AnalyticsWordsState,
): AnalyticsWordsEvent[] {
  if (!may(viewerOf(command.meta), 'setAnalyticsWords')) {
    throw new ForbiddenError('only HR and admins set the monitored words and alert thresholds');
  }
  const { input, expectedVersion } = command.data;
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new ValidationError('expectedVersion must be the current version (0 before the first change)', 'expectedVersion');
  }
  if (expectedVersion !== state.version) throw new VersionConflictError(expectedVersion, state.version);
  if (!isObject(input as unknown))
    throw new ValidationError('input must be { monitoredWords?, domainTerms?, themes?, thresholds? }', 'input');
  for (const key of Object.keys(input)) {
    if (!INPUT_KEYS.includes(key)) throw new ValidationError(`input has no "${key}" (${INPUT_KEYS.join(', ')})`, key);
  }
  assertNoBidi(input, 'input');
  const given = input.monitoredWords ?? {};
  const checked = checks.monitoredWords(given);
  const monitoredWords: { stress?: readonly string[]; overtime?: readonly string[]; domainTerms?: readonly string[] } = {};
  for (const key of LIST_KEYS) if (isObject(given) && given[key] != null) monitoredWords[key] = [...checked[key]];
  return [
    {
      type: 'AnalyticsWordsSet',
      data: {
        version: state.version + 1,
        monitoredWords,
        domainTerms: checks.domainTerms(input.domainTerms ?? []),
        themes: checks.themes(input.themes ?? []),
        thresholds: checkThresholds(input.thresholds, checks.defaultThresholds),
      },
    },
  ];
}

export function evolveAnalyticsWords(_state: AnalyticsWordsState, event: AnalyticsWordsEvent): AnalyticsWordsState {
  return { version: event.data.version, words: event.data };
}
