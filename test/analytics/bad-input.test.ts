/** Empty, maximal, mixed-script, emoji, traditional and full-width texts: no crash, a sensible result. */
import { MAX_TEXT_LENGTH, normalizeText } from '../../src/analytics';
import { ValidationError } from '../../src/domain/errors';
import { analyzer } from './analyzer';

describe('bad input', () => {
  it('an empty or blank text has no keywords, no themes, no alerts and is neutral', () => {
    for (const text of ['', '   ', '\n\n', '。。。', '！？']) {
      expect(analyzer().keywords(text)).toEqual([]);
      expect(analyzer().themes(text)).toEqual([]);
      expect(analyzer().alerts(text)).toEqual({ alerts: [], rejected: [] });
      expect(analyzer().sentiment(text)).toMatchObject({ label: 'neutral', score: 0, contributions: [] });
    }
  });

  it('a text of the maximum size (20,000 characters) is analysed whole; one more character is VALUE_TOO_LARGE', () => {
    const sentence = '最近每天加班到九点，压力很大，设备老化严重。';
    const text = sentence.repeat(Math.ceil(MAX_TEXT_LENGTH / sentence.length)).slice(0, MAX_TEXT_LENGTH);
    expect(text).toHaveLength(20_000);
    const { alerts } = analyzer().alerts(text);
    expect(alerts.length).toBeGreaterThan(1000);
    expect(alerts.every((a) => text.slice(a.passage.start, a.passage.end) === a.passage.text)).toBe(true);
    expect(analyzer().sentiment(text).label).toBe('negative');
    expect(
      analyzer()
        .keywords(text, { topK: 3 })
        .map((k) => k.word),
    ).toContain('设备老化');
    expect(
      analyzer()
        .themes(text)
        .map((t) => t.theme),
    ).toEqual(expect.arrayContaining(['设备老化', '加班', '工作压力']));
    try {
      analyzer().sentiment(text + '。');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).code).toBe('VALUE_TOO_LARGE');
    }
  });

  it('a section is not cut at 20,000 characters: each of its fields may be that long', () => {
    const long = '设备老化，经常停线。'.repeat(1500); // 15,000 characters
    const content = { problems: { a: long, b: '原材料短缺。'.repeat(2500) } };
    const [problems] = analyzer().sectionKeywords(content, { topK: 3 });
    expect(problems!.keywords.map((k) => k.word)).toEqual(expect.arrayContaining(['设备老化', '停线', '原材料短缺']));
    expect(() => analyzer().sectionKeywords({ problems: { a: long + long } })).toThrow(ValidationError);
  });

  it('refuses what is not a string', () => {
    for (const bad of [null, undefined, 42, { text: '加班' }]) {
      expect(() => analyzer().alerts(bad as never)).toThrow(ValidationError);
    }
  });

  it('traditional characters read as simplified, and spans stay those of the text as given', () => {
    const text = '我們團隊最近壓力很大，經常加班。';
    expect(
      analyzer()
        .alerts(text)
        .alerts.map((a) => a.kind),
    ).toEqual(['stress', 'overtime']);
    expect(analyzer().sentiment(text).label).toBe('negative');
    expect(analyzer().sentiment('客戶滿意度明顯提高，非常開心。').label).toBe('positive');
    expect(
      analyzer()
        .keywords('設備老化，經常停線。')
        .map((k) => k.word),
    ).toEqual(expect.arrayContaining(['设备老化', '停线']));
  });

  it('full-width letters, digits and punctuation are folded without moving offsets', () => {
    expect(normalizeText('ＯＫ，９９６！　Ｂｕｇ')).toBe('ok,996! bug');
    expect(normalizeText('ＯＫ，９９６！　Ｂｕｇ')).toHaveLength('ＯＫ，９９６！　Ｂｕｇ'.length);
    const text = '９９６已经三个月了！！';
    const [alert] = analyzer().alerts(text).alerts;
    expect(alert?.cues.map((c) => c.text)).toEqual(['９９６']);
  });

  it('emoji and mixed English do not break segmentation, offsets or scores', () => {
    const text = '😞 Burnout了，code review 每天到凌晨🌙，真的扛不住😭';
    const report = analyzer().alerts(text);
    expect(report.alerts.map((a) => a.kind)).toEqual(['stress', 'overtime']);
    for (const a of report.alerts) for (const c of a.cues) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(analyzer().sentiment(text).label).toBe('negative');
    expect(analyzer().sentiment('Great job 👍🎉，Q2 pipeline很健康').label).toBe('positive');
    // A lone surrogate (a broken emoji) is a character like any other.
    expect(() => analyzer().sentiment('\ud83d加班\ude00')).not.toThrow();
  });

  it('is deterministic: the same text gives the same answer every time', () => {
    const text = '虽然来料不及时，但是我们还是按时交付了。同事经常加班，我压力不大。';
    const first = JSON.stringify([analyzer().keywords(text), analyzer().themes(text), analyzer().sentiment(text), analyzer().alerts(text)]);
    for (let i = 0; i < 3; i++) {
      expect(
        JSON.stringify([analyzer().keywords(text), analyzer().themes(text), analyzer().sentiment(text), analyzer().alerts(text)]),
      ).toBe(first);
    }
  });
});
