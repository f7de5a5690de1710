/** Keywords (TF-IDF over jieba's words with the domain dictionary) and themes (variants of one concern grouped). */
import { createTextAnalyzer } from '../../src/analytics';
import { ValidationError } from '../../src/domain/errors';
import { analyzer } from './analyzer';

const words = (text: string, topK?: number) =>
  analyzer()
    .keywords(text, { topK })
    .map((k) => k.word);

describe('keywords', () => {
  it('keeps domain terms whole and ranks them first', () => {
    const top = words('生产部反映设备维护不及时，原材料短缺，来料不及时导致停线，一次合格率下降。', 5);
    expect(top).toEqual(expect.arrayContaining(['设备维护', '原材料短缺', '来料不及时', '停线', '一次合格率']));
  });

  it('gives weights, best first, and leaves out stop words, adjectives and function words', () => {
    const kw = analyzer().keywords('我们的压力很大，我们的加班非常多，加班，加班。', { topK: 10 });
    expect(kw[0]).toEqual({ word: '加班', weight: expect.any(Number) });
    for (let i = 1; i < kw.length; i++) expect(kw[i]!.weight).toBeLessThanOrEqual(kw[i - 1]!.weight);
    expect(kw.map((k) => k.word)).not.toEqual(expect.arrayContaining(['我们', '的', '很大', '非常']));
  });

  it('honours topK and refuses a topK out of 1..100', () => {
    expect(words('设备老化，原材料短缺，需求变更，回款困难，换模时间长，良品率低', 2)).toHaveLength(2);
    for (const topK of [0, 101, 1.5]) expect(() => analyzer().keywords('加班', { topK })).toThrow(ValidationError);
  });

  it('is deterministic: ties are broken by the word', () => {
    const text = '停线，原材料短缺，设备老化。';
    expect(analyzer().keywords(text)).toEqual(analyzer().keywords(text));
    const tied = analyzer().keywords('停线 换模 回款');
    expect(tied.map((k) => k.word)).toEqual([...tied.map((k) => k.word)].sort());
  });

  it('a caller extends the domain dictionary and the stop words', () => {
    const custom = createTextAnalyzer({ domainTerms: ['模具寿命'], stopWords: ['车间'] });
    const kw = custom.keywords('车间反映模具寿命太短，车间里模具寿命问题突出。').map((k) => k.word);
    expect(kw).toContain('模具寿命');
    expect(kw).not.toContain('车间');
  });

  it('refuses a dictionary word or stop word that is not one word', () => {
    for (const options of [{ domainTerms: ['模具…寿命'] }, { stopWords: ['  '] }, { domainTerms: ['模具', '模具'] }]) {
      expect(() => createTextAnalyzer(options)).toThrow(ValidationError);
    }
  });

  it('gives the keywords of each section, walking its string fields at any depth', () => {
    const content = {
      goalReview: { items: [{ goal: '良品率达到98%', comment: '良品率只有96%，换模太慢' }], score: 3 },
      problems: { text: '原材料短缺，来料不及时', tags: ['供应商'] },
      remarks: {},
    };
    const sections = analyzer().sectionKeywords(content, { topK: 3 });
    expect(sections.map((s) => s.section)).toEqual(['goalReview', 'problems', 'remarks']);
    expect(sections[0]!.keywords.map((k) => k.word)).toContain('良品率');
    expect(sections[1]!.keywords.map((k) => k.word)).toEqual(expect.arrayContaining(['原材料短缺', '来料不及时']));
    expect(sections[2]!.keywords).toEqual([]);
  });

  it('refuses content that is not an object of sections', () => {
    for (const bad of [null, 'text', ['a']]) expect(() => analyzer().sectionKeywords(bad)).toThrow(ValidationError);
  });
});

describe('themes', () => {
  const themes = (text: string) =>
    analyzer()
      .themes(text)
      .map((t) => t.theme);

  it('groups the variants of one concern: 设备老化 / 机器太旧 / 老设备频繁停机', () => {
    for (const text of ['设备老化严重。', '机器太旧了，修了又坏。', '老设备频繁停机。', '設備老化，維修配件也很難買到。']) {
      expect(themes(text)).toContain('设备老化');
    }
  });

  it('says which words raised a theme, in the text as given', () => {
    const text = '機器太舊了，老设备频繁停机。';
    const hit = analyzer()
      .themes(text)
      .find((t) => t.theme === '设备老化')!;
    expect(hit.matches.map((m) => [m.term, m.text])).toEqual([
      ['机器…旧', '機器太舊'],
      ['老设备', '老设备'],
      ['频繁停机', '频繁停机'],
    ]);
    for (const m of hit.matches) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('finds several themes in one passage, and none in a text without a concern', () => {
    expect(themes('原材料短缺导致停线，需求变更太频繁，客户回款也慢。')).toEqual(
      expect.arrayContaining(['原材料短缺', '停线', '需求变更', '回款']),
    );
    expect(themes('今天天气不错。')).toEqual([]);
  });

  it('a caller adds a theme or extends one', () => {
    const custom = createTextAnalyzer({
      themes: [
        { theme: '食堂', terms: ['食堂', '饭菜…难吃'] },
        { theme: '设备老化', terms: ['设备…年久失修'] },
      ],
    });
    expect(custom.themes('饭菜太难吃了').map((t) => t.theme)).toEqual(['食堂']);
    expect(custom.themes('设备年久失修').map((t) => t.theme)).toEqual(['设备老化']);
  });

  it('refuses a theme table with a theme twice, a duplicate term or a bad entry', () => {
    const codeOf = (themesOption: unknown) => {
      try {
        createTextAnalyzer({ themes: themesOption as never });
      } catch (e) {
        return (e as ValidationError).code;
      }
      return undefined;
    };
    expect(
      codeOf([
        { theme: 'a', terms: ['x'] },
        { theme: 'a', terms: ['y'] },
      ]),
    ).toBe('ANALYTICS_WORD_DUPLICATE');
    expect(codeOf([{ theme: '食堂', terms: ['饭菜', '飯菜'] }])).toBe('ANALYTICS_WORD_DUPLICATE');
    expect(codeOf([{ terms: ['x'] }])).toBe('ANALYTICS_WORD_INVALID');
    expect(codeOf([{ theme: '食堂', terms: [' '] }])).toBe('ANALYTICS_WORD_INVALID');
    expect(codeOf(Array.from({ length: 201 }, (_, i) => ({ theme: `t${i}`, terms: ['x'] })))).toBe('ANALYTICS_WORD_LIST_TOO_LARGE');
    expect(codeOf('食堂')).toBe('VALIDATION_FAILED');
  });
});
