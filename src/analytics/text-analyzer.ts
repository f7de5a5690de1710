/**
 * The text analyzer: one object, built once with its word lists, whose methods are pure
 * functions of their input (same text, same answer, on every run and machine).
 *
 *   const analyzer = createTextAnalyzer();           // ~1 s: loads jieba's dictionaries
 *   analyzer.keywords('设备老化，经常停线', { topK: 5 });
 *   analyzer.themes('机器太旧了，修了又坏');          // [{ theme: '设备老化', matches: [...] }]
 *   analyzer.sentiment('虽然产量达标了，但是不良率上升了');
 *   analyzer.alerts('最近每天加班到九点，压力很大');  // stress and overtime, with near misses
 *
 * Every method takes a text of at most MAX_TEXT_LENGTH characters (VALUE_TOO_LARGE beyond);
 * the section methods take an interview's content, an object of sections whose string fields
 * (at any depth) are read in key order.
 */
import { ValidationError } from '../domain/errors';
import { type Alert, type AlertKind, type AlertReport, type Cue, type NearMiss, type NearMissReason, detectAlerts } from './alerts';
import { type KeywordOptions, rankKeywords } from './keywords';
import {
  BAD_METRICS,
  CHANGE_WORDS,
  CONTRAST_MARKERS,
  DEFAULT_DEGREE_WORDS,
  DEFAULT_DOMAIN_TERMS,
  DEFAULT_NEGATORS,
  DEFAULT_SENTIMENT_WORDS,
  DEFAULT_STOP_WORDS,
  FREQUENCY_WORDS,
  GOOD_METRICS,
  PROSPECTIVE_MARKERS,
  UNANCHORED_CHANGE,
} from './lexicon';
import { type FeatureInput, type FeatureSet, type RuleFinding, extractFeatures } from './model/features';
import { type Evidence, type LinearModel, type ModelFile, type PassageDecision, loadModel } from './model/linear-model';
import weightsFile from './model/weights.json';
import { CONTEXT, type MonitoredWords, checkMonitoredWords } from './monitored-words';
import { normalizeText } from './normalize';
import { TermMatcher, boundaries, longestFirst, onBoundaries } from './patterns';
import { type Segmenter, type Token, type WeightedWord, createSegmenter } from './segmenter';
import {
  type Contribution,
  type CueSignal,
  type PassageSentiment,
  type Sentiment,
  type SentimentLexicon,
  aggregateLabelOf,
  combine,
  labelOf,
  scorePassage,
} from './sentiment';
import { MAX_TEXT_LENGTH, splitSentences } from './text-span';
import { type ThemeDefinition, type ThemeHit, buildThemeTable } from './themes';
import { checkWordList } from './word-lists';

export interface TextAnalyzerOptions {
  /** Terms added to the domain dictionary (jieba keeps them whole; keywords weigh them as rare words). */
  readonly domainTerms?: readonly string[];
  /** Words added to the stop words keywords leave out. */
  readonly stopWords?: readonly string[];
  /** Themes added to the default table (a theme named again gets the extra terms). */
  readonly themes?: readonly ThemeDefinition[];
  /** The stress and overtime cues and their domain exceptions (each list left out keeps its default). */
  readonly monitoredWords?: Partial<MonitoredWords>;
  /** The linear model's weights (default: model/weights.json, trained by `npm run analytics:train`). */
  readonly model?: ModelFile;
}

/** The model's features of a text: of the whole text (what the model is trained on) and of each passage (what it decides on). */
export interface ModelFeatures {
  readonly whole: FeatureSet;
  readonly passages: readonly FeatureSet[];
}

export interface SectionKeywords {
  readonly section: string;
  readonly keywords: readonly WeightedWord[];
}

export interface SectionSentiment extends Sentiment {
  readonly section: string;
  readonly passages: readonly PassageSentiment[];
}

export interface InterviewSentiment extends Sentiment {
  readonly sections: readonly SectionSentiment[];
}

export interface TextSentiment extends Sentiment {
  readonly passages: readonly PassageSentiment[];
}

export interface TextAnalyzer {
  readonly monitoredWords: MonitoredWords;
  /** The words of the text (normalised: simplified, half-width, lower-case ASCII) with offsets into it. */
  segment(text: string): Token[];
  keywords(text: string, options?: KeywordOptions): WeightedWord[];
  /** Keywords of each section of an interview's content, in the content's key order. */
  sectionKeywords(content: unknown, options?: KeywordOptions): SectionKeywords[];
  /** The themes the text raises, in table order, each with the words that matched. */
  themes(text: string): ThemeHit[];
  sentiment(text: string): TextSentiment;
  sectionSentiment(content: unknown): SectionSentiment[];
  /** The interview's sentiment: the mean over all its passages, with each section's. */
  interviewSentiment(content: unknown): InterviewSentiment;
  alerts(text: string): AlertReport;
  /** Sentiment, alerts and themes of one text from one segmentation (what the projection stores per passage). */
  analyze(text: string): TextAnalysis;
  /** The linear model's features of the text (training and explanation). */
  modelFeatures(text: string): ModelFeatures;
  readonly model: LinearModel;
}

export interface TextAnalysis {
  readonly sentiment: TextSentiment;
  readonly alerts: AlertReport;
  readonly themes: readonly ThemeHit[];
}

const MAX_DEPTH = 16;

/**
 * For items sorted by start, a function that returns those inside a span; spans must be asked
 * for in order (as splitSentences gives them), so a whole text costs one pass, not one per sentence.
 */
function within<T extends { start: number; end: number }>(items: readonly T[]): (span: { start: number; end: number }) => T[] {
  let from = 0;
  return (span) => {
    while (from < items.length && items[from]!.start < span.start) from++;
    let to = from;
    while (to < items.length && items[to]!.start < span.end) to++;
    return items.slice(from, to).filter((x) => x.end <= span.end);
  };
}

function checkText(text: unknown, field = 'text'): string {
  if (typeof text !== 'string') throw new ValidationError(`${field} must be a string`, field);
  if (text.length > MAX_TEXT_LENGTH) {
    throw new ValidationError(`${field} has ${text.length} characters; at most ${MAX_TEXT_LENGTH}`, field, 'VALUE_TOO_LARGE');
  }
  return text;
}

/** The string fields of a section, depth first in key order. */
function strings(value: unknown, path: string, depth = 0, out: string[] = []): string[] {
  if (depth > MAX_DEPTH) throw new ValidationError(`${path} is nested deeper than ${MAX_DEPTH}`, path);
  if (typeof value === 'string') out.push(checkText(value, path));
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, depth + 1, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, depth + 1, out);
  return out;
}

function sectionsOf(content: unknown): [string, string[]][] {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    throw new ValidationError('content must be an object of sections', 'content');
  }
  return Object.entries(content).map(([section, value]) => [section, strings(value, `content.${section}`)]);
}

/** The sentiment of what the alert rules found (see CueSignal). */
const NEAR_MISS_SENTIMENT: Record<NearMissReason, Record<'stress' | 'overtime', number>> = {
  negated: { stress: 0.6, overtime: 0.6 },
  'resolved-past': { stress: 0.8, overtime: 0.8 },
  'other-person': { stress: -0.4, overtime: -0.2 },
  hypothetical: { stress: 0, overtime: 0 },
  'domain-term': { stress: 0, overtime: 0 },
  'inside-word': { stress: 0, overtime: 0 },
  topic: { stress: 0, overtime: 0 },
  model: { stress: 0, overtime: 0 },
};
const OWN_SENTIMENT = { stress: -1.5, overtime: -0.4 };

function cueSignals(report: AlertReport): CueSignal[] {
  return [
    ...report.alerts.flatMap((a) =>
      a.cues.map((c) => ({ start: c.start, end: c.end, base: OWN_SENTIMENT[a.kind], because: `own ${a.kind}`, own: true })),
    ),
    ...report.rejected.map((r) => ({
      start: r.cue.start,
      end: r.cue.end,
      base: NEAR_MISS_SENTIMENT[r.reason][r.kind],
      because: `${r.kind} ${r.reason} (${r.because})`,
      own: false,
    })),
  ];
}

let defaultModel: LinearModel | undefined;

/** How many features explain a decision: the cues of an alert the rules did not find, a sentiment's model contributions. */
const EXPLAIN_CUES = 3;
const EXPLAIN_CONTRIBUTIONS = 5;
const SPANNED = /^(c|w|ac):/;
/** A span with a letter or a digit in it (a passage or a word worth explaining). */
const WORDLIKE = /[\p{L}\p{N}]/u;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const describe = (evidence: readonly Evidence[]) =>
  evidence.length === 0 ? 'bias' : evidence.map((e) => `${e.feature} ${e.weight > 0 ? '+' : ''}${e.weight.toFixed(2)}`).join(', ');

export function createTextAnalyzer(options: TextAnalyzerOptions = {}): TextAnalyzer {
  const model = options.model ? loadModel(options.model) : (defaultModel ??= loadModel(weightsFile as unknown as ModelFile));
  const extraDomain = checkWordList(options.domainTerms ?? [], 'domainTerms', { gaps: false });
  const extraStop = checkWordList(options.stopWords ?? [], 'stopWords', { gaps: false });
  const themeTable = buildThemeTable(options.themes ?? []);
  const monitoredWords = checkMonitoredWords(options.monitoredWords ?? {});

  const domainTerms = [...new Set([...DEFAULT_DOMAIN_TERMS, ...extraDomain])];
  const segmenter: Segmenter = createSegmenter(domainTerms);
  const domainSet = new Set(domainTerms);
  const stopWords = new Set([...DEFAULT_STOP_WORDS, ...extraStop]);
  const themeMatchers = themeTable.map((t) => ({ theme: t.theme, matcher: new TermMatcher(t.terms) }));
  const alertMatchers = {
    stress: new TermMatcher(monitoredWords.stress),
    overtime: new TermMatcher(monitoredWords.overtime),
    domainTerms: new TermMatcher(monitoredWords.domainTerms),
  };
  const lexicon: SentimentLexicon = {
    words: new Map(Object.entries(DEFAULT_SENTIMENT_WORDS)),
    changeWords: new Map(Object.entries(CHANGE_WORDS)),
    unanchored: new Map(Object.entries(UNANCHORED_CHANGE)),
    polar: new TermMatcher([...Object.keys(DEFAULT_SENTIMENT_WORDS), ...Object.keys(CHANGE_WORDS)]),
    goodMetrics: new Set(GOOD_METRICS),
    metrics: new TermMatcher([...GOOD_METRICS, ...BAD_METRICS]),
    negators: new Set(DEFAULT_NEGATORS),
    degree: new Map(Object.entries(DEFAULT_DEGREE_WORDS)),
    contrast: new Set(CONTRAST_MARKERS),
    prospective: new TermMatcher(PROSPECTIVE_MARKERS),
    frequency: new Set(FREQUENCY_WORDS),
    past: new Set(CONTEXT.past),
    resolved: CONTEXT.resolved,
  };

  const prepare = (text: unknown) => {
    const raw = checkText(text);
    const norm = normalizeText(raw);
    const tokens = segmenter.cut(norm);
    return { raw, norm, tokens, bounds: boundaries(tokens) };
  };

  const topKOf = (opts: KeywordOptions): number => {
    const topK = opts.topK ?? 10;
    if (!Number.isInteger(topK) || topK < 1 || topK > 100) {
      throw new ValidationError('topK must be an integer from 1 to 100', 'topK', 'VALUE_OUT_OF_RANGE');
    }
    return topK;
  };
  // Several texts (a section's fields) are ranked as one document, each segmented on its own.
  const keywordsOf = (texts: readonly string[], opts: KeywordOptions = {}): WeightedWord[] => {
    const topK = topKOf(opts);
    return rankKeywords(
      texts.flatMap((t) => segmenter.tag(normalizeText(checkText(t)))),
      stopWords,
      domainSet,
      topK,
    );
  };
  const keywords = (text: string, opts: KeywordOptions = {}): WeightedWord[] => keywordsOf([text], opts);

  type Prepared = ReturnType<typeof prepare>;
  interface Passage {
    readonly span: { start: number; end: number; text: string };
    readonly tokens: Token[];
    readonly lex: PassageSentiment;
    readonly alerts: Alert[];
    readonly rejected: NearMiss[];
    /** What the model reads (its features by name, for training and explanation: extractFeatures(input)). */
    readonly input: FeatureInput;
  }
  /** The rules and the lexicon, passage by passage, and the model's features from them. */
  const passagesOf = ({ raw, norm, tokens, bounds }: Prepared): { rules: AlertReport; passages: Passage[] } => {
    const rules = detectAlerts(raw, norm, tokens, alertMatchers, bounds);
    const signals = cueSignals(rules);
    const inSpan = within(tokens);
    const signalsIn = within([...signals].sort((a, b) => a.start - b.start));
    const alertsIn = within(rules.alerts.map((a) => ({ ...a, start: a.passage.start, end: a.passage.end })));
    const rejectedIn = within(rules.rejected.map((r) => ({ ...r, start: r.passage.start, end: r.passage.end })));
    const passages = splitSentences(norm).map((span): Passage => {
      const toks = inSpan(span);
      const lex = scorePassage(raw, norm, span, toks, bounds, lexicon, signalsIn(span));
      const alerts = alertsIn(span).map(({ start: _s, end: _e, ...a }) => a);
      const rejected = rejectedIn(span).map(({ start: _s, end: _e, ...r }) => r);
      const findings: RuleFinding[] = [
        ...alerts.flatMap((a) => a.cues.map((c) => ({ kind: a.kind, reason: 'own' as const, start: c.start, end: c.end }))),
        ...rejected.map((r) => ({ kind: r.kind, reason: r.reason, start: r.cue.start, end: r.cue.end })),
      ];
      const input: FeatureInput = {
        norm,
        start: span.start,
        end: span.end,
        tokens: toks,
        rules: findings,
        lexScore: lex.score,
        contrast: lexicon.contrast,
      };
      return { span: { ...span, text: raw.slice(span.start, span.end) }, tokens: toks, lex, alerts, rejected, input };
    });
    return { rules, passages };
  };

  /** The model decides each passage; the rules' cues explain it, or the features that weighed most. */
  const decide = (raw: string, passages: readonly Passage[]): { alerts: AlertReport; sentiment: TextSentiment } => {
    const alerts: Alert[] = [];
    const rejected: NearMiss[] = [];
    const scored: PassageSentiment[] = [];
    for (const p of passages) {
      if (!WORDLIKE.test(p.span.text)) {
        // Punctuation, symbols or emoji alone: nothing to decide.
        rejected.push(...p.rejected);
        scored.push({ ...p.lex, passage: p.span });
        continue;
      }
      const decision: PassageDecision = model.decideInput(p.input);
      for (const kind of ['stress', 'overtime'] as AlertKind[]) {
        const own = p.alerts.find((a) => a.kind === kind);
        const misses = p.rejected.filter((r) => r.kind === kind);
        if (decision[kind].positive) {
          let cues: readonly Cue[] = own?.cues ?? misses.map((m) => m.cue);
          if (cues.length === 0) {
            const top = decision[kind].evidence().filter((e) => e.weight > 0 && e.start >= 0);
            const spanned = top.filter((e) => SPANNED.test(e.feature));
            cues = (spanned.length > 0 ? spanned : top)
              .slice(0, EXPLAIN_CUES)
              .map((e) => ({ term: e.feature, text: raw.slice(e.start, e.end), start: e.start, end: e.end }));
            if (cues.length === 0) cues = [{ term: 'model', text: p.span.text, start: p.span.start, end: p.span.end }];
          }
          alerts.push({ kind, passage: p.span, cues });
          // A near miss the model found to be the writer's own is an alert cue, not a near miss.
          if (own) rejected.push(...misses);
        } else {
          rejected.push(...misses);
          if (own) {
            const because = describe(
              decision[kind]
                .evidence()
                .filter((e) => e.weight < 0)
                .slice(0, EXPLAIN_CUES),
            );
            for (const cue of own.cues) rejected.push({ kind, passage: p.span, cue, reason: 'model', because });
          }
        }
      }
      const score = round3(decision.sentiment.score);
      // The fired features by span (c:上升 and w:上升 together), the strongest spans.
      const bySpan = new Map<number, { start: number; end: number; weight: number; evidence: Evidence[] }>();
      for (const e of decision.sentiment.evidence()) {
        if (e.start < 0) continue;
        const key = e.start * (MAX_TEXT_LENGTH + 1) + e.end;
        let at = bySpan.get(key);
        if (!at) {
          at = { start: e.start, end: e.end, weight: 0, evidence: [] };
          bySpan.set(key, at);
        }
        at.weight += e.weight;
        at.evidence.push(e);
      }
      const modelContributions: Contribution[] = [...bySpan.values()]
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.start - b.start || a.end - b.end)
        .filter((e, i) => i < 4 * EXPLAIN_CONTRIBUTIONS && WORDLIKE.test(raw.slice(e.start, e.end)))
        .slice(0, EXPLAIN_CONTRIBUTIONS)
        .map((e) => ({
          word: raw.slice(e.start, e.end),
          start: e.start,
          end: e.end,
          base: round3(e.weight),
          contribution: round3(e.weight),
          because: [
            `model (pos − neg weight): ${e.evidence.map((x) => `${x.feature} ${x.weight > 0 ? '+' : ''}${x.weight.toFixed(3)}`).join(', ')}`,
          ],
        }));
      scored.push({ passage: p.span, label: labelOf(score), score, contributions: [...p.lex.contributions, ...modelContributions] });
    }
    return { alerts: { alerts, rejected }, sentiment: { ...combine(scored), passages: scored } };
  };
  const analyzeText = (prepared: Prepared) => decide(prepared.raw, passagesOf(prepared).passages);
  const modelFeatures = (text: string): ModelFeatures => {
    const prepared = prepare(text);
    const passages = passagesOf(prepared).passages.map((p) => ({ ...p, features: extractFeatures(p.input) }));
    const whole = new Map(passages.length === 1 ? passages[0]!.features : []);
    if (passages.length > 1) {
      // The whole text as one passage: its n-grams and words, every rule finding, the lexicon's mean.
      const findings = passages.flatMap((p) =>
        [...p.features].filter(([f]) => f.startsWith('rule:')).map(([f, [start, end]]) => ({ f, start, end })),
      );
      const all = extractFeatures({
        norm: prepared.norm,
        start: 0,
        end: prepared.norm.length,
        tokens: prepared.tokens,
        rules: [],
        lexScore: combine(passages.map((p) => p.lex)).score,
        contrast: lexicon.contrast,
      });
      for (const [f, at] of all) whole.set(f, at);
      for (const { f, start, end } of findings) if (!whole.has(f)) whole.set(f, [start, end]);
    }
    return { whole, passages: passages.map((p) => p.features) };
  };
  const themesOf = ({ raw, norm, bounds }: Prepared): ThemeHit[] => {
    const hits: ThemeHit[] = [];
    for (const { theme, matcher } of themeMatchers) {
      const matches = longestFirst(matcher.find(norm))
        .filter((m) => onBoundaries(m, bounds))
        .map((m) => ({ ...m, text: raw.slice(m.start, m.end) }));
      if (matches.length > 0) hits.push({ theme, matches });
    }
    return hits;
  };
  const sentiment = (text: string): TextSentiment => analyzeText(prepare(text)).sentiment;

  const sectionSentiment = (content: unknown): SectionSentiment[] =>
    sectionsOf(content).map(([section, texts]) => {
      const passages = texts.flatMap((t) => sentiment(t).passages);
      return { section, ...combine(passages, aggregateLabelOf), passages };
    });

  return {
    monitoredWords,
    segment: (text) => prepare(text).tokens,
    keywords,
    sectionKeywords: (content, opts) => sectionsOf(content).map(([section, texts]) => ({ section, keywords: keywordsOf(texts, opts) })),
    themes: (text) => themesOf(prepare(text)),
    sentiment,
    sectionSentiment,
    interviewSentiment(content) {
      const sections = sectionSentiment(content);
      return {
        ...combine(
          sections.flatMap((s) => s.passages),
          aggregateLabelOf,
        ),
        sections,
      };
    },
    alerts: (text) => analyzeText(prepare(text)).alerts,
    analyze(text) {
      const prepared = prepare(text);
      return { ...analyzeText(prepared), themes: themesOf(prepared) };
    },
    modelFeatures,
    model,
  };
}

let shared: TextAnalyzer | undefined;

/** One analyzer with the default word lists, built on first use and shared by the process. */
export function defaultTextAnalyzer(): TextAnalyzer {
  shared ??= createTextAnalyzer();
  return shared;
}
