/**
 * `npm run analytics:eval`: the text analytics measured on the labelled evaluation set
 * (test/analytics/eval-set.jsonl): precision and recall of the stress and overtime alerts and
 * the 3-class sentiment accuracy, on the tuning parts (tune, tune2), the training corpus
 * (train: test/analytics/corpus/), the held-out parts (heldout, and heldout3 once it is in the
 * file) and the held-out total; and the model's cross-validated figures over its training data
 * (tune + tune2 + train, as stored in src/analytics/model/weights.json by analytics:train).
 * tune, tune2 and train are what the model is trained on: their figures are fit, not quality.
 *
 *   npm run analytics:eval                         the figures
 *   npm run analytics:eval -- --failures tune2     and every sentence of that part it gets wrong
 *                                                  (any part: tune, tune2, train, heldout, heldout3, heldout-total)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TextAnalyzer, createTextAnalyzer } from '../src/analytics';
import { trainingItems, trainingSources } from './analytics-corpus';

/**
 * tune and tune2 (h…, formerly heldout2: it was measured once, then tuned on) are tuning data;
 * heldout (e…) and heldout3 (k…, written blind, may be absent) are held out.
 */
export type Split = 'tune' | 'tune2' | 'heldout' | 'heldout3' | 'heldout4';
/** The training corpus (test/analytics/corpus/*.jsonl), split "train". */
export type TrainSplit = 'train';
/** A part of the set evaluated together: one split, or the held-out total (heldout + heldout3). */
export type Part = Split | TrainSplit | 'heldout-total';
export const SPLITS: readonly Split[] = ['tune', 'tune2', 'heldout', 'heldout3', 'heldout4'];
export const HELDOUT_SPLITS: readonly Split[] = ['heldout', 'heldout3', 'heldout4'];
const PART_SPLITS: Record<Part, readonly (Split | TrainSplit)[]> = {
  train: ['train'],
  tune: ['tune'],
  tune2: ['tune2'],
  heldout: ['heldout'],
  heldout3: ['heldout3'],
  heldout4: ['heldout4'],
  'heldout-total': HELDOUT_SPLITS,
};
type Label = 'pos' | 'neu' | 'neg';

export interface EvalItem {
  readonly id: string;
  readonly split: Split | TrainSplit;
  readonly role: string;
  readonly section: string;
  readonly text: string;
  readonly stress: boolean;
  readonly overtime: boolean;
  readonly sentiment: Label;
}

export interface Detection {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

export interface SplitFigures {
  readonly split: Part;
  readonly size: number;
  readonly stress: Detection;
  readonly overtime: Detection;
  readonly sentimentAccuracy: number;
  /** confusion[expected][predicted] */
  readonly confusion: Record<Label, Record<Label, number>>;
  readonly failures: readonly { item: EvalItem; got: { stress: boolean; overtime: boolean; sentiment: Label } }[];
}

/** The evaluation set, from the repository (works from scripts/ under ts-node or jest and from dist/scripts). */
export function loadEvalSet(): EvalItem[] {
  const candidates = [
    join(__dirname, '..', 'test', 'analytics', 'eval-set.jsonl'),
    join(__dirname, '..', '..', 'test', 'analytics', 'eval-set.jsonl'),
  ];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`no evaluation set at ${candidates.join(' or ')}`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as EvalItem);
}

/** The training corpus's sentences (split "train"; the tuning parts of eval-set.jsonl are not among them). */
export function loadCorpus(): EvalItem[] {
  return trainingItems(trainingSources().slice(1)).map((i) => ({ ...i, split: 'train' as const }));
}

const LABEL = { positive: 'pos', neutral: 'neu', negative: 'neg' } as const;

function detection(pairs: readonly [expected: boolean, got: boolean][]): Detection {
  const tp = pairs.filter(([e, g]) => e && g).length;
  const fp = pairs.filter(([e, g]) => !e && g).length;
  const fn = pairs.filter(([e, g]) => e && !g).length;
  // With nothing predicted, precision is 1 by convention (no false alarm); with nothing to find, recall is 1.
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export function evaluate(analyzer: TextAnalyzer, items: readonly EvalItem[], split: Part): SplitFigures {
  const part = items.filter((i) => PART_SPLITS[split].includes(i.split));
  const results = part.map((item) => {
    const { alerts } = analyzer.alerts(item.text);
    const got = {
      stress: alerts.some((a) => a.kind === 'stress'),
      overtime: alerts.some((a) => a.kind === 'overtime'),
      sentiment: LABEL[analyzer.sentiment(item.text).label] as Label,
    };
    return { item, got };
  });
  const labels: Label[] = ['pos', 'neu', 'neg'];
  const confusion = Object.fromEntries(labels.map((e) => [e, Object.fromEntries(labels.map((g) => [g, 0]))])) as Record<
    Label,
    Record<Label, number>
  >;
  for (const { item, got } of results) confusion[item.sentiment][got.sentiment]++;
  return {
    split,
    size: part.length,
    stress: detection(results.map((r) => [r.item.stress, r.got.stress])),
    overtime: detection(results.map((r) => [r.item.overtime, r.got.overtime])),
    sentimentAccuracy: results.filter((r) => r.item.sentiment === r.got.sentiment).length / Math.max(1, part.length),
    confusion,
    failures: results.filter(
      (r) => r.item.stress !== r.got.stress || r.item.overtime !== r.got.overtime || r.item.sentiment !== r.got.sentiment,
    ),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function main(argv: readonly string[]): void {
  const items = [...loadEvalSet(), ...loadCorpus()];
  const analyzer = createTextAnalyzer();
  const show = argv.includes('--failures') ? (argv[argv.indexOf('--failures') + 1] as Part | undefined) : undefined;
  console.log('| part | sentences | stress P | stress R | overtime P | overtime R | sentiment accuracy |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  // A split with no sentence in the file (heldout3 before it is written) is left out of the table.
  const present = [...SPLITS, 'train' as const].filter((split) => items.some((i) => i.split === split));
  const figures = ([...present, 'heldout-total'] as const).map((split) => evaluate(analyzer, items, split));
  const cv = analyzer.model.file.cv;
  console.log(
    `| cross-validated (${analyzer.model.file.hyper.folds}-fold over the ${analyzer.model.file.sentences} training sentences) | ${analyzer.model.file.sentences} | ` +
      `${pct(cv.stressPrecision ?? 0)} | ${pct(cv.stressRecall ?? 0)} | ${pct(cv.overtimePrecision ?? 0)} | ${pct(cv.overtimeRecall ?? 0)} | ${pct(cv.sentimentAccuracy ?? 0)} |`,
  );
  for (const f of figures) {
    console.log(
      `| ${f.split} | ${f.size} | ${pct(f.stress.precision)} (${f.stress.tp}/${f.stress.tp + f.stress.fp}) | ${pct(f.stress.recall)} (${f.stress.tp}/${f.stress.tp + f.stress.fn}) | ` +
        `${pct(f.overtime.precision)} (${f.overtime.tp}/${f.overtime.tp + f.overtime.fp}) | ${pct(f.overtime.recall)} (${f.overtime.tp}/${f.overtime.tp + f.overtime.fn}) | ${pct(f.sentimentAccuracy)} |`,
    );
  }
  for (const f of figures) console.log(`sentiment confusion (${f.split}, expected → got): ${JSON.stringify(f.confusion)}`);
  if (show) {
    for (const { item, got } of figures.find((f) => f.split === show)?.failures ?? []) {
      const diff = [
        item.stress !== got.stress ? `stress ${item.stress}→${got.stress}` : '',
        item.overtime !== got.overtime ? `overtime ${item.overtime}→${got.overtime}` : '',
        item.sentiment !== got.sentiment ? `sentiment ${item.sentiment}→${got.sentiment}` : '',
      ].filter(Boolean);
      console.log(`${item.id} [${diff.join(', ')}] ${item.text}`);
    }
  }
}

if (require.main === module) main(process.argv.slice(2));
