import { createTextAnalyzer } from '../src/analytics';
const a = createTextAnalyzer();
for (const t of process.argv.slice(2)) {
  const r = a.sentiment(t);
  console.log(t, r.label, r.score);
  for (const p of a.modelFeatures(t).passages) {
    const d = a.model.decide(p);
    console.log(
      '  ',
      d.sentiment.probabilities.map((x) => x.toFixed(2)).join(','),
      d.sentiment
        .evidence()
        .slice(0, 14)
        .map((e) => `${e.feature} ${e.weight.toFixed(2)}`)
        .join(' | '),
    );
  }
}
