/**
 * The default word lists: the domain dictionary jieba is taught, the stop words keywords leave
 * out, and the sentiment lexicon (polar words, negators, degree words, contrast markers and the
 * metrics whose direction decides whether a change is good news). All are in simplified
 * characters: input is normalised (see normalize.ts) before it is matched.
 */

/** HR and manufacturing terms jieba should keep whole (设备维护, not 设备 / 维护). Callers add their own. */
// prettier-ignore
export const DEFAULT_DOMAIN_TERMS: readonly string[] = [
  // production
  '设备维护', '设备老化', '设备故障', '预防性维护', '原材料短缺', '来料不及时', '来料不稳定', '换模', '快速换模',
  '换模时间', '良品率', '不良率', '一次合格率', '合格率', '报废率', '停线', '停机', '等料', '缺料', '排产', '插单',
  '点检', '点检表', '产线', '夜班', '班组长', '防错', '工装', '冲压机', '注塑机', '空压机', '准时交付率', '交付率',
  'oee',
  // R&D
  '需求变更', '需求评审', '需求冻结', '联调', '上线', '发版', '压测', '压力测试', '压力表', '压力容器', '液压',
  '全链路压测', '代码评审', '自动化回归', '测试环境', '线上故障', '内存泄漏', '单元测试', '覆盖率',
  // service
  '一次解决率', '客户满意度', '满意度', '客诉', '工单', '话务量', '知识库', '质检', '回访', '差评', '恶意投诉',
  // sales
  '回款', '回款率', '拖款', '续约率', '达成率', '销售额', '新签合同', '转介绍', '窜货', '提成',
  // HR
  '加班', '加班费', '加班审批', '加班申请', '加班制度', '调休', '绩效面谈', '晋升答辩', '离职', '离职率', '培训',
  '996',
];

/** Words that carry no topic in an interview: function words, filler, the interview's own vocabulary. */
// prettier-ignore
export const DEFAULT_STOP_WORDS: readonly string[] = [
  '的', '了', '和', '是', '在', '我', '我们', '你', '他', '她', '他们', '她们', '大家', '自己', '这个', '那个',
  '这些', '那些', '一个', '一些', '一次', '没有', '不是', '就是', '还是', '但是', '虽然', '因为', '所以', '如果',
  '可能', '已经', '现在', '以前', '之前', '以后', '目前', '最近', '主要', '需要', '希望', '觉得', '感觉', '比较',
  '非常', '特别', '真的', '有点', '一直', '经常', '每次', '每天', '时候', '问题', '情况', '方面', '工作', '今年',
  '本季度', '季度', '下季度', '上个月', '下个月', '这周', '本月', '月底', '年底', '目标', '完成', '进行', '通过',
  '能够', '可以', '没', '不', '也', '都', '很', '又', '还', '就', '要', '会', '说', '做', '让', '把', '被', '给',
  '对', '从', '到', '与', '及', '或', '等', '啊', '吧', '呢', '吗', '嗯', '哦',
];

/** Polar words and their base weight (+ good news, − bad news). */
// prettier-ignore
export const DEFAULT_SENTIMENT_WORDS: Readonly<Record<string, number>> = {
  // positive
  超额: 1.5, 超额完成: 2, 达成: 1, 达标: 1, 顺利: 1, 按时: 0.8, 按期: 0.8, 准时: 0.6, 优秀: 1.5, 出色: 1.5,
  满意: 1.2, 认可: 1, 谢谢: 1, 进步: 1.2, 成长: 1, 突破: 1.2, 改善: 1, 稳定: 0.8, 好评: 1.2, 表扬: 1.2, 表扬信: 1.2,
  高效: 1, 积极: 0.8, 主动: 0.6, 收获: 1, 开心: 1.5, 喜欢: 1.2, 享受: 1, 不错: 1.2, 良好: 1, 好: 0.8, 很好: 1.2,
  挺好: 1.2, 合理: 0.8, 轻松: 1, 健康: 0.8, 信心: 1, 有信心: 1.2, 值得: 1, 成就感: 1.5, 专业: 0.8, 耐心: 0.6,
  标杆: 1.2, 第一: 1, 第一名: 1.2, 满分: 1.2, 中标: 1.5, 拿下: 1, 采纳: 1, 被采纳: 1.2, 创新: 0.8, 最好: 1.2,
  历史新低: 0.5, 新高: 1, 零安全事故: 1.5, 零不符合项: 1.5, 零重大客诉: 1.5, 节省: 1, 全部通过: 1.5, 通过: 0.5,
  获得: 0.6, 优秀员工: 1.5, 挑战性: 0.5, 愿意: 0.5, 帮忙: 0.5, 支持: 0.4, 努力: 0.5, 骨干: 0.8, 明显: 0.3,
  好多了: 1.2, 缓解: 0.8, 已经好了: 1.2, 能跟上: 0.8, 稳住: 0.8, 有效: 0.5, 零: 0.3, 降为零: 1.5, 学到: 1, 学会: 1,
  按流程: 0.3, '👍': 1, '😊': 1, '🎉': 1, '💪': 1, 保证: 0.6, 恢复: 0.8, 解决: 0.8, 达到: 0.8, 还可以: 0.6,
  还好: 0.4, 感谢: 2,
  // results and relief said without a polar adjective
  提前完成: 1.5, 提前交付: 1.5, 按时交货: 1.2, 按时交付: 1.2, 按期交付: 1.2, 零故障: 1.5, 零投诉: 1.5, 零缺陷: 1.5,
  零事故: 1.5, 零差错: 1.5, 零客诉: 1.5, 零返工: 1.5, 零失误: 1.5, 零延期: 1.5, 扛过: 1, 抢回: 1.2, 顺畅: 1, 很顺: 1.2,
  挺顺: 1.2, 好很多: 1.5, 好了很多: 1.5, 适应了: 1, 缓过来: 1, 没有影响: 1, 不影响: 0.8, 没什么压力: 1, 没压力: 1,
  没有压力: 1, 不再需要: 0.8, 再也不用: 1, 不用再: 0.8, 省了: 1, 年省: 1, 省下: 1, 节约: 1, 心态好: 1, 挺稳: 1, 很稳: 1,
  轻松了不少: 1.5, 抗压性强: 1, 抗压能力强: 1, 全组第一: 1.5, 全厂第一: 1.5,
  // negative
  抢修: -0.6, 还没: -0.6, 损失: -1, 只有: -0.5, 没有达到: -1.2, 等料: -0.8, 慢: -0.8, 不清楚: -0.4, 问题: -0.6,
  不足: -1, 困难: -1, 短缺: -1.2, 老化: -1.2, 停线: -1.2, 停机: -1, 故障: -1, 返工: -1, 延期: -1.2, 延误: -1.2,
  差: -1, 很差: -1.5, 太差: -1.5, 投诉: -0.8, 客诉: -0.8, 失误: -1, 不满: -1.5, 不满意: -1.5, 失望: -1.5, 担心: -0.8,
  拖延: -1, 拖款: -1.2, 滞后: -1, 报废: -1, 缺陷: -1, 事故: -1, 浪费: -1, 混乱: -1.2, 打乱: -1.2, 抱怨: -1, 严重: -1,
  频繁: -0.6, 不够: -1, 不到位: -1.2, 不及时: -1.2, 不稳定: -1, 不一致: -1, 不充分: -1, 冲突: -1, 缺失: -1,
  卡顿: -1.2, 挂: -0.8, 太多: -0.8, 太慢: -1.2, 太长: -1, 太高: -1, 太旧: -1.2, 太紧: -1, 太赶: -0.8, 很赶: -0.5,
  被迫: -1, 空转: -1, 磨损: -1, 退回: -1, 丢: -1, 丢了: -1.2, 没开单: -1.2, 低落: -1.5, 士气低落: -1.5, 头疼: -1.2,
  头很疼: -1.2, 很头疼: -1.5, 骂: -1.2, 吼: -1, 难搞: -0.8, 难: -0.6, 难买: -1, 推来推去: -1.5, 没人管: -1.5,
  不愿意: -1, 不符合: -1, 不理想: -1.5, 不乐观: -1.5, 乐观: 1, 催: -0.6, 拖: -0.8, 中暑: -1.2, 警告函: -1.5,
  答不上来: -1.2, 忙不过来: -1.2, 排不过来: -1.2, 顾不上: -1, 过时: -1, 太旧了: -1.2, 掉: -0.3, 不成正比: -1.5,
  救火: -1, 出错: -1, 错: -0.6, 发错: -1.2, 没达到: -1.2, 差一截: -1.2, 还差: -0.8, 没完成: -1.2, 未完成: -1.2,
  没通过: -1.5, 没有通过: -1.5, 风险: -0.6, 没有优势: -1.2, 成本很高: -1.2, 很高: -0.2, 不想: -0.5, 熬: -0.8,
  琐碎: -1, 看不到: -0.8, 收获不大: -1.5, 告警: -0.5, 等不及: -1, 太多了: -0.8, 状态不好: -1.5, 状态很差: -1.5,
  不如以前: -1, 不准: -0.8, 泄漏: -1, 高于: -0.3, '😞': -1, '😭': -1.2, '😢': -1,
  // what goes wrong on a line, in a project or with a customer, said without a polar adjective
  修不好: -1.2, 超差: -1.2, 漂移: -0.8, 误判: -1, 退了: -0.8, 退货: -1, 压价: -0.8, 摆设: -1, 积压: -0.8, 拖欠: -1.2,
  吃力: -1, 超负荷: -1.2, 人手不够: -1, 手忙脚乱: -1.2, 一改再改: -1.2, 来不及: -1, 影响了: -0.8, 掉线: -0.8,
};

/** Negators: a polar word right after one (same clause, a few words before it) is turned round. */
// prettier-ignore
export const DEFAULT_NEGATORS: readonly string[] = [
  '不', '没', '没有', '未', '并非', '并不', '并没有', '不太', '不怎么', '没怎么', '毫不', '绝不', '无', '非', '别',
  '不是', '不算', '从不', '从没', '从未', '不再', '不用', '无需', '不必', '很少', '极少', '尚未', '还没',
];

/** Degree words and the factor they put on the polar word they precede. */
// prettier-ignore
export const DEFAULT_DEGREE_WORDS: Readonly<Record<string, number>> = {
  极其: 2, 极度: 2, 极为: 2, 非常: 1.8, 特别: 1.8, 十分: 1.6, 相当: 1.5, 格外: 1.6, 太: 1.5, 真的: 1.3, 实在: 1.4,
  严重: 1.5, 很: 1.3, 挺: 1.2, 蛮: 1.2, 比较: 1.1, 较: 1.1, 更: 1.3, 越来越: 1.4, 明显: 1.3, 大幅: 1.5, 完全: 1.5,
  彻底: 1.5, 有点: 0.7, 有些: 0.7, 稍微: 0.6, 稍: 0.6, 略: 0.6, 略微: 0.6, 一点: 0.6, 基本: 0.8,
};

/** Frequency words: stress or overtime that comes 天天 or 连续 weighs FREQUENCY_WEIGHT times more. */
// prettier-ignore
export const FREQUENCY_WORDS: readonly string[] = [
  '连续', '连着', '天天', '每天', '经常', '常常', '总是', '老是', '一直', '又', '频繁', '每晚', '每周', '几乎天天', '每天晚上', '每个周末',
];
export const FREQUENCY_WEIGHT = 1.5;

/** A clause that starts with one of these outweighs what came before it (虽然…但是…). */
export const CONTRAST_MARKERS: readonly string[] = ['但是', '但', '不过', '然而', '可是', '只是', '却', '反而'];
/** A clause that opens with one of these is the conceded part, and weighs less. */
export const CONCESSIVE_MARKERS: readonly string[] = ['虽然', '尽管', '虽说', '虽'];
/** The weights of the two parts of a contrast. */
export const CONTRAST_WEIGHT = 1.5;
export const CONCESSIVE_WEIGHT = 0.5;

/** Metrics where more is better: 良品率提升 is good news, 良品率下降 bad. */
// prettier-ignore
export const GOOD_METRICS: readonly string[] = [
  '良品率', '合格率', '效率', '产能', '产量', '销售额', '业绩', '回款', '回款率', '满意度', '续约率', '达成率',
  '准时率', '交付率', '转化率', '覆盖率', '解决率', '利润', '收入', '好评', '积极性', '质量', '士气', '营收', '速度',
  '收益', '得分', '分数', '一次解决率', '接通率', '人效', '稼动率', 'oee', '良率', '直通率', '复购率', '中标率', '毛利',
  '毛利率', '净利润', '产出', '及时率', '满意率',
];
/** Metrics where less is better: 不良率下降 and 故障率降低 are good news. */
// prettier-ignore
export const BAD_METRICS: readonly string[] = [
  '不良率', '不良', '报废', '故障', '故障率', '投诉', '客诉', '成本', '时间', '时长', '耗时', '工时', '返工', '缺陷',
  'bug', '损耗', '库存', '离职率', '流失', '延期', '超时', '差错', '停机', '电费', '费用', '等待', '漏装', '告警',
  '风险', '事故', '问题', 'p99', '响应时间', '构建时间', '回归时间', '上手时间', '换模时间', '处理时长',
  '转人工率', '等待时间', '通话时长', '处理时间', '不良品', '漏检率', '缺勤率', '流失率', '退货率', '返修率', '停机时间',
  '能耗', '损耗率', '报废率', '差错率', '投诉率', '客诉率', '逾期率', '逾期', '坏账', '周期', '交期', '人工成本',
];
/** Change words: +1 goes up, −1 goes down. Their sentiment is the metric's direction times this. */
// prettier-ignore
export const CHANGE_WORDS: Readonly<Record<string, number>> = {
  提升: 1, 提高: 1, 增长: 1, 上升: 1, 增加: 1, 翻倍: 1, 上涨: 1, 升: 1, 高于: 1, 下降: -1, 降低: -1, 减少: -1,
  下滑: -1, 缩短: -1, 降到: -1, 降为: -1, 降: -1, 减半: -1, 下降了: -1, 少了: -1, 缩短了: -1, 降至: -1, 压缩: -1,
  下降到: -1,
};
/** What a change word means when no metric precedes it: 提升 sounds good, 下降 bad, 减少 says nothing. */
/**
 * Words that make what follows in the sentence a plan, a goal or a supposition rather than a
 * result: the polar words after them count for PROSPECTIVE_WEIGHT (下季度目标：良品率提升到98% is no good news yet).
 */
// prettier-ignore
export const PROSPECTIVE_MARKERS: readonly string[] = [
  '目标:', '目标是', '计划', '争取', '力争', '下季度', '下个月', '下月', '下周', '明年', '希望', '打算', '如果',
  '假如', '万一', '要是',
];
export const PROSPECTIVE_WEIGHT = 0.3;

export const UNANCHORED_CHANGE: Readonly<Record<string, number>> = {
  提升: 0.6,
  提高: 0.6,
  增长: 0.6,
  下降: -0.6,
  下滑: -0.8,
  下降了: -0.6,
};
