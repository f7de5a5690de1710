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

/** Every "A…B" term of firsts × seconds (a category of phrasings, written once). */
const pairs = (firsts: readonly string[], seconds: readonly string[]): string[] => firsts.flatMap((a) => seconds.map((b) => `${a}…${b}`));

// prettier-ignore
/** Late clock times: leaving after one of these is overtime (天天十点后才走, 经常十一点才到家). */
const LATE_CLOCK = [
  '八点', '九点', '十点', '8点', '9点', '10点', '晚上八点', '晚上九点', '晚上十点', '晚上十一点', '晚上8点', '晚上9点', '晚上10点', '晚上11点', '十点后', '十点以后',
  '十点多', '十一点', '十二点', '10点后', '10点以后', '10点多', '11点', '12点', '一两点', '两三点', '夜里', '半夜',
  '深夜', '凌晨',
];
/** Ways of saying one leaves or gets home. */
const LEAVING = ['才走', '才下班', '才到家', '才回家', '才离开', '才能走', '才能下班'];
/** Working until a late hour: 搞到一两点, 干到十一点, 熬到凌晨. */
const UNTIL_LATE = ['到十一点', '到十二点', '到一两点', '到两三点', '到两点', '到三点', '到11点', '到12点', '到夜里'];
/** Long days in hours (连续上了16个小时, 每天干十二个小时). */
// prettier-ignore
const LONG_HOURS = ['十个小时', '十一个小时', '十二个小时', '十三个小时', '十四个小时', '十五个小时', '十六个小时', '十几个小时', '十多个小时', '10个小时', '11个小时', '12个小时', '13个小时', '14个小时', '15个小时', '16个小时'];
/** Rest days and holidays… */
// prettier-ignore
const REST_DAYS = ['周六', '周日', '周末', '星期六', '星期天', '星期日', '礼拜六', '礼拜天', '双休日', '节假日', '假期', '国庆', '春节', '五一', '元旦', '中秋', '过年'];
/** …and being at work on them. */
// prettier-ignore
const AT_WORK = ['加班', '上班', '来公司', '回公司', '去公司', '在公司', '留在公司', '待在公司', '在车间', '赶项目', '在赶', '值班', '在线上', '跑展会', '跑客户', '见客户', '陪客户', '开会', '干活'];

// prettier-ignore
export const DEFAULT_MONITORED_WORDS: MonitoredWords = {
  stress: [
    '压力…大', '压力山大', '焦虑', '扛不住', '顶不住', '撑不住', '撑不下去', '熬不下去', '吃不消', '睡不好',
    '睡不着', '失眠', '想离职', '想辞职', '身心俱疲', '心力交瘁', '精疲力尽', '筋疲力尽', '心累', '太累', '很累',
    '好累', '特别累', '累垮', '累坏', '疲惫', '喘不过气', '崩溃', '透支', '情绪…低落', '抑郁', '倦怠', 'burnout',
    '焦头烂额',
    // breaking down, not holding on
    '熬不住', '撑不下来', '扛不动', '快垮了', '垮了', '压垮', '快崩', '崩了', '崩掉', '一走了之', '快疯了', '要疯了', '抓狂',
    '力不从心', '心态…崩', '情绪…崩', '被掏空', '掏空了', '人…麻了',
    // fear, tension and restlessness
    '心慌', '提心吊胆', '焦躁', '烦躁', '精神紧张', '很紧张', '太紧张', '特别紧张', '非常紧张', '紧张得', '一直绷着',
    '精神…绷', '神经…绷', '心神不宁', '坐立不安', '喘不上气', '透不过气', '压抑', '精神内耗',
    // mood and body
    '想哭', '觉得累', '感觉累', '情绪…差', '胸闷', '心悸', '偏头痛', '饭都吃不下', '吃不下饭', '睡不踏实', '累得', '累趴', '身心疲惫',
  ],
  overtime: [
    '加班', '加了…班', '加点', '熬夜', '通宵', '996', '连轴转', '到凌晨', '到半夜', '到深夜',
    '没休息', '没有休息', '连上…夜班', '只休了',
    // the hours: late, long, counted
    '连轴', '熬到', '加了…小时的班', '加了…小时班', 'ot', '延时…小时', '延时下班', '晚…小时下班', '最后一个离开',
    '最后一个走', '最后一个下班', '回家还要', '带回家', '凌晨…点', ...UNTIL_LATE, ...pairs(LATE_CLOCK, LEAVING),
    ...pairs(['八点前', '九点前', '十点前', '8点前', '9点前', '10点前'], ['没走', '走不了', '没下过班']),
    ...pairs(['干', '上了', '连续', '每天', '一天'], LONG_HOURS),
    // no rest days
    '没双休', '没有双休', '双休…没了', '双休都没', '没休过', '没有休过', '单休都没', '一周上七天', '一周七天', '上七天班',
    '连上…天班', '连着…天班', '连续…天班', '没有轮休', '没轮休', '没有调休', '没调休', '没休假', '没放假', '周末都没',
    // at work on rest days and holidays, and overnight
    ...pairs(REST_DAYS, AT_WORK), '在公司过夜', '睡在公司', '住在公司', '在公司睡',
    '在车间过夜', '睡在车间', '打地铺',
  ],
  domainTerms: [
    '加班费', '加班审批', '加班申请', '加班制度', '加班政策', '加班调休制度', '加班流程', '加班补贴', '加班工资',
    '加班统计', '压力测试', '压测', '压力表', '压力容器', '压力传感器', '压力值', '压力管道', '压力面试', '压力机',
    '压力罐', '液压', '气压', '水压', '油压', '血压', '减压阀', '抗压', '高压', '低压',
    // HR procedure about overtime, not overtime
    '加班调休', '加班时长统计', '加班时长的统计', '加班时长口径', '加班记录', '加班打卡', '加班餐', '加班津贴',
    '加班报销', '加班核算', '加班台账', '加班登记', '加班规定', '加班管理', '加班标准',
    // things, not people, that are tight or break down
    ...pairs(['时间', '工期', '人手', '资源', '进度', '关系', '供应', '库存', '场地', '预算', '物料', '产能', '排期', '交期'], ['紧张']),
    ...pairs(['系统', '服务', '服务器', '网站', '线上', '程序', '数据库', '页面', 'app', '接口', '集群'], ['崩']),
    'ot审批', 'ot申请', '值班表', '值班安排', '值班补贴', '值班费', '排班表',
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
    '不算', '不怕', '算不上', '谈不上', '称不上', '没什么', '不存在', '从来不', '从来没',
  ],
  /** Turn a cue round when they follow it in its clause (加班不多, 压力还好). */
  negatedAfter: ['不多', '不大', '不算', '很少', '还好', '不严重', '没有', '不是问题', '算不上', '谈不上', '不会再有'],
  /** The writer, or a group the writer is in. */
  firstPerson: ['我', '我们', '咱们', '自己', '本人', '我们组', '我这边', '咱'],
  /** Someone else: a cue whose nearest person before it is one of these is their stress, not the writer's. */
  otherPerson: [
    '他', '她', '他们', '她们', '同事', '同事们', '新人', '组员', '下属', '员工', '大家', '别人', '有人', '有的人',
    '客户', '对方', '同学', '徒弟', '师傅', '领导', '主管', '组长', '班长', '家人', '他们组', '他们车间',
    '隔壁', '兄弟', '兄弟们', '姐妹们', '小伙伴', '小伙伴们', '伙伴们', '新同事', '老员工', '其他人', '人家', '老板',
    '师傅们', '同行',
  ],
  /** Someone else when the next word is a group: 别的组, 其他部门, 新来的. */
  otherGroupHeads: ['别的', '其他', '其它', '新来'],
  otherGroupTails: ['组', '部门', '车间', '团队', '班组', '产线', '同事', '人', '的'],
  /** Open a hypothetical: anywhere earlier in the sentence. */
  conditionals: ['如果', '假如', '万一', '要是', '一旦', '倘若', '假设', '若是', '若'],
  /** Make the cue a possibility or something to avoid: earlier in the same clause. */
  modals: ['可能', '也许', '或许', '担心', '避免', '防止', '以免', '预计', '是否', '会不会', '怕'],
  /** Place the cue in the past… */
  past: [
    '以前', '之前', '过去', '曾经', '原来', '去年', '上半年', '前段时间', '刚开始', '刚入职', '那时候', '当时', '以往',
    '上个季度', '上季度', '上个月', '上月', '那会儿', '那段时间', '刚来', '曾', '前阵子', '年初',
  ],
  /** …and, later in the sentence, say it is over. */
  resolved: [
    '现在', '如今', '已经好', '好多了', '缓解', '改善', '解决', '不再', '已经不', '不用了', '轻松多了', '调整过来', '恢复正常',
    '已经正常', '正常了', '缓过来', '恢复了', '适应了', '没事了', '走出来',
  ],
  /** Say it is over without a past marker: later in the sentence (上个季度的通宵终于成为过去式了). */
  resolvedAlone: ['过去式', '缓过来了', '不会再有'],
} as const;
