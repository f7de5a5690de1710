/**
 * `npm run analytics:train`: trains the text model (src/analytics/model/) on the training data
 * (scripts/analytics-corpus.ts: tune and tune2 of the evaluation set and test/analytics/corpus/),
 * chooses the regularisation per task and the stress, overtime and sentiment thresholds by
 * k-fold cross-validation over the training data only, prints the cross-validated figures and
 * writes src/analytics/model/weights.json. Deterministic: the same data give the same file, byte
 * for byte. The held-out parts of the evaluation set are never read.
 *
 *   npm run analytics:train              train and write the weights
 *   npm run analytics:train -- --check   train and fail if the file would change
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TextAnalyzer, createTextAnalyzer } from '../src/analytics';
import {
  type Example,
  type SentimentClass,
  DEFAULT_TRAIN_OPTIONS,
  crossValidate,
  serializeModel,
  trainModel,
} from '../src/analytics/model/train';
import { type TrainingItem, repoRoot, trainingHash, trainingItems, trainingSources } from './analytics-corpus';

const CLASS: Record<TrainingItem['sentiment'], SentimentClass> = { pos: 0, neu: 1, neg: 2 };

export function examplesOf(analyzer: TextAnalyzer, items: readonly TrainingItem[]): Example[] {
  return items.map((item) => {
    const f = analyzer.modelFeatures(item.text);
    return {
      id: item.id,
      features: [...f.whole.keys()],
      passages: f.passages.map((p) => [...p.keys()]),
      stress: item.stress,
      overtime: item.overtime,
      sentiment: CLASS[item.sentiment],
    };
  });
}

/** The weights file's text trained from the repository's training data (the CV that chooses its settings included). */
export function train(log: (line: string) => void = () => undefined): { text: string; cvSeconds: number } {
  const root = repoRoot();
  const sources = trainingSources(root);
  const items = trainingItems(sources);
  log(`training data: ${sources.map((s) => `${s.file} (${s.lines.length})`).join(', ')}; ${items.length} sentences`);
  const analyzer = createTextAnalyzer();
  const examples = examplesOf(analyzer, items);
  const o = DEFAULT_TRAIN_OPTIONS;
  log(
    `features extracted; ${o.folds}-fold cross-validation (folds by id) over λ ∈ {${o.lambdas.join(', ')}} × rule scale ∈ {${o.ruleScales.join(', ')}} × unigram scale ∈ {${o.unigramScales.join(', ')}}`,
  );
  const started = Date.now();
  const cv = crossValidate(examples, { ...o, log }, { 'corpus only (ids t…)': /^t/, 'tune + tune2 only': /^[eh]/ });
  const cvSeconds = (Date.now() - started) / 1000;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const set = (t: keyof typeof cv.settings) =>
    `λ ${cv.settings[t].lambda}, rule ×${cv.settings[t].ruleScale}, unigram ×${cv.settings[t].unigramScale}`;
  log(`chosen: stress ${set('stress')}; overtime ${set('overtime')}; sentiment ${set('sentiment')}`);
  log(
    `cross-validated: stress P ${pct(cv.stress.at.precision)} (${cv.stress.at.tp}/${cv.stress.at.tp + cv.stress.at.fp}) R ${pct(cv.stress.at.recall)} (${cv.stress.at.tp}/${cv.stress.at.tp + cv.stress.at.fn}) at P ≥ ${cv.stress.threshold.toFixed(4)}`,
  );
  log(
    `cross-validated: overtime P ${pct(cv.overtime.at.precision)} (${cv.overtime.at.tp}/${cv.overtime.at.tp + cv.overtime.at.fp}) R ${pct(cv.overtime.at.recall)} (${cv.overtime.at.tp}/${cv.overtime.at.tp + cv.overtime.at.fn}) at P ≥ ${cv.overtime.threshold.toFixed(4)}`,
  );
  log(`cross-validated: sentiment accuracy ${pct(cv.sentiment.accuracy)} (P(pos) − P(neg) beyond ±${cv.sentiment.threshold})`);
  for (const [name, f] of Object.entries(cv.subsets)) {
    log(
      `  of which ${name}, ${f.size} sentences: stress P ${pct(f.stress.precision)} R ${pct(f.stress.recall)}, overtime P ${pct(f.overtime.precision)} R ${pct(f.overtime.recall)}, sentiment ${pct(f.sentimentAccuracy)}`,
    );
  }
  const file = trainModel(examples, cv, {
    targetPrecision: o.targetPrecision,
    trainingSha256: trainingHash(sources),
    trainingFiles: sources.map((s) => s.file),
    folds: DEFAULT_TRAIN_OPTIONS.folds,
    minCount: DEFAULT_TRAIN_OPTIONS.minCount,
  });
  log(`final model: ${file.features.length} features kept`);
  return { text: serializeModel(file), cvSeconds };
}

function main(argv: readonly string[]): void {
  const started = Date.now();
  const { text } = train((line) => console.log(line));
  const out = join(repoRoot(), 'src', 'analytics', 'model', 'weights.json');
  if (argv.includes('--check')) {
    const same = readFileSync(out, 'utf8') === text;
    console.log(same ? `${out} is current` : `${out} differs from a retraining`);
    if (!same) process.exitCode = 1;
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (require.main === module) main(process.argv.slice(2));
