/**
 * Content quality rules (src/domain/interview/quality.ts): vague highlights (空泛表述) and SMART
 * improvement plans. Pure functions; the decider specs check which findings block a submission.
 */
import type { JsonObject } from '../../src/domain/limits';
import {
  addDays,
  hasFigure,
  highlightFindings,
  listIds,
  smartFindings,
  stockPhrases,
  type SmartContext,
} from '../../src/domain/interview/quality';

const highlights = (...items: Array<Record<string, string>>): JsonObject => ({ items: items as JsonObject[] });

describe('quality rules', () => {
  describe('hasFigure', () => {
    it.each([
      ['a percentage', '良品率由 95% 提升到 98.5%'],
      ['full-width digits', '处理投诉１２件'],
      ['百分之', '成本下降百分之五'],
      ['a Chinese number with a unit (个月)', '提前三个月完成'],
      ['a Chinese number with 成', '返工率降低两成'],
      ['a Chinese number with 次', '组织培训十次'],
      ['Arabic digits alone', '交付 3 个版本'],
    ])('finds a figure in %s: %p', (_case, text) => {
      expect(hasFigure(text)).toBe(true);
    });

    it.each([
      ['stock phrases', '表现正常，继续努力'],
      ['an adjective of size', '大幅提升'],
      ['一定 (not a count)', '一定程度上改善'],
      ['万一 (not a count)', '万一出错要及时上报'],
      ['an ordinal without a unit', '车间评比第一'],
      ['nothing at all', ''],
    ])('finds no figure in %s: %p', (_case, text) => {
      expect(hasFigure(text)).toBe(false);
    });
  });

  describe('stockPhrases', () => {
    it('"表现正常，继续努力" is nothing but stock phrases and punctuation', () => {
      expect(stockPhrases('表现正常，继续努力')).toEqual({ found: ['表现正常', '继续努力'], rest: '' });
    });

    it('removes the longest phrase whole: 按时完成任务 leaves no 任务 behind and is not also counted as 按时完成 / 完成任务', () => {
      expect(stockPhrases('按时完成任务')).toEqual({ found: ['按时完成任务'], rest: '' });
    });

    it('matches English phrases case-insensitively', () => {
      expect(stockPhrases('Good job! Keep it up.')).toEqual({ found: ['keep it up', 'good job'], rest: '' });
    });

    it('keeps what tells a story: the rest without stock phrases or punctuation', () => {
      const { found, rest } = stockPhrases('工作认真，带领班组把换线时间从45分钟降到20分钟。');
      expect(found).toEqual(['工作认真']);
      expect(rest).toBe('带领班组把换线时间从45分钟降到20分钟');
    });

    it('finds nothing in a concrete sentence (the rest is lower-cased)', () => {
      expect(stockPhrases('重构 CI 流水线，拆分测试并行执行')).toEqual({ found: [], rest: '重构ci流水线拆分测试并行执行' });
    });

    it('matches English phrases as whole words only: "Booked" holds no "ok", "abnormal" no "normal"', () => {
      expect(stockPhrases('Booked 3 demos with abnormal-load customers')).toEqual({
        found: [],
        rest: 'booked3demoswithabnormalloadcustomers',
      });
      expect(stockPhrases('OK, fine.')).toEqual({ found: ['fine', 'ok'], rest: '' });
    });
  });

  describe('highlightFindings', () => {
    it('a concrete case with a figure in the data: no finding', () => {
      expect(
        highlightFindings(
          highlights({ title: '换线提速', case: '夜班换线时间从 45 分钟压缩到 20 分钟，整理了换线作业指导书', data: '换线时间缩短 55%' }),
          10,
        ),
      ).toEqual([]);
    });

    it('"表现正常，继续努力" with "良好" as data: VAGUE_HIGHLIGHT missing the case and a figure, naming the case', () => {
      const [finding, ...more] = highlightFindings(highlights({ case: '表现正常，继续努力', data: '良好' }), 10);
      expect(more).toEqual([]);
      expect(finding).toMatchObject({ field: 'highlights.items[0].case', code: 'VAGUE_HIGHLIGHT', missing: ['case', 'figure'] });
      expect(finding!.message).toContain('“表现正常”、“继续努力”');
    });

    it('stock phrases in the title count too: a title and case made only of them are vague', () => {
      expect(highlightFindings(highlights({ title: '表现良好', case: '工作认真，态度端正，积极主动', data: '出勤率 100%' }), 10)).toEqual([
        expect.objectContaining({ field: 'highlights.items[0].case', missing: ['case'] }),
      ]);
    });

    it('a figure in the case is enough when the data has none', () => {
      expect(highlightFindings(highlights({ case: '三月份主导了 2 条产线的 5S 整改，通过集团审核', data: '车间评比第一' }), 10)).toEqual(
        [],
      );
    });

    it('no data: missing data, naming the data field', () => {
      expect(highlightFindings(highlights({ case: '三月份主导了 2 条产线的 5S 整改，通过集团审核' }), 10)).toEqual([
        expect.objectContaining({ field: 'highlights.items[0].data', missing: ['data'] }),
      ]);
    });

    it('a data text without any figure, and none in the case: missing a figure', () => {
      expect(highlightFindings(highlights({ case: '主导了产线的 5S 整改，通过集团审核', data: '车间评比第一' }), 10)).toEqual([]);
      expect(highlightFindings(highlights({ case: '主导了产线的五S整改，通过集团审核并获表扬', data: '车间评比第一' }), 10)).toEqual([
        expect.objectContaining({ field: 'highlights.items[0].data', missing: ['figure'] }),
      ]);
    });

    it('no case at all: missing the case (and the data)', () => {
      expect(highlightFindings(highlights({ title: '亮点' }), 10)).toEqual([
        expect.objectContaining({ field: 'highlights.items[0].case', missing: ['case', 'data'] }),
      ]);
    });

    it('a case shorter than minCaseChars is too short to be concrete; with a lower minimum it passes', () => {
      const short = highlights({ case: '修好了3台机', data: '3 台' });
      const [finding] = highlightFindings(short, 10);
      expect(finding).toMatchObject({ field: 'highlights.items[0].case', missing: ['case'] });
      expect(finding!.message).toContain('too short');
      expect(highlightFindings(short, 6)).toEqual([]);
    });

    it('reports each vague item with its own index', () => {
      const findings = highlightFindings(
        highlights(
          { case: '夜班换线时间从 45 分钟压缩到 20 分钟，整理了换线作业指导书', data: '缩短 55%' },
          { case: '再接再厉', data: '很好' },
          { case: '客户投诉处理时效由 48 小时缩短到 24 小时', data: '' },
        ),
        10,
      );
      expect(findings.map((f) => [f.field, f.missing])).toEqual([
        ['highlights.items[1].case', ['case', 'figure']],
        ['highlights.items[2].data', ['data']],
      ]);
    });

    it('no content, or no items: no findings', () => {
      expect(highlightFindings(undefined, 10)).toEqual([]);
      expect(highlightFindings({}, 10)).toEqual([]);
    });
  });

  describe('smartFindings', () => {
    const ctx: SmartContext = {
      sections: {
        goalReview: { items: [{ id: 'G1', goal: '一次合格率', target: '98%' }] },
        problems: { items: [{ id: 'P1', problem: '换线后首件不良', cause: '点检漏项', measures: '增加点检表' }] },
      },
      parties: ['emp-1', 'mgr-1', 'peer-1'],
      today: '2026-06-18',
      horizonDays: 366,
    };
    const good = {
      id: 'I1',
      action: '每班开线前按新点检表逐项确认并签字',
      metric: '首件不良数',
      target: '每月不超过 1 件',
      ownerId: 'emp-1',
      deadline: '2026-09-30',
      linkedTo: 'P1',
    };
    const plan = (...items: Array<Record<string, string>>): JsonObject => ({ items: items as JsonObject[] });
    const findingFor = (item: Record<string, string>) => smartFindings(plan(item), ctx);

    it('a SMART item: no finding', () => {
      expect(findingFor(good)).toEqual([]);
    });

    it.each([
      ['a stock-phrase action', { action: '继续努力' }, 'specific', 'action'],
      ['an action too short to be specific', { action: '加强学习' }, 'specific', 'action'],
      ['no metric', { metric: '' }, 'measurable', 'metric'],
      ['a target without a figure', { target: '明显改善' }, 'measurable', 'target'],
      ['no owner', { ownerId: '' }, 'achievable', 'ownerId'],
      ['an owner who is not on the record', { ownerId: 'emp-9' }, 'achievable', 'ownerId'],
      ['a deadline beyond the horizon (today + 366 days is 2027-06-19)', { deadline: '2027-06-20' }, 'achievable', 'deadline'],
      ['no link', { linkedTo: '' }, 'relevant', 'linkedTo'],
      ['a link to no goal or problem of the record', { linkedTo: 'G9' }, 'relevant', 'linkedTo'],
      ['no deadline', { deadline: '' }, 'time_bound', 'deadline'],
      ['a deadline before today', { deadline: '2026-06-17' }, 'time_bound', 'deadline'],
    ])('%s → SMART_INCOMPLETE missing %s, naming %s', (_case, change, criterion, field) => {
      expect(findingFor({ ...good, ...change })).toEqual([
        expect.objectContaining({ code: 'SMART_INCOMPLETE', field: `improvementPlan.items[0].${field}`, missing: [criterion] }),
      ]);
    });

    it('today and the last day of the horizon are fine', () => {
      expect(findingFor({ ...good, deadline: '2026-06-18' })).toEqual([]);
      expect(findingFor({ ...good, deadline: '2027-06-19' })).toEqual([]);
    });

    it('a link to a goal is as good as a link to a problem', () => {
      expect(findingFor({ ...good, linkedTo: 'G1' })).toEqual([]);
    });

    it('an item missing everything names all five criteria once each, in SMART order, and the first field at fault', () => {
      const [finding] = findingFor({
        id: 'I1',
        action: '努力',
        metric: '质量',
        target: '更好',
        ownerId: 'emp-9',
        deadline: '2026-06-01',
        linkedTo: 'G9',
      });
      expect(finding).toMatchObject({
        field: 'improvementPlan.items[0].action',
        missing: ['specific', 'measurable', 'achievable', 'relevant', 'time_bound'],
      });
      expect(finding!.message).toContain('plan item 1 is not SMART');
    });

    it('achievable is reported once even when both the owner and the deadline fail it', () => {
      expect(findingFor({ ...good, ownerId: 'emp-9', deadline: '2028-01-01' })).toEqual([
        expect.objectContaining({ field: 'improvementPlan.items[0].ownerId', missing: ['achievable'] }),
      ]);
    });

    it('only the lists named by refTo can be linked to', () => {
      expect(smartFindings(plan(good), ctx, ['goalReview.items'])).toEqual([expect.objectContaining({ missing: ['relevant'] })]);
    });

    it('reports each item with its own index; no plan, no findings', () => {
      expect(smartFindings(plan(good, { ...good, id: 'I2', target: '尽快' }), ctx).map((f) => f.field)).toEqual([
        'improvementPlan.items[1].target',
      ]);
      expect(smartFindings(undefined, ctx)).toEqual([]);
    });
  });

  describe('helpers', () => {
    it('addDays counts calendar days across month ends and leap days', () => {
      expect(addDays('2026-06-18', 366)).toBe('2027-06-19');
      expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    });

    it('listIds lists the ids of a section list, skipping items without one', () => {
      const sections = { problems: { items: [{ id: 'P1' }, { problem: 'x' }, { id: 'P3' }] } } as Record<string, JsonObject>;
      expect(listIds(sections, 'problems.items')).toEqual(['P1', 'P3']);
      expect(listIds(sections, 'goalReview.items')).toEqual([]);
    });
  });
});
