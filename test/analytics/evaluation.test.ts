/**
 * Quality, measured on the labelled evaluation set (eval-set.jsonl): precision and recall of the
 * stress and overtime alerts and 3-class sentiment accuracy. The text model (src/analytics/model/)
 * is trained on tune and tune2 and on the corpus (test/analytics/corpus/, part "train"), its
 * settings and thresholds chosen by 5-fold cross-validation over that training data only.
 * heldout (e…) and heldout3 (k…, written blind by a colleague) are held out: never trained or
 * tuned on, measured once with the frozen model. Each threshold below is what is reached,
 * rounded down, not a target pretended (the targets and which are met: docs/analytics.md, "Quality").
 */
import { SPLITS, evaluate, loadCorpus, loadEvalSet } from '../../scripts/analytics-eval';
import { analyzer } from './analyzer';

const items = loadEvalSet();

describe('the evaluation set', () => {
  it('holds at least 240 labelled sentences, ids unique, about 70/30 tuning/held-out among the first set', () => {
    expect(items.length).toBeGreaterThanOrEqual(240);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const first = items.filter((i) => i.id.startsWith('e'));
    expect(first.length).toBeGreaterThanOrEqual(240);
    const heldout = first.filter((i) => i.split === 'heldout').length;
    expect(heldout / first.length).toBeGreaterThan(0.25);
    expect(heldout / first.length).toBeLessThan(0.35);
    for (const i of items) {
      expect(SPLITS).toContain(i.split);
      expect(['pos', 'neu', 'neg']).toContain(i.sentiment);
      expect(typeof i.stress).toBe('boolean');
      expect(typeof i.overtime).toBe('boolean');
      expect(i.text.trim().length).toBeGreaterThan(0);
    }
  });

  it('the split is fixed by id: e… ids whose number ends in 2, 5 or 8 are held out, h… ids are tune2, k… ids heldout3, m… ids heldout4', () => {
    for (const i of items) {
      expect(i.id).toMatch(/^([eh]\d{3}|[km]\d{3,})$/);
      if (i.id.startsWith('h')) expect(i.split).toBe('tune2');
      else if (i.id.startsWith('k')) expect(i.split).toBe('heldout3');
      else if (i.id.startsWith('m')) expect(i.split).toBe('heldout4');
      else expect(i.split === 'heldout').toBe([2, 5, 8].includes(Number(i.id.slice(1)) % 10));
    }
  });

  it('tune2 (formerly heldout2) loads: 120 sentences h001…h120, every label present, 32 stress and 32 overtime positives', () => {
    const h2 = items.filter((i) => i.split === 'tune2');
    expect(h2.map((i) => i.id)).toEqual(Array.from({ length: 120 }, (_, k) => `h${String(k + 1).padStart(3, '0')}`));
    for (const i of h2) {
      expect(typeof i.stress).toBe('boolean');
      expect(typeof i.overtime).toBe('boolean');
      expect(['pos', 'neu', 'neg']).toContain(i.sentiment);
      expect(['production', 'rnd', 'service', 'sales']).toContain(i.role);
      expect(i.section.length).toBeGreaterThan(0);
    }
    expect(h2.filter((i) => i.stress).length).toBe(32);
    expect(h2.filter((i) => i.overtime).length).toBe(32);
    expect(h2.filter((i) => i.stress && i.overtime).length).toBe(8);
    expect(h2.filter((i) => !i.stress && !i.overtime).length).toBe(64);
  });

  it('has the hard cases: others’ stress, negation, resolved past, hypotheticals, domain words, 繁體, full-width, emoji, English', () => {
    const has = (re: RegExp) => items.filter((i) => re.test(i.text)).length;
    expect(has(/他|她|同事|新人|下属|小[张李]/)).toBeGreaterThanOrEqual(8);
    expect(has(/没有|没怎么|不大|不算|很少|并非|不再|不用/)).toBeGreaterThanOrEqual(10);
    expect(has(/以前|上半年|之前/)).toBeGreaterThanOrEqual(5);
    expect(has(/如果|可能|避免|防止/)).toBeGreaterThanOrEqual(6);
    expect(has(/压力测试|液压|压力表|压力容器|压力面试|压力值|加班费|加班审批|加班申请|抗压/)).toBeGreaterThanOrEqual(10);
    expect(has(/[們團隊經壓設備線戶銷區]/)).toBeGreaterThanOrEqual(8);
    expect(has(/[\uFF01-\uFF5E]/)).toBeGreaterThanOrEqual(3);
    expect(has(/\p{Extended_Pictographic}/u)).toBeGreaterThanOrEqual(5);
    expect(has(/[A-Za-z]{2,}/)).toBeGreaterThanOrEqual(10);
  });

  const tune = evaluate(analyzer(), items, 'tune');
  const tune2 = evaluate(analyzer(), items, 'tune2');
  const heldout = evaluate(analyzer(), items, 'heldout');
  const heldout3 = evaluate(analyzer(), items, 'heldout3');
  const heldout4 = evaluate(analyzer(), items, 'heldout4');
  const total = evaluate(analyzer(), items, 'heldout-total');
  const brief = (f: typeof tune) => ({ ...f, failures: f.failures.length });

  it('every sentence is in exactly one part; the held-out total is heldout + heldout3 + heldout4', () => {
    // Printed so that a change in quality shows in the test log.
    console.log(
      JSON.stringify({
        tune: brief(tune),
        tune2: brief(tune2),
        heldout: brief(heldout),
        heldout3: brief(heldout3),
        heldout4: brief(heldout4),
        total: brief(total),
      }),
    );
    expect(tune.size + tune2.size + heldout.size + heldout3.size + heldout4.size).toBe(items.length);
    expect(tune2.size).toBe(120);
    expect(heldout4.size).toBe(220);
    expect(total.size).toBe(heldout.size + heldout3.size + heldout4.size);
  });

  // Training data (tune, tune2, train): the model's fit, not an estimate of quality.
  it('tune: stress and overtime P = R = 1, sentiment ≥ 0.99 (trained on)', () => {
    expect(tune.stress.precision).toBe(1);
    expect(tune.stress.recall).toBe(1);
    expect(tune.overtime.precision).toBe(1);
    expect(tune.overtime.recall).toBe(1);
    expect(tune.sentimentAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('tune2: stress and overtime P = R = 1, sentiment ≥ 0.99 (trained on)', () => {
    expect(tune2.stress.precision).toBe(1);
    expect(tune2.stress.recall).toBe(1);
    expect(tune2.overtime.precision).toBe(1);
    expect(tune2.overtime.recall).toBe(1);
    expect(tune2.sentimentAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('train (the corpus, trained on): stress P ≥ 0.99, R = 1, overtime P = R = 1, sentiment ≥ 0.99', () => {
    const train = evaluate(analyzer(), [...items, ...loadCorpus()], 'train');
    expect(train.size).toBeGreaterThanOrEqual(1000);
    expect(train.stress.precision).toBeGreaterThanOrEqual(0.99);
    expect(train.stress.recall).toBe(1);
    expect(train.overtime.precision).toBe(1);
    expect(train.overtime.recall).toBe(1);
    expect(train.sentimentAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('cross-validated over the training data (as analytics:train stored it): stress and overtime P ≥ 0.92, R ≥ 0.85 / 0.89, sentiment ≥ 0.85', () => {
    const cv = analyzer().model.file.cv;
    expect(cv.stressPrecision).toBeGreaterThanOrEqual(0.92);
    expect(cv.stressRecall).toBeGreaterThanOrEqual(0.85);
    expect(cv.overtimePrecision).toBeGreaterThanOrEqual(0.92);
    expect(cv.overtimeRecall).toBeGreaterThanOrEqual(0.89);
    expect(cv.sentimentAccuracy).toBeGreaterThanOrEqual(0.85);
  });

  // Held out, measured once with the frozen model.
  it('held out: stress P ≥ 0.91 and R ≥ 0.91 (11/12 each; targets 0.9 / 0.8 met)', () => {
    expect(heldout.stress.precision).toBeGreaterThanOrEqual(0.91);
    expect(heldout.stress.recall).toBeGreaterThanOrEqual(0.91);
  });

  it('held out: overtime P = R = 1 (6/6; targets met)', () => {
    expect(heldout.overtime.precision).toBe(1);
    expect(heldout.overtime.recall).toBe(1);
  });

  it('held out: 3-class sentiment accuracy ≥ 0.89 (target 0.8 met)', () => {
    expect(heldout.sentimentAccuracy).toBeGreaterThanOrEqual(0.89);
  });

  // heldout3 was written blind by a colleague (ids k…, split heldout3); nothing was trained or
  // tuned on it. These tests assert the figures the frozen model reached, rounded down; the
  // targets stand in the doc. Never train or tune on heldout3.
  const withHeldout3 = heldout3.size > 0 ? describe : describe.skip;
  withHeldout3('heldout3 (written blind)', () => {
    it('loads: ids k… unique and in order, every label present', () => {
      const h3 = items.filter((i) => i.split === 'heldout3');
      expect(h3.map((i) => i.id)).toEqual([...h3.map((i) => i.id)].sort());
      for (const i of h3) {
        expect(i.id).toMatch(/^k\d{3,}$/);
        expect(typeof i.stress).toBe('boolean');
        expect(typeof i.overtime).toBe('boolean');
        expect(['pos', 'neu', 'neg']).toContain(i.sentiment);
        expect(i.section.length).toBeGreaterThan(0);
      }
    });

    it('heldout3: the figures reached (targets P ≥ 0.9 / R ≥ 0.8 and sentiment ≥ 0.8: stress and overtime recall and stress precision met; overtime precision 0.889 and sentiment 0.733 not)', () => {
      expect(heldout3.size).toBe(150);
      expect(heldout3.stress.precision).toBeGreaterThanOrEqual(0.91);
      expect(heldout3.stress.recall).toBeGreaterThanOrEqual(0.85);
      expect(heldout3.overtime.precision).toBeGreaterThanOrEqual(0.88);
      expect(heldout3.overtime.recall).toBe(1);
      expect(heldout3.sentimentAccuracy).toBeGreaterThanOrEqual(0.73);
    });
  });

  // heldout4 (ids m…, 220) was written and labelled blind by a colleague who read only the
  // labelling guide (not the rules, the corpus, the model or any other part), after the model
  // was frozen, and measured once. Never train or tune on it.
  describe('heldout4 (written blind, measured once)', () => {
    it('loads: 220 sentences m001…m220, 55 stress and 55 overtime positives, every label present', () => {
      const h4 = items.filter((i) => i.split === 'heldout4');
      expect(h4.map((i) => i.id)).toEqual(Array.from({ length: 220 }, (_, k) => `m${String(k + 1).padStart(3, '0')}`));
      expect(h4.filter((i) => i.stress).length).toBe(55);
      expect(h4.filter((i) => i.overtime).length).toBe(55);
      for (const i of h4) expect(['pos', 'neu', 'neg']).toContain(i.sentiment);
    });

    it('heldout4: every target met (stress P 1.0 R ≥ 0.96, overtime P 1.0 R ≥ 0.94, sentiment ≥ 0.86)', () => {
      expect(heldout4.stress.precision).toBe(1);
      expect(heldout4.stress.recall).toBeGreaterThanOrEqual(0.96);
      expect(heldout4.overtime.precision).toBe(1);
      expect(heldout4.overtime.recall).toBeGreaterThanOrEqual(0.94);
      expect(heldout4.sentimentAccuracy).toBeGreaterThanOrEqual(0.86);
    });

    it('held-out total (heldout + heldout3 + heldout4, 444): every target met (stress P ≥ 0.96 R ≥ 0.91, overtime P ≥ 0.95 R ≥ 0.97, sentiment ≥ 0.82)', () => {
      expect(total.size).toBe(444);
      expect(total.stress.precision).toBeGreaterThanOrEqual(0.96);
      expect(total.stress.recall).toBeGreaterThanOrEqual(0.91);
      expect(total.overtime.precision).toBeGreaterThanOrEqual(0.95);
      expect(total.overtime.recall).toBeGreaterThanOrEqual(0.97);
      expect(total.sentimentAccuracy).toBeGreaterThanOrEqual(0.82);
    });
  });
});
