/**
 * Training of the linear model (offline: scripts/analytics-train.ts runs it and writes
 * weights.json). Deterministic throughout: folds by a hash of each sentence's id, the
 * vocabulary sorted, full-batch L-BFGS from zero weights, no randomness; the same examples
 * give the same weights, bit for bit, on every run.
 */
import { createHash } from 'node:crypto';
import { FEATURE_SET_VERSION } from './features';
import { HEADS, type ModelFile } from './linear-model';

export type SentimentClass = 0 | 1 | 2; // pos, neu, neg
export const SENTIMENT_CLASSES = ['pos', 'neu', 'neg'] as const;

export interface Example {
  readonly id: string;
  /** The features of the whole text (what it is trained on). */
  readonly features: readonly string[];
  /** The features of each passage (what it is decided on, as the analyzer does). */
  readonly passages: readonly (readonly string[])[];
  readonly stress: boolean;
  readonly overtime: boolean;
  readonly sentiment: SentimentClass;
}

export interface TrainOptions {
  readonly folds: number;
  /** An n-gram or word seen in fewer training sentences is left out of the vocabulary. */
  readonly minCount: number;
  readonly lambdas: readonly number[];
  /** The value of a rule, lexicon or contrast feature (an n-gram's is 1): above 1, the penalty shrinks it less. */
  readonly ruleScales: readonly number[];
  /** The value of a single-character feature: below 1, the penalty shrinks it more. */
  readonly unigramScales: readonly number[];
  readonly sentimentThresholds: readonly number[];
  /** The precision a stress or overtime threshold must reach in cross-validation. */
  readonly targetPrecision: number;
  readonly log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  folds: 5,
  minCount: 2,
  lambdas: [0.3, 1, 3],
  ruleScales: [1, 3],
  unigramScales: [1, 0.3],
  sentimentThresholds: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4],
  targetPrecision: 0.92,
};

/** The sentiment label's score threshold (sentiment.ts THRESHOLD): score = s × 0.45 / t. */
const SCORE_THRESHOLD = 0.45;
/** A feature whose every weight rounds below this is left out of the file. */
const MIN_WEIGHT = 1e-3;

export const foldOf = (id: string, folds: number): number =>
  parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % folds;

// ---------------------------------------------------------------- optimiser

type Objective = (x: Float64Array, g: Float64Array) => number;

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Limited-memory BFGS with a backtracking (Armijo) line search, from x (changed in place). */
export function lbfgs(fg: Objective, x: Float64Array, maxIter = 400, memory = 10, tol = 1e-7): { f: number; iterations: number } {
  const n = x.length;
  let g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let i = S.length - 1; i >= 0; i--) {
      const a = rho[i]! * dot(S[i]!, q);
      alpha[i] = a;
      const y = Y[i]!;
      for (let j = 0; j < n; j++) q[j]! -= a * y[j]!;
    }
    const k = S.length;
    const gamma = k > 0 ? dot(S[k - 1]!, Y[k - 1]!) / dot(Y[k - 1]!, Y[k - 1]!) : 1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) q[j]! *= gamma;
    for (let i = 0; i < k; i++) {
      const b = rho[i]! * dot(Y[i]!, q);
      const s = S[i]!;
      for (let j = 0; j < n; j++) q[j]! += s[j]! * (alpha[i]! - b);
    }
    let d = q.map((v) => -v);
    let gd = dot(g, d);
    if (!(gd < 0)) {
      d = g.map((v) => -v);
      gd = dot(g, d);
      S.length = Y.length = rho.length = 0;
    }
    if (gd === 0) break;
    let step = 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < n; j++) xNew[j] = x[j]! + step * d[j]!;
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * step * gd) break;
      step *= 0.5;
    }
    if (!(fNew <= f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = xNew[j]! - x[j]!;
      y[j] = gNew[j]! - g[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    x.set(xNew);
    const done = Math.abs(f - fNew) <= tol * Math.max(1, Math.abs(f));
    f = fNew;
    g = Float64Array.from(gNew);
    if (done) break;
  }
  return { f, iterations: iter };
}

// ---------------------------------------------------------------- models

/** An example's features: vocabulary indices and their values (1, or the rule scale for a rule feature). */
interface Row {
  readonly idx: Int32Array;
  readonly val: Float64Array;
}
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Binary logistic regression: weights [0, D) and the bias at D (not regularised). */
export function trainBinary(X: readonly Row[], y: readonly boolean[], D: number, lambda: number): Float64Array {
  const w = new Float64Array(D + 1);
  lbfgs((x, g) => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < X.length; i++) {
      const { idx, val } = X[i]!;
      let z = x[D]!;
      for (let k = 0; k < idx.length; k++) z += x[idx[k]!]! * val[k]!;
      loss += y[i] ? softplus(-z) : softplus(z);
      const r = sigmoid(z) - (y[i] ? 1 : 0);
      for (let k = 0; k < idx.length; k++) g[idx[k]!]! += r * val[k]!;
      g[D]! += r;
    }
    for (let j = 0; j < D; j++) {
      loss += 0.5 * lambda * x[j]! * x[j]!;
      g[j]! += lambda * x[j]!;
    }
    return loss;
  }, w);
  return w;
}

/** Multinomial logistic regression over C classes: class c's weights at [c(D+1), c(D+1)+D), its bias after them. */
export function trainSoftmax(X: readonly Row[], y: readonly number[], D: number, C: number, lambda: number): Float64Array {
  const w = new Float64Array(C * (D + 1));
  const z = new Float64Array(C);
  lbfgs((x, g) => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < X.length; i++) {
      const { idx, val } = X[i]!;
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        const at = c * (D + 1);
        let s = x[at + D]!;
        for (let k = 0; k < idx.length; k++) s += x[at + idx[k]!]! * val[k]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += Math.exp(z[c]! - max);
      loss += max + Math.log(sum) - z[y[i]!]!;
      for (let c = 0; c < C; c++) {
        const r = Math.exp(z[c]! - max) / sum - (c === y[i] ? 1 : 0);
        const at = c * (D + 1);
        for (let k = 0; k < idx.length; k++) g[at + idx[k]!]! += r * val[k]!;
        g[at + D]! += r;
      }
    }
    for (let c = 0; c < C; c++)
      for (let j = 0; j < D; j++) {
        const at = c * (D + 1) + j;
        loss += 0.5 * lambda * x[at]! * x[at]!;
        g[at]! += lambda * x[at]!;
      }
    return loss;
  }, w);
  return w;
}

// ---------------------------------------------------------------- vocabulary, prediction, selection

/** The features seen in at least minCount examples (rule, lexicon and contrast features always kept), sorted. */
export function buildVocabulary(examples: readonly Example[], minCount: number): string[] {
  const count = new Map<string, number>();
  for (const e of examples) for (const f of e.features) count.set(f, (count.get(f) ?? 0) + 1);
  return [...count]
    .filter(([f, n]) => n >= minCount || isRuleFeature(f))
    .map(([f]) => f)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Rule, lexicon and contrast features: few, strong, and scaled (less shrunk by the L2 penalty than an n-gram). */
const isRuleFeature = (f: string) => !/^(c|w|ac):/.test(f);

const indices = (features: readonly string[], index: ReadonlyMap<string, number>): Int32Array =>
  Int32Array.from(features.map((f) => index.get(f) ?? -1).filter((i) => i >= 0));

/** A single character (c:很): many, weak and noisy. */
const isUnigram = (f: string) => f.startsWith('c:') && [...f].length === 3;

/** The value of each vocabulary entry at a setting's rule and unigram scales. */
const valuesOf = (vocabulary: readonly string[], s: Scales): Float64Array =>
  Float64Array.from(vocabulary.map((f) => (isRuleFeature(f) ? s.ruleScale : isUnigram(f) ? s.unigramScale : 1)));

const rowOf = (idx: Int32Array, values: Float64Array): Row => ({ idx, val: Float64Array.from(idx, (j) => values[j]!) });

type Task = 'stress' | 'overtime' | 'sentiment';
interface Scales {
  readonly ruleScale: number;
  readonly unigramScale: number;
}
export type Setting = Scales & { readonly lambda: number };
export type Settings = Record<Task, Setting>;

interface Trained {
  readonly vocabulary: readonly string[];
  /** The weights of each task with the rule scale folded in (a feature's value is 1 when deciding). */
  readonly stress: Float64Array;
  readonly overtime: Float64Array;
  readonly sentiment: Float64Array;
}

function fitModel(examples: readonly Example[], minCount: number, settings: Settings): Trained {
  const vocabulary = buildVocabulary(examples, minCount);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const idx = examples.map((e) => indices(e.features, index));
  const D = vocabulary.length;
  const rowsAt = new Map<string, Row[]>();
  const rows = (scale: Scales) => {
    const key = `${scale.ruleScale}/${scale.unigramScale}`;
    if (!rowsAt.has(key)) {
      const values = valuesOf(vocabulary, scale);
      rowsAt.set(
        key,
        idx.map((i) => rowOf(i, values)),
      );
    }
    return rowsAt.get(key)!;
  };
  const fold = (w: Float64Array, scale: Scales, C: number) => {
    const values = valuesOf(vocabulary, scale);
    for (let c = 0; c < C; c++) for (let j = 0; j < D; j++) w[c * (D + 1) + j]! *= values[j]!;
    return w;
  };
  return {
    vocabulary,
    stress: fold(
      trainBinary(
        rows(settings.stress),
        examples.map((e) => e.stress),
        D,
        settings.stress.lambda,
      ),
      settings.stress,
      1,
    ),
    overtime: fold(
      trainBinary(
        rows(settings.overtime),
        examples.map((e) => e.overtime),
        D,
        settings.overtime.lambda,
      ),
      settings.overtime,
      1,
    ),
    sentiment: fold(
      trainSoftmax(
        rows(settings.sentiment),
        examples.map((e) => e.sentiment),
        D,
        3,
        settings.sentiment.lambda,
      ),
      settings.sentiment,
      3,
    ),
  };
}

/** Per example: P(stress) and P(overtime) (the most likely passage's), and the mean over passages of P(pos) − P(neg). */
interface Prediction {
  readonly stress: number;
  readonly overtime: number;
  readonly s: number;
}

function predictor(vocabulary: readonly string[], w: { stress: Float64Array; overtime: Float64Array; sentiment: Float64Array }) {
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const D = vocabulary.length;
  const binary = (weights: Float64Array, row: Int32Array) => {
    let z = weights[D]!;
    for (const j of row) z += weights[j]!;
    return sigmoid(z);
  };
  return (e: Example): Prediction => {
    let stress = 0;
    let overtime = 0;
    let s = 0;
    const passages = e.passages.length > 0 ? e.passages : [e.features];
    for (const p of passages) {
      const row = indices(p, index);
      stress = Math.max(stress, binary(w.stress, row));
      overtime = Math.max(overtime, binary(w.overtime, row));
      const z = [0, 1, 2].map((c) => {
        let v = w.sentiment[c * (D + 1) + D]!;
        for (const j of row) v += w.sentiment[c * (D + 1) + j]!;
        return v;
      });
      const max = Math.max(...z);
      const ex = z.map((v) => Math.exp(v - max));
      const sum = ex[0]! + ex[1]! + ex[2]!;
      s += (ex[0]! - ex[2]!) / sum;
    }
    return { stress, overtime, s: s / passages.length };
  };
}

export interface Detection {
  readonly precision: number;
  readonly recall: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export function detection(expected: readonly boolean[], got: readonly boolean[]): Detection {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  expected.forEach((e, i) => {
    if (e && got[i]) tp++;
    else if (!e && got[i]) fp++;
    else if (e && !got[i]) fn++;
  });
  return { tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

/**
 * The threshold on P with the best recall among those whose precision reaches the target
 * (midway between that probability and the next lower one); failing that, the best F1.
 */
export function chooseThreshold(p: readonly number[], y: readonly boolean[], target: number): { threshold: number; at: Detection } {
  const candidates = [...new Set(p)].sort((a, b) => b - a);
  let best: { threshold: number; at: Detection; key: number[] } | undefined;
  candidates.forEach((c, i) => {
    const at = detection(
      y,
      p.map((v) => v >= c),
    );
    const f1 = at.tp === 0 ? 0 : (2 * at.precision * at.recall) / (at.precision + at.recall);
    const key = at.precision >= target ? [1, at.recall, at.precision] : [0, f1, at.precision];
    const next = candidates[i + 1];
    const threshold = next === undefined ? c / 2 : (c + next) / 2;
    if (
      !best ||
      key[0]! > best.key[0]! ||
      (key[0] === best.key[0] && (key[1]! > best.key[1]! || (key[1] === best.key[1] && key[2]! > best.key[2]!)))
    ) {
      best = { threshold, at, key };
    }
  });
  return best
    ? { threshold: best.threshold, at: best.at }
    : {
        threshold: 0.5,
        at: detection(
          y,
          y.map(() => false),
        ),
      };
}

const sentimentOf = (s: number, t: number): SentimentClass => (s > t ? 0 : s < -t ? 2 : 1);

const round = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(4)));

export interface CrossValidation {
  readonly settings: Settings;
  readonly stress: { threshold: number; at: Detection };
  readonly overtime: { threshold: number; at: Detection };
  readonly sentiment: { threshold: number; accuracy: number };
  /** The chosen settings' out-of-fold figures over the examples whose id matches each subset's pattern. */
  readonly subsets: Record<string, { stress: Detection; overtime: Detection; sentimentAccuracy: number; size: number }>;
}

/**
 * k-fold cross-validation over the examples for every λ × rule scale; per task the setting with
 * the best recall at the target precision (stress, overtime) or the best accuracy (sentiment),
 * and its threshold. Ties go to the larger λ, then the smaller scale (the simpler model).
 */
export function crossValidate(
  examples: readonly Example[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  subsets: Record<string, RegExp> = {},
): CrossValidation {
  const log = options.log ?? (() => undefined);
  const folds = examples.map((e) => foldOf(e.id, options.folds));
  const y = { stress: examples.map((e) => e.stress), overtime: examples.map((e) => e.overtime) };
  const grid: Setting[] = options.lambdas.flatMap((lambda) =>
    options.ruleScales.flatMap((ruleScale) => options.unigramScales.map((unigramScale) => ({ lambda, ruleScale, unigramScale }))),
  );
  const results = grid.map((setting) => {
    const oof: Prediction[] = new Array(examples.length);
    for (let k = 0; k < options.folds; k++) {
      const train = examples.filter((_, i) => folds[i] !== k);
      const model = fitModel(train, options.minCount, { stress: setting, overtime: setting, sentiment: setting });
      const predict = predictor(model.vocabulary, model);
      examples.forEach((e, i) => {
        if (folds[i] === k) oof[i] = predict(e);
      });
    }
    const stress = chooseThreshold(
      oof.map((p) => p.stress),
      y.stress,
      options.targetPrecision,
    );
    const overtime = chooseThreshold(
      oof.map((p) => p.overtime),
      y.overtime,
      options.targetPrecision,
    );
    const sentiment = options.sentimentThresholds
      .map((t) => ({
        threshold: t,
        accuracy: oof.filter((p, i) => sentimentOf(p.s, t) === examples[i]!.sentiment).length / examples.length,
      }))
      .reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
    log(
      `  λ ${setting.lambda} rule ×${setting.ruleScale} unigram ×${setting.unigramScale}: stress P ${stress.at.precision.toFixed(3)} R ${stress.at.recall.toFixed(3)} (t ${stress.threshold.toFixed(3)}), ` +
        `overtime P ${overtime.at.precision.toFixed(3)} R ${overtime.at.recall.toFixed(3)} (t ${overtime.threshold.toFixed(3)}), ` +
        `sentiment ${sentiment.accuracy.toFixed(3)} (t ${sentiment.threshold})`,
    );
    return { setting, stress, overtime, sentiment, oof };
  });
  const key = (d: Detection) => [d.precision >= options.targetPrecision ? 1 : 0, d.recall, d.precision];
  const simpler = (a: { setting: Setting }, b: typeof a) =>
    a.setting.lambda > b.setting.lambda ||
    (a.setting.lambda === b.setting.lambda &&
      (a.setting.ruleScale < b.setting.ruleScale ||
        (a.setting.ruleScale === b.setting.ruleScale && a.setting.unigramScale > b.setting.unigramScale)));
  const pick = (score: (r: (typeof results)[number]) => number[]) =>
    results.reduce((best, r) => {
      const a = score(r);
      const b = score(best);
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]! ? r : best;
      return simpler(r, best) ? r : best;
    });
  const s = pick((r) => key(r.stress.at));
  const o = pick((r) => key(r.overtime.at));
  const m = pick((r) => [r.sentiment.accuracy]);
  const subsetFigures = Object.fromEntries(
    Object.entries(subsets).map(([name, re]) => {
      const at = examples.map((e, i) => (re.test(e.id) ? i : -1)).filter((i) => i >= 0);
      return [
        name,
        {
          size: at.length,
          stress: detection(
            at.map((i) => y.stress[i]!),
            at.map((i) => s.oof[i]!.stress >= s.stress.threshold),
          ),
          overtime: detection(
            at.map((i) => y.overtime[i]!),
            at.map((i) => o.oof[i]!.overtime >= o.overtime.threshold),
          ),
          sentimentAccuracy:
            at.filter((i) => sentimentOf(m.oof[i]!.s, m.sentiment.threshold) === examples[i]!.sentiment).length / Math.max(1, at.length),
        },
      ];
    }),
  );
  return {
    settings: { stress: s.setting, overtime: o.setting, sentiment: m.setting },
    stress: s.stress,
    overtime: o.overtime,
    sentiment: m.sentiment,
    subsets: subsetFigures,
  };
}

/** The final model on all the examples with the chosen settings, as the weights file holds it. */
export function trainModel(
  examples: readonly Example[],
  cv: Pick<CrossValidation, 'settings' | 'stress' | 'overtime' | 'sentiment'>,
  meta: { trainingSha256: string; trainingFiles: readonly string[]; folds: number; minCount: number; targetPrecision: number },
): ModelFile {
  const model = fitModel(examples, meta.minCount, cv.settings);
  const D = model.vocabulary.length;
  const features: (string | number)[][] = [];
  model.vocabulary.forEach((f, j) => {
    const row = [
      model.stress[j]!,
      model.overtime[j]!,
      model.sentiment[j]!,
      model.sentiment[D + 1 + j]!,
      model.sentiment[2 * (D + 1) + j]!,
    ].map(round);
    if (row.some((v) => Math.abs(v) >= MIN_WEIGHT)) features.push([f, ...row]);
  });
  if (HEADS.length !== 5) throw new Error('weights file layout changed');
  return {
    format: 1,
    featureSet: FEATURE_SET_VERSION,
    trainingSha256: meta.trainingSha256,
    trainingFiles: meta.trainingFiles,
    sentences: examples.length,
    hyper: { folds: meta.folds, minCount: meta.minCount, targetPrecision: meta.targetPrecision, settings: cv.settings },
    cv: {
      stressPrecision: round(cv.stress.at.precision),
      stressRecall: round(cv.stress.at.recall),
      overtimePrecision: round(cv.overtime.at.precision),
      overtimeRecall: round(cv.overtime.at.recall),
      sentimentAccuracy: round(cv.sentiment.accuracy),
    },
    stress: { bias: round(model.stress[D]!), threshold: round(cv.stress.threshold) },
    overtime: { bias: round(model.overtime[D]!), threshold: round(cv.overtime.threshold) },
    sentiment: {
      bias: [model.sentiment[D]!, model.sentiment[2 * (D + 1) - 1]!, model.sentiment[3 * (D + 1) - 1]!].map(round),
      threshold: cv.sentiment.threshold,
      scale: round(SCORE_THRESHOLD / cv.sentiment.threshold),
    },
    features,
  };
}

/** The weights file's text: one feature a line, so that a retrained file diffs by feature. */
export function serializeModel(file: ModelFile): string {
  const { features, ...head } = file;
  const lines = features.map((f) => JSON.stringify(f));
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "features": [\n    ${lines.join(',\n    ')}\n  ]\n}\n`;
}
