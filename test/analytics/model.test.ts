/**
 * The linear text model (src/analytics/model/): its weights file is the one the committed
 * training data give, training is deterministic, every positive decision is explained, and a
 * rule the model overrules says so (near-miss reason `model`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TEXT_LENGTH, createTextAnalyzer, normalizeText } from '../../src/analytics';
import { FEATURE_SET_VERSION } from '../../src/analytics/model/features';
import type { ModelFile } from '../../src/analytics/model/linear-model';
import { type Example, lbfgs, serializeModel, trainBinary, trainModel } from '../../src/analytics/model/train';
import { trainingHash, trainingItems, trainingSources } from '../../scripts/analytics-corpus';
import { examplesOf } from '../../scripts/analytics-train';
import { analyzer } from './analyzer';

const WEIGHTS = join(__dirname, '..', '..', 'src', 'analytics', 'model', 'weights.json');
const text = readFileSync(WEIGHTS, 'utf8');
const file = JSON.parse(text) as ModelFile;
const sources = trainingSources();
const items = trainingItems(sources);

describe('the weights file', () => {
  it('was trained on the committed training data, with this feature set, and is small', () => {
    expect(file.trainingSha256).toBe(trainingHash(sources));
    expect(file.trainingFiles).toEqual(sources.map((s) => s.file));
    expect(file.sentences).toBe(items.length);
    expect(file.featureSet).toBe(FEATURE_SET_VERSION);
    expect(Buffer.byteLength(text)).toBeLessThan(1.5 * 1024 * 1024);
    // Never trained on a held-out part.
    expect(items.some((i) => i.split === 'heldout' || i.split === 'heldout3')).toBe(false);
  });

  it('is what retraining the final model with its stored settings gives, byte for byte', () => {
    const examples = examplesOf(analyzer(), items);
    const cv = {
      settings: file.hyper.settings,
      stress: {
        threshold: file.stress.threshold,
        at: { precision: file.cv.stressPrecision!, recall: file.cv.stressRecall!, tp: 0, fp: 0, fn: 0 },
      },
      overtime: {
        threshold: file.overtime.threshold,
        at: { precision: file.cv.overtimePrecision!, recall: file.cv.overtimeRecall!, tp: 0, fp: 0, fn: 0 },
      },
      sentiment: { threshold: file.sentiment.threshold, accuracy: file.cv.sentimentAccuracy! },
    };
    const retrained = trainModel(examples, cv, {
      trainingSha256: trainingHash(sources),
      trainingFiles: sources.map((s) => s.file),
      folds: file.hyper.folds,
      minCount: file.hyper.minCount,
      targetPrecision: file.hyper.targetPrecision,
    });
    expect(serializeModel(retrained) === text).toBe(true);
  }, 120_000);
});

describe('training', () => {
  it('is deterministic: the same examples give the same weights', () => {
    const rows = [
      [0, 1],
      [1, 2],
      [0, 2],
      [2, 3],
    ].map((r) => ({ idx: Int32Array.from(r), val: new Float64Array(r.length).fill(1) }));
    const y = [true, false, true, false];
    expect([...trainBinary(rows, y, 4, 0.5)]).toEqual([...trainBinary(rows, y, 4, 0.5)]);
    const examples: Example[] = examplesOf(analyzer(), items.slice(0, 5));
    expect(examples).toEqual(examplesOf(analyzer(), items.slice(0, 5)));
  });

  it('L-BFGS finds the minimum of a quadratic', () => {
    const x = new Float64Array([5, -3]);
    lbfgs((v, g) => {
      g[0] = 2 * (v[0]! - 1);
      g[1] = 4 * (v[1]! + 2);
      return (v[0]! - 1) ** 2 + 2 * (v[1]! + 2) ** 2;
    }, x);
    expect(x[0]).toBeCloseTo(1, 5);
    expect(x[1]).toBeCloseTo(-2, 5);
  });
});

describe('decisions and their explanation', () => {
  // A sample of the training texts: every kind of sentence the model decides.
  const sample = items.filter((_, i) => i % 3 === 0).map((i) => i.text);

  it('every alert names its cues, in the text as given; every polar passage names the words behind it', () => {
    for (const t of sample) {
      const { alerts, sentiment } = analyzer().analyze(t);
      for (const a of alerts.alerts) {
        expect(a.cues.length).toBeGreaterThan(0);
        for (const c of a.cues) {
          expect(t.slice(c.start, c.end)).toBe(c.text);
          expect(c.term.length).toBeGreaterThan(0);
          expect(a.passage.start <= c.start && c.end <= a.passage.end).toBe(true);
        }
      }
      for (const p of sentiment.passages) {
        if (p.label !== 'neutral') expect(p.contributions.length).toBeGreaterThan(0);
        // The lexicon's score semantics: beyond ±0.45 polar, inside neutral.
        expect(p.label).toBe(p.score > 0.45 ? 'positive' : p.score < -0.45 ? 'negative' : 'neutral');
      }
    }
  });

  it('a rule’s own cue the model overrules is a near miss of reason "model" naming the features against it', () => {
    let overruled = 0;
    for (const t of sample) {
      const { alerts, rejected } = analyzer().alerts(t);
      for (const r of rejected.filter((x) => x.reason === 'model')) {
        overruled++;
        expect(r.because).toMatch(/^((c|w|ac|rule|lex|contrast)\S* [-+]\d|bias)/);
        expect(alerts.some((a) => a.kind === r.kind && a.passage.start === r.passage.start)).toBe(false);
      }
    }
    expect(overruled).toBeGreaterThan(0);
  });

  it('a passage the model finds with no rule cue is explained by its strongest n-gram features', () => {
    let found = 0;
    for (const t of sample) {
      for (const a of analyzer().alerts(t).alerts) {
        const byModel = a.cues.filter((c) => /^(c|w|ac):/.test(c.term));
        if (byModel.length === 0) continue;
        found++;
        // The cue's term names the feature (c:心累, w:通宵); its text is the span of the text as given.
        for (const c of byModel) expect(normalizeText(c.text)).toBe(c.term.slice(c.term.indexOf(':') + 1));
      }
    }
    expect(found).toBeGreaterThan(0);
  });

  it('HR’s monitored words feed the rules, and so the model: a word HR adds fires rule:<kind>:own', () => {
    const custom = createTextAnalyzer({ monitoredWords: { overtime: ['值夜班'] } });
    expect([...custom.modelFeatures('这周又值夜班了。').passages[0]!.keys()]).toContain('rule:overtime:own');
    expect([...analyzer().modelFeatures('这周又值夜班了。').passages[0]!.keys()]).not.toContain('rule:overtime:own');
  });

  it('the same text gives the same answer, from the same or another analyzer', () => {
    const t = '这个季度需求变更频繁，我经常加班到晚上十点，压力很大。同事老周也很累。';
    expect(analyzer().analyze(t)).toEqual(analyzer().analyze(t));
    expect(createTextAnalyzer().analyze(t)).toEqual(analyzer().analyze(t));
  });

  it('bad input stays sensible: empty, emoji, 繁體, full-width, the largest text', () => {
    for (const t of ['', '   ', '。。。']) {
      const { alerts, sentiment } = analyzer().analyze(t);
      expect(alerts).toEqual({ alerts: [], rejected: [] });
      expect(sentiment).toMatchObject({ label: 'neutral', score: 0, contributions: [] });
    }
    // Emoji alone: nothing for the model to decide; the lexicon's emoji weights stay.
    for (const t of ['😀😀😀', '🙂。👍！']) {
      const { alerts, sentiment } = analyzer().analyze(t);
      expect(alerts).toEqual({ alerts: [], rejected: [] });
      expect(sentiment.contributions.filter((c) => c.because.some((b) => b.startsWith('model')))).toEqual([]);
    }
    expect(
      analyzer()
        .analyze('我們團隊最近壓力很大，經常加班。')
        .alerts.alerts.map((a) => a.kind),
    ).toEqual(['stress', 'overtime']);
    expect(
      analyzer()
        .analyze('最近壓力很大，經常加班到１１點！')
        .alerts.alerts.map((a) => a.kind),
    ).toContain('overtime');
    const big = '最近每天加班到九点，压力很大。设备老化严重。'.repeat(1000).slice(0, MAX_TEXT_LENGTH);
    const { alerts, sentiment } = analyzer().analyze(big);
    expect(alerts.alerts.length).toBeGreaterThan(0);
    expect(sentiment.label).toBe('negative');
  });
});
