/**
 * The one place that talks to jieba. `@node-rs/jieba` 2.x ships its dictionary (dict.txt) and
 * IDF table (idf.txt) inside the package; `@node-rs/jieba/dict` reads both from the package's
 * directory when it is first required, and nothing is downloaded. A segmenter is built once
 * (loading takes about a second) and then only computes. The IDF table is read in keywords.ts.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** A word of a segmented text with its offsets (the text is normalised, so offsets are the caller's too). */
export interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

export interface WeightedWord {
  readonly word: string;
  readonly weight: number;
}

/** A word with jieba's part-of-speech tag (n noun, v verb, a adjective, d adverb, r pronoun…). */
export interface TaggedToken extends Token {
  readonly tag: string;
}

export interface Segmenter {
  /** The words of a normalised text, in order, with offsets; whitespace and nothing else is dropped. */
  cut(text: string): Token[];
  /** The same words with their part of speech (slower than cut: keywords use it). */
  tag(text: string): TaggedToken[];
}

function withOffsets<T extends { word: string }>(text: string, pieces: readonly T[]): (T & { start: number; end: number })[] {
  const out: (T & { start: number; end: number })[] = [];
  let at = 0;
  for (const piece of pieces) {
    const start = text.indexOf(piece.word, at);
    if (start < 0) continue; // never seen: jieba returns the text's own pieces
    at = start + piece.word.length;
    if (piece.word.trim().length === 0) continue;
    out.push({ ...piece, start, end: at });
  }
  return out;
}

// Dictionary frequency for domain terms: high enough that 设备老化 beats 设备 + 老化.
const DOMAIN_FREQUENCY = 20_000;

/** A segmenter with jieba's bundled dictionary, taught the given domain terms. */
export function createSegmenter(domainTerms: readonly string[]): Segmenter {
  const jieba = Jieba.withDict(dict);
  if (domainTerms.length > 0) {
    // jieba's dictionary format is "word frequency [tag]" per line; words must not contain spaces.
    const words = domainTerms.map((t) => t.replace(/\s+/g, ''));
    jieba.loadDict(Buffer.from(words.map((w) => `${w} ${DOMAIN_FREQUENCY} n`).join('\n'), 'utf8'));
  }
  return {
    cut: (text) =>
      text.length === 0
        ? []
        : withOffsets(
            text,
            jieba.cut(text, true).map((word) => ({ word })),
          ),
    tag: (text) => (text.length === 0 ? [] : withOffsets(text, jieba.tag(text, true))),
  };
}
