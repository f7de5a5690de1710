/**
 * Demo data: a small manufacturing company (≈40 people) and four review cycles of performance
 * interviews (绩效面谈), written through the real application services so that every record is
 * a signed, hash-chained ledger event with an actor, roles, an IP and a time — exactly what an
 * auditor replays. Deterministic (seeded PRNG, fixed dates, stable ids) so screenshots, docs
 * and bug reports agree; idempotent (does nothing once HR001 exists).
 *
 * Shape of the history, as a real company would leave it:
 * - 2025-H2, 2026-Q1, 2026-Q2: interviews filled in full, self-assessment by the employee
 *   first, then the manager's review, then the employee's plans, with follow-up edits;
 * - 2026-Q3 (the current cycle): some complete, some half-filled, some only scheduled, a few
 *   rescheduled.
 */
import type { CommandMeta, Role } from '../domain/command';
import type { JobCategory, Level } from '../domain/person/person';
import { personStream } from '../domain/person/person';
import {
  editInterviewSection,
  registerPerson,
  scheduleInterview,
  updateInterviewBasicInfo,
} from '../application/interview-service';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import type { App } from '../server/app';
import { randomUUID } from 'node:crypto';

/** A few people worth signing in as (README, `npm start -- --demo` prints tokens for them). */
export const DEMO_PEOPLE = {
  hr: 'HR001',
  manager: 'M102', // 王建国 (E1001) reports to this team lead
  employee: 'E1001',
  auditor: 'AU001',
  admin: 'AD001',
} as const;

export interface SeedDemoOptions {
  /** Called after each command; `total` is the number of commands the seed will issue. */
  readonly onProgress?: (done: number, total: number) => void;
}

type Services = Pick<App, 'commands' | 'projector' | 'readModels' | 'store'>;

// ---- the company --------------------------------------------------------------------------

interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly position: string;
  readonly managerId: string | null;
  readonly category: JobCategory;
  readonly level: Level;
  readonly roles: Role[];
  /** Office subnet host: people keep their desk's address, as real logs show. */
  readonly ip: string;
  /** What kind of goals this person has (picks the goal, highlight and problem banks). */
  readonly track: Track;
}

type Track =
  | 'operator'
  | 'inspector'
  | 'maintenance'
  | 'logistics'
  | 'lineLead'
  | 'developer'
  | 'tester'
  | 'product'
  | 'agent'
  | 'sales'
  | 'hr'
  | 'head'
  | 'none';

const PROD = '生产部';
const RND = '研发中心';
const SVC = '客服中心';
const SALES = '销售部';
const HRD = '人力资源部';

// [id, name, department, position, managerId, category, level, roles, track]
type Row = [string, string, string, string, string | null, JobCategory, Level, Role[], Track];
const ROWS: Row[] = [
  ['D001', '王志刚', '总经理办公室', '运营总监', null, 'functional', 'executive', ['employee', 'manager'], 'none'],
  ['HR001', '钱慧', HRD, '人力资源部经理', 'D001', 'functional', 'manager', ['employee', 'hr', 'manager'], 'head'],
  ['HR002', '蔡明', HRD, 'HRBP（生产与客服）', 'HR001', 'functional', 'staff', ['employee', 'hr'], 'hr'],
  ['HR003', '潘晓', HRD, '招聘专员', 'HR001', 'functional', 'staff', ['employee', 'hr'], 'hr'],
  ['AU001', '董宁', '审计部', '内审专员', 'D001', 'functional', 'staff', ['auditor'], 'none'],
  ['AD001', '方宇', '信息技术部', '系统管理员', 'D001', 'functional', 'staff', ['admin'], 'none'],

  ['M101', '赵志强', PROD, '生产部经理', 'D001', 'production', 'manager', ['employee', 'manager'], 'head'],
  ['M102', '孙建华', PROD, '冲压车间班组长', 'M101', 'production', 'team_lead', ['employee', 'manager'], 'lineLead'],
  ['M103', '周丽萍', PROD, '装配车间班组长', 'M101', 'production', 'team_lead', ['employee', 'manager'], 'lineLead'],
  ['E1001', '王建国', PROD, '冲压操作工', 'M102', 'production', 'staff', ['employee'], 'operator'],
  ['E1002', '刘洋', PROD, '冲压操作工', 'M102', 'production', 'staff', ['employee'], 'operator'],
  ['E1003', '陈磊', PROD, '设备维修工', 'M102', 'production', 'staff', ['employee'], 'maintenance'],
  ['E1004', '杨帆', PROD, '冲压操作工', 'M102', 'production', 'staff', ['employee'], 'operator'],
  ['E1005', '李娜', PROD, '质检员', 'M103', 'production', 'staff', ['employee'], 'inspector'],
  ['E1006', '黄静', PROD, '装配工', 'M103', 'production', 'staff', ['employee'], 'operator'],
  ['E1007', '吴强', PROD, '装配工', 'M103', 'production', 'staff', ['employee'], 'operator'],
  ['E1008', '徐敏', PROD, '物料员', 'M103', 'production', 'staff', ['employee'], 'logistics'],
  ['E1009', '郭亮', PROD, '叉车司机', 'M103', 'production', 'staff', ['employee'], 'logistics'],

  ['M201', '郑海涛', RND, '研发中心总监', 'D001', 'rnd', 'manager', ['employee', 'manager'], 'head'],
  ['M202', '马超', RND, '后端开发组长', 'M201', 'rnd', 'team_lead', ['employee', 'manager'], 'developer'],
  ['E2001', '张伟', RND, '高级后端工程师', 'M202', 'rnd', 'staff', ['employee'], 'developer'],
  ['E2002', '林晓燕', RND, '前端工程师', 'M202', 'rnd', 'staff', ['employee'], 'developer'],
  ['E2003', '何俊', RND, '测试工程师', 'M201', 'rnd', 'staff', ['employee'], 'tester'],
  ['E2004', '高鹏', RND, '后端工程师', 'M202', 'rnd', 'staff', ['employee'], 'developer'],
  ['E2005', '罗佳', RND, '产品经理', 'M201', 'rnd', 'staff', ['employee'], 'product'],
  ['E2006', '梁宇', RND, '嵌入式软件工程师', 'M201', 'rnd', 'staff', ['employee'], 'developer'],
  ['E2007', '曾琳', RND, 'UI 设计师', 'M201', 'rnd', 'staff', ['employee'], 'product'],

  ['M301', '谢芳', SVC, '客服中心主管', 'D001', 'service', 'manager', ['employee', 'manager'], 'head'],
  ['E3001', '宋佳琪', SVC, '客服专员', 'M301', 'service', 'staff', ['employee'], 'agent'],
  ['E3002', '韩雪', SVC, '客服专员', 'M301', 'service', 'staff', ['employee'], 'agent'],
  ['E3003', '唐浩', SVC, '技术支持工程师', 'M301', 'service', 'staff', ['employee'], 'agent'],
  ['E3004', '冯婷', SVC, '客服专员', 'M301', 'service', 'staff', ['employee'], 'agent'],
  ['E3005', '曹阳', SVC, '服务质检专员', 'M301', 'service', 'staff', ['employee'], 'agent'],

  ['M401', '彭志远', SALES, '销售部经理', 'D001', 'sales', 'manager', ['employee', 'manager'], 'head'],
  ['E4001', '邓丽', SALES, '大客户经理', 'M401', 'sales', 'staff', ['employee'], 'sales'],
  ['E4002', '许文博', SALES, '区域销售经理（华东）', 'M401', 'sales', 'staff', ['employee'], 'sales'],
  ['E4003', '蒋涛', SALES, '销售代表', 'M401', 'sales', 'staff', ['employee'], 'sales'],
  ['E4004', '沈玉兰', SALES, '销售代表', 'M401', 'sales', 'staff', ['employee'], 'sales'],
  ['E4005', '袁野', SALES, '售前工程师', 'M401', 'sales', 'staff', ['employee'], 'sales'],
  ['E4006', '吕斌', SALES, '销售代表', 'M401', 'sales', 'staff', ['employee'], 'sales'],
];

/** One subnet per department, as a campus network is usually cut. */
const SUBNET: Record<string, number> = { [PROD]: 1, [RND]: 2, [SVC]: 3, [SALES]: 4, [HRD]: 5, 审计部: 6, 信息技术部: 9, 总经理办公室: 10 };

const PEOPLE_LIST: DemoPerson[] = ROWS.map(([id, name, department, position, managerId, category, level, roles, track], i) => ({
  id,
  name,
  department,
  position,
  managerId,
  category,
  level,
  roles,
  track,
  ip: `10.8.${SUBNET[department] ?? 8}.${21 + ((i * 37) % 200)}`,
}));
const BY_ID = new Map(PEOPLE_LIST.map((p) => [p.id, p]));
const person = (id: string): DemoPerson => {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`demo data: no person ${id}`);
  return found;
};

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.26 MicroMessenger/7.0.1 Language/zh',
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Mobile Safari/537.36 wxwork/4.1.26 Language/zh',
];

// ---- deterministic randomness and time ------------------------------------------------------

/** mulberry32: tiny seeded PRNG, so every run builds the same company history. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const between = (rng: Rng, lo: number, hi: number): number => lo + rng() * (hi - lo);
const intBetween = (rng: Rng, lo: number, hi: number): number => Math.floor(between(rng, lo, hi + 1));

/** Several distinct items from a bank, keeping the bank's order. */
function several<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(n, items.length)) chosen.add(Math.floor(rng() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i]!);
}

const DAY = 86_400_000;

/** A working-hours instant in the company's zone (Asia/Shanghai, UTC+8, no DST). */
function cst(date: string, hour: number, minute: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
}

/** The date `days` working days after `from` (Saturdays and Sundays skipped), as YYYY-MM-DD in CST. */
function workday(from: string, days: number): string {
  let t = Date.parse(`${from}T12:00:00+08:00`);
  let left = days;
  for (;;) {
    const dow = new Date(t + 8 * 3600_000).getUTCDay();
    if (dow !== 0 && dow !== 6) {
      if (left <= 0) break;
      left -= 1;
    }
    t += DAY;
  }
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

const isoCst = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

// ---- what people write ----------------------------------------------------------------------

interface GoalSpec {
  readonly goal: string;
  readonly target: number;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly decimals: number;
  /** Cap for rates that cannot exceed a ceiling (e.g. 100%). */
  readonly max?: number;
  /** Typical relative deviation from target: a 98.5% pass rate moves by tenths, output by tens of percent. */
  readonly spread: number;
}

const pct = (goal: string, target: number, higherIsBetter = true, decimals = 1): GoalSpec => ({
  goal,
  target,
  unit: '%',
  higherIsBetter,
  decimals,
  max: higherIsBetter ? 100 : undefined,
  // Rates near 100% move by a point or two; small "lower is better" rates vary a lot.
  spread: higherIsBetter ? (target >= 90 ? 0.015 : 0.08) : 0.3,
});
const qty = (goal: string, target: number, unit: string, higherIsBetter = true, decimals = 0, spread = 0.1): GoalSpec => ({
  goal,
  target,
  unit,
  higherIsBetter,
  decimals,
  spread,
});

const GOALS: Record<Exclude<Track, 'none'>, GoalSpec[]> = {
  operator: [qty('产量', 12000, '件/月'), pct('合格率', 98.5), qty('安全规范（5S 检查得分）', 90, '分', true, 0, 0.05), pct('设备点检完成率', 100, true, 0)],
  inspector: [qty('检验批次', 420, '批/月'), pct('漏检率', 0.3, false, 2), pct('检验报告及时率', 99)],
  maintenance: [qty('设备故障停机时长', 6, '小时/月', false, 1, 0.25), pct('点检计划完成率', 100, true, 0), pct('备件库存准确率', 98)],
  logistics: [pct('配送准时率', 98), pct('库存盘点差异率', 0.5, false, 2), qty('安全规范（叉车/物料区 5S 得分）', 90, '分', true, 0, 0.05)],
  lineLead: [pct('班组产量达成率', 100), pct('班组合格率', 98.5), qty('新员工带教', 3, '人', true, 0, 0.3), pct('安全隐患整改关闭率', 100, true, 0)],
  developer: [pct('项目里程碑按期完成率', 90, true, 0), pct('单元测试覆盖率（代码质量）', 80, true, 0), qty('线上缺陷', 3, '个', false, 0, 0.3), qty('技术分享', 2, '次', true, 0, 0.3)],
  tester: [pct('测试用例自动化率', 60, true, 0), qty('线上漏测缺陷', 2, '个', false, 0, 0.3), pct('版本测试按期完成率', 95, true, 0)],
  product: [pct('需求按期交付率', 90, true, 0), qty('用户满意度', 4.5, '分（5 分制）', true, 2, 0.04), qty('用户访谈', 12, '场')],
  agent: [pct('首次解决率', 85), qty('客户满意度', 4.6, '分（5 分制）', true, 2, 0.03), qty('平均响应时长', 30, '秒', false), qty('工单处理量', 600, '张/月')],
  sales: [qty('销售额', 320, '万元', true, 1), pct('回款率', 95), qty('新签客户', 8, '家', true, 0, 0.25)],
  hr: [qty('招聘到岗', 25, '人'), pct('绩效面谈按期完成率', 100), qty('培训满意度', 4.5, '分（5 分制）', true, 2, 0.04)],
  head: [pct('部门 KPI 达成率', 100), pct('关键岗位人员流失率', 5, false), pct('部门预算执行偏差', 3, false)],
};

const PROJECTS = ['订单中心 v2.3', 'MES 数据采集网关', '客服工单系统重构', '移动端设备巡检 App', '供应商协同门户'];

interface Highlight {
  readonly case: string;
  readonly data: string;
  readonly impact: string;
}
const HIGHLIGHTS: Record<Exclude<Track, 'none'>, Highlight[]> = {
  operator: [
    { case: '提出冲压模具快速换型的流程优化建议，并在本班组试行', data: '换型时间由 45 分钟降至 31 分钟，设备故障率下降 12%', impact: '已推广到 3 条冲压线' },
    { case: '主动发现 2 号线送料机构异响并及时停机报修', data: '避免一次主轴损坏，估算减少损失约 6 万元', impact: '被评为季度安全之星' },
    { case: '带教 2 名新员工，整理岗位操作要点卡片', data: '新员工 3 周内独立上岗，首月合格率 98.2%', impact: '要点卡片纳入班组培训资料' },
    { case: '参与 QC 小组解决焊点虚焊问题', data: '返修率由 1.8% 降至 0.9%', impact: 'QC 成果获公司二等奖' },
  ],
  inspector: [
    { case: '梳理首件检验清单，增加 4 个关键尺寸检验点', data: '客户投诉由 5 起降至 1 起', impact: '清单已在装配车间统一使用' },
    { case: '推动检验数据电子化录入', data: '报告出具时间由 1 天缩短到 2 小时', impact: '为质量追溯提供数据基础' },
  ],
  maintenance: [
    { case: '制定液压系统预防性维护计划', data: '设备故障率下降 12%，非计划停机减少 18 小时/月', impact: '形成标准点检表' },
    { case: '自制送料机构限位工装', data: '节省外协维修费用 2.4 万元', impact: '获合理化建议奖' },
  ],
  logistics: [
    { case: '优化物料配送路线与看板', data: '线边缺料停线由 6 次/月降至 1 次/月', impact: '生产部通报表扬' },
    { case: '组织季度盘点并找出 3 类账实差异原因', data: '盘点差异率由 0.8% 降至 0.3%', impact: '财务审计无重大发现' },
  ],
  lineLead: [
    { case: '推行班前会 5 分钟安全提醒', data: '班组连续 9 个月零安全事故', impact: '做法推广到全车间' },
    { case: '组织班组技能矩阵评估与轮岗', data: '多能工比例由 30% 提升到 55%', impact: '排班灵活性明显提高' },
  ],
  developer: [
    { case: '牵头订单中心核心接口性能优化', data: '接口 P99 延迟由 820 ms 降至 210 ms', impact: '大促期间零故障' },
    { case: '推动与生产部、销售部跨部门联调', data: '产品比计划提前一周上线', impact: '客户验收一次通过' },
    { case: '补齐支付与结算模块单元测试', data: '覆盖率由 56% 提升至 83%', impact: '回归缺陷减少 40%' },
    { case: '组织 2 次技术分享（消息幂等消费、SQL 调优）', data: '团队慢查询数量下降 60%', impact: '沉淀 2 篇内部技术文档' },
  ],
  tester: [
    { case: '搭建接口自动化回归框架', data: '回归时间由 2 天缩短到 3 小时', impact: '发版频率由双周提升为每周' },
    { case: '推动缺陷分级与复盘机制', data: '严重缺陷逃逸为 0', impact: '被研发中心采纳为规范' },
  ],
  product: [
    { case: '完成 12 场一线用户访谈，重新梳理巡检流程', data: '巡检录入步骤由 9 步减为 5 步', impact: '车间使用率由 40% 提升至 85%' },
    { case: '牵头设计规范统一', data: '设计走查问题减少 35%', impact: '前端开发返工明显减少' },
  ],
  agent: [
    { case: '整理常见问题知识库 120 条', data: '首次解决率提升 4.3 个百分点', impact: '新人上岗培训周期缩短 1 周' },
    { case: '妥善处理华东大客户的重大投诉', data: '客户续签并发来书面表扬', impact: '案例纳入服务培训' },
  ],
  sales: [
    { case: '拿下华东某汽车零部件集团年度框架协议', data: '合同额 480 万元', impact: '打开新能源客户市场' },
    { case: '建立老客户季度回访机制', data: '复购率提升 9%', impact: '回款周期缩短 12 天' },
  ],
  hr: [
    { case: '优化校园招聘流程，增加车间参观环节', data: 'offer 接受率由 62% 提升至 78%', impact: '生产储备人员按期到岗' },
    { case: '上线绩效面谈电子化记录与签字流程', data: '面谈按期完成率由 81% 提升到 98%', impact: '年终复盘不再需要补录' },
  ],
  head: [
    { case: '推动部门数字化改造与流程梳理', data: '人均效率提升 8%', impact: '部门预算节约 5%' },
    { case: '建立关键岗位继任计划', data: '关键岗位后备覆盖率达到 80%', impact: '核心人员零流失' },
  ],
};

interface Problem {
  readonly problem: string;
  readonly cause: string;
  readonly measures: string;
  readonly action: string;
  readonly metric: string;
  readonly support: string;
}
const PROBLEMS: Record<Exclude<Track, 'none'>, Problem[]> = {
  operator: [
    {
      problem: '原材料到货不及时，影响排产与产量',
      cause: '主要钢材供应商到货周期由 7 天延长到 12 天，车间缺少到料预警，只能临时换线',
      measures: '与采购部建立每周到料预警；关键钢材保持 3 天安全库存；缺料时优先安排模具保养',
      action: '配合班组长每周一核对下周物料齐套情况并在系统登记',
      metric: '因缺料导致的停线 ≤ 1 次/月',
      support: '需要采购部提供到料计划共享',
    },
    {
      problem: '设备老化，2 号冲压线频繁停机',
      cause: '设备服役 11 年，主轴与离合器磨损，备件采购周期长达 6 周',
      measures: '申请纳入设备升级预算；在更换前每周加做一次点检并储备易损件',
      action: '每班开机前完成 2 号线点检并记录异常',
      metric: '非计划停机时长 ≤ 4 小时/月',
      support: '需要设备科提前储备主轴轴承等易损件',
    },
    {
      problem: '夜班交接信息遗漏，出现过一次批量尺寸偏差',
      cause: '交接靠口头，模具调整参数未记录',
      measures: '使用交接班记录表，关键参数双人确认',
      action: '每次交接班填写模具参数与异常记录',
      metric: '因交接导致的质量问题为 0',
      support: '无',
    },
  ],
  inspector: [
    {
      problem: '来料检验积压，影响上线节奏',
      cause: '月底集中到货，检验人力不足',
      measures: '与采购协调分批到货；抽检方案按供应商等级分级',
      action: '建立供应商分级抽检表并执行',
      metric: '来料检验平均等待 ≤ 4 小时',
      support: '需要 1 台便携式三坐标测量仪',
    },
  ],
  maintenance: [
    {
      problem: '设备老化导致维修工作量大，计划性维护时间被挤占',
      cause: '老设备故障频发，备件采购周期长，维修以救火为主',
      measures: '推动设备更新立项；建立易损件安全库存；维修记录电子化以便分析故障规律',
      action: '整理近 12 个月故障记录，完成 TOP5 故障原因分析',
      metric: '预防性维护占比由 40% 提升到 60%',
      support: '需要参加 PLC 编程中级培训',
    },
  ],
  logistics: [
    {
      problem: '线边物料摆放混乱，找料时间长',
      cause: '物料定置标识不全，新增物料未及时规划位置',
      measures: '重新规划线边定置图，推行物料看板',
      action: '完成装配车间线边定置与标识更新',
      metric: '找料时间 ≤ 5 分钟/次',
      support: '需要行政部协助制作标识牌',
    },
  ],
  lineLead: [
    {
      problem: '班组新员工占比高，合格率波动',
      cause: '三季度新入职 5 人，带教资源不足，作业指导书更新滞后',
      measures: '实施师徒制，每名新员工指定带教人；更新作业指导书并增加图片说明',
      action: '完成 6 份作业指导书修订并组织考核',
      metric: '新员工首月合格率 ≥ 97.5%',
      support: '需要 HR 协助安排技能认证考核',
    },
    {
      problem: '原材料到货不及时导致频繁换线',
      cause: '供应商交期不稳定，生产计划调整频繁',
      measures: '每日早会与计划员确认物料；建立换线快速响应小组',
      action: '整理换线标准作业并培训全班组',
      metric: '换线时间 ≤ 30 分钟',
      support: '需要计划科提前 3 天锁定排产',
    },
  ],
  developer: [
    {
      problem: '需求变更频繁，项目里程碑延期',
      cause: '需求评审后仍有约 30% 的需求发生变更，变更未走评审，排期未同步调整',
      measures: '设置需求冻结点；冻结后的变更走变更评审并重新评估排期',
      action: '在项目看板中记录每一次需求变更及其工时影响',
      metric: '里程碑延期 ≤ 3 个工作日',
      support: '需要产品经理参加每周迭代评审',
    },
    {
      problem: '代码评审不及时，合并请求平均等待 2 天',
      cause: '评审人集中在两位资深工程师，且没有评审时限约定',
      measures: '扩大评审人范围，约定 1 个工作日内完成首轮评审',
      action: '每天固定 30 分钟处理代码评审',
      metric: '合并请求平均等待 ≤ 1 天',
      support: '无',
    },
    {
      problem: '线上告警响应慢',
      cause: '告警规则过多、噪音大，值班人员难以分辨优先级',
      measures: '清理无效告警，按业务影响分级并配置升级规则',
      action: '完成核心服务告警分级与值班手册',
      metric: 'P1 告警 15 分钟内响应率 100%',
      support: '需要运维组提供告警平台权限',
    },
  ],
  tester: [
    {
      problem: '测试环境不稳定，影响测试进度',
      cause: '测试环境与开发共用，数据经常被覆盖',
      measures: '申请独立测试环境，测试数据脚本化初始化',
      action: '编写测试数据初始化脚本并接入流水线',
      metric: '因环境问题阻塞的测试时长 ≤ 2 小时/周',
      support: '需要 2 台测试服务器',
    },
  ],
  product: [
    {
      problem: '需求文档细节不足，开发反复确认',
      cause: '交互细节与异常流程描述缺失',
      measures: '需求文档增加异常流程与验收标准章节，评审前先走查',
      action: '所有需求文档使用新模板并附验收标准',
      metric: '开发对需求的澄清次数下降 50%',
      support: '无',
    },
  ],
  agent: [
    {
      problem: '周一上午来电高峰排队时间长',
      cause: '周一上午来电量为平日的 1.8 倍，排班未错峰',
      measures: '高峰时段弹性排班；常见问题引导到自助渠道',
      action: '配合主管试行错峰排班并统计排队时长',
      metric: '高峰时段平均排队 ≤ 60 秒',
      support: '需要 IT 部门优化 IVR 自助菜单',
    },
    {
      problem: '复杂技术问题升级流程不清，客户等待时间长',
      cause: '二线支持的升级标准与时限没有明确约定',
      measures: '制定升级标准与 SLA，建立升级工单模板',
      action: '整理 20 类典型技术问题的升级判断标准',
      metric: '升级工单 24 小时内闭环率 ≥ 90%',
      support: '需要研发中心指定接口人',
    },
  ],
  sales: [
    {
      problem: '回款周期长，应收账款偏高',
      cause: '合同付款条款约定宽松，催收跟进不及时',
      measures: '新合同统一付款条款；每月第一周集中对账与催收',
      action: '建立个人应收账款台账，逐户制定回款计划',
      metric: '超 90 天应收占比 ≤ 5%',
      support: '需要财务部每周提供回款明细',
    },
    {
      problem: 'CRM 客户信息录入不完整，影响商机判断',
      cause: '拜访后未及时录入，字段要求不清楚',
      measures: '拜访后 24 小时内录入，关键字段设为必填',
      action: '补齐名下全部客户的关键信息',
      metric: '客户关键字段完整率 ≥ 95%',
      support: '无',
    },
  ],
  hr: [
    {
      problem: '部分面谈记录过于简单，难以支撑后续决策',
      cause: '主管对记录要求理解不一，缺少示例',
      measures: '提供面谈记录范例，并在系统中设置关键字段校验',
      action: '为各部门主管组织 1 次面谈记录专题培训',
      metric: '记录抽检合格率 ≥ 90%',
      support: '需要各部门配合安排培训时间',
    },
  ],
  head: [
    {
      problem: '跨部门协作效率不高，问题升级慢',
      cause: '部门间接口人与决策权限不清',
      measures: '明确接口人，建立周例会与问题升级机制',
      action: '发布跨部门协作接口人清单与升级规则',
      metric: '跨部门问题平均关闭周期 ≤ 5 个工作日',
      support: '需要总经理办公室牵头协调',
    },
  ],
};

const SUPPORT_EXTRA = ['参加 PLC 编程中级培训', '参加精益生产（TPM）培训', '申请参加外部技术大会', '增加 1 名质检员支援', '提供项目管理课程学习名额', '需要导师一对一辅导', '需要更新办公电脑'];

const REMARKS = [
  '本次面谈氛围良好，双方对目标与改进计划达成一致。',
  '员工对设备老化问题反映较多，已同步生产部经理，纳入下季度设备预算讨论。',
  '员工提出希望参加技能认证，人力资源部将统一安排。',
  '改进计划的执行情况将在下次面谈中逐项回顾。',
  '员工对个人发展方向有较清晰的规划，建议纳入后备人才库。',
  '面谈因生产排班调整改期一次，已提前通知双方。',
];

const CYCLE_LABEL: Record<string, string> = { '2025-H2': '2025 年下半年', '2026-Q1': '2026 年第一季度', '2026-Q2': '2026 年第二季度', '2026-Q3': '2026 年第三季度' };

function fmtValue(spec: GoalSpec, value: number): string {
  const v = value.toFixed(spec.decimals);
  const n = spec.decimals === 0 ? Number(v).toLocaleString('en-US') : v;
  return spec.unit === '%' ? `${n}%` : `${n} ${spec.unit}`;
}

interface GoalItem {
  goal: string;
  target: string;
  actual: string;
  achievement: string;
  comment: string;
}

/** The employee's self-assessment: one item per goal, actuals around target. */
function goalItems(rng: Rng, p: DemoPerson, cycle: string): GoalItem[] {
  const specs = GOALS[p.track as Exclude<Track, 'none'>] ?? GOALS.head;
  return specs.map((spec) => {
    // Most people land near target; about one in seven misses clearly.
    const factor = 1 + between(rng, -spec.spread, spec.spread) - (rng() < 0.15 ? spec.spread * 0.6 : 0);
    let actual = spec.higherIsBetter ? spec.target * factor : spec.target / factor;
    if (spec.max !== undefined) actual = Math.min(actual, spec.max);
    if (spec.decimals === 0 && spec.unit !== '%') actual = Math.max(0, Math.round(actual));
    const ratio = Math.min(1.5, spec.higherIsBetter ? actual / spec.target : spec.target / Math.max(actual, 1e-9));
    const achievement = `${Math.round(ratio * 100)}%`;
    const comment =
      ratio >= 1.03
        ? '超额完成目标'
        : ratio >= 0.99
          ? '达成目标'
          : ratio >= 0.95
            ? '基本达成，差距原因见问题分析'
            : '未达成，原因见问题分析';
    const item: GoalItem = {
      goal: spec.goal,
      target: `${spec.higherIsBetter ? '≥' : '≤'} ${fmtValue(spec, spec.target)}`,
      actual: fmtValue(spec, actual),
      achievement,
      comment,
    };
    if (spec.goal.startsWith('项目里程碑')) item.target = `${pick(rng, PROJECTS)}：${item.target}（${CYCLE_LABEL[cycle] ?? cycle}）`;
    return item;
  });
}

const MANAGER_NOTES = {
  good: ['数据属实，表现突出，继续保持', '目标完成扎实，可承担更多带教任务', '同意自评，亮点明显'],
  ok: ['基本达成，细节仍有提升空间', '同意自评，下阶段重点关注稳定性', '达成情况与系统数据一致'],
  weak: ['未达成，需结合改进计划跟进', '主要受外部因素影响，但自身跟进不够及时', '下季度重点改进'],
};

/** The manager's pass over the self-assessment: a comment on each item and an overall rating. */
function reviewedGoals(rng: Rng, items: GoalItem[]): Record<string, unknown> {
  const reviewed = items.map((item) => {
    const ratio = parseInt(item.achievement, 10) / 100;
    const notes = ratio >= 1.02 ? MANAGER_NOTES.good : ratio >= 0.97 ? MANAGER_NOTES.ok : MANAGER_NOTES.weak;
    return { ...item, comment: `${item.comment}；主管意见：${pick(rng, notes)}` };
  });
  const avg = items.reduce((sum, i) => sum + parseInt(i.achievement, 10), 0) / items.length;
  const rating = avg >= 104 ? 'A（优秀）' : avg >= 98 ? 'B+（良好）' : avg >= 94 ? 'B（达标）' : 'C（待改进）';
  return { items: reviewed, overallRating: rating, managerSummary: `整体达成率约 ${Math.round(avg)}%，评级 ${rating}。` };
}

function highlightsContent(rng: Rng, p: DemoPerson): Record<string, unknown> {
  const bank = HIGHLIGHTS[p.track as Exclude<Track, 'none'>] ?? HIGHLIGHTS.head;
  return { items: several(rng, bank, intBetween(rng, 1, 2)).map((h) => ({ ...h })) };
}

function chooseProblems(rng: Rng, p: DemoPerson): Problem[] {
  const bank = PROBLEMS[p.track as Exclude<Track, 'none'>] ?? PROBLEMS.head;
  return several(rng, bank, intBetween(rng, 1, 2));
}

function problemsContent(problems: Problem[]): Record<string, unknown> {
  return { items: problems.map(({ problem, cause, measures }) => ({ problem, cause, measures })) };
}

function improvementPlanContent(problems: Problem[], p: DemoPerson, deadline: string, managerName: string): Record<string, unknown> {
  return {
    principle: 'SMART：具体、可衡量、可达成、相关、有时限',
    items: problems.map((pr) => ({ action: pr.action, metric: pr.metric, owner: `${p.name}（${p.id}）`, deadline, checkpoint: `${managerName}每月检查一次进度` })),
  };
}

function nextGoalsContent(rng: Rng, p: DemoPerson, problems: Problem[], deadline: string, cycleAfter: string): Record<string, unknown> {
  const specs = GOALS[p.track as Exclude<Track, 'none'>] ?? GOALS.head;
  const goals = several(rng, specs, 2).map((spec) => {
    // A modest stretch; a capped rate closes part of its gap to the cap instead.
    const stretch = spec.higherIsBetter ? spec.target * (1 + spec.spread / 2) : spec.target * (1 - spec.spread / 3);
    const target = spec.max !== undefined ? spec.target + (spec.max - spec.target) * 0.3 : stretch;
    return { goal: spec.goal, target: `${spec.higherIsBetter ? '≥' : '≤'} ${fmtValue(spec, target)}`, deadline };
  });
  const supportNeeds = [...new Set([...problems.map((pr) => pr.support).filter((s) => s !== '无'), pick(rng, SUPPORT_EXTRA)])];
  return { period: CYCLE_LABEL[cycleAfter] ?? cycleAfter, goals, supportNeeds };
}

// ---- the plan: every command with its time ------------------------------------------------

interface Step {
  readonly at: Date;
  readonly label: string;
  readonly run: (app: Services, at: Date) => Promise<void>;
}

interface CyclePlan {
  readonly cycle: string;
  readonly next: string;
  /** First working day interviews are scheduled on (CST). */
  readonly start: string;
  /** Deadline written into improvement plans. */
  readonly deadline: string;
  readonly reviewees: (p: DemoPerson) => boolean;
  /** How far along each interview is: 'full' | 'half' | 'scheduled'. */
  readonly progress: (rng: Rng, i: number, n: number) => 'full' | 'half' | 'scheduled';
}

const reviewable = (p: DemoPerson): boolean => p.managerId !== null && p.track !== 'none';
const isHead = (p: DemoPerson): boolean => p.managerId === 'D001';

const CYCLES: CyclePlan[] = [
  { cycle: '2025-H2', next: '2026-H1', start: '2026-01-05', deadline: '2026-03-31', reviewees: reviewable, progress: () => 'full' },
  {
    cycle: '2026-Q1',
    next: '2026-Q2',
    start: '2026-04-01',
    deadline: '2026-06-30',
    // Quarterly reviews in the operating departments; R&D and HR review half-yearly.
    reviewees: (p) => reviewable(p) && !isHead(p) && [PROD, SVC, SALES].includes(p.department),
    progress: (rng) => (rng() < 0.1 ? 'half' : 'full'),
  },
  { cycle: '2026-Q2', next: '2026-Q3', start: '2026-07-01', deadline: '2026-09-30', reviewees: reviewable, progress: (rng) => (rng() < 0.05 ? 'half' : 'full') },
  {
    cycle: '2026-Q3',
    next: '2026-Q4',
    start: '2026-10-12',
    deadline: '2026-12-31',
    reviewees: (p) => reviewable(p) && !isHead(p),
    // The current cycle: early interviews done, later ones in progress or still ahead.
    progress: (_rng, i, n) => (i < n * 0.4 ? 'full' : i < n * 0.7 ? 'half' : 'scheduled'),
  },
];

/** Who schedules: HRBP for production and service, HR manager for HR staff, else the manager. */
function scheduler(p: DemoPerson): DemoPerson {
  if (p.department === PROD || p.department === SVC) return person('HR002');
  if (p.department === HRD) return person('HR001');
  return person(p.managerId!);
}

const LOCATIONS: Record<string, string[]> = {
  [PROD]: ['生产部会议室 A', '冲压车间班组休息室', '装配车间办公室'],
  [RND]: ['研发中心 3F 小会议室', '线上（腾讯会议）'],
  [SVC]: ['客服中心培训室', '客服中心主管办公室'],
  [SALES]: ['销售部经理办公室', '线上（腾讯会议）'],
  [HRD]: ['人力资源部会议室'],
};

function metaFor(p: DemoPerson, at: Date, ua: string): CommandMeta {
  return { actor: p.id, roles: p.roles, ip: p.ip, userAgent: ua, now: at.toISOString(), commandId: randomUUID() };
}

/** Builds the whole plan: registrations, then every cycle's interviews, each step timed. */
function plan(): Step[] {
  const rng = prng(20260101);
  const steps: Step[] = [];
  const versions = new Map<string, number>();
  const uaOf = new Map(PEOPLE_LIST.map((p) => [p.id, pick(rng, USER_AGENTS)]));
  const ua = (p: DemoPerson) => uaOf.get(p.id)!;

  // The directory: the system bootstraps the administrator, who registers HR's head, who
  // then enters everyone else over the following days.
  const admin = person('AD001');
  const hrHead = person('HR001');
  const bootstrap: CommandMeta = {
    actor: 'system',
    roles: ['admin'],
    ip: '127.0.0.1',
    userAgent: 'interview-ledger/system',
    now: '',
    commandId: '',
  };
  const others = PEOPLE_LIST.filter((p) => p !== admin && p !== hrHead);
  const registrations: Array<{ p: DemoPerson; by: DemoPerson | null; at: Date }> = [
    { p: admin, by: null, at: cst('2025-12-12', 9, 0) },
    { p: hrHead, by: admin, at: cst('2025-12-12', 9, 12) },
    ...others.map((p, i) => ({ p, by: hrHead, at: cst(workday('2025-12-15', Math.floor(i / 14)), 10 + (i % 7), (i * 7) % 60) })),
  ];
  for (const { p, by, at } of registrations) {
    steps.push({
      at,
      label: `register ${p.id}`,
      run: async (app, when) => {
        const meta = by ? metaFor(by, when, ua(by)) : { ...bootstrap, now: when.toISOString(), commandId: randomUUID() };
        const { ip: _ip, track: _track, id, roles, ...profile } = p;
        await registerPerson(app, meta, { personId: id, ...profile, roles: [...roles] });
      },
    });
  }

  for (const cycle of CYCLES) {
    const reviewees = PEOPLE_LIST.filter(cycle.reviewees);
    reviewees.forEach((p, i) => {
      const manager = person(p.managerId!);
      const scheduledBy = isHead(p) ? manager : scheduler(p);
      const interviewId = `IV-${cycle.cycle.replace('-', '')}-${p.id}`;
      const progress = cycle.progress(rng, i, reviewees.length);
      // Scheduling spreads over the first week; meetings 3–12 working days later.
      const scheduleDay = workday(cycle.start, Math.floor(i / 8));
      const scheduleAt = cst(scheduleDay, 9 + (i % 8), intBetween(rng, 0, 59));
      const meetingDay = workday(scheduleDay, progress === 'scheduled' ? intBetween(rng, 18, 30) : intBetween(rng, 3, 12));
      const meetingHour = pick(rng, [9, 10, 14, 15, 16]);
      // Department heads meet the director in his office, not on their own shop floor.
      const places = isHead(p) ? ['总经理办公室', '公司 5F 大会议室'] : (LOCATIONS[p.department] ?? ['人力资源部会议室']);
      const location = pick(rng, places);
      const participants = scheduledBy.roles.includes('hr') && scheduledBy.id !== manager.id && rng() < 0.5 ? [scheduledBy.id] : [];

      const edit = (at: Date, actor: DemoPerson, section: string, content: () => Record<string, unknown>) =>
        steps.push({
          at,
          label: `${interviewId} ${section} by ${actor.id}`,
          run: async (app, when) => {
            const state = await editInterviewSection(app, metaFor(actor, when, ua(actor)), {
              interviewId,
              expectedVersion: versions.get(interviewId)!,
              section,
              content: content(),
            });
            versions.set(interviewId, state.version);
          },
        });

      steps.push({
        at: scheduleAt,
        label: `schedule ${interviewId}`,
        run: async (app, when) => {
          const state = await scheduleInterview(app, metaFor(scheduledBy, when, ua(scheduledBy)), {
            interviewId,
            employeeId: p.id,
            managerId: manager.id,
            participantIds: participants,
            cycle: cycle.cycle,
            scheduledAt: isoCst(cst(meetingDay, meetingHour, 0)),
            location,
          });
          versions.set(interviewId, state.version);
        },
      });

      // Some meetings move: production shifts change, people travel.
      let meeting = cst(meetingDay, meetingHour, 0);
      if (rng() < 0.15) {
        const newDay = workday(meetingDay, intBetween(rng, 1, 3));
        meeting = cst(newDay, meetingHour, 30);
        // Moved the day before the meeting; for meetings still ahead, soon after scheduling
        // (the history must not hold edits from the future).
        const movedAt =
          progress === 'scheduled'
            ? new Date(scheduleAt.getTime() + DAY + intBetween(rng, 0, 300) * 60_000)
            : new Date(cst(meetingDay, 8, 0).getTime() - DAY + intBetween(rng, 0, 300) * 60_000);
        const newLocation = pick(rng, places);
        const moved = meeting;
        steps.push({
          at: movedAt,
          label: `reschedule ${interviewId}`,
          run: async (app, when) => {
            const state = await updateInterviewBasicInfo(app, metaFor(manager, when, ua(manager)), {
              interviewId,
              expectedVersion: versions.get(interviewId)!,
              changes: { scheduledAt: isoCst(moved), location: newLocation },
            });
            versions.set(interviewId, state.version);
          },
        });
      }
      if (progress === 'scheduled') return;

      // Contents are drawn now, at plan time, so the plan alone fixes the whole history.
      const self = goalItems(rng, p, cycle.cycle);
      const highlights = highlightsContent(rng, p);
      const problems = chooseProblems(rng, p);
      const reviewed = reviewedGoals(rng, self);
      const next = nextGoalsContent(rng, p, problems, cycle.deadline, cycle.next);
      const remark = pick(rng, REMARKS);
      const meetingMs = meeting.getTime();
      const before = (hours: number) => new Date(meetingMs - hours * 3600_000 + intBetween(rng, 0, 50) * 60_000);
      const after = (hours: number) => new Date(meetingMs + hours * 3600_000 + intBetween(rng, 0, 50) * 60_000);

      // 1. Self-assessment before the meeting: goals first, then highlights; a correction later.
      edit(before(50), p, 'goalReview', () => ({ items: self, selfAssessment: `本${cycle.cycle.includes('H') ? '半年' : '季度'}整体完成情况良好，详见各项。` }));
      edit(before(49), p, 'highlights', () => highlights);
      if (rng() < 0.5) {
        const corrected = self.map((item, k) => (k === 0 ? { ...item, comment: `${item.comment}（已按系统数据更正实际值）` } : item));
        edit(before(26), p, 'goalReview', () => ({ items: corrected, selfAssessment: '已核对系统报表数据后更新。' }));
      }
      if (progress === 'half') {
        if (rng() < 0.5) edit(after(1), manager, 'problems', () => problemsContent(problems));
        return;
      }
      // 2. At the meeting the manager reviews the goals, records problems and the agreed plan.
      edit(after(0.5), manager, 'goalReview', () => reviewed);
      edit(after(0.8), manager, 'problems', () => problemsContent(problems));
      edit(after(1), manager, 'improvementPlan', () => improvementPlanContent(problems, p, cycle.deadline, manager.name));
      // 3. The employee commits to next goals and names support needs; the manager answers.
      edit(after(20), p, 'nextGoals', () => next);
      if (rng() < 0.7) {
        edit(after(26), manager, 'nextGoals', () => ({
          ...next,
          managerFeedback: `支持需求已确认：${(next.supportNeeds as string[])[0] ?? '无'}，由${manager.name}协调，${cycle.deadline.slice(0, 7)} 前落实。`,
        }));
      }
      if (rng() < 0.4) {
        // The employee tightens the plan after thinking it over: a second employee edit.
        edit(after(28), p, 'improvementPlan', () => ({
          ...improvementPlanContent(problems, p, cycle.deadline, manager.name),
          employeeNote: '已确认改进计划，并将第一项的完成节点提前两周。',
        }));
      }
      edit(after(30), rng() < 0.6 ? manager : p, 'remarks', () => ({ text: remark }));
    });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

// ---- entry point --------------------------------------------------------------------------

/**
 * Writes the demo company and its interview history through the application services.
 * Returns false, and writes nothing, when the demo (person HR001) is already there.
 * Needs a running projector: the services wait for read models, and scheduling reads the
 * directory from them.
 */
export async function seedDemo(app: Services, options: SeedDemoOptions = {}): Promise<boolean> {
  const hr = DEMO_PEOPLE.hr;
  // The log decides as well as the read model: a read model still catching up (or being
  // rebuilt) must not make a second seed run collide with the first one's events.
  if ((await app.readModels.get<PersonDoc>(PEOPLE, hr)) || (await app.store.lastEvent(personStream(hr)))) return false;
  const steps = plan();
  let done = 0;
  options.onProgress?.(0, steps.length);
  for (const step of steps) {
    try {
      await step.run(app, step.at);
    } catch (error) {
      throw new Error(`demo data: ${step.label} at ${step.at.toISOString()} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    done += 1;
    options.onProgress?.(done, steps.length);
  }
  return true;
}

/** Size of the demo: how many commands `seedDemo` issues (for docs and tests). */
export function demoPlanSize(): number {
  return plan().length;
}
