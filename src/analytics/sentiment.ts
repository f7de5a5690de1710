/**
 * Sentiment from a lexicon, passage (sentence) by passage, explainable: every score is the sum
 * of the contributions of the words that produced it, and each contribution says why it weighs
 * what it weighs.
 *
 * contribution = base weight of the polar word
 *              × degree word just before it (非常 1.8, 有点 0.7…)
 *              × −0.6 when a negator stands shortly before it in its clause (不满意, 没有达到)
 *              × 0.5 before a contrast marker in the sentence, 1.5 after it (虽然…但是…: the part after 但是 counts)
 *              × 0.3 after a word that makes it a plan or a supposition (目标：, 计划, 希望, 如果…)
 *              × 0.3 for bad news between a past marker and a resolution (之前…很吃力，现在…轻松了)
 * A change word (提升, 下降, 缩短…) takes its sign from the metric before it in its clause:
 * 良品率下降 is bad news, 不良率下降 good news; with no metric, 提升 is mildly good and 下降 mildly bad.
 */
import { CONCESSIVE_WEIGHT, CONTRAST_WEIGHT, FREQUENCY_WEIGHT, PROSPECTIVE_WEIGHT } from './lexicon';
import type { TermMatcher } from './patterns';
import { longestFirst, onBoundaries } from './patterns';
import type { Token } from './segmenter';
import { type TextSpan, splitClauses } from './text-span';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface Contribution {
  /** The word in the caller's text. */
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** The lexicon's weight for it (for a change word: the direction its metric gives). */
  readonly base: number;
  /** What it adds to the score. */
  readonly contribution: number;
  /** Why it weighs what it weighs: "degree 非常 ×1.8", "negated by 不", "after 但是 ×1.5", "metric 良品率 ↑". */
  readonly because: readonly string[];
}

/**
 * What the alert rules found, as sentiment: the writer's own stress (−1.5) or overtime (−0.4) is
 * bad news (×1.5 after a frequency word of its clause: 天天加班, 连续通宵); a negated cue (压力不大, 没有加班: +0.6) or a resolved one (以前经常加班，现在好了: +0.8)
 * good news; someone else's stress a mild concern (−0.4; overtime −0.2); the rest nothing.
 */
export interface CueSignal {
  readonly start: number;
  readonly end: number;
  readonly base: number;
  readonly because: string;
  /** The writer's own (frequency words weigh on the writer's own stress and overtime, not on a colleague's). */
  readonly own: boolean;
}

export interface Sentiment {
  readonly label: SentimentLabel;
  readonly score: number;
  readonly contributions: readonly Contribution[];
}

export interface PassageSentiment extends Sentiment {
  readonly passage: TextSpan;
}

/** The lexicon, compiled. */
export interface SentimentLexicon {
  readonly words: ReadonlyMap<string, number>;
  readonly changeWords: ReadonlyMap<string, number>;
  readonly unanchored: ReadonlyMap<string, number>;
  /** Polar words and change words together. */
  readonly polar: TermMatcher;
  readonly goodMetrics: ReadonlySet<string>;
  readonly metrics: TermMatcher;
  readonly negators: ReadonlySet<string>;
  readonly degree: ReadonlyMap<string, number>;
  readonly contrast: ReadonlySet<string>;
  readonly prospective: TermMatcher;
  readonly frequency: ReadonlySet<string>;
  /** Past markers and resolutions (the alert rules' own lists): bad news told as over weighs less. */
  readonly past: ReadonlySet<string>;
  readonly resolved: readonly string[];
}

/** A negative word between a past marker and a resolution (之前…很吃力，现在…) is the past, resolved. */
export const RESOLVED_PAST_WEIGHT = 0.3;

/** A score above +THRESHOLD is positive, below −THRESHOLD negative (tuned on the tuning part of the evaluation set). */
export const THRESHOLD = 0.45;
const NEGATION_FACTOR = -0.6;

export const labelOf = (score: number): SentimentLabel => (score > THRESHOLD ? 'positive' : score < -THRESHOLD ? 'negative' : 'neutral');

/**
 * A section's or a whole interview's label: its score is the mean over all its sentences, most
 * of which are neutral statements of fact, so a mean leans towards 0 and takes a lower threshold
 * than one sentence does (docs/analytics.md, "Sentiment").
 */
export const AGGREGATE_THRESHOLD = 0.1;
export const aggregateLabelOf = (score: number): SentimentLabel =>
  score > AGGREGATE_THRESHOLD ? 'positive' : score < -AGGREGATE_THRESHOLD ? 'negative' : 'neutral';

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The sentiment of one sentence `span` of the normalised text `norm` (tokens: the sentence's words). */
export function scorePassage(
  text: string,
  norm: string,
  span: TextSpan,
  tokens: readonly Token[],
  bounds: ReadonlySet<number>,
  lexicon: SentimentLexicon,
  signals: readonly CueSignal[] = [],
): PassageSentiment {
  const clauses = splitClauses(norm, span);
  // The first contrast marker of the sentence (but/however), if any, not at the very start.
  const contrast = tokens.find((t) => lexicon.contrast.has(t.word) && t.start > span.start);
  const metrics = longestFirst(lexicon.metrics.find(norm, span.start, span.end));
  const prospective = lexicon.prospective.find(norm, span.start, span.end)[0];
  // 之前…很吃力，现在…轻松了: the bad news from the past marker up to the resolution is over.
  const past = tokens.find((t) => lexicon.past.has(t.word));
  let resolution: { start: number; word: string } | undefined;
  if (past) {
    for (const word of lexicon.resolved) {
      const at = norm.indexOf(word, past.end);
      if (at >= 0 && at < span.end && (!resolution || at < resolution.start)) resolution = { start: at, word };
    }
  }
  const contributions: Contribution[] = [];
  // The sentence-wide modifiers: contrast, and plans or suppositions.
  const modify = (start: number, weight: number, because: string[]): number => {
    if (contrast) {
      const after = start >= contrast.start;
      weight *= after ? CONTRAST_WEIGHT : CONCESSIVE_WEIGHT;
      because.push(`${after ? 'after' : 'before'} ${contrast.word} ×${after ? CONTRAST_WEIGHT : CONCESSIVE_WEIGHT}`);
    }
    if (prospective && prospective.end <= start) {
      weight *= PROSPECTIVE_WEIGHT;
      because.push(`after ${prospective.term} ×${PROSPECTIVE_WEIGHT}`);
    }
    return weight;
  };
  for (const cue of signals) {
    if (cue.base === 0) continue;
    const because = [cue.because];
    let weight = cue.base;
    const clause = clauses.find((c) => c.start <= cue.start && cue.start < c.end) ?? span;
    const often = tokens.find((t) => t.start >= clause.start && t.end <= cue.start && lexicon.frequency.has(t.word));
    if (often && cue.own && weight < 0) {
      weight *= FREQUENCY_WEIGHT;
      because.push(`frequency ${often.word} ×${FREQUENCY_WEIGHT}`);
    }
    weight = modify(cue.start, weight, because);
    contributions.push({
      word: text.slice(cue.start, cue.end),
      start: cue.start,
      end: cue.end,
      base: cue.base,
      contribution: round(weight),
      because,
    });
  }
  for (const m of longestFirst(lexicon.polar.find(norm, span.start, span.end))) {
    if (!onBoundaries(m, bounds)) continue;
    const clause = clauses.find((c) => c.start <= m.start && m.start < c.end) ?? span;
    const because: string[] = [];
    let base = lexicon.words.get(m.term);
    if (base === undefined) {
      const direction = lexicon.changeWords.get(m.term) ?? 0;
      // The metric of its clause, or else the nearest one earlier in the sentence (平均通话时长4分12秒，比上季度缩短了20秒).
      const earlier = metrics.filter((x) => x.end <= m.start);
      const metric = earlier.filter((x) => x.start >= clause.start).pop() ?? earlier.pop();
      if (metric) {
        const good = lexicon.goodMetrics.has(metric.term);
        base = direction * (good ? 1 : -1);
        because.push(`metric ${metric.term} ${direction > 0 ? '↑' : '↓'}`);
      } else {
        base = lexicon.unanchored.get(m.term) ?? 0;
        if (base !== 0) because.push('change without a metric');
      }
    }
    if (base === 0) continue;
    let weight = base;
    const window = norm.slice(Math.max(clause.start, m.start - 4), m.start);
    let degree: [string, number] | undefined;
    for (const [word, factor] of lexicon.degree) {
      const at = window.lastIndexOf(word);
      if (at >= 0 && at + word.length >= window.length - 1 && (!degree || word.length > degree[0].length)) degree = [word, factor];
    }
    if (degree) {
      weight *= degree[1];
      because.push(`degree ${degree[0]} ×${degree[1]}`);
    }
    const before = tokens.filter((t) => t.end <= m.start && t.start >= clause.start).slice(-3);
    const negator = before.find((t) => lexicon.negators.has(t.word));
    if (negator) {
      weight *= NEGATION_FACTOR;
      because.push(`negated by ${negator.word} ×${NEGATION_FACTOR}`);
    }
    if (past && resolution && weight < 0 && m.start >= past.end && m.end <= resolution.start) {
      weight *= RESOLVED_PAST_WEIGHT;
      because.push(`past ${past.word}…${resolution.word} ×${RESOLVED_PAST_WEIGHT}`);
    }
    weight = modify(m.start, weight, because);
    contributions.push({ word: text.slice(m.start, m.end), start: m.start, end: m.end, base, contribution: round(weight), because });
  }
  contributions.sort((a, b) => a.start - b.start);
  const score = round(contributions.reduce((s, c) => s + c.contribution, 0));
  return {
    passage: { start: span.start, end: span.end, text: text.slice(span.start, span.end) },
    label: labelOf(score),
    score,
    contributions,
  };
}

/** Passages combined: the mean of their scores (an empty list is neutral, 0), every contribution kept. */
export function combine(passages: readonly Sentiment[], label: (score: number) => SentimentLabel = labelOf): Sentiment {
  if (passages.length === 0) return { label: 'neutral', score: 0, contributions: [] };
  const score = round(passages.reduce((s, p) => s + p.score, 0) / passages.length);
  return { label: label(score), score, contributions: passages.flatMap((p) => p.contributions) };
}
