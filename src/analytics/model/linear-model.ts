/**
 * The linear model: L2-regularised logistic regression for stress and for overtime, and a
 * multinomial (softmax) one for sentiment, over the binary features of features.ts. The weights
 * are trained offline (scripts/analytics-train.ts) and stored in weights.json; this module only
 * reads them and scores.
 */
import { type FeatureInput, type FeatureSet, visitFeatures } from './features';

export type Head = 'stress' | 'overtime' | 'pos' | 'neu' | 'neg';
/** The order of a feature's weights in the file. */
export const HEADS: readonly Head[] = ['stress', 'overtime', 'pos', 'neu', 'neg'];

export interface ModelFile {
  readonly format: 1;
  readonly featureSet: number;
  /** SHA-256 of the training data (see scripts/analytics-train.ts: trainingHash). */
  readonly trainingSha256: string;
  readonly trainingFiles: readonly string[];
  readonly sentences: number;
  readonly hyper: {
    readonly folds: number;
    readonly minCount: number;
    readonly targetPrecision: number;
    readonly settings: Record<
      'stress' | 'overtime' | 'sentiment',
      { readonly lambda: number; readonly ruleScale: number; readonly unigramScale: number }
    >;
  };
  /** Cross-validated figures of the chosen settings. */
  readonly cv: Record<string, number>;
  readonly stress: { readonly bias: number; readonly threshold: number };
  readonly overtime: { readonly bias: number; readonly threshold: number };
  /** Biases pos, neu, neg; s = P(pos) − P(neg) is positive above +threshold, negative below −threshold; score = s × scale. */
  readonly sentiment: { readonly bias: readonly number[]; readonly threshold: number; readonly scale: number };
  /** [name, stress, overtime, pos, neu, neg] */
  readonly features: readonly (readonly (string | number)[])[];
}

/** A feature that fired, its weight for one decision and where it is. */
export interface Evidence {
  readonly feature: string;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
}

export interface Decision {
  readonly probability: number;
  readonly positive: boolean;
  /** The fired features by |weight|, strongest first (computed when asked: only explanations need it). */
  evidence(): Evidence[];
}

export interface PassageDecision {
  readonly stress: Decision;
  readonly overtime: Decision;
  readonly sentiment: {
    /** P(pos), P(neu), P(neg). */
    readonly probabilities: readonly [number, number, number];
    /** From P(pos) − P(neg) (scoreOf): above +0.45 positive, below −0.45 negative, as the lexicon's scores. */
    readonly score: number;
    /** The fired features by |weight| for pos against neg. */
    evidence(): Evidence[];
  };
}

/**
 * A passage's score from s = P(pos) − P(neg): s × scale beyond the threshold (so that ±0.45, the
 * lexicon's label threshold, falls where s crosses ±threshold), and shrunk towards 0 inside it by
 * (|s| / threshold)², continuous and monotone: a neutral statement of fact scores about 0, as the
 * lexicon's did, and a section's or interview's mean (labelled at ±0.1) is not pulled by many
 * slightly non-zero neutral sentences.
 */
export const scoreOf = (s: number, threshold: number, scale: number): number => s * scale * Math.min(1, (Math.abs(s) / threshold) ** 2);

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export interface LinearModel {
  readonly file: ModelFile;
  /** The decision over features given by name (training, tests). */
  decide(features: FeatureSet): PassageDecision;
  /** The same decision straight from the passage: the weights' rows looked up as the features are traversed (what the analyzer runs). */
  decideInput(input: FeatureInput): PassageDecision;
}

/** A character of an n-gram in the vocabulary's trie: the weights' row of the n-gram ending here (−1: none), and the next characters. */
interface GramNode {
  row: number;
  next: Map<number, GramNode> | undefined;
}

export function loadModel(file: ModelFile): LinearModel {
  const H = HEADS.length;
  const index = new Map<string, number>();
  const w = new Float64Array(file.features.length * H);
  // The vocabulary by kind, so that the analyzer looks a feature up without building its name.
  const grams: GramNode = { row: -1, next: new Map() };
  const words = { w: new Map<string, number>(), ac: new Map<string, number>() };
  file.features.forEach((row, i) => {
    const name = row[0] as string;
    index.set(name, i);
    for (let h = 0; h < H; h++) w[i * H + h] = row[h + 1] as number;
    if (name.startsWith('c:')) {
      let node = grams;
      for (let k = 2; k < name.length; k++) {
        const code = name.charCodeAt(k);
        node.next ??= new Map();
        let child = node.next.get(code);
        if (!child) node.next.set(code, (child = { row: -1, next: undefined }));
        node = child;
      }
      node.row = i;
    } else if (name.startsWith('w:')) words.w.set(name.slice(2), i);
    else if (name.startsWith('ac:')) words.ac.set(name.slice(3), i);
  });
  const nameOf = (row: number) => file.features[row]![0] as string;

  /** Scores the fired rows (each once, in order of first occurrence, with its span). */
  const score = (rows: readonly number[], starts: readonly number[], ends: readonly number[]): PassageDecision => {
    const z = [file.stress.bias, file.overtime.bias, ...file.sentiment.bias] as [number, number, number, number, number];
    for (const r of rows) {
      const o = r * H;
      z[0] += w[o]!;
      z[1] += w[o + 1]!;
      z[2] += w[o + 2]!;
      z[3] += w[o + 3]!;
      z[4] += w[o + 4]!;
    }
    const evidence = (weight: (o: number) => number): Evidence[] => {
      const out: Evidence[] = [];
      for (let k = 0; k < rows.length; k++) {
        const v = weight(rows[k]! * H);
        if (v !== 0) out.push({ feature: nameOf(rows[k]!), weight: v, start: starts[k]!, end: ends[k]! });
      }
      return out.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.feature < b.feature ? -1 : 1));
    };
    const binary = (h: number, threshold: number): Decision => {
      const probability = sigmoid(z[h]!);
      return { probability, positive: probability >= threshold, evidence: () => evidence((o) => w[o + h]!) };
    };
    const max = Math.max(z[2]!, z[3]!, z[4]!);
    const e = [Math.exp(z[2]! - max), Math.exp(z[3]! - max), Math.exp(z[4]! - max)];
    const sum = e[0]! + e[1]! + e[2]!;
    const probabilities = [e[0]! / sum, e[1]! / sum, e[2]! / sum] as const;
    return {
      stress: binary(0, file.stress.threshold),
      overtime: binary(1, file.overtime.threshold),
      sentiment: {
        probabilities,
        score: scoreOf(probabilities[0] - probabilities[2], file.sentiment.threshold, file.sentiment.scale),
        evidence: () => evidence((o) => w[o + 2]! - w[o + 4]!),
      },
    };
  };

  // A row fired in this passage already (a feature counts once): stamped with the passage's number.
  const seen = new Int32Array(file.features.length);
  let passage = 0;
  return {
    file,
    decide(features) {
      const rows: number[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      for (const [feature, [s, e]] of features) {
        const i = index.get(feature);
        if (i === undefined) continue;
        rows.push(i);
        starts.push(s);
        ends.push(e);
      }
      return score(rows, starts, ends);
    },
    decideInput(input) {
      passage = passage === 0x7fffffff ? 1 : passage + 1;
      if (passage === 1) seen.fill(0);
      const rows: number[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      const fire = (row: number | undefined, s: number, e: number) => {
        if (row === undefined || row < 0 || seen[row] === passage) return;
        seen[row] = passage;
        rows.push(row);
        starts.push(s);
        ends.push(e);
      };
      let node: GramNode | undefined;
      visitFeatures(input, {
        gram(norm, i, n) {
          node = n === 1 ? grams.next!.get(norm.charCodeAt(i)) : node?.next?.get(norm.charCodeAt(i + n - 1));
          if (node) fire(node.row, i, i + n);
        },
        word: (prefix, word, s, e) => fire(words[prefix].get(word), s, e),
        named: (name, s, e) => fire(index.get(name), s, e),
      });
      return score(rows, starts, ends);
    },
  };
}
