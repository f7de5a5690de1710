/**
 * Demo data: a small manufacturing company (≈40 people) and four review cycles of performance
 * interviews (绩效面谈), written through the real application services so that every record is
 * a signed, hash-chained ledger event with an actor, roles, an IP and a time — exactly what an
 * auditor replays. Deterministic (seeded PRNG, fixed dates, stable ids, keys derived from ids)
 * so screenshots, docs and bug reports agree; idempotent (does nothing once it is loaded); all or
 * nothing (seedDemo records its start and its end, and refuses a store with one and not the other).
 *
 * Every interview runs the flow the directory gives it (src/domain/workflow/flow.ts):
 * 生产部 staff the production-line flow, other staff the staff-review flow, team leads and
 * managers the management-review flow. Each command is issued by the person whose turn it is
 * — the employee writes and submits the self-assessment, the manager reviews, chairs the
 * meeting, agrees the plan and evaluates support needs, both sign with their own keys, HR
 * fulfils approved needs, owners report progress on their improvement tasks.
 *
 * Shape of the history, as a real company would leave it (the demo's today is DEMO_NOW):
 * - 2025-H2, 2026-Q1, 2026-Q2: every interview taken through its flow, signed by both sides and
 *   locked; the next cycle opens with the goals agreed here. Plans became tasks, most of them
 *   done; support needs were approved, partly approved or declined, some fulfilled by HR; a few
 *   problems carry links; a few records were sent back once (the history keeps the reason).
 * - 2026-Q3, the current cycle: interviews at every step of every flow (CURRENT below), some
 *   overdue at DEMO_NOW so reminders show, one self-assessment draft with a vague highlight.
 * - For the dashboards: goals name their performance dimension (a few leave it to the radar's
 *   fallback), 销售部 falls short under goal pressure in 2026-Q2, and the texts the analytics are
 *   there to find are planted in the employees' own words (PLANTS below).
 */
import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { ed25519Sign, privateKeyFromSeed, rawPublicKey } from '../crypto/ed25519';
import { keyIdOf } from '../crypto/key-id';
import type { CommandMeta, Role } from '../domain/command';
import type { ExistingInterview, NeedDecision } from '../domain/interview/interview';
import { contentDigest, signingMessage, type SignatureRole } from '../domain/interview/signing';
import { BUILTIN_TEMPLATES, selectTemplate, type SupportType } from '../domain/interview/template';
import type { JobCategory, Level } from '../domain/person/person';
import { personStream } from '../domain/person/person';
import { BUILTIN_FLOWS, selectFlow } from '../domain/workflow/flow';
import {
  advanceStep,
  completeTask,
  editInterviewSection,
  evaluateSupportNeed,
  fulfilSupportNeed,
  registerPerson,
  registerSigningKey,
  reportTaskProgress,
  returnStep,
  scheduleInterview,
  signInterview,
  updateInterviewBasicInfo,
} from '../application/interview-service';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import type { App } from '../application/services';
import { StreamConcurrencyError } from '../store/event-store';

/** A few people worth signing in as (README, `npm start -- --demo` prints tokens for them). */
export const DEMO_PEOPLE = {
  hr: 'HR001',
  manager: 'M102', // 王建国 (E1001) reports to this team lead
  employee: 'E1001',
  auditor: 'AU001',
  admin: 'AD001',
} as const;

/**
 * The demo's "today" (CST): the current cycle is under way, every command happened before it,
 * and steps due before it are overdue.
 */
export const DEMO_NOW = '2026-11-23T09:00:00+08:00';
const NOW_MS = Date.parse(DEMO_NOW);

export interface SeedDemoOptions {
  /** Called after each command; `total` is the number of commands the seed will issue. */
  readonly onProgress?: (done: number, total: number) => void;
}

type Services = Pick<App, 'commands' | 'projector' | 'readModels' | 'store' | 'ledger' | 'log'> & Partial<Pick<App, 'alerts'>>;

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

/** The cycle under way at DEMO_NOW. */
const CURRENT_CYCLE_ID = '2026-Q3';
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

const MINUTE = 60_000;
const CST_OFFSET = 8 * 3600_000;
const cstDate = (ms: number): string => new Date(ms + CST_OFFSET).toISOString().slice(0, 10);

/** Moves an instant into working hours (Mon–Fri 09:00–18:00 CST): evenings and weekends roll to the next working morning. */
function inWorkingHours(ms: number): number {
  const local = new Date(ms + CST_OFFSET);
  const [dow, hour, minute] = [local.getUTCDay(), local.getUTCHours(), local.getUTCMinutes()];
  const date = cstDate(ms);
  if (dow === 0 || dow === 6) return cst(workday(date, 0), 9, minute).getTime();
  if (hour >= 18) return cst(workday(date, 1), 9, minute).getTime();
  if (hour < 9) return cst(date, 9, minute).getTime();
  return ms;
}

/** One thread of events (an interview, a task): its commands happen in order, in working hours. */
class Cursor {
  constructor(
    private readonly rng: Rng,
    private t: number,
  ) {}

  get at(): Date {
    return new Date(this.t);
  }

  get ms(): number {
    return this.t;
  }

  /** Some minutes later. */
  later(min: number, max: number): Date {
    this.t = inWorkingHours(this.t + intBetween(this.rng, min, max) * MINUTE);
    return this.at;
  }

  /** `n` working days later, at one of `hours` (never earlier than now). */
  days(n: number, hours: readonly number[] = [9, 10, 11, 14, 15, 16]): Date {
    const next = cst(workday(cstDate(this.t), n), pick(this.rng, hours), intBetween(this.rng, 0, 59)).getTime();
    this.t = next > this.t ? next : inWorkingHours(this.t + intBetween(this.rng, 5, 30) * MINUTE);
    return this.at;
  }

  /** To a given instant, or a few minutes on if that is not ahead. */
  to(ms: number): Date {
    this.t = ms > this.t ? ms : inWorkingHours(this.t + 5 * MINUTE);
    return this.at;
  }
}

interface DemoKey {
  readonly privateKey: KeyObject;
  /** base64 of the raw 32-byte public key, as registerSigningKey takes it. */
  readonly publicKey: string;
  readonly kid: string;
}

/**
 * Demo people's Ed25519 signing keys, the seed being SHA-256("demo-key:" + person id). Real
 * people generate their key on their own device and the server never sees it
 * (src/client/signer.ts); these people are invented, so the seed holds their private keys to
 * sign their records as they would have. Anyone can derive these keys: never register them for
 * a real account.
 */
function demoKey(personId: string): DemoKey {
  const privateKey = privateKeyFromSeed(createHash('sha256').update(`demo-key:${personId}`).digest());
  const raw = rawPublicKey(privateKey);
  return { privateKey, publicKey: raw.toString('base64'), kid: keyIdOf(raw) };
}

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
  operator: [
    qty('产量', 12000, '件/月'),
    pct('合格率', 98.5),
    qty('安全规范（5S 检查得分）', 90, '分', true, 0, 0.05),
    pct('设备点检完成率', 100, true, 0),
  ],
  inspector: [qty('检验批次', 420, '批/月'), pct('漏检率', 0.3, false, 2), pct('检验报告及时率', 99)],
  maintenance: [qty('设备故障停机时长', 6, '小时/月', false, 1, 0.25), pct('点检计划完成率', 100, true, 0), pct('备件库存准确率', 98)],
  logistics: [pct('配送准时率', 98), pct('库存盘点差异率', 0.5, false, 2), qty('安全规范（叉车/物料区 5S 得分）', 90, '分', true, 0, 0.05)],
  lineLead: [
    pct('班组产量达成率', 100),
    pct('班组合格率', 98.5),
    qty('新员工带教', 3, '人', true, 0, 0.3),
    pct('安全隐患整改关闭率', 100, true, 0),
  ],
  developer: [
    pct('项目里程碑按期完成率', 90, true, 0),
    pct('单元测试覆盖率（代码质量）', 80, true, 0),
    qty('线上缺陷', 3, '个', false, 0, 0.3),
    qty('技术分享', 2, '次', true, 0, 0.3),
  ],
  tester: [pct('测试用例自动化率', 60, true, 0), qty('线上漏测缺陷', 2, '个', false, 0, 0.3), pct('版本测试按期完成率', 95, true, 0)],
  product: [pct('需求按期交付率', 90, true, 0), qty('用户满意度', 4.5, '分（5 分制）', true, 2, 0.04), qty('用户访谈', 12, '场')],
  agent: [
    pct('首次解决率', 85),
    qty('客户满意度', 4.6, '分（5 分制）', true, 2, 0.03),
    qty('平均响应时长', 30, '秒', false),
    qty('工单处理量', 600, '张/月'),
  ],
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
    {
      case: '提出冲压模具快速换型的流程优化建议，并在本班组试行',
      data: '换型时间由 45 分钟降至 31 分钟，设备故障率下降 12%',
      impact: '已推广到 3 条冲压线',
    },
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
    { case: '牵头统一设计规范，整理组件库与交互规范文档', data: '设计走查问题减少 35%', impact: '前端开发返工明显减少' },
  ],
  agent: [
    { case: '整理常见问题知识库 120 条', data: '首次解决率提升 4.3 个百分点', impact: '新人上岗培训周期缩短 1 周' },
    { case: '妥善处理华东大客户的重大投诉', data: '48 小时内闭环，客户续签 2 年合同并发来书面表扬', impact: '案例纳入服务培训' },
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

interface Link {
  readonly url: string;
  readonly title: string;
}
interface SupportNeed {
  readonly type: SupportType;
  readonly need: string;
}
interface Problem {
  readonly problem: string;
  readonly cause: string;
  readonly measures: string;
  /** The SMART plan item agreed for it: action, metric, target (with a figure), baseline. */
  readonly action: string;
  readonly metric: string;
  readonly target: string;
  readonly baseline?: string;
  readonly support: SupportNeed | null;
  /** Evidence the employee links to the problem (an intranet page, a report). */
  readonly link?: Link;
}

const INTRANET = 'https://intranet.example.com';

const PROBLEMS: Record<Exclude<Track, 'none'>, Problem[]> = {
  operator: [
    {
      problem: '原材料到货不及时，影响排产与产量',
      cause: '主要钢材供应商到货周期由 7 天延长到 12 天，车间缺少到料预警，只能临时换线',
      measures: '与采购部建立每周到料预警；关键钢材保持 3 天安全库存；缺料时优先安排模具保养',
      action: '配合班组长每周一核对下周物料齐套情况并在系统登记',
      metric: '因缺料导致的停线次数',
      target: '≤ 1 次/月',
      baseline: '3 次/月',
      support: { type: 'collaboration', need: '需要采购部每周共享到料计划' },
    },
    {
      problem: '设备老化，2 号冲压线频繁停机',
      cause: '设备服役 11 年，主轴与离合器磨损，备件采购周期长达 6 周',
      measures: '申请纳入设备升级预算；在更换前每周加做一次点检并储备易损件',
      action: '每班开机前完成 2 号线点检并记录异常',
      metric: '2 号线非计划停机时长',
      target: '≤ 4 小时/月',
      baseline: '9 小时/月',
      support: { type: 'resource', need: '需要设备科提前储备主轴轴承、离合器片等易损件' },
      link: { url: `${INTRANET}/equipment/press-line-2/maintenance-log`, title: '2 号冲压线近 12 个月维修记录（设备科）' },
    },
    {
      problem: '夜班交接信息遗漏，出现过一次批量尺寸偏差',
      cause: '交接靠口头，模具调整参数未记录',
      measures: '使用交接班记录表，关键参数双人确认',
      action: '每次交接班填写模具参数与异常记录',
      metric: '因交接导致的质量问题',
      target: '0 起/季度',
      baseline: '上季度 1 起',
      support: null,
    },
  ],
  inspector: [
    {
      problem: '来料检验积压，影响上线节奏',
      cause: '月底集中到货，检验人力不足',
      measures: '与采购协调分批到货；抽检方案按供应商等级分级',
      action: '建立供应商分级抽检表并执行',
      metric: '来料检验平均等待时长',
      target: '≤ 4 小时',
      baseline: '约 9 小时',
      support: { type: 'resource', need: '需要 1 台便携式三坐标测量仪' },
      link: { url: `${INTRANET}/quality/iqc-backlog-2026`, title: '来料检验积压统计表（质量部）' },
    },
  ],
  maintenance: [
    {
      problem: '设备老化导致维修工作量大，计划性维护时间被挤占',
      cause: '老设备故障频发，备件采购周期长，维修以救火为主',
      measures: '推动设备更新立项；建立易损件安全库存；维修记录电子化以便分析故障规律',
      action: '整理近 12 个月故障记录，完成 TOP5 故障原因分析并制定对策',
      metric: '预防性维护工时占比',
      target: '≥ 60%',
      baseline: '40%',
      support: { type: 'training', need: '参加 PLC 编程中级培训' },
    },
  ],
  logistics: [
    {
      problem: '线边物料摆放混乱，找料时间长',
      cause: '物料定置标识不全，新增物料未及时规划位置',
      measures: '重新规划线边定置图，推行物料看板',
      action: '完成装配车间线边定置与标识更新',
      metric: '单次找料时间',
      target: '≤ 5 分钟',
      baseline: '约 15 分钟',
      support: { type: 'collaboration', need: '需要行政部协助制作定置标识牌' },
      link: { url: `${INTRANET}/logistics/assembly-line-side-layout-v3.pdf`, title: '装配车间线边定置图 v3' },
    },
  ],
  lineLead: [
    {
      problem: '班组新员工占比高，合格率波动',
      cause: '三季度新入职 5 人，带教资源不足，作业指导书更新滞后',
      measures: '实施师徒制，每名新员工指定带教人；更新作业指导书并增加图片说明',
      action: '完成 6 份作业指导书修订并组织考核',
      metric: '新员工首月合格率',
      target: '≥ 97.5%',
      baseline: '95.8%',
      support: { type: 'training', need: '需要 HR 协助安排新员工技能认证考核' },
    },
    {
      problem: '原材料到货不及时导致频繁换线',
      cause: '供应商交期不稳定，生产计划调整频繁',
      measures: '每日早会与计划员确认物料；建立换线快速响应小组',
      action: '整理换线标准作业并培训全班组',
      metric: '平均换线时间',
      target: '≤ 30 分钟',
      baseline: '45 分钟',
      support: { type: 'collaboration', need: '需要计划科提前 3 天锁定排产' },
    },
  ],
  developer: [
    {
      problem: '需求变更频繁，项目里程碑延期',
      cause: '需求评审后仍有约 30% 的需求发生变更，变更未走评审，排期未同步调整',
      measures: '设置需求冻结点；冻结后的变更走变更评审并重新评估排期',
      action: '在项目看板中记录每一次需求变更及其工时影响',
      metric: '里程碑延期天数',
      target: '≤ 3 个工作日',
      baseline: '平均 8 个工作日',
      support: { type: 'collaboration', need: '需要产品经理参加每周迭代评审' },
      link: { url: `${INTRANET}/pm/order-center-v2.3/change-log`, title: '订单中心 v2.3 需求变更记录' },
    },
    {
      problem: '代码评审不及时，合并请求平均等待 2 天',
      cause: '评审人集中在两位资深工程师，且没有评审时限约定',
      measures: '扩大评审人范围，约定 1 个工作日内完成首轮评审',
      action: '每天固定 30 分钟处理代码评审',
      metric: '合并请求平均等待时长',
      target: '≤ 1 天',
      baseline: '2 天',
      support: null,
    },
    {
      problem: '线上告警响应慢',
      cause: '告警规则过多、噪音大，值班人员难以分辨优先级',
      measures: '清理无效告警，按业务影响分级并配置升级规则',
      action: '完成核心服务告警分级与值班手册',
      metric: 'P1 告警 15 分钟内响应率',
      target: '100%',
      baseline: '72%',
      support: { type: 'resource', need: '需要运维组开通告警平台配置权限' },
    },
  ],
  tester: [
    {
      problem: '测试环境不稳定，影响测试进度',
      cause: '测试环境与开发共用，数据经常被覆盖',
      measures: '申请独立测试环境，测试数据脚本化初始化',
      action: '编写测试数据初始化脚本并接入流水线',
      metric: '因环境问题阻塞的测试时长',
      target: '≤ 2 小时/周',
      baseline: '约 6 小时/周',
      support: { type: 'resource', need: '需要 2 台独立测试服务器' },
    },
  ],
  product: [
    {
      problem: '需求文档细节不足，开发反复确认',
      cause: '交互细节与异常流程描述缺失',
      measures: '需求文档增加异常流程与验收标准章节，评审前先走查',
      action: '所有需求文档使用新模板并附验收标准',
      metric: '开发对需求的澄清次数',
      target: '下降 50%（≤ 10 次/迭代）',
      baseline: '约 20 次/迭代',
      support: null,
    },
  ],
  agent: [
    {
      problem: '周一上午来电高峰排队时间长',
      cause: '周一上午来电量为平日的 1.8 倍，排班未错峰',
      measures: '高峰时段弹性排班；常见问题引导到自助渠道',
      action: '配合主管试行错峰排班并统计排队时长',
      metric: '高峰时段平均排队时长',
      target: '≤ 60 秒',
      baseline: '140 秒',
      support: { type: 'collaboration', need: '需要 IT 部门优化 IVR 自助菜单' },
      link: { url: `${INTRANET}/service/reports/monday-peak-queue`, title: '周一高峰排队时长周报' },
    },
    {
      problem: '复杂技术问题升级流程不清，客户等待时间长',
      cause: '二线支持的升级标准与时限没有明确约定',
      measures: '制定升级标准与 SLA，建立升级工单模板',
      action: '整理 20 类典型技术问题的升级判断标准',
      metric: '升级工单 24 小时内闭环率',
      target: '≥ 90%',
      baseline: '68%',
      support: { type: 'collaboration', need: '需要研发中心指定二线接口人' },
    },
  ],
  sales: [
    {
      problem: '回款周期长，应收账款偏高',
      cause: '合同付款条款约定宽松，催收跟进不及时',
      measures: '新合同统一付款条款；每月第一周集中对账与催收',
      action: '建立个人应收账款台账，逐户制定回款计划',
      metric: '超 90 天应收占比',
      target: '≤ 5%',
      baseline: '11%',
      support: { type: 'collaboration', need: '需要财务部每周提供回款明细' },
    },
    {
      problem: 'CRM 客户信息录入不完整，影响商机判断',
      cause: '拜访后未及时录入，字段要求不清楚',
      measures: '拜访后 24 小时内录入，关键字段设为必填',
      action: '补齐名下全部客户的关键信息',
      metric: '客户关键字段完整率',
      target: '≥ 95%',
      baseline: '71%',
      support: null,
    },
  ],
  hr: [
    {
      problem: '部分面谈记录过于简单，难以支撑后续决策',
      cause: '主管对记录要求理解不一，缺少示例',
      measures: '提供面谈记录范例，并在系统中设置关键字段校验',
      action: '为各部门主管组织 1 次面谈记录专题培训',
      metric: '面谈记录抽检合格率',
      target: '≥ 90%',
      baseline: '64%',
      support: { type: 'collaboration', need: '需要各部门配合安排培训时间' },
    },
  ],
  head: [
    {
      problem: '跨部门协作效率不高，问题升级慢',
      cause: '部门间接口人与决策权限不清',
      measures: '明确接口人，建立周例会与问题升级机制',
      action: '发布跨部门协作接口人清单与升级规则',
      metric: '跨部门问题平均关闭周期',
      target: '≤ 5 个工作日',
      baseline: '11 个工作日',
      support: { type: 'collaboration', need: '需要总经理办公室牵头协调' },
    },
  ],
};

const SHOP_FLOOR: readonly Track[] = ['operator', 'inspector', 'maintenance', 'logistics', 'lineLead'];
/** Needs people add beyond their problems', by where they work. */
const EXTRA_NEEDS: { shopFloor: SupportNeed[]; office: SupportNeed[] } = {
  shopFloor: [
    { type: 'training', need: '参加精益生产（TPM）培训' },
    { type: 'training', need: '参加叉车/行车特种作业证复审培训' },
    { type: 'resource', need: '月底来料高峰期增加 1 名质检员支援' },
    { type: 'other', need: '希望安排老师傅一对一带教' },
  ],
  office: [
    { type: 'training', need: '提供项目管理（PMP）课程学习名额' },
    { type: 'other', need: '申请参加外部技术/行业大会' },
    { type: 'resource', need: '更新办公电脑（现用机型已使用 6 年）' },
    { type: 'other', need: '希望安排导师一对一辅导' },
  ],
};

/** What a manager takes on in a plan: the half of "support" that is theirs to do. */
const MANAGER_ACTIONS: Array<Pick<Problem, 'action' | 'metric' | 'target'>> = [
  { action: '每两周与员工进行一次 15 分钟改进进度沟通并记录', metric: '沟通记录次数', target: '≥ 6 次' },
  { action: '协调相关部门落实本次面谈确认的支持需求', metric: '已确认支持需求的落实率', target: '100%' },
  { action: '安排一次岗位技能复训并组织考核', metric: '复训考核成绩', target: '≥ 85 分' },
];

const EVALUATIONS: Record<NeedDecision, Record<SupportType, string>> = {
  approved: {
    training: '同意，纳入本季度培训计划，由人力资源部统一报名，费用从部门培训预算列支。',
    resource: '同意，已提交采购申请，预计两周内到位。',
    collaboration: '同意，由我与对方部门负责人沟通并明确接口人。',
    other: '同意，按需求安排。',
  },
  partly: {
    training: '部分同意：先参加公司内训，外部认证视下季度预算再定。',
    resource: '部分同意：先调剂现有设备临时使用，新购纳入明年预算。',
    collaboration: '部分同意：先按月共享，每周共享需对方部门评估工作量后再定。',
    other: '部分同意：先安排内部资源，外部资源下季度再议。',
  },
  declined: {
    training: '暂不安排：与岗位当前重点关联不大，建议先完成公司内部课程。',
    resource: '暂不支持：本年度预算已用完，已列入明年预算申请。',
    collaboration: '暂不支持：对方部门本季度人手紧张，下季度再评估。',
    other: '暂不支持：本季度没有相应安排，下次面谈再评估。',
  },
};

const FULFILMENTS: Record<SupportType, string[]> = {
  training: ['已报名下月开班的培训课程，通知已发送本人与主管。', '已安排参加公司内训（2 天），结业考核通过后计入培训档案。'],
  resource: ['物资已采购到位并交付使用，采购单已归档。', '设备科已按最低库存标准完成储备，库存台账已更新。'],
  collaboration: ['已召开协调会，明确接口人与响应时限，会议纪要已归档。', '对方部门已指定接口人，每周共享机制已运行。'],
  other: ['已按评估意见落实。', '已安排导师，首次辅导已完成。'],
};

const REMARKS = [
  '本次面谈氛围良好，双方对目标与改进计划达成一致。',
  '员工对设备老化问题反映较多，已同步生产部经理，纳入下季度设备预算讨论。',
  '员工提出希望参加技能认证，人力资源部将统一安排。',
  '改进计划的执行情况将在下次面谈中逐项回顾。',
  '员工对个人发展方向有较清晰的规划，建议纳入后备人才库。',
  '面谈因生产排班调整改期一次，已提前通知双方。',
];

const EMPLOYEE_NOTES = [
  '员工补充：已确认改进计划，第一项会在下周开始执行。',
  '员工补充：希望下次面谈前先拿到系统里的月度数据，方便自评。',
  '员工补充：对评级无异议，支持需求的落实情况请主管跟进。',
];

const TASK_NOTES = {
  started: ['已开始执行，第一阶段完成', '按计划推进中，数据每周更新', '已完成初步整理，待主管确认'],
  almost: ['主体工作已完成，剩余收尾', '指标已接近目标值，继续跟踪 2 周'],
  done: ['已完成，指标达到目标值', '已完成并提交记录，主管已确认', '已完成，做法已纳入班组标准'],
};

const STRATEGY: Record<string, string> = {
  [PROD]:
    '公司 2026 年战略：新能源汽车零部件订单占比提升到 30%。生产部的重点是冲压与装配线 OEE 提升到 85%、交付准时率 ≥ 98%，年底前完成 2 号冲压线改造。',
  [RND]: '公司 2026 年战略：以数字化支撑产能扩张。研发中心重点交付 MES 数据采集网关与订单中心 v2.3，线上缺陷同比下降 30%。',
  [SVC]: '公司 2026 年战略：客户满意度进入行业前三。客服中心重点把首次解决率提升到 88%，并完成工单系统重构上线。',
  [SALES]: '公司 2026 年战略：新能源客户收入占比 30%，回款率 ≥ 95%。销售部重点开拓华东、华南新能源客户。',
  [HRD]: '公司 2026 年战略：关键岗位人才梯队覆盖率 80%，绩效面谈 100% 电子化并按期完成。',
};
const TEAM_GOALS: Partial<Record<Track, string>> = {
  lineLead: '班组目标与战略对齐：班组 OEE 由 78% 提升到 85%，换线时间 ≤ 30 分钟，支撑新能源订单的小批量多品种生产。',
  developer: '小组目标与战略对齐：MES 数据采集网关 12 月上线并接入 3 条冲压线；订单中心接口 P99 延迟 ≤ 300 ms。',
};
const RISKS: Record<string, string> = {
  [PROD]: '主要风险：钢材供应商交期不稳定、老设备故障；需要采购部与设备科协同，设备改造预算需在 Q4 落实。',
  [RND]: '主要风险：需求变更频繁、测试环境不足；需要产品与运维提前锁定范围和资源。',
  [SVC]: '主要风险：周一来电高峰与新系统切换叠加；需要 IT 部门配合灰度切换。',
  [SALES]: '主要风险：大客户回款周期拉长；需要财务部配合按周对账。',
  [HRD]: '主要风险：各部门面谈进度不一；需要部门负责人按月通报完成率。',
};

const RETURN_REASONS = {
  toSelf: '部分目标的实际值与系统月报不一致，请核对第 1 项的数据后重新提交自评。',
  toPlan: '改进计划第 1 项的完成节点与排班/项目节点冲突，希望推后两周后再签字。',
};

const CYCLE_LABEL: Record<string, string> = {
  '2025-H2': '2025 年下半年',
  '2026-H1': '2026 年上半年',
  '2026-Q1': '2026 年第一季度',
  '2026-Q2': '2026 年第二季度',
  '2026-Q3': '2026 年第三季度',
  '2026-Q4': '2026 年第四季度',
};

function fmtValue(spec: GoalSpec, value: number): string {
  const v = value.toFixed(spec.decimals);
  const n = spec.decimals === 0 ? Number(v).toLocaleString('en-US') : v;
  return spec.unit === '%' ? `${n}%` : `${n} ${spec.unit}`;
}

const targetText = (spec: GoalSpec, value: number): string => `${spec.higherIsBetter ? '≥' : '≤'} ${fmtValue(spec, value)}`;

/** YYYY-MM-DD plus n calendar days. */
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const trackOf = (p: DemoPerson): Exclude<Track, 'none'> => (p.track === 'none' ? 'head' : p.track);

// ---- performance dimensions, goal pressure and the texts the dashboards are there to find ------------

/**
 * The dimension each goal names, by the template the person's record runs (template.ts
 * BUILTIN_DIMENSIONS). A few goals are left out on purpose: their items name no dimension, and the
 * radar places them by the fallback (keywords, else 综合).
 */
const GOAL_DIMENSIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'production-staff': {
    产量: 'output',
    合格率: 'quality',
    '安全规范（5S 检查得分）': 'safety',
    设备点检完成率: 'equipment',
    检验批次: 'output',
    漏检率: 'quality',
    设备故障停机时长: 'equipment',
    点检计划完成率: 'equipment',
    配送准时率: 'output',
    库存盘点差异率: 'quality',
    '安全规范（叉车/物料区 5S 得分）': 'safety',
  },
  'rnd-staff': {
    项目里程碑按期完成率: 'progress',
    '单元测试覆盖率（代码质量）': 'codeQuality',
    线上缺陷: 'codeQuality',
    技术分享: 'growth',
    测试用例自动化率: 'codeQuality',
    版本测试按期完成率: 'progress',
    需求按期交付率: 'progress',
    用户访谈: 'growth',
  },
  'service-sales-staff': {
    首次解决率: 'serviceQuality',
    客户满意度: 'satisfaction',
    平均响应时长: 'responsiveness',
    销售额: 'sales',
    回款率: 'collection',
    新签客户: 'sales',
  },
  'staff-general': { 招聘到岗: 'results', 绩效面谈按期完成率: 'efficiency' },
  'team-lead': {
    班组产量达成率: 'goals',
    班组合格率: 'qualitySafety',
    新员工带教: 'talent',
    安全隐患整改关闭率: 'qualitySafety',
    项目里程碑按期完成率: 'goals',
    '单元测试覆盖率（代码质量）': 'qualitySafety',
    技术分享: 'talent',
  },
  management: { '部门 KPI 达成率': 'goals', 关键岗位人员流失率: 'teamManagement', 部门预算执行偏差: 'goals' },
};

const templateIdOf = (p: DemoPerson): string => selectTemplate(BUILTIN_TEMPLATES.values(), p.category, p.level)!.id;
const dimensionOf = (p: DemoPerson, goal: string): string | undefined => GOAL_DIMENSIONS[templateIdOf(p)]?.[goal];

/** Departments under goal pressure in a cycle (目标压力较大): results fall short by this fraction of target. */
const GOAL_PRESSURE: Readonly<Record<string, number>> = { [`2026-Q2:${SALES}`]: 0.12 };

/**
 * What the text analytics are there to find, in the employees' own words (the self-assessment:
 * goal-review `selfComment` and the problems the employee records, all written by the employee):
 * - 生产部: E1001, E1003, E1004 raise ageing equipment (theme 设备老化) in each of 2025-H2, 2026-Q1
 *   and 2026-Q2, each time in other words;
 * - 研发中心: stress and overtime in several people's records, once each, never in two
 *   consecutive cycles; only E2004 (高鹏) reports them in two passages of one cycle (2026-Q2),
 *   the one stress/overtime alert of the demo. Near misses that must not count: 压力测试,
 *   加班费制度, a colleague's stress, a resolved past;
 * - 客服中心: feedback that turns more negative in 2026-Q2 and again in 2026-Q3.
 * `selfComments` replace the self-assessment of goals by index; `problem` rewrites the first
 * problem the employee records (its plan item and support need stay the drawn ones).
 */
interface Plant {
  readonly selfComments?: Readonly<Record<number, string>>;
  readonly problem?: Pick<Problem, 'problem' | 'cause' | 'measures'>;
}

const EQUIPMENT = (problem: string, cause: string): Plant['problem'] => ({
  problem,
  cause,
  measures: '申请纳入设备更新预算；更换前每班加做点检并储备易损件，故障记录交设备科分析',
});

const SVC_Q2 = '新工单系统切换后问题不断，客户投诉明显增多，处理起来很被动。';
const SVC_Q3 = ['系统故障频繁，工单积压严重，客户投诉持续增加，服务质量下降。', '知识库更新跟不上，首次解决率下降，客户抱怨很多。'];

const PLANTS: Readonly<Record<string, Plant>> = {
  '2025-H2:E1001': { problem: EQUIPMENT('设备老化，2 号冲压线上个月停了 5 次', '设备服役 11 年，主轴与离合器磨损') },
  '2026-Q1:E1001': { problem: EQUIPMENT('机器太旧了，修了又坏，影响班产', '送料机构与离合器反复故障，备件采购周期长') },
  '2026-Q2:E1001': { problem: EQUIPMENT('老设备频繁停机，换模后经常要重新调试', '模具定位机构磨损，设备精度下降') },
  '2025-H2:E1003': { problem: EQUIPMENT('老设备频繁停机，维修基本是在救火', '故障集中在服役 10 年以上的冲压线') },
  '2026-Q1:E1003': { problem: EQUIPMENT('设备老化，液压站漏油问题反复出现', '密封件老化，液压站已运行 12 年') },
  '2026-Q2:E1003': { problem: EQUIPMENT('机器太旧，备件越来越难买', '原厂已停产部分型号的配件') },
  '2025-H2:E1004': { problem: EQUIPMENT('机器太旧，送料机构经常卡料', '送料辊磨损，调整后维持不了一周') },
  '2026-Q1:E1004': { problem: EQUIPMENT('老设备频繁停机，班产计划很难完成', '2 号线主轴轴承磨损') },
  '2026-Q2:E1004': { problem: EQUIPMENT('设备老化，离合器磨损导致停机次数增加', '离合器片已到寿命，更换需停线两天') },

  '2025-H2:E2001': { selfComments: { 0: '这个季度需求变更频繁，我经常加班到晚上十点，压力很大。' } },
  '2025-H2:E2006': { selfComments: { 0: '版本集中上线前两周天天加班，周末也在公司联调。' } },
  '2025-H2:E2005': { selfComments: { 0: '基本达成。建议公司完善加班费制度和加班审批流程的说明。' } },
  '2026-Q2:E2002': { selfComments: { 0: '前端改版和大促活动叠在一起，我压力很大，有时睡不好。' } },
  '2026-Q2:E2001': { selfComments: { 0: '达成目标。同事老周最近压力很大，建议组里多分担一些。' } },
  '2026-Q2:E2003': { selfComments: { 0: '达成目标，完成了订单中心的压力测试，峰值 TPS 达到 1,200。' } },
  '2026-Q2:E2004': {
    selfComments: { 0: '这个季度需求变更频繁，我经常加班到晚上十点，压力很大。' },
    problem: {
      problem: '连续三个周末都在公司赶版本，身体有点透支。',
      cause: '订单中心 v2.3 的需求在冻结后仍有变更，排期没有同步调整',
      measures: '设置需求冻结点，冻结后的变更走评审并重新排期',
    },
  },
  '2026-Q3:E2003': { selfComments: { 0: '版本测试周期被压缩，最近经常加班。' } },
  '2026-Q3:E2006': { selfComments: { 0: '上半年加班多，现在已经好多了。' } },

  ...Object.fromEntries(
    ['E3001', 'E3002', 'E3003', 'E3004', 'E3005'].flatMap((id) => [
      [`2026-Q2:${id}`, { selfComments: { 0: SVC_Q2 } }],
      [`${CURRENT_CYCLE_ID}:${id}`, { selfComments: { 0: SVC_Q3[0]!, 1: SVC_Q3[1]! } }],
    ]),
  ),
};

// ---- what a record will say: drawn at plan time, so the plan alone fixes the history --------------

/** A goal someone is measured on: from their bank, or last period's agreed next-period goal carried over. */
interface PlannedGoal {
  readonly spec: GoalSpec;
  readonly value: number;
  readonly text: string;
}

interface GoalDraft {
  readonly id: string;
  readonly spec: GoalSpec;
  /** The goal's performance dimension; absent for the few the radar places by its fallback. */
  readonly dimension?: string;
  readonly goal: string;
  readonly target: string;
  readonly actual: string;
  readonly selfComment: string;
  readonly achievement: number;
  readonly comment: string;
  /** A first, wrong actual the employee corrects against the system's monthly report. */
  readonly firstActual?: string;
}

interface HighlightItem {
  readonly id: string;
  readonly case: string;
  readonly data: string;
}

interface ProblemDraft {
  readonly id: string;
  readonly bank: Problem;
  /** Who records it: the employee in the self-assessment, or the manager at review or meeting. */
  readonly by: 'employee' | 'manager';
  /** Whether the record links the problem's evidence (Problem.link). */
  readonly linked: boolean;
}

interface NeedDraft extends SupportNeed {
  readonly id: string;
  readonly decision: NeedDecision;
  readonly reason: string;
  /** HR's note when it provides what was approved; null when it has not (yet). */
  readonly fulfil: string | null;
}

interface PlanItem {
  readonly id: string;
  readonly action: string;
  readonly metric: string;
  readonly target: string;
  readonly baseline?: string;
  readonly ownerId: string;
  readonly deadline: string;
  readonly linkedTo: string;
  readonly resources?: string;
}

interface NextGoal {
  readonly id: string;
  readonly goal: string;
  readonly target: string;
  readonly deadline: string;
  readonly planned: PlannedGoal;
}

interface Draft {
  readonly goals: GoalDraft[];
  readonly summary: string;
  readonly highlights: HighlightItem[];
  readonly problems: ProblemDraft[];
  readonly next: NextGoal[];
  readonly needs: NeedDraft[];
  readonly consensus: string;
  readonly plan: PlanItem[];
  readonly remark: string;
  readonly remarkBy: 'employee' | 'manager';
  readonly employeeNote: string | null;
}

const MANAGER_NOTES = {
  good: ['数据属实，表现突出，继续保持', '目标完成扎实，可承担更多带教任务', '同意自评，亮点明显'],
  ok: ['基本达成，细节仍有提升空间', '同意自评，下阶段重点关注稳定性', '达成情况与系统数据一致'],
  weak: ['未达成，需结合改进计划跟进', '主要受外部因素影响，但自身跟进不够及时', '下阶段重点改进'],
};

/** The employee's result on one goal, around its target, and the manager's reading of it. */
function assessGoal(rng: Rng, planned: PlannedGoal, id: string, pressure = 0): GoalDraft {
  const { spec, value: target, text } = planned;
  // Most people land near target; about one in seven misses clearly; a department under pressure falls short.
  const factor = 1 + between(rng, -spec.spread, spec.spread) - (rng() < 0.15 ? spec.spread * 0.6 : 0) - pressure;
  let actual = spec.higherIsBetter ? target * factor : target / factor;
  if (spec.max !== undefined) actual = Math.min(actual, spec.max);
  if (spec.decimals === 0 && spec.unit !== '%') actual = Math.max(0, Math.round(actual));
  const ratio = Math.min(1.5, spec.higherIsBetter ? actual / target : target / Math.max(actual, 1e-9));
  const selfComment =
    ratio >= 1.03 ? '超额完成目标' : ratio >= 0.99 ? '达成目标' : ratio >= 0.95 ? '基本达成，差距原因见问题分析' : '未达成，原因见问题分析';
  const notes = ratio >= 1.02 ? MANAGER_NOTES.good : ratio >= 0.97 ? MANAGER_NOTES.ok : MANAGER_NOTES.weak;
  return {
    id,
    spec,
    goal: spec.goal,
    target: text,
    actual: fmtValue(spec, actual),
    selfComment,
    achievement: Math.round(ratio * 100),
    comment: pick(rng, notes),
  };
}

/** This period's goals: the carried-over ones first (G1… as scheduling numbers them), then the rest of the bank. */
function goalDrafts(rng: Rng, p: DemoPerson, carried: readonly PlannedGoal[], cycle: string): GoalDraft[] {
  const own = GOALS[trackOf(p)]
    .filter((spec) => !carried.some((c) => c.spec.goal === spec.goal))
    .map((spec): PlannedGoal => {
      const text = targetText(spec, spec.target);
      return {
        spec,
        value: spec.target,
        text: spec.goal.startsWith('项目里程碑') ? `${pick(rng, PROJECTS)}：${text}（${CYCLE_LABEL[cycle] ?? cycle}）` : text,
      };
    });
  const pressure = GOAL_PRESSURE[`${cycle}:${p.department}`] ?? 0;
  return [...carried, ...own].map((g, i) => {
    const draft = assessGoal(rng, g, `G${i + 1}`, pressure);
    const dimension = dimensionOf(p, g.spec.goal);
    return dimension ? { ...draft, dimension } : draft;
  });
}

/**
 * Next period's goals: a modest stretch; a capped rate closes part of its gap to the cap instead.
 * Rounded as the target is written (up when more is better), so that next period's result is
 * measured against the figure both sides agreed on.
 */
function nextGoals(rng: Rng, p: DemoPerson, deadline: string): NextGoal[] {
  return several(rng, GOALS[trackOf(p)], 2).map((spec, i) => {
    const stretch = spec.higherIsBetter ? spec.target * (1 + spec.spread / 2) : spec.target * (1 - spec.spread / 3);
    const raw = spec.max !== undefined ? spec.target + (spec.max - spec.target) * 0.3 : stretch;
    const unit = 10 ** spec.decimals;
    const rounded = (spec.higherIsBetter ? Math.ceil(raw * unit - 1e-9) : Math.floor(raw * unit + 1e-9)) / unit;
    const value = spec.max !== undefined ? Math.min(rounded, spec.max) : rounded;
    const planned: PlannedGoal = { spec, value, text: targetText(spec, value) };
    return { id: `N${i + 1}`, goal: spec.goal, target: planned.text, deadline, planned };
  });
}

/** `misreads`: the employee first types the first goal's actual wrong (and corrects it later). */
function drawDraft(
  rng: Rng,
  p: DemoPerson,
  manager: DemoPerson,
  cycle: CyclePlan,
  carried: readonly PlannedGoal[],
  misreads: boolean,
): Draft {
  const track = trackOf(p);
  const plant = PLANTS[`${cycle.cycle}:${p.id}`];
  const goals = goalDrafts(rng, p, carried, cycle.cycle).map((g, i) => {
    const own = plant?.selfComments?.[i];
    const planted = own === undefined ? g : { ...g, selfComment: own };
    return i === 0 && misreads ? { ...planted, firstActual: misread(g.spec, g.actual) } : planted;
  });
  const avg = Math.round(goals.reduce((sum, g) => sum + g.achievement, 0) / goals.length);
  const rating = avg >= 104 ? 'A（优秀）' : avg >= 98 ? 'B+（良好）' : avg >= 94 ? 'B（达标）' : 'C（待改进）';
  const missed = goals.filter((g) => g.achievement < 97);
  const summary = `整体达成率约 ${avg}%，评级 ${rating}。${missed.length > 0 ? `${missed.map((g) => g.goal).join('、')}未达成，见问题分析与改进计划。` : '各项目标均已达成。'}`;
  const highlights = several(rng, HIGHLIGHTS[track], intBetween(rng, 1, 2)).map((h, i) => ({
    id: `H${i + 1}`,
    case: h.case,
    data: `${h.data}；${h.impact}`,
  }));
  const problems = several(rng, PROBLEMS[track], intBetween(rng, 1, 2)).map((bank, i): ProblemDraft => ({
    id: `P${i + 1}`,
    bank,
    by: i > 0 && rng() < 0.5 ? 'manager' : 'employee',
    linked: bank.link !== undefined && rng() < 0.3,
  }));
  // The first problem is always the employee's own (drawn above): a planted one replaces its words, not its plan.
  if (plant?.problem) {
    const { link: _link, ...bank } = problems[0]!.bank;
    problems[0] = { ...problems[0]!, bank: { ...bank, ...plant.problem }, linked: false };
  }

  // Support needs come from the employee's own problems, plus sometimes one more.
  const extras = SHOP_FLOOR.includes(track) ? EXTRA_NEEDS.shopFloor : EXTRA_NEEDS.office;
  const wanted = [
    ...problems.filter((pr) => pr.by === 'employee').flatMap((pr) => (pr.bank.support ? [pr.bank.support] : [])),
    ...(rng() < 0.5 ? [pick(rng, extras)] : []),
  ];
  const needs = wanted
    .filter((n, i) => wanted.findIndex((x) => x.need === n.need) === i)
    .map((n, i): NeedDraft => {
      const roll = rng();
      const decision: NeedDecision = roll < 0.55 ? 'approved' : roll < 0.8 ? 'partly' : 'declined';
      const fulfil = decision !== 'declined' && rng() < 0.35 ? pick(rng, FULFILMENTS[n.type]) : null;
      return { id: `S${i + 1}`, ...n, decision, reason: EVALUATIONS[decision][n.type], fulfil };
    });

  const plan: PlanItem[] = problems.map((pr, i) => ({
    id: `I${i + 1}`,
    action: pr.bank.action,
    metric: pr.bank.metric,
    target: pr.bank.target,
    ...(pr.bank.baseline ? { baseline: pr.bank.baseline } : {}),
    ownerId: p.id,
    deadline: i === 0 ? cycle.midDeadline : cycle.deadline,
    linkedTo: pr.id,
    ...(pr.bank.support ? { resources: pr.bank.support.need } : {}),
  }));
  const worst = [...missed].sort((a, b) => a.achievement - b.achievement)[0];
  if (worst && worst.achievement < 95) {
    plan.push({
      id: `I${plan.length + 1}`,
      action: `针对「${worst.goal}」未达成的差距，制定专项提升措施并每周跟踪`,
      metric: worst.goal,
      target: worst.target,
      baseline: worst.actual,
      ownerId: p.id,
      deadline: cycle.deadline,
      linkedTo: worst.id,
    });
  }
  // Team leads, and some other managers, take a plan item of their own.
  if (manager.level === 'team_lead' || rng() < 0.35) {
    plan.push({
      id: `I${plan.length + 1}`,
      ...pick(rng, MANAGER_ACTIONS),
      ownerId: manager.id,
      deadline: cycle.deadline,
      linkedTo: problems[0]!.id,
    });
  }
  return {
    goals,
    summary,
    highlights,
    problems,
    next: nextGoals(rng, p, cycle.nextDeadline),
    needs,
    consensus: `双方确认本期目标达成情况与评级（${rating}）；${problems.map((pr) => pr.bank.problem).join('；')}——按下列改进计划跟进，${manager.name}每月检查一次进度。`,
    plan,
    remark: pick(rng, REMARKS),
    remarkBy: rng() < 0.6 ? 'manager' : 'employee',
    employeeNote: rng() < 0.35 ? pick(rng, EMPLOYEE_NOTES) : null,
  };
}

/** A wrong first reading of a goal's actual (typed from memory before the monthly report was out). */
function misread(spec: GoalSpec, actual: string): string {
  const value = parseFloat(actual.replace(/,/g, ''));
  const nudged = fmtValue(
    spec,
    spec.decimals === 0 && spec.unit !== '%'
      ? Math.round(value * 1.03) + 1
      : value * (spec.max !== undefined && value * 1.01 > spec.max ? 0.99 : 1.01),
  );
  return nudged === actual ? fmtValue(spec, value + 1) : nudged;
}

// ---- section contents, from the draft and the record as it stands -------------------------------

type Obj = Record<string, unknown>;

function listOf(section: unknown, field: string): Obj[] {
  const value = section !== null && typeof section === 'object' ? (section as Obj)[field] : undefined;
  return Array.isArray(value) ? value.filter((x): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}

/** The employee's goal review: carried-over items keep their ids (the record holds where they came from). */
function selfGoals(d: Draft, opts: { corrected: boolean; filled?: number }): Obj {
  return {
    items: d.goals.map((g, i) => {
      const named = { id: g.id, goal: g.goal, ...(g.dimension ? { dimension: g.dimension } : {}), target: g.target };
      if (opts.filled !== undefined && i >= opts.filled) return named;
      const wrong = !opts.corrected && g.firstActual !== undefined;
      const note = opts.corrected && g.firstActual !== undefined ? `${g.selfComment}（已按系统月报更正实际值）` : g.selfComment;
      return { ...named, actual: wrong ? g.firstActual : g.actual, selfComment: note };
    }),
  };
}

/** The manager's pass: achievement and comment on each item as the employee left it, and an overall assessment. */
const reviewedGoals =
  (d: Draft) =>
  (s: ExistingInterview): Obj => {
    const byId = new Map(d.goals.map((g) => [g.id, g]));
    const items = listOf(s.sections.goalReview, 'items').map(({ carriedFrom: _from, ...item }) => {
      const g = byId.get(String(item.id));
      return g ? { ...item, achievement: g.achievement, comment: g.comment } : item;
    });
    return { items, summary: d.summary };
  };

const problemItem = (pr: ProblemDraft): Obj => ({
  id: pr.id,
  problem: pr.bank.problem,
  cause: pr.bank.cause,
  measures: pr.bank.measures,
  ...(pr.linked && pr.bank.link ? { attachments: [{ ...pr.bank.link }] } : {}),
});

const nextGoalsOf = (d: Draft): Obj => ({
  goals: d.next.map(({ id, goal, target, deadline }) => ({ id, goal, target, deadline })),
  supportNeeds: d.needs.map(({ id, type, need }) => ({ id, type, need })),
});

const planOf = (d: Draft, items: readonly PlanItem[] = d.plan): Obj => ({ consensus: d.consensus, items: items.map((i) => ({ ...i })) });

/** A highlight HR no longer wants to read (空泛表述): left in a draft, where the record warns about it. */
const VAGUE_HIGHLIGHT = { case: '工作认真负责，积极主动，表现良好', data: '按时完成各项任务' };

// ---- the cycles -------------------------------------------------------------------------------

interface CyclePlan {
  readonly cycle: string;
  /** First working day interviews are scheduled on (CST). */
  readonly start: string;
  /** Deadlines written into improvement plans: the first item's, the others', next-period goals'. */
  readonly midDeadline: string;
  readonly deadline: string;
  readonly nextDeadline: string;
  readonly reviewees: (p: DemoPerson) => boolean;
}

const reviewable = (p: DemoPerson): boolean => p.managerId !== null && p.track !== 'none';
const isHead = (p: DemoPerson): boolean => p.managerId === 'D001';

const CURRENT_CYCLE = CURRENT_CYCLE_ID;
const CYCLES: CyclePlan[] = [
  {
    cycle: '2025-H2',
    start: '2026-01-05',
    midDeadline: '2026-02-27',
    deadline: '2026-03-31',
    nextDeadline: '2026-06-30',
    reviewees: reviewable,
  },
  {
    cycle: '2026-Q1',
    start: '2026-04-01',
    midDeadline: '2026-05-29',
    deadline: '2026-06-30',
    nextDeadline: '2026-06-30',
    // Quarterly reviews in the operating departments; R&D, HR and department heads review half-yearly.
    reviewees: (p) => reviewable(p) && !isHead(p) && [PROD, SVC, SALES].includes(p.department),
  },
  {
    cycle: '2026-Q2',
    start: '2026-07-01',
    midDeadline: '2026-08-31',
    deadline: '2026-09-30',
    nextDeadline: '2026-09-30',
    reviewees: reviewable,
  },
  {
    cycle: CURRENT_CYCLE,
    start: '2026-10-12',
    midDeadline: '2026-12-15',
    deadline: '2026-12-31',
    nextDeadline: '2026-12-31',
    reviewees: reviewable,
  },
];

/**
 * How far an interview has got: at its first step untouched (`scheduled`) or half-written
 * (`draft`, `draft-vague`), at a later step (`meeting` is the meeting of whichever flow), at the
 * signing step with one side signed, or signed by both and locked.
 */
type Stage =
  | 'scheduled'
  | 'draft'
  | 'draft-vague'
  | 'goal_alignment'
  | 'manager_review'
  | 'meeting'
  | 'improvement_plan'
  | 'signed-by-employee'
  | 'signed-by-manager'
  | 'locked';

/**
 * The current cycle, person by person: where each interview stands at DEMO_NOW, and on which
 * working day after the cycle start (10-12) HR scheduled it. Chosen so that every step of every
 * flow in use holds an interview, in several departments, some overdue and some just begun.
 */
const CURRENT: Readonly<Record<string, readonly [Stage, number]>> = {
  // 生产部 staff: production-line (self-assessment → meeting and review → plan → signatures)
  E1001: ['draft-vague', 25], // waiting for 王建国 himself; one vague highlight still in the draft
  E1002: ['meeting', 27],
  E1003: ['improvement_plan', 15],
  E1004: ['signed-by-employee', 12], // waiting for 孙建华 (M102) to sign
  E1005: ['locked', 2],
  E1006: ['scheduled', 28],
  E1007: ['meeting', 14], // sent back once to the self-assessment (RETURNED)
  E1008: ['signed-by-manager', 16],
  E1009: ['locked', 4],
  // 研发中心, 客服中心, 销售部 and HR staff: staff-review (self → manager's review → meeting → plan → signatures)
  E2001: ['locked', 3],
  E2002: ['signed-by-employee', 9],
  E2003: ['improvement_plan', 14],
  E2004: ['meeting', 16],
  E2005: ['manager_review', 27],
  E2006: ['draft', 24],
  E2007: ['scheduled', 29],
  E3001: ['locked', 1],
  E3002: ['improvement_plan', 12],
  E3003: ['manager_review', 13],
  E3004: ['draft', 21],
  E3005: ['meeting', 23],
  E4001: ['signed-by-manager', 10],
  E4002: ['locked', 5],
  E4003: ['meeting', 23],
  E4004: ['scheduled', 11],
  E4005: ['manager_review', 27],
  E4006: ['improvement_plan', 22],
  HR002: ['locked', 2],
  HR003: ['draft', 27],
  // Team leads and department heads: management-review (self → goal alignment → review → meeting → plan → signatures)
  M102: ['meeting', 23],
  M103: ['goal_alignment', 27],
  M202: ['manager_review', 17],
  M101: ['improvement_plan', 10],
  M201: ['signed-by-employee', 8],
  M301: ['locked', 3],
  M401: ['scheduled', 22],
  HR001: ['draft', 27],
};

/** Records sent back once: by the manager to the self-assessment, or by the employee from the signatures to the plan. */
const RETURNED: Readonly<Record<string, 'to-self' | 'to-plan'>> = {
  '2025-H2:E3002': 'to-self',
  '2026-Q1:E1002': 'to-self',
  '2026-Q2:E2004': 'to-plan',
  [`${CURRENT_CYCLE}:E1007`]: 'to-self',
};

/** The step key an interview at `stage` is at in a flow with `steps`; null once locked. */
function stepAt(stage: Stage, steps: readonly string[]): string | null {
  switch (stage) {
    case 'locked':
      return null;
    case 'scheduled':
    case 'draft':
    case 'draft-vague':
      return steps[0]!;
    case 'meeting':
      return steps.find((s) => s === 'meeting' || s === 'meeting_review') ?? 'meeting';
    case 'signed-by-employee':
    case 'signed-by-manager':
      return 'signatures';
    default:
      return stage;
  }
}

/** The flow scheduling will pick for a person on the built-in catalog (checked when it runs). */
function expectedFlow(p: DemoPerson): string {
  const template = selectTemplate(BUILTIN_TEMPLATES.values(), p.category, p.level);
  const flow = template && selectFlow(BUILTIN_FLOWS.values(), template, p.department, p.level);
  if (!flow) throw new Error(`demo data: no flow for ${p.id} (${p.department}, ${p.level})`);
  return flow.id;
}

/** Who schedules: HRBP for production and service, HR manager for HR staff, else the manager. */
function scheduler(p: DemoPerson): DemoPerson {
  if (isHead(p)) return person(p.managerId!);
  if (p.department === PROD || p.department === SVC) return person('HR002');
  if (p.department === HRD) return person('HR001');
  return person(p.managerId!);
}

/** Who in HR provides what managers approved: the HRBP for production and service (and for HR's head), else HR's head. */
const provider = (p: DemoPerson): DemoPerson =>
  person(p.department === PROD || p.department === SVC || p.id === 'HR001' ? 'HR002' : 'HR001');

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

// ---- the plan: every command with its time and actor -----------------------------------------------

interface Step {
  readonly at: Date;
  readonly label: string;
  readonly run: (app: Services, at: Date) => Promise<void>;
}

interface PlanContext {
  readonly rng: Rng;
  readonly steps: Step[];
  /** Each interview as its last command left it (filled while the plan runs). */
  readonly live: Map<string, ExistingInterview>;
  readonly ua: (p: DemoPerson) => string;
  readonly keys: (p: DemoPerson) => DemoKey;
  /** Per employee, their latest interview planned to lock: what the next one carries over. */
  readonly lastLocked: Map<string, { interviewId: string; lockedAt: number; goals: PlannedGoal[] }>;
}

type Act = (app: Services, meta: CommandMeta, state: ExistingInterview) => Promise<ExistingInterview>;

/** One interview's history in the making: its people, its draft, its clock, and the commands so far. */
class Story {
  meetingAt: number | null = null;
  lockedAt: number | null = null;
  managerProblemsAdded = false;
  /** The plan as last agreed (a record sent back from the signatures changes it). */
  plan: PlanItem[];

  constructor(
    readonly ctx: PlanContext,
    readonly id: string,
    readonly p: DemoPerson,
    readonly m: DemoPerson,
    readonly steps: readonly string[],
    readonly draft: Draft,
    readonly clock: Cursor,
  ) {
    this.plan = draft.plan;
  }

  push(at: Date, actor: DemoPerson, what: string, act: Act): void {
    if (at.getTime() >= NOW_MS)
      throw new Error(`demo data: ${this.id} ${what} would happen at ${isoCst(at)}, not before DEMO_NOW; schedule it earlier`);
    const { live, ua } = this.ctx;
    const id = this.id;
    this.ctx.steps.push({
      at,
      label: `${id} ${what} by ${actor.id}`,
      run: async (app, when) => {
        const state = live.get(id);
        if (!state) throw new Error(`${id} has not been scheduled`);
        live.set(id, await act(app, metaFor(actor, when, ua(actor)), state));
      },
    });
  }

  edit(at: Date, actor: DemoPerson, section: string, content: Obj | ((s: ExistingInterview) => Obj)): void {
    this.push(at, actor, `writes ${section}`, (app, meta, s) =>
      editInterviewSection(app, meta, {
        interviewId: s.id,
        expectedVersion: s.version,
        section,
        content: typeof content === 'function' ? content(s) : content,
      }),
    );
  }

  advance(at: Date, actor: DemoPerson, step: string): void {
    this.push(at, actor, `submits ${step}`, (app, meta, s) => advanceStep(app, meta, { interviewId: s.id, step }));
  }

  sendBack(at: Date, actor: DemoPerson, toStep: string, reason: string): void {
    this.push(at, actor, `sends back to ${toStep}`, (app, meta, s) => returnStep(app, meta, { interviewId: s.id, toStep, reason }));
  }

  evaluate(at: Date, need: NeedDraft): void {
    this.push(at, this.m, `evaluates ${need.id} (${need.decision})`, (app, meta, s) =>
      evaluateSupportNeed(app, meta, {
        interviewId: s.id,
        expectedVersion: s.version,
        needId: need.id,
        decision: need.decision,
        reason: need.reason,
      }),
    );
  }

  sign(at: Date, role: Extract<SignatureRole, 'employee' | 'manager'>): void {
    const signer = role === 'employee' ? this.p : this.m;
    const key = this.ctx.keys(signer);
    this.push(at, signer, `signs as ${role}`, (app, meta, s) => {
      // What a signer's device does (src/client/signer.ts): the message over the content as shown, signed with their own key.
      const message = signingMessage({ interviewId: s.id, version: s.version, contentDigest: contentDigest(s), role, signerId: signer.id });
      const signature = ed25519Sign(message, key.privateKey).toString('base64');
      return signInterview(app, meta, { interviewId: s.id, version: s.version, role, kid: key.kid, signature });
    });
  }

  progress(at: Date, owner: DemoPerson, taskId: string, progress: number, note: string): void {
    this.push(at, owner, `reports ${taskId} at ${progress}%`, (app, meta, s) =>
      reportTaskProgress(app, meta, { interviewId: s.id, taskId, progress, note }),
    );
  }

  complete(at: Date, owner: DemoPerson, taskId: string, note: string): void {
    this.push(at, owner, `completes ${taskId}`, (app, meta, s) => completeTask(app, meta, { interviewId: s.id, taskId, note }));
  }

  fulfil(at: Date, hr: DemoPerson, needId: string, note: string): void {
    this.push(at, hr, `fulfils ${needId}`, (app, meta, s) => fulfilSupportNeed(app, meta, { interviewId: s.id, needId, note }));
  }
}

// ---- the steps, played by the people whose turn it is ------------------------------------------------

type Depth = 'complete' | 'partial';

/** `stopAt`: the stage the interview stays at within the step, or null to complete the step. */
function playSelfAssessment(st: Story, stopAt: Stage | null, returned: boolean): void {
  const { p, draft: d, clock: c, ctx } = st;
  if (stopAt === 'scheduled') return;
  c.later(60, 900);
  if (stopAt !== null) {
    // Half-written: not every actual is in yet, or a highlight HR would call vague.
    const filled = stopAt === 'draft' ? Math.ceil(d.goals.length / 2) : undefined;
    st.edit(c.at, p, 'goalReview', selfGoals(d, { corrected: false, filled }));
    if (stopAt === 'draft-vague')
      st.edit(c.later(10, 40), p, 'highlights', { items: [d.highlights[0]!, { id: 'H2', ...VAGUE_HIGHLIGHT }] });
    else if (ctx.rng() < 0.5) st.edit(c.later(10, 40), p, 'highlights', { items: [d.highlights[0]!] });
    return;
  }
  // A first actual typed from memory is corrected: before submitting, or after the manager sends the record back.
  const corrects = d.goals[0]!.firstActual !== undefined;
  st.edit(c.at, p, 'goalReview', selfGoals(d, { corrected: false }));
  st.edit(c.later(10, 40), p, 'highlights', { items: d.highlights });
  const own = d.problems.filter((pr) => pr.by === 'employee');
  if (own.length > 0) st.edit(c.later(10, 40), p, 'problems', { items: own.map(problemItem) });
  st.edit(c.later(15, 60), p, 'nextGoals', nextGoalsOf(d));
  if (corrects && !returned) st.edit(c.later(90, 400), p, 'goalReview', selfGoals(d, { corrected: true }));
  st.advance(c.later(5, 40), p, 'self_assessment');
  if (returned) {
    st.sendBack(c.days(1), st.m, 'self_assessment', RETURN_REASONS.toSelf);
    st.edit(c.later(60, 300), p, 'goalReview', selfGoals(d, { corrected: true }));
    st.advance(c.later(5, 30), p, 'self_assessment');
  }
}

function addManagerProblems(st: Story, at: Date): void {
  const added = st.draft.problems.filter((pr) => pr.by === 'manager');
  if (added.length === 0 || st.managerProblemsAdded) return;
  st.managerProblemsAdded = true;
  st.edit(at, st.m, 'problems', (s) => ({ items: [...listOf(s.sections.problems, 'items'), ...added.map(problemItem)] }));
}

function playGoalAlignment(st: Story, depth: Depth): void {
  const { p, m, clock: c } = st;
  st.edit(c.days(1), m, 'goalAlignment', { strategy: STRATEGY[p.department] ?? STRATEGY[HRD]! });
  if (depth === 'partial') return;
  st.edit(c.later(60, 400), p, 'goalAlignment', (s) => ({
    ...s.sections.goalAlignment,
    teamGoals:
      TEAM_GOALS[p.track] ?? `${p.department}目标与战略对齐：部门 KPI 达成率 ≥ 100%，关键岗位流失率 ≤ 5%，重点项目按季度里程碑推进。`,
    risks: RISKS[p.department] ?? RISKS[HRD]!,
  }));
  st.advance(c.later(30, 200), m, 'goal_alignment');
}

function playManagerReview(st: Story, depth: Depth): void {
  const { m, clock: c, ctx } = st;
  if (depth === 'partial') {
    if (ctx.rng() < 0.5) st.edit(c.days(1), m, 'goalReview', reviewedGoals(st.draft));
    return;
  }
  st.edit(c.days(intBetween(ctx.rng, 1, 2)), m, 'goalReview', reviewedGoals(st.draft));
  addManagerProblems(st, c.later(10, 40));
  st.advance(c.later(10, 60), m, 'manager_review');
}

function playMeeting(st: Story, key: string, depth: Depth, rescheduled: boolean): void {
  const { p, m, draft: d, clock: c, ctx } = st;
  if (depth === 'partial') {
    // The meeting is still ahead; on the shop floor the team lead sometimes reads the goals first.
    if (key === 'meeting_review' && ctx.rng() < 0.5) st.edit(c.days(1), m, 'goalReview', reviewedGoals(d));
    return;
  }
  const day = workday(cstDate(c.ms), intBetween(ctx.rng, 1, 2));
  st.meetingAt = cst(day, pick(ctx.rng, rescheduled ? [14, 15, 16] : [9, 10, 14, 15, 16]), rescheduled ? 30 : 0).getTime();
  c.to(st.meetingAt);
  // In the production-line flow the review happens in the meeting itself.
  if (key === 'meeting_review') st.edit(c.later(40, 70), m, 'goalReview', reviewedGoals(d));
  addManagerProblems(st, c.later(10, 30));
  st.edit(c.later(10, 30), d.remarkBy === 'manager' ? m : p, 'remarks', { text: d.remark });
  st.advance(c.later(5, 30), m, key);
}

function playImprovementPlan(st: Story, depth: Depth): void {
  const { p, m, draft: d, clock: c } = st;
  st.edit(c.later(60, 240), m, 'improvementPlan', planOf(d));
  if (depth === 'partial') {
    // The manager has drafted the plan and answered the first need; the rest are still open.
    if (d.needs[0]) st.evaluate(c.later(5, 30), d.needs[0]);
    return;
  }
  const note = d.employeeNote;
  if (note)
    st.edit(c.later(30, 300), p, 'remarks', (s) => ({ text: [String(s.sections.remarks?.text ?? ''), note].filter(Boolean).join('\n') }));
  for (const need of d.needs) st.evaluate(c.later(5, 30), need);
  st.advance(c.later(5, 60), m, 'improvement_plan');
}

function playSignatures(st: Story, stopAt: Stage | null, returned: boolean): void {
  const { p, m, draft: d, clock: c, ctx } = st;
  if (stopAt !== null) {
    st.sign(c.later(30, 600), stopAt === 'signed-by-employee' ? 'employee' : 'manager');
    return;
  }
  if (returned) {
    // The manager signs at once; the employee reads the plan again and sends it back with a reason.
    st.sign(c.later(30, 300), 'manager');
    st.sendBack(c.later(60, 400), p, 'improvement_plan', RETURN_REASONS.toPlan);
    st.plan = d.plan.map((item, i) => (i === 0 ? { ...item, deadline: addDays(item.deadline, 14) } : item));
    st.edit(c.days(1), m, 'improvementPlan', planOf(d, st.plan));
    st.advance(c.later(10, 60), m, 'improvement_plan');
    st.sign(c.later(30, 300), 'employee');
    st.sign(c.later(30, 300), 'manager');
  } else {
    const employeeFirst = ctx.rng() < 0.6;
    st.sign(c.later(30, 600), employeeFirst ? 'employee' : 'manager');
    st.sign(c.later(20, 900), employeeFirst ? 'manager' : 'employee');
  }
  st.lockedAt = c.ms;
}

/** After the lock: owners report on their tasks, HR provides some of what was approved. */
function playFollowUp(st: Story): void {
  const { ctx, lockedAt } = st;
  if (lockedAt === null) return;
  for (const item of st.plan) {
    const owner = person(item.ownerId);
    const c = new Cursor(ctx.rng, lockedAt);
    const first = c.days(intBetween(ctx.rng, 6, 14));
    if (first.getTime() >= NOW_MS) continue;
    st.progress(first, owner, item.id, intBetween(ctx.rng, 3, 6) * 10, pick(ctx.rng, TASK_NOTES.started));
    // Most tasks get done, some after their deadline; a few stall, and their reminders keep coming.
    if (ctx.rng() < 0.85) {
      const done = c.days(intBetween(ctx.rng, 8, 25));
      if (done.getTime() < NOW_MS) st.complete(done, owner, item.id, pick(ctx.rng, TASK_NOTES.done));
    } else {
      const more = c.days(intBetween(ctx.rng, 8, 20));
      if (more.getTime() < NOW_MS) st.progress(more, owner, item.id, intBetween(ctx.rng, 7, 9) * 10, pick(ctx.rng, TASK_NOTES.almost));
    }
  }
  for (const need of st.draft.needs) {
    if (!need.fulfil) continue;
    const at = new Cursor(ctx.rng, lockedAt).days(intBetween(ctx.rng, 3, 12));
    if (at.getTime() < NOW_MS) st.fulfil(at, provider(st.p), need.id, need.fulfil);
  }
}

/** Plays an interview's flow up to `stage`: every earlier step completed, the step at `stage` begun. */
function play(st: Story, stage: Stage, returned: 'to-self' | 'to-plan' | undefined, rescheduled: boolean): void {
  const target = stepAt(stage, st.steps);
  if (target !== null && !st.steps.includes(target))
    throw new Error(`demo data: ${st.id} is to stop at ${target}, which flow ${st.steps.join(' → ')} does not have`);
  for (const key of st.steps) {
    const depth: Depth = key === target ? 'partial' : 'complete';
    switch (key) {
      case 'self_assessment':
        playSelfAssessment(st, depth === 'partial' ? stage : null, returned === 'to-self');
        break;
      case 'goal_alignment':
        playGoalAlignment(st, depth);
        break;
      case 'manager_review':
        playManagerReview(st, depth);
        break;
      case 'meeting':
      case 'meeting_review':
        playMeeting(st, key, depth, rescheduled);
        break;
      case 'improvement_plan':
        playImprovementPlan(st, depth);
        break;
      case 'signatures':
        playSignatures(st, depth === 'partial' ? stage : null, returned === 'to-plan');
        break;
      default:
        throw new Error(`demo data: no one knows how to play step ${key} of ${st.id}'s flow`);
    }
    if (key === target) return;
  }
  playFollowUp(st);
}

/** Builds the whole plan: registrations and keys, then every cycle's interviews, each command timed. */
function plan(): Step[] {
  const rng = prng(20260101);
  const steps: Step[] = [];
  const uaOf = new Map(PEOPLE_LIST.map((p) => [p.id, pick(rng, USER_AGENTS)]));
  const keyCache = new Map<string, DemoKey>();
  const ctx: PlanContext = {
    rng,
    steps,
    live: new Map(),
    ua: (p) => uaOf.get(p.id)!,
    keys: (p) => {
      let key = keyCache.get(p.id);
      if (!key) keyCache.set(p.id, (key = demoKey(p.id)));
      return key;
    },
    lastLocked: new Map(),
  };
  const ua = ctx.ua;

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
  registrations.forEach(({ p, by, at }, i) => {
    steps.push({
      at,
      label: `register ${p.id}`,
      run: async (app, when) => {
        const meta = by ? metaFor(by, when, ua(by)) : { ...bootstrap, now: when.toISOString(), commandId: randomUUID() };
        const { ip: _ip, track: _track, id, roles, ...profile } = p;
        await registerPerson(app, meta, { personId: id, ...profile, roles: [...roles] });
      },
    });
    // Everyone who signs records registers their key on first sign-in, in the week after.
    if (!p.roles.includes('employee') && !p.roles.includes('manager')) return;
    steps.push({
      at: cst(workday('2025-12-18', i % 4), 9 + (i % 8), (i * 11) % 60),
      label: `register signing key of ${p.id}`,
      run: async (app, when) => {
        await registerSigningKey(app, metaFor(p, when, ua(p)), { personId: p.id, publicKey: ctx.keys(p).publicKey });
      },
    });
  });

  for (const cycle of CYCLES) {
    const current = cycle.cycle === CURRENT_CYCLE;
    PEOPLE_LIST.filter(cycle.reviewees).forEach((p, i) => {
      const row = current ? CURRENT[p.id] : undefined;
      if (current && !row) throw new Error(`demo data: CURRENT has no stage for ${p.id}`);
      const stage: Stage = row?.[0] ?? 'locked';
      const manager = person(p.managerId!);
      const scheduledBy = scheduler(p);
      const interviewId = `IV-${cycle.cycle.replace('-', '')}-${p.id}`;
      const scheduleDay = row ? workday(cycle.start, row[1]) : workday(cycle.start, Math.floor(i / 6));
      const scheduleAt = cst(scheduleDay, 9 + (i % 8), intBetween(rng, 0, 59));
      const flowId = expectedFlow(p);
      const flowSteps = BUILTIN_FLOWS.get(flowId)!.steps.map((s) => s.key);

      // What scheduling will carry over: the goals agreed in this person's last locked record.
      const previous = ctx.lastLocked.get(p.id);
      if (previous && previous.lockedAt >= scheduleAt.getTime())
        throw new Error(`demo data: ${previous.interviewId} locks after ${interviewId} is scheduled`);
      const carried = previous?.goals ?? [];
      const returned = RETURNED[`${cycle.cycle}:${p.id}`];
      const draft = drawDraft(rng, p, manager, cycle, carried, returned === 'to-self' || rng() < 0.3);
      const story = new Story(ctx, interviewId, p, manager, flowSteps, draft, new Cursor(rng, scheduleAt.getTime()));

      // Department heads meet the director in his office, not on their own shop floor.
      const places = isHead(p) ? ['总经理办公室', '公司 5F 大会议室'] : (LOCATIONS[p.department] ?? ['人力资源部会议室']);
      const location = pick(rng, places);
      const participants = scheduledBy.roles.includes('hr') && scheduledBy.id !== manager.id && rng() < 0.5 ? [scheduledBy.id] : [];
      // Some meetings move: production shifts change, people travel. The manager moves it the next working day.
      const moveAt = cst(workday(scheduleDay, 1), 8 + intBetween(rng, 1, 3), intBetween(rng, 0, 59));
      const rescheduled = rng() < 0.15 && moveAt.getTime() < NOW_MS;
      const newLocation = pick(rng, places);

      if (scheduleAt.getTime() >= NOW_MS) throw new Error(`demo data: ${interviewId} would be scheduled after DEMO_NOW`);
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
            scheduledAt: isoCst(new Date(bookedAt)),
            location,
          });
          if (state.flow.id !== flowId) throw new Error(`scheduling chose flow ${state.flow.id}, the demo plans for ${flowId}`);
          const got = listOf(state.sections.goalReview, 'items').map((g) => `${String(g.id)} ${String(g.goal)} ${String(g.target)}`);
          const want = carried.map((g, k) => `G${k + 1} ${g.spec.goal} ${g.text}`);
          if (got.join('; ') !== want.join('; '))
            throw new Error(`carried-over goals are [${got.join('; ')}], the demo plans for [${want.join('; ')}]`);
          ctx.live.set(interviewId, state);
        },
      });
      if (rescheduled) {
        story.push(moveAt, manager, 'moves the meeting', (app, meta, s) =>
          updateInterviewBasicInfo(app, meta, {
            interviewId: s.id,
            expectedVersion: s.version,
            changes: { scheduledAt: isoCst(new Date(story.meetingAt!)), location: newLocation },
          }),
        );
      }

      play(story, stage, returned, rescheduled);

      // A meeting not held yet is booked after DEMO_NOW: a working day on per step still before it.
      if (story.meetingAt === null) {
        const meetingIndex = flowSteps.findIndex((k) => k === 'meeting' || k === 'meeting_review');
        const ahead = Math.max(1, meetingIndex - Math.max(0, flowSteps.indexOf(stepAt(stage, flowSteps) ?? flowSteps[0]!)));
        story.meetingAt = cst(workday(cstDate(NOW_MS), ahead), pick(rng, [9, 10, 14, 15, 16]), rescheduled ? 30 : 0).getTime();
      }
      // A moved meeting had first been booked a working day later, on the hour.
      const bookedAt = rescheduled
        ? cst(workday(cstDate(story.meetingAt), 1), pick(rng, [9, 10, 14, 15, 16]), 0).getTime()
        : story.meetingAt;
      if (story.lockedAt !== null)
        ctx.lastLocked.set(p.id, { interviewId, lockedAt: story.lockedAt, goals: draft.next.map((n) => n.planned) });
    });
  }
  // Stable sort: commands at the same instant keep their planned order.
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

// ---- entry point --------------------------------------------------------------------------

/** The stream where a demo load records that it began and that it finished: the demo is there only when both are. */
export const DEMO_STREAM = 'demo-data';
export const DEMO_LOAD_STARTED = 'DemoDataLoadStarted';
export const DEMO_LOADED = 'DemoDataLoaded';

/**
 * The store holds part of a demo, or something that is not one: a load that was stopped before
 * it finished (its start is recorded, its end is not), another load writing right now, or
 * person HR001 with no demo load recorded at all. The demo is never loaded over either.
 */
export class IncompleteDemoError extends Error {
  readonly code = 'DEMO_INCOMPLETE';
}

const markerMeta = (at: Date, commandId: string) => ({
  actor: 'system',
  roles: ['admin'],
  ip: '127.0.0.1',
  userAgent: 'interview-ledger/demo',
  at: at.toISOString(),
  commandId,
});

/**
 * Writes the demo company and its interview history through the application services.
 * Returns false, and writes nothing, when a whole demo is already there.
 *
 * All or nothing, on every store: the load first records DemoDataLoadStarted in the
 * `demo-data` stream and, after its last command, DemoDataLoaded. A store with the first and
 * not the second holds an interrupted load: that throws IncompleteDemoError and writes nothing,
 * and so does a store that has person HR001 but no demo load recorded. The ledger is
 * append-only, so an interrupted demo is not repaired in place: the data is removed and loaded
 * again. Needs a running projector: the services wait for read models, and scheduling reads
 * the directory and the previous locked records from them.
 */
export async function seedDemo(app: Services, options: SeedDemoOptions = {}): Promise<boolean> {
  const marker = await app.store.lastEvent(DEMO_STREAM);
  if (marker?.type === DEMO_LOADED) return false;
  if (marker) throw new IncompleteDemoError('a demo load began here and did not finish (the process was stopped part-way)');
  const hr = DEMO_PEOPLE.hr;
  // The log decides as well as the read model: a read model still catching up (or being rebuilt) lags behind it.
  if ((await app.readModels.get<PersonDoc>(PEOPLE, hr)) || (await app.store.lastEvent(personStream(hr)))) {
    throw new IncompleteDemoError(
      `person ${hr} is here but no demo load is recorded (an interrupted load of an older version, or other data)`,
    );
  }
  const steps = plan();
  const first = steps[0]!.at;
  const last = steps[steps.length - 1]!.at;
  let started;
  try {
    // Expected revision "no stream": of two loads started together, one writes and the other stops here.
    started = await app.ledger.append(DEMO_STREAM, null, [
      {
        id: 'demo-data.0',
        type: DEMO_LOAD_STARTED,
        data: { commands: steps.length, demoNow: DEMO_NOW },
        meta: markerMeta(first, 'demo-data-start'),
      },
    ]);
  } catch (error) {
    if (error instanceof StreamConcurrencyError) throw new IncompleteDemoError('another demo load is writing here right now');
    throw error;
  }
  let done = 0;
  options.onProgress?.(0, steps.length);
  for (const step of steps) {
    try {
      await step.run(app, step.at);
    } catch (error) {
      throw new Error(`demo data: ${step.label} at ${isoCst(step.at)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    done += 1;
    options.onProgress?.(done, steps.length);
  }
  // The alerts the demo's texts call for are raised as the projector sees them (every command
  // above waited for its read models); settle them here, so that whoever reads the demo after
  // seeding finds every one already recorded.
  if (app.alerts) {
    await app.alerts.idle();
    await app.alerts.sweep();
  }
  // Written last: until this event is in the log, the demo is not there.
  await app.ledger.append(DEMO_STREAM, { revision: started.nextRevision, hash: started.sealed[0]!.hash }, [
    {
      id: 'demo-data.1',
      type: DEMO_LOADED,
      data: { commands: steps.length, demoNow: DEMO_NOW },
      meta: markerMeta(last, 'demo-data-complete'),
    },
  ]);
  return true;
}

/** Size of the demo: how many commands `seedDemo` issues (for docs and tests). */
export function demoPlanSize(): number {
  return plan().length;
}
