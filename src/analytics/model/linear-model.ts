/**
 * The linear model: L2-regularised logistic regression for stress and for overtime, and a
 * multinomial (softmax) one for sentiment, over the binary features of features.ts. The weights
 * are trained offline (scripts/analytics-train.ts) and stored in weights.json; this module only
 * reads them and scores.
 */
import type { FeatureSet } from './features';

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
  decide(features: FeatureSet): PassageDecision;
}

export function loadModel(file: ModelFile): LinearModel {
  const index = new Map<string, number>();
  const w = new Float64Array(file.features.length * HEADS.length);
  file.features.forEach((row, i) => {
    index.set(row[0] as string, i);
    for (let h = 0; h < HEADS.length; h++) w[i * HEADS.length + h] = row[h + 1] as number;
  });
  return {
    file,
    decide(features) {
      const z = [file.stress.bias, file.overtime.bias, ...file.sentiment.bias] as [number, number, number, number, number];
      // The fired features as offsets into w, with their names and spans (built into Evidence only when asked).
      const at: number[] = [];
      const names: string[] = [];
      const spans: (readonly [number, number])[] = [];
      for (const [feature, span] of features) {
        const i = index.get(feature);
        if (i === undefined) continue;
        const o = i * 5;
        z[0] += w[o]!;
        z[1] += w[o + 1]!;
        z[2] += w[o + 2]!;
        z[3] += w[o + 3]!;
        z[4] += w[o + 4]!;
        at.push(o);
        names.push(feature);
        spans.push(span);
      }
      const evidence = (weight: (at: number) => number): Evidence[] => {
        const out: Evidence[] = [];
        for (let k = 0; k < at.length; k++) {
          const v = weight(at[k]!);
          if (v !== 0) out.push({ feature: names[k]!, weight: v, start: spans[k]![0], end: spans[k]![1] });
        }
        return out.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.feature < b.feature ? -1 : 1));
      };
      const binary = (h: number, threshold: number): Decision => {
        const probability = sigmoid(z[h]!);
        return { probability, positive: probability >= threshold, evidence: () => evidence((at) => w[at + h]!) };
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
          evidence: () => evidence((at) => w[at + 2]! - w[at + 4]!),
        },
      };
    },
  };
}
