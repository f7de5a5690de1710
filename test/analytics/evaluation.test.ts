/**
 * Quality, measured on the labelled evaluation set (eval-set.jsonl): precision and recall of the
 * stress and overtime alerts and 3-class sentiment accuracy on the tuning part, the held-out part,
 * the second held-out part (heldout2: written and labelled before the rules were run on it, never
 * tuned on) and the held-out total. The rules were tuned on the tuning part only. Each threshold
 * below is what is reached (the targets are in docs/analytics.md): a target is asserted only where
 * it is met, so that the tests catch a regression without pretending a target is met.
 */
import { SPLITS, evaluate, loadEvalSet } from '../../scripts/analytics-eval';
import { analyzer } from './analyzer';

const items = loadEvalSet();

describe('the evaluation set', () => {
  it('holds at least 240 labelled sentences, ids unique, about 70/30 tuning/held-out among the first set', () => {
    expect(items.length).toBeGreaterThanOrEqual(240);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const first = items.filter((i) => i.split !== 'heldout2');
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

  it('the split is fixed by id: e… ids whose number ends in 2, 5 or 8 are held out, h… ids are heldout2', () => {
    for (const i of items) {
      expect(i.id).toMatch(/^[eh]\d{3}$/);
      if (i.id.startsWith('h')) expect(i.split).toBe('heldout2');
      else expect(i.split === 'heldout').toBe([2, 5, 8].includes(Number(i.id.slice(1)) % 10));
    }
  });

  it('heldout2 loads: 120 sentences h001…h120, every label present, about 30 stress and 30 overtime positives', () => {
    const h2 = items.filter((i) => i.split === 'heldout2');
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

  const heldout = evaluate(analyzer(), items, 'heldout');
  const tune = evaluate(analyzer(), items, 'tune');
  const heldout2 = evaluate(analyzer(), items, 'heldout2');
  const total = evaluate(analyzer(), items, 'heldout-total');

  it('on the tuning part (reported, not a target)', () => {
    // Printed so that a change in quality shows in the test log.
    const brief = (f: typeof tune) => ({ ...f, failures: f.failures.length });
    console.log(JSON.stringify({ tune: brief(tune), heldout: brief(heldout), heldout2: brief(heldout2), total: brief(total) }));
    expect(tune.size + heldout.size + heldout2.size).toBe(items.length);
    expect(heldout2.size).toBe(120);
    expect(total.size).toBe(heldout.size + heldout2.size);
  });

  it('held out: stress precision ≥ 0.9 and recall ≥ 0.8', () => {
    expect(heldout.stress.precision).toBeGreaterThanOrEqual(0.9);
    expect(heldout.stress.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('held out: overtime recall ≥ 0.8', () => {
    expect(heldout.overtime.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('held out: overtime precision — target 0.9, reached 6/7 = 0.857 (one false alarm out of seven; see docs/analytics.md)', () => {
    // The target is 0.9. The rules were tuned on the tuning part only and reach 0.857 on the held-out
    // part; the threshold below is what is reached, not the target, so that the test still catches a
    // regression. Raise it to 0.9 when the rules reach it without looking at the held-out sentences.
    expect(heldout.overtime.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('held out: 3-class sentiment accuracy ≥ 0.8', () => {
    expect(heldout.sentimentAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  // heldout2: 120 sentences written and labelled before the rules were run on them; nothing was
  // tuned on them. No target is met there. Each threshold is the figure reached (rounded down), not
  // the target (precision ≥ 0.9, recall ≥ 0.8, sentiment ≥ 0.8): raise it when the rules improve
  // without looking at heldout2, never lower it to make a change pass.
  it('heldout2: stress — target P ≥ 0.9 / R ≥ 0.8, reached P 14/16 = 0.875, R 14/32 = 0.44 (not met)', () => {
    expect(heldout2.stress.precision).toBeGreaterThanOrEqual(0.87);
    expect(heldout2.stress.recall).toBeGreaterThanOrEqual(0.43);
  });

  it('heldout2: overtime — target P ≥ 0.9 / R ≥ 0.8, reached P 9/17 = 0.53, R 9/32 = 0.28 (not met)', () => {
    expect(heldout2.overtime.precision).toBeGreaterThanOrEqual(0.52);
    expect(heldout2.overtime.recall).toBeGreaterThanOrEqual(0.28);
  });

  it('heldout2: 3-class sentiment — target 0.8, reached 66/120 = 0.55 (not met)', () => {
    expect(heldout2.sentimentAccuracy).toBeGreaterThanOrEqual(0.54);
  });

  it('held-out total (heldout + heldout2, 194): reached, not the targets — stress P 0.93 R 0.57, overtime P 0.63 R 0.39, sentiment 0.70', () => {
    // Only stress precision meets its target here.
    expect(total.stress.precision).toBeGreaterThanOrEqual(0.9);
    expect(total.stress.recall).toBeGreaterThanOrEqual(0.56);
    expect(total.overtime.precision).toBeGreaterThanOrEqual(0.62);
    expect(total.overtime.recall).toBeGreaterThanOrEqual(0.39);
    expect(total.sentimentAccuracy).toBeGreaterThanOrEqual(0.69);
  });
});
