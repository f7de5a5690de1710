/**
 * TF-IDF keywords over jieba's words, with jieba's bundled IDF table. Computed here rather than
 * with jieba's own extractor so that ties are broken the same way on every run (by word) and
 * stop words are applied (TfIdf.setConfig does not take them in @node-rs/jieba 2.0.3).
 *
 * Candidates are words of two characters or more that are not stop words and whose part of
 * speech carries a topic: nouns, verbs, idioms and set phrases, abbreviations, English words and
 * words jieba does not know (tags n*, v*, i, l, j, eng, x); adjectives, adverbs, pronouns,
 * numerals and function words are left out (很大, 非常, 这个).
 *
 * weight(word) = (occurrences of the word / candidate words in the text) × IDF(word); a word not
 * in the table gets the table's median IDF, a domain term at least DOMAIN_IDF.
 */
import { idf as idfTable } from '@node-rs/jieba/dict';
import type { TaggedToken, WeightedWord } from './segmenter';

let cached: { table: Map<string, number>; median: number } | undefined;

/** jieba's IDF table ("word idf" per line), parsed once per process. */
function idfs(): { table: Map<string, number>; median: number } {
  if (cached) return cached;
  const table = new Map<string, number>();
  const values: number[] = [];
  for (const line of Buffer.from(idfTable).toString('utf8').split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const value = Number(line.slice(space + 1));
    if (!Number.isFinite(value)) continue;
    table.set(line.slice(0, space), value);
    values.push(value);
  }
  values.sort((a, b) => a - b);
  cached = { table, median: values[Math.floor(values.length / 2)] ?? 10 };
  return cached;
}

export const DOMAIN_IDF = 11.5;
const WORDLIKE = /[\p{L}]/u;
const TOPICAL_TAG = /^(n|v|i|l|j|eng|x)/;

export interface KeywordOptions {
  /** How many keywords, best first (default 10, at most 100). */
  readonly topK?: number;
}

export function rankKeywords(
  tokens: readonly TaggedToken[],
  stopWords: ReadonlySet<string>,
  domainTerms: ReadonlySet<string>,
  topK: number,
): WeightedWord[] {
  const { table, median } = idfs();
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, tag } of tokens) {
    if (word.length < 2 || stopWords.has(word) || !WORDLIKE.test(word) || !TOPICAL_TAG.test(tag)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
    total++;
  }
  const ranked: WeightedWord[] = [];
  for (const [word, count] of counts) {
    const idf = domainTerms.has(word) ? Math.max(DOMAIN_IDF, table.get(word) ?? 0) : (table.get(word) ?? median);
    ranked.push({ word, weight: Math.round((count / total) * idf * 1e6) / 1e6 });
  }
  ranked.sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return ranked.slice(0, topK);
}
