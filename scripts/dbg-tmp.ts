import { createTextAnalyzer } from '../src/analytics';
const a = createTextAnalyzer();
for (const t of process.argv.slice(2)) {
  const r = a.analyze(t);
  console.log(
    t,
    r.sentiment.label,
    r.sentiment.score,
    r.alerts.alerts.map((x) => `${x.kind}:${x.cues.map((c) => c.term).join('/')}`).join(' '),
    '| rejected',
    r.alerts.rejected.map((x) => `${x.kind}:${x.reason}:${x.because}`).join(' '),
  );
  for (const p of a.modelFeatures(t).passages) {
    const d = a.model.decide(p);
    console.log(
      '   P(stress)',
      d.stress.probability.toFixed(3),
      'P(ot)',
      d.overtime.probability.toFixed(3),
      'sent',
      d.sentiment.probabilities.map((x) => x.toFixed(2)).join(','),
      'O:',
      d.overtime
        .evidence()
        .slice(0, 5)
        .map((e) => `${e.feature} ${e.weight.toFixed(2)}`)
        .join(' | '),
    );
  }
}
