/** Text analytics over Chinese interview texts: keywords, themes, sentiment, stress and overtime alerts. */
export { createTextAnalyzer, defaultTextAnalyzer } from './text-analyzer';
export type {
  TextAnalyzer,
  TextAnalyzerOptions,
  SectionKeywords,
  SectionSentiment,
  InterviewSentiment,
  TextSentiment,
  TextAnalysis,
} from './text-analyzer';
export type { Alert, AlertKind, AlertReport, Cue, NearMiss, NearMissReason } from './alerts';
export type { Contribution, PassageSentiment, Sentiment, SentimentLabel } from './sentiment';
export type { ThemeDefinition, ThemeHit } from './themes';
export type { Token, WeightedWord } from './segmenter';
export type { TextSpan } from './text-span';
export type { KeywordOptions } from './keywords';
export { DEFAULT_MONITORED_WORDS, type MonitoredWords } from './monitored-words';
export { DEFAULT_THEMES } from './themes';
export { DEFAULT_DOMAIN_TERMS, DEFAULT_STOP_WORDS } from './lexicon';
export { MAX_TEXT_LENGTH } from './text-span';
export { MAX_WORDS, MAX_WORD_LENGTH, MAX_THEMES } from './word-lists';
export { normalizeText } from './normalize';
