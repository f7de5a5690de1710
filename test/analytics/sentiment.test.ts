/** Lexicon sentiment: negation, degree, contrast, metrics' direction, per passage, section and interview; always explained. */
import { analyzer } from './analyzer';

const label = (text: string) => analyzer().sentiment(text).label;
const score = (text: string) => analyzer().sentiment(text).score;

describe('sentiment', () => {
  it.each([
    ['本季度良品率从96%提升到98.5%，超额完成目标。', 'positive'],
    ['设备老化严重，上个月停机四次。', 'negative'],
    ['下周一开始执行新的点检表。', 'neutral'],
    ['我很满意。', 'positive'],
    ['我不满意。', 'negative'],
    ['并非不错。', 'negative'],
    ['不良率下降到0.8%。', 'positive'],
    ['良品率下降了2%。', 'negative'],
    ['换模时间缩短到18分钟。', 'positive'],
    ['下季度目标：良品率提升到98%。', 'neutral'],
    ['没有加班，节奏还可以。', 'positive'],
    ['以前经常加班，现在已经好了。', 'positive'],
    ['压力很大，天天加班。', 'negative'],
  ])('%s is %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  // Written for these tests (not from the evaluation set): results and metrics said without a polar adjective.
  it.each([
    ['新流程上线后，客户等待时间下降了30%。', 'positive'],
    ['平均处理时长5分钟，比上月缩短了40秒。', 'positive'],
    ['这个季度零投诉，交付也很顺。', 'positive'],
    ['改造后每月省了两万多电费。', 'positive'],
    ['样品尺寸超差，供应商又退货了。', 'negative'],
    ['每晚都干到十二点。', 'negative'],
  ])('%s is %s (results, metrics and overtime without polar words)', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('a change word takes the metric of an earlier clause when its own clause names none', () => {
    const contributions = analyzer().sentiment('平均通话时长4分钟，比上月缩短了20秒。').contributions;
    expect(contributions).toContainEqual(expect.objectContaining({ word: '缩短了', because: ['metric 通话时长 ↓'] }));
  });

  it('bad news between a past marker and a resolution weighs 0.3: 以前…很混乱，现在…', () => {
    const [bad] = analyzer().sentiment('以前交接很混乱，现在有了清单，顺畅多了。').contributions;
    expect(bad).toMatchObject({ word: '混乱', because: ['degree 很 ×1.3', 'past 以前…现在 ×0.3'] });
    expect(label('以前交接很混乱，现在有了清单，顺畅多了。')).toBe('positive');
    expect(label('交接很混乱，现在还没有清单。')).toBe('negative');
  });

  it('a frequency word weighs on the writer’s own stress, not on a colleague’s', () => {
    const own = analyzer().sentiment('最近经常失眠。').contributions[0]!;
    const theirs = analyzer().sentiment('小王最近经常失眠。').contributions[0]!;
    expect(own.because).toContain('frequency 经常 ×1.5');
    expect(theirs.because).not.toContain('frequency 经常 ×1.5');
    expect(theirs.contribution).toBe(-0.4);
  });

  // The model decides the score now (a clearly pleased or disappointed sentence saturates near
  // ±scale), so degree words are asserted on the lexicon's contribution, which the model reads
  // as a feature (lex:<bucket>) and which stays in the explanation.
  const lexWeight = (text: string, word: string) =>
    analyzer()
      .sentiment(text)
      .contributions.find((c) => c.word === word)!.contribution;
  it('degree words scale a polar word in the lexicon: 非常 > 很 > (none) > 有点', () => {
    expect(lexWeight('我非常满意。', '满意')).toBeGreaterThan(lexWeight('我很满意。', '满意'));
    expect(lexWeight('我很满意。', '满意')).toBeGreaterThan(lexWeight('我满意。', '满意'));
    expect(lexWeight('我满意。', '满意')).toBeGreaterThan(lexWeight('我有点满意。', '满意'));
    expect(lexWeight('我极其失望。', '失望')).toBeLessThan(lexWeight('我稍微失望。', '失望'));
    for (const t of ['我非常满意。', '我很满意。', '我满意。']) expect(label(t)).toBe('positive');
    for (const t of ['我极其失望。', '我稍微失望。']) expect(label(t)).toBe('negative');
  });

  it('in 虽然…但是 the part after 但是 (不过, 然而) weighs more', () => {
    expect(label('虽然产量达标了，但是不良率反而上升了。')).toBe('negative');
    expect(label('虽然来料不稳定，但是我们还是按时交付了。')).toBe('positive');
    expect(label('客户很难搞，不过最后还是签下来了，很有成就感。')).toBe('positive');
    expect(label('满意度提高了，然而投诉量翻倍了。')).toBe('negative');
  });

  it('negation stays in its clause', () => {
    const s = analyzer().sentiment('没有延期，质量很好。');
    const good = s.contributions.find((c) => c.word === '很好')!;
    expect(good.because.join(' ')).not.toContain('negated');
  });

  it('explains every score: the lexicon’s words and why, then the model’s strongest features with their weights', () => {
    const text = '虽然产量达标了，但是不良率上升了。';
    const s = analyzer().sentiment(text);
    const lexicon = s.contributions.filter((c) => !c.because.some((b) => b.startsWith('model')));
    const model = s.contributions.filter((c) => c.because.some((b) => b.startsWith('model')));
    expect(lexicon.map((c) => [c.word, c.contribution])).toEqual([
      ['达标', 0.5],
      ['上升', -1.5],
    ]);
    expect(lexicon[1]!.because).toEqual(['metric 不良率 ↑', 'after 但是 ×1.5']);
    // The score is the model's (no longer the sum of the lexicon's contributions); the model's
    // contributions are the fired features' pos − neg weights by span, strongest first.
    expect(s.label).toBe('negative');
    expect(model.length).toBeGreaterThan(0);
    expect(model.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < model.length; i++)
      expect(Math.abs(model[i - 1]!.contribution)).toBeGreaterThanOrEqual(Math.abs(model[i]!.contribution));
    for (const c of model) expect(c.because[0]).toMatch(/^model \(pos − neg weight\): (c|w|ac|rule|contrast)/);
    for (const c of s.contributions) expect(text.slice(c.start, c.end)).toBe(c.word);
  });

  it('scores each passage (sentence) and the text as their mean', () => {
    const s = analyzer().sentiment('良品率提升到98%，超额完成目标！设备老化严重，经常停线。下周开始点检。');
    expect(s.passages.map((p) => p.label)).toEqual(['positive', 'negative', 'neutral']);
    expect(s.score).toBeCloseTo(s.passages.reduce((a, p) => a + p.score, 0) / 3, 2);
  });

  it('scores each section and the interview', () => {
    const content = {
      highlights: { items: [{ case: '牵头优化换模流程，换模时间从45分钟缩短到18分钟。', data: '节省工时120小时' }] },
      problems: { text: '原材料短缺导致两次停线。来料不及时，经常等料。' },
      supportNeeds: { items: ['申请购买两套快速换模夹具。'] },
    };
    const sections = analyzer().sectionSentiment(content);
    expect(sections.map((s) => [s.section, s.label])).toEqual([
      ['highlights', 'positive'],
      ['problems', 'negative'],
      ['supportNeeds', 'neutral'],
    ]);
    const interview = analyzer().interviewSentiment(content);
    expect(interview.sections).toEqual(sections);
    const passages = sections.flatMap((s) => s.passages);
    expect(interview.score).toBeCloseTo(passages.reduce((a, p) => a + p.score, 0) / passages.length, 2);
  });
});
