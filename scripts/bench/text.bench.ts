/**
 * `npm run bench:text`: how fast the text analytics run on one core, in characters per second,
 * for keywords and for sentiment with the stress and overtime alerts (what a projection would run
 * on every section it reads), beside bare jieba segmentation as the ceiling measured in the same
 * run. The texts are the evaluation set's sentences joined into sections of about 2,000
 * characters, and one text of the maximum size (20,000).
 */
import { cpus } from 'node:os';
import { createTextAnalyzer, MAX_TEXT_LENGTH } from '../../src/analytics';
import { loadEvalSet } from '../analytics-eval';
import { fmt, noiseCell, noiseMark, noiseSince, now } from './bench-util';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function sections(size: number): string[] {
  const sentences = loadEvalSet().map((i) => i.text);
  const out: string[] = [];
  let current = '';
  for (let round = 0; out.length < 40; round++) {
    for (const s of sentences) {
      current += s;
      if (current.length >= size) {
        out.push(current.slice(0, size));
        current = '';
      }
    }
    if (round > 1000) break;
  }
  return out;
}

function measure(
  name: string,
  texts: readonly string[],
  run: (text: string) => unknown,
): { name: string; charsPerSecond: number; noise: string } {
  for (const t of texts.slice(0, 3)) run(t); // warm up
  const mark = noiseMark();
  const start = now();
  let chars = 0;
  let i = 0;
  while (now() - start < SECONDS * 1000) {
    const t = texts[i++ % texts.length]!;
    run(t);
    chars += t.length;
  }
  const seconds = (now() - start) / 1000;
  return { name, charsPerSecond: chars / seconds, noise: noiseCell(noiseSince(mark)) };
}

function main(): void {
  const t0 = now();
  const analyzer = createTextAnalyzer();
  const loadMs = now() - t0;
  analyzer.keywords('预热'); // parses the IDF table once
  const loadWithIdfMs = now() - t0;
  const medium = sections(2_000);
  const large = sections(MAX_TEXT_LENGTH).slice(0, 4);
  const rows = [
    measure('segmentation only (jieba, the ceiling)', medium, (t) => analyzer.segment(t)),
    measure('keywords (topK 10)', medium, (t) => analyzer.keywords(t)),
    measure('analysis: sentiment, alerts, themes (what the projection runs)', medium, (t) => analyzer.analyze(t)),
    measure('themes', medium, (t) => analyzer.themes(t)),
    measure('analysis, 20,000-character texts', large, (t) => analyzer.analyze(t)),
  ];
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), node ${process.version}, ${new Date().toISOString()}`);
  console.log(`analyzer built in ${fmt(loadMs)} ms (jieba's dictionary), ${fmt(loadWithIdfMs)} ms with the IDF table`);
  console.log('| what | characters/s (one core) | × segmentation | noise (steal / others) |');
  console.log('| --- | --- | --- | --- |');
  const ceiling = rows[0]!.charsPerSecond;
  for (const r of rows) console.log(`| ${r.name} | ${fmt(r.charsPerSecond)} | ${(r.charsPerSecond / ceiling).toFixed(2)} | ${r.noise} |`);
}

main();
