/**
 * The words the stress and overtime alerts watch for, and the context words that decide whether
 * a cue is the writer's own report. A caller passes a MonitoredWords object (any field left out
 * takes the default); it is checked by the rules of word-lists.ts.
 */
import { ValidationError } from '../domain/errors';
import { checkWordList } from './word-lists';

export interface MonitoredWords {
  /** Cues of stress in the writer's own words (压力…大, 焦虑, 扛不住, 睡不好, 想离职, 身心俱疲…). */
  readonly stress: readonly string[];
  /** Cues of overtime (加班, 熬夜, 通宵, 周末…在公司, 996…). */
  readonly overtime: readonly string[];
  /**
   * Words that contain a cue but report nothing: equipment (压力表, 液压, 压力测试) and HR
   * procedure (加班费, 加班审批). A cue inside one of them is rejected as "domain-term".
   */
  readonly domainTerms: readonly string[];
}

// prettier-ignore
export const DEFAULT_MONITORED_WORDS: MonitoredWords = {
  stress: [
    '压力…大', '压力山大', '焦虑', '扛不住', '顶不住', '撑不住', '撑不下去', '熬不下去', '吃不消', '睡不好',
    '睡不着', '失眠', '想离职', '想辞职', '身心俱疲', '心力交瘁', '精疲力尽', '筋疲力尽', '心累', '太累', '很累',
    '好累', '特别累', '累垮', '累坏', '疲惫', '喘不过气', '崩溃', '透支', '情绪…低落', '抑郁', '倦怠', 'burnout',
    '焦头烂额',
  ],
  overtime: [
    '加班', '加了…班', '加点', '熬夜', '通宵', '周末…在公司', '996', '连轴转', '到凌晨', '到半夜', '到深夜',
    '没休息', '没有休息', '连上…夜班', '只休了',
  ],
  domainTerms: [
    '加班费', '加班审批', '加班申请', '加班制度', '加班政策', '加班调休制度', '加班流程', '加班补贴', '加班工资',
    '加班统计', '压力测试', '压测', '压力表', '压力容器', '压力传感器', '压力值', '压力管道', '压力面试', '压力机',
    '压力罐', '液压', '气压', '水压', '油压', '血压', '减压阀', '抗压', '高压', '低压',
  ],
};

/** The monitored words with the caller's lists in place of the defaults, checked and normalised. */
export function checkMonitoredWords(words: unknown = {}): MonitoredWords {
  if (words === null || typeof words !== 'object' || Array.isArray(words)) {
    throw new ValidationError('monitoredWords must be an object { stress?, overtime?, domainTerms? }', 'monitoredWords');
  }
  const given = words as Partial<Record<keyof MonitoredWords, unknown>>;
  for (const key of Object.keys(given)) {
    if (!(key in DEFAULT_MONITORED_WORDS)) {
      throw new ValidationError(`monitoredWords has no list "${key}" (stress, overtime, domainTerms)`, `monitoredWords.${key}`);
    }
  }
  const stress = checkWordList(given.stress ?? DEFAULT_MONITORED_WORDS.stress, 'monitoredWords.stress');
  const overtime = checkWordList(given.overtime ?? DEFAULT_MONITORED_WORDS.overtime, 'monitoredWords.overtime');
  const domainTerms = checkWordList(given.domainTerms ?? DEFAULT_MONITORED_WORDS.domainTerms, 'monitoredWords.domainTerms');
  const both = stress.find((w) => overtime.includes(w));
  if (both !== undefined) {
    throw new ValidationError(`"${both}" is both a stress and an overtime cue`, 'monitoredWords.overtime', 'ANALYTICS_WORD_DUPLICATE');
  }
  return { stress, overtime, domainTerms };
}

/** Context words of the alert rules (not configurable: they are grammar, not vocabulary). */
// prettier-ignore
export const CONTEXT = {
  /** Turn a cue round when they stand shortly before it in its clause (没有加班, 不再焦虑, 很少加班). */
  negators: [
    '不', '没', '没有', '未', '并非', '并不', '并没有', '不太', '不怎么', '没怎么', '从不', '从没', '从未', '不再',
    '不用', '无需', '不必', '很少', '极少', '别', '非', '不是', '不会', '毫不', '不觉得', '没觉得',
  ],
  /** Turn a cue round when they follow it in its clause (加班不多, 压力还好). */
  negatedAfter: ['不多', '不大', '不算', '很少', '还好', '不严重', '没有', '不是问题'],
  /** The writer, or a group the writer is in. */
  firstPerson: ['我', '我们', '咱们', '自己', '本人', '我们组', '我这边', '咱'],
  /** Someone else: a cue whose nearest person before it is one of these is their stress, not the writer's. */
  otherPerson: [
    '他', '她', '他们', '她们', '同事', '同事们', '新人', '组员', '下属', '员工', '大家', '别人', '有人', '有的人',
    '客户', '对方', '同学', '徒弟', '师傅', '领导', '主管', '组长', '班长', '家人', '他们组', '他们车间',
  ],
  /** Open a hypothetical: anywhere earlier in the sentence. */
  conditionals: ['如果', '假如', '万一', '要是', '一旦', '倘若', '假设', '若是', '若'],
  /** Make the cue a possibility or something to avoid: earlier in the same clause. */
  modals: ['可能', '也许', '或许', '担心', '避免', '防止', '以免', '预计', '是否', '会不会', '怕'],
  /** Place the cue in the past… */
  past: ['以前', '之前', '过去', '曾经', '原来', '去年', '上半年', '前段时间', '刚开始', '刚入职', '那时候', '当时', '以往'],
  /** …and, later in the sentence, say it is over. */
  resolved: ['现在', '如今', '已经好', '好多了', '缓解', '改善', '解决', '不再', '已经不', '不用了', '轻松多了', '调整过来', '恢复正常'],
} as const;
