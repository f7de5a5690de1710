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

export interface Segmenter {
  /** The words of a normalised text, in order, with offsets; whitespace and nothing else is dropped. */
  cut(text: string): Token[];
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
    cut(text) {
      if (text.length === 0) return [];
      const out: Token[] = [];
      let at = 0;
      for (const word of jieba.cut(text, true)) {
        const start = text.indexOf(word, at);
        if (start < 0) continue; // never seen: jieba returns the text's own pieces
        at = start + word.length;
        if (word.trim().length === 0) continue;
        out.push({ word, start, end: at });
      }
      return out;
    },
  };
}
