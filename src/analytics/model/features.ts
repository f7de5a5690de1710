/**
 * The features of a sentence (passage) for the linear model, from the normalised text
 * (simplified, half-width, lower-case) and its jieba words:
 *
 *   c:<n-gram>              character 1-, 2- and 3-grams (no whitespace inside)
 *   w:<word>                jieba words
 *   ac:<word>               words after a contrast marker (虽然…但是…: the part that usually decides)
 *   rule:<kind>:<reason>    what the stress and overtime rules found there: own (the rule's alert)
 *                           or a near-miss reason (negated, other-person, hypothetical, domain-term…)
 *   lex:<bucket>            the lexicon's sentiment score of the passage, bucketed
 *   contrast                a contrast marker (但是, 不过…) after the start of the sentence
 *
 * Every feature is binary; each keeps the span where it first occurs in the text, so that a
 * decision can be explained by the words that produced it. The vocabulary (which n-grams and
 * words the model knows) is the training's: a feature outside it weighs nothing.
 */
import type { AlertKind, NearMissReason } from '../alerts';
import type { Token } from '../segmenter';

/** Bumped whenever a feature is added, removed or renamed: the weights file names the version it was trained on. */
export const FEATURE_SET_VERSION = 1;

/** A finding of the alert rules inside the passage: the rule's own cue, or a near miss and why. */
export interface RuleFinding {
  readonly kind: AlertKind;
  readonly reason: 'own' | NearMissReason;
  readonly start: number;
  readonly end: number;
}

export interface FeatureInput {
  /** The normalised text and the span [start, end) of the passage in it. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** The passage's words. */
  readonly tokens: readonly Token[];
  readonly rules: readonly RuleFinding[];
  /** The lexicon's sentiment score of the passage. */
  readonly lexScore: number;
  readonly contrast: ReadonlySet<string>;
}

/** Feature name → the span of its first occurrence ([-1, -1] for a feature of the whole passage). */
export type FeatureSet = Map<string, readonly [start: number, end: number]>;

const LEX_BUCKETS: readonly [upTo: number, name: string][] = [
  [-1, 'lex:<=-1'],
  [-0.45, 'lex:-1..-0.45'],
  [-0.1, 'lex:-0.45..-0.1'],
  [0.1, 'lex:-0.1..0.1'],
  [0.45, 'lex:0.1..0.45'],
  [1, 'lex:0.45..1'],
];
export const lexBucket = (score: number): string => LEX_BUCKETS.find(([upTo]) => score <= upTo)?.[1] ?? 'lex:>1';

const WHOLE = [-1, -1] as const;
/** Exactly the characters of a regular expression's \s (ECMAScript WhiteSpace and LineTerminator), without a regex per character. */
const isSpace = (c: number): boolean =>
  c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff;

/**
 * What the feature traversal reports, in order of first occurrence: a character n-gram
 * norm[i, i + n) (for each i, n = 1, 2, 3 in turn, until whitespace), a word (w:) or a word
 * after the contrast marker (ac:), and the named features of the whole passage. Two visitors
 * read it: extractFeatures (feature names, for training and explanation) and the model's
 * lookup (rows of the weights, with no string built per n-gram); both see the same features
 * because there is one traversal.
 */
export interface FeatureVisitor {
  gram(norm: string, i: number, n: number): void;
  word(prefix: 'w' | 'ac', word: string, start: number, end: number): void;
  named(name: string, start: number, end: number): void;
}

export function visitFeatures(input: FeatureInput, visit: FeatureVisitor): void {
  const { norm, start, end, tokens } = input;
  for (let i = start; i < end; i++) {
    if (isSpace(norm.charCodeAt(i))) continue;
    for (let n = 1; n <= 3 && i + n <= end; n++) {
      if (isSpace(norm.charCodeAt(i + n - 1))) break;
      visit.gram(norm, i, n);
    }
  }
  const contrast = tokens.find((t) => input.contrast.has(t.word) && t.start > start);
  for (const t of tokens) {
    visit.word('w', t.word, t.start, t.end);
    if (contrast && t.start > contrast.start) visit.word('ac', t.word, t.start, t.end);
  }
  if (contrast) visit.named('contrast', contrast.start, contrast.end);
  for (const r of input.rules) visit.named(`rule:${r.kind}:${r.reason}`, r.start, r.end);
  visit.named(lexBucket(input.lexScore), WHOLE[0], WHOLE[1]);
}

/** The passage's features by name, each with the span of its first occurrence. */
export function extractFeatures(input: FeatureInput): FeatureSet {
  const out: FeatureSet = new Map();
  const add = (name: string, s: number, e: number) => {
    if (!out.has(name)) out.set(name, [s, e]);
  };
  visitFeatures(input, {
    gram: (norm, i, n) => add(`c:${norm.slice(i, i + n)}`, i, i + n),
    word: (prefix, word, s, e) => add(`${prefix}:${word}`, s, e),
    named: add,
  });
  return out;
}
