/**
 * The synthetic company of the analytics benchmark (scripts/bench/analytics.bench.ts): 20
 * departments of five job categories, team leads with 10–15 reports, a head per department, and
 * four cycles with one interview per employee per cycle. Every event comes from the real command
 * path (src/application/interview-service.ts: registerPerson, registerSigningKey,
 * scheduleInterview, editInterviewSection, advanceStep, evaluateSupportNeed, signInterview), each
 * command issued by the person whose turn it is, signatures made with keys derived from the
 * person's id (as the demo's). Deterministic (seeded PRNG); texts drawn from pools of sentences:
 * equipment complaints (设备老化 and its variants), stress and overtime in employees' own words,
 * near misses that only look like them, positive highlights.
 */
import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { ed25519Sign, privateKeyFromSeed, rawPublicKey } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import type { CommandMeta, Role } from '../../src/domain/command';
import type { ExistingInterview } from '../../src/domain/interview/interview';
import { contentDigest, signingMessage } from '../../src/domain/interview/signing';
import type { JobCategory, Level } from '../../src/domain/person/person';
import {
  advanceStep,
  editInterviewSection,
  evaluateSupportNeed,
  registerPerson,
  registerSigningKey,
  scheduleInterview,
  signInterview,
} from '../../src/application/interview-service';
import type { App } from '../../src/application/services';

export type GenServices = Pick<App, 'commands' | 'projector' | 'readModels' | 'ledger' | 'log'>;

// ---- the company ------------------------------------------------------------------------------

export interface BenchPerson {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly position: string;
  readonly managerId: string | null;
  readonly category: JobCategory;
  readonly level: Level;
  readonly roles: Role[];
}

/** Production departments named as the production-line flow's (生产部, 制造部, 质量部) run that flow; the rest the staff-review flow. */
export const DEPARTMENTS: ReadonlyArray<{ name: string; category: JobCategory; position: string }> = [
  { name: '生产部', category: 'production', position: '冲压操作工' },
  { name: '制造部', category: 'production', position: '装配工' },
  { name: '质量部', category: 'production', position: '质检员' },
  { name: '冲压车间', category: 'production', position: '冲压操作工' },
  { name: '装配车间', category: 'production', position: '装配工' },
  { name: '物流部', category: 'production', position: '物料员' },
  { name: '研发中心', category: 'rnd', position: '软件工程师' },
  { name: '软件开发部', category: 'rnd', position: '后端工程师' },
  { name: '测试部', category: 'rnd', position: '测试工程师' },
  { name: '产品部', category: 'rnd', position: '产品经理' },
  { name: '平台架构部', category: 'rnd', position: '架构师' },
  { name: '数据部', category: 'rnd', position: '数据工程师' },
  { name: '客服中心', category: 'service', position: '客服专员' },
  { name: '售后服务部', category: 'service', position: '售后工程师' },
  { name: '技术支持部', category: 'service', position: '技术支持' },
  { name: '实施交付部', category: 'service', position: '实施顾问' },
  { name: '销售部', category: 'sales', position: '销售代表' },
  { name: '市场部', category: 'sales', position: '市场专员' },
  { name: '财务部', category: 'functional', position: '会计' },
  { name: '行政部', category: 'functional', position: '行政专员' },
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '建国',
  '晓东',
  '海燕',
  '志强',
  '文博',
  '子涵',
  '思远',
  '雨欣',
  '浩然',
  '佳怡',
];

export const HR_ID = 'HR001';

export interface Company {
  readonly people: BenchPerson[];
  /** Reviewees: the staff, one interview each per cycle. */
  readonly employees: BenchPerson[];
  readonly byId: Map<string, BenchPerson>;
}

export function buildCompany(employees: number): Company {
  const people: BenchPerson[] = [];
  const staff: BenchPerson[] = [];
  const name = (i: number) => SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  people.push({
    id: HR_ID,
    name: '钱慧',
    department: '人力资源部',
    position: '人力资源部经理',
    managerId: null,
    category: 'functional',
    level: 'manager',
    roles: ['employee', 'hr'],
  });
  const perDepartment = Math.ceil(employees / DEPARTMENTS.length);
  let n = 0;
  DEPARTMENTS.forEach((d, di) => {
    const dd = String(di + 1).padStart(2, '0');
    const head: BenchPerson = {
      id: `D${dd}`,
      name: name(7919 * (di + 1)),
      department: d.name,
      position: `${d.name}经理`,
      managerId: null,
      category: d.category,
      level: 'manager',
      roles: ['employee', 'manager'],
    };
    people.push(head);
    let left = Math.min(perDepartment, employees - n);
    for (let t = 0; left > 0; t++) {
      const size = Math.min(left, 10 + (t % 6)); // 10–15 reports
      const lead: BenchPerson = {
        id: `M${dd}${String(t + 1).padStart(3, '0')}`,
        name: name(104729 + di * 1000 + t),
        department: d.name,
        position: `${d.position}班组长`,
        managerId: head.id,
        category: d.category,
        level: 'team_lead',
        roles: ['employee', 'manager'],
      };
      people.push(lead);
      for (let k = 0; k < size; k++) {
        const e: BenchPerson = {
          id: `E${String(n + 1).padStart(5, '0')}`,
          name: name(n),
          department: d.name,
          position: d.position,
          managerId: lead.id,
          category: d.category,
          level: 'staff',
          roles: ['employee'],
        };
        people.push(e);
        staff.push(e);
        n += 1;
      }
      left -= size;
    }
  });
  return { people, employees: staff, byId: new Map(people.map((p) => [p.id, p])) };
}

// ---- randomness, time, keys -----------------------------------------------------------------------

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;

interface BenchKey {
  readonly privateKey: KeyObject;
  readonly publicKey: string;
  readonly kid: string;
}
const keys = new Map<string, BenchKey>();
/** A person's signing key, the seed being SHA-256("analytics-bench-key:" + id): invented people, derivable keys. */
function keyOf(personId: string): BenchKey {
  let key = keys.get(personId);
  if (!key) {
    const privateKey = privateKeyFromSeed(createHash('sha256').update(`analytics-bench-key:${personId}`).digest());
    const raw = rawPublicKey(privateKey);
    key = { privateKey, publicKey: raw.toString('base64'), kid: keyIdOf(raw) };
    keys.set(personId, key);
  }
  return key;
}

const metaOf = (p: BenchPerson, at: number): CommandMeta => ({
  actor: p.id,
  roles: p.roles,
  ip: `10.8.${(p.id.charCodeAt(1) % 200) + 1}.${(Number(p.id.replace(/\D/g, '')) % 250) + 2}`,
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  now: new Date(at).toISOString(),
  commandId: randomUUID(),
});

// ---- what people write ------------------------------------------------------------------------------

interface GoalBank {
  readonly goal: string;
  readonly target: string;
  readonly dimension: string;
}

/** Goals per job category, each naming a dimension of its template (BUILTIN_DIMENSIONS). */
const GOALS: Record<JobCategory, GoalBank[]> = {
  production: [
    { goal: '月均产量', target: '≥ 12,000 件', dimension: 'output' },
    { goal: '产品一次合格率', target: '≥ 98.5%', dimension: 'quality' },
    { goal: '安全生产零事故', target: '0 起', dimension: 'safety' },
    { goal: '设备点检完成率', target: '100%', dimension: 'equipment' },
    { goal: '新员工带教', target: '2 人', dimension: 'teamwork' },
  ],
  rnd: [
    { goal: '项目里程碑按期交付', target: '3 个里程碑', dimension: 'progress' },
    { goal: '单元测试覆盖率', target: '≥ 80%', dimension: 'codeQuality' },
    { goal: '线上缺陷数', target: '≤ 5 个', dimension: 'codeQuality' },
    { goal: '跨团队联调与评审', target: '按时完成', dimension: 'teamwork' },
    { goal: '技术分享', target: '2 次', dimension: 'growth' },
  ],
  service: [
    { goal: '首次解决率', target: '≥ 85%', dimension: 'serviceQuality' },
    { goal: '客户满意度', target: '≥ 95%', dimension: 'satisfaction' },
    { goal: '平均响应时长', target: '≤ 30 秒', dimension: 'responsiveness' },
    { goal: '工单处理量', target: '≥ 1,500 单', dimension: 'responsiveness' },
    { goal: '知识库协作', target: '10 篇', dimension: 'teamwork' },
  ],
  sales: [
    { goal: '季度销售额', target: '≥ 300 万元', dimension: 'sales' },
    { goal: '新签客户', target: '8 家', dimension: 'sales' },
    { goal: '回款率', target: '≥ 95%', dimension: 'collection' },
    { goal: '客户满意度', target: '≥ 90%', dimension: 'satisfaction' },
    { goal: '跨部门配合', target: '按时响应', dimension: 'teamwork' },
  ],
  functional: [
    { goal: '报表按期完成率', target: '100%', dimension: 'efficiency' },
    { goal: '账务差错', target: '0 笔', dimension: 'quality' },
    { goal: '流程优化项目', target: '2 项', dimension: 'results' },
    { goal: '跨部门协作满意度', target: '≥ 90%', dimension: 'teamwork' },
    { goal: '专业培训', target: '16 学时', dimension: 'growth' },
  ],
};

const SELF_GOOD = [
  '按计划完成，数据见系统月报。',
  '超额完成目标，主要靠优化了工作方法。',
  '达成目标，过程中和同事配合顺利。',
  '基本达成，最后一个月追上了进度。',
];
const SELF_WEAK = ['未达成，原因见问题分析。', '差一点没有完成，前两个月进度落后。', '受外部因素影响没有达成，下季度重点改进。'];
/** Stress and overtime in the employee's own words (the alert rule's cues). */
const SELF_STRESS = [
  '这个季度压力很大，连续加班才勉强完成，感觉有点吃不消。',
  '为了赶进度几乎每天加班到晚上十点，周末也在公司，身体很疲惫。',
  '任务太多压力大，最近经常失眠，希望能合理安排工作量。',
  '人手不够，天天加班，有点扛不住了。',
];
/** Near misses: the words without the state (a stress test, overtime not needed, a pressure valve). */
const NEAR_MISSES = [
  '压力测试全部通过，系统在高并发下保持稳定。',
  '通过优化排产，本季度无需加班即可按期完成交付。',
  '协助维修班更换了两台设备的减压阀，恢复了正常压力。',
  '加班费核算流程已梳理清楚，差错为零。',
];
const MANAGER_GOOD = ['完成情况良好，继续保持。', '表现突出，方法值得在团队推广。', '目标达成，数据扎实。'];
const MANAGER_WEAK = [
  '未达成目标，需要分析原因并制定改进措施。',
  '进度偏慢，下季度要加强过程跟踪。',
  '差距明显，需要在改进计划中重点跟进。',
];

const HIGHLIGHTS: Record<JobCategory, Array<{ case: string; data: string }>> = {
  production: [
    { case: '主动优化换型流程，把换型步骤从 14 步减到 9 步，得到车间表扬。', data: '换型时间缩短 20%' },
    { case: '发现模具裂纹隐患并及时上报，避免了一次批量报废。', data: '避免损失约 3 万元' },
    { case: '带教两名新员工，一个月内独立上岗，班组产量稳定。', data: '新员工上岗周期缩短 7 天' },
  ],
  rnd: [
    { case: '重构订单模块的查询逻辑，接口响应明显变快，客户反馈很好。', data: 'P99 延迟从 800ms 降到 200ms' },
    { case: '主导完成支付对账自动化，团队不再手工核对。', data: '每周节省约 6 小时' },
    { case: '在部门内做了两次技术分享，推动了代码评审规范落地。', data: '评审覆盖率达到 100%' },
  ],
  service: [
    { case: '整理常见问题话术并更新知识库，新人处理工单更顺畅。', data: '首次解决率提升 5 个百分点' },
    { case: '妥善处理一起重大投诉，客户最终写来感谢信。', data: '客户续约金额 50 万元' },
    { case: '高峰期主动加入夜班支援，工单积压当周清零。', data: '积压工单从 300 单降到 0' },
  ],
  sales: [
    { case: '拿下华东区两家重点客户，打开了新的行业市场。', data: '新签合同额 180 万元' },
    { case: '梳理逾期账款并逐户跟进，回款情况明显好转。', data: '逾期账款减少 40%' },
    { case: '策划的行业展会获得大量有效线索，市场部和销售配合顺畅。', data: '有效线索 120 条' },
  ],
  functional: [
    { case: '梳理月结流程并做成检查清单，月结提前两天完成。', data: '月结周期从 7 天缩短到 5 天' },
    { case: '牵头完成办公系统迁移，过程中没有影响各部门日常工作。', data: '迁移期间 0 次业务中断' },
    { case: '优化报销审核规则，员工满意度调查中获得好评。', data: '报销周期缩短 3 天' },
  ],
};

/** Problems: the equipment ones in several wordings (one theme), and others per category. */
const EQUIPMENT = [
  {
    problem: '设备老化，经常停机，影响产量。',
    cause: '冲压机使用超过十年，关键部件磨损严重。',
    measures: '申请更换关键部件，并增加点检频次。',
  },
  {
    problem: '机器太旧了，三天两头出故障，等备件要好几天。',
    cause: '老设备备件需要外购，库存不足。',
    measures: '建立常用备件库存，制定设备更新计划。',
  },
  {
    problem: '生产线设备老化严重，精度下降，不良率上升。',
    cause: '设备超期服役，保养不到位。',
    measures: '安排大修并校准精度，纳入年度技改预算。',
  },
  {
    problem: '测试服务器太旧，跑一次回归要半天，严重拖慢进度。',
    cause: '服务器采购于五年前，性能不足。',
    measures: '申请升级测试环境，改为按需扩容的云资源。',
  },
];
const PROBLEMS: Record<JobCategory, Array<{ problem: string; cause: string; measures: string }>> = {
  production: [
    { problem: '夜班交接不清楚，偶尔出现漏检。', cause: '交接记录靠口头，没有固定格式。', measures: '使用统一的交接单，班组长抽查。' },
    { problem: '物料配送不及时，产线等料。', cause: '配送计划和排产没有联动。', measures: '物料员提前一天按排产备料。' },
  ],
  rnd: [
    {
      problem: '需求变更频繁，迭代计划经常被打乱。',
      cause: '需求评审不充分，变更缺少控制。',
      measures: '需求冻结后变更走评审，按优先级排期。',
    },
    { problem: '线上缺陷偏多，回归测试不充分。', cause: '自动化测试覆盖率低。', measures: '补齐核心模块单元测试，提交前跑冒烟测试。' },
  ],
  service: [
    { problem: '工单系统切换后问题不断，客户投诉增多。', cause: '新系统培训不足，流程不熟悉。', measures: '组织专项培训，整理操作手册。' },
    { problem: '知识库更新跟不上，首次解决率下降。', cause: '知识库没有专人维护。', measures: '每周指定专人更新知识库。' },
  ],
  sales: [
    { problem: '部分大客户回款周期长。', cause: '合同付款条款约束力不够。', measures: '新合同明确付款节点，逾期及时催收。' },
    { problem: '新客户开拓慢，线索转化率低。', cause: '线索跟进不及时。', measures: '线索 24 小时内首次联系，每周复盘。' },
  ],
  functional: [
    { problem: '月底报表集中，容易出错。', cause: '数据来源分散，手工汇总。', measures: '建立数据模板，关键数据自动汇总。' },
    { problem: '跨部门审批流程长。', cause: '审批节点过多。', measures: '梳理审批节点，小额事项简化流程。' },
  ],
};
const SUPPORT = {
  resource: ['希望公司安排更换老旧设备的关键部件。', '申请增加一台测试服务器。', '需要更新办公电脑，现在的电脑太卡。'],
  training: ['希望参加设备维护的专项培训。', '想参加项目管理方面的培训。', '希望安排客户沟通技巧培训。'],
  collaboration: ['需要采购部门配合缩短备件采购周期。', '希望产品部门提前参与需求评审。'],
  other: ['希望调整排班，减少连续夜班。'],
} as const;
const REMARKS_MANAGER = [
  '整体表现良好，沟通顺畅，希望下季度继续保持。',
  '员工态度积极，对问题认识清楚，改进计划可行。',
  '本期表现稳定，个别目标需要加强过程跟踪。',
];
const REMARKS_EMPLOYEE = [
  '感谢主管的指导，下季度会继续努力。',
  '对本期评价没有异议，改进计划我会按时完成。',
  '希望公司能尽快解决设备问题，我们都很着急。',
];

// ---- one interview ----------------------------------------------------------------------------------

/** Where the interview stands at the end: the step it stopped in, or locked. */
export type Position = 'scheduled' | 'self' | 'review' | 'meeting' | 'plan' | 'signing' | 'locked';
export const POSITIONS: readonly Position[] = ['scheduled', 'self', 'review', 'meeting', 'plan', 'signing', 'locked'];

export interface CyclePlan {
  readonly cycle: string;
  /** Start of the cycle's interviews (ms). */
  readonly start: number;
  /** Improvement-plan and next-goal deadlines (YYYY-MM-DD). */
  readonly deadline: string;
}

type Obj = Record<string, unknown>;
const listOf = (section: unknown, field: string): Obj[] => {
  const value = section !== null && typeof section === 'object' ? (section as Obj)[field] : undefined;
  return Array.isArray(value) ? (value.filter((x) => x !== null && typeof x === 'object') as Obj[]) : [];
};

/**
 * Plays one interview through its flow up to `position`, each command by the person whose turn
 * it is. Returns the number of commands issued.
 */
export async function playInterview(
  app: GenServices,
  company: Company,
  employee: BenchPerson,
  cycle: CyclePlan,
  position: Position,
  rng: Rng,
): Promise<number> {
  const manager = company.byId.get(employee.managerId!)!;
  const interviewId = `IV-${cycle.cycle}-${employee.id}`;
  let at = cycle.start + Math.floor(rng() * 10 * 86_400_000);
  const later = (minutes: number) => (at += Math.floor((0.5 + rng()) * minutes * 60_000));
  let commands = 0;
  let s: ExistingInterview = await scheduleInterview(app, metaOf(manager, at), {
    interviewId,
    employeeId: employee.id,
    managerId: manager.id,
    cycle: cycle.cycle,
    scheduledAt: new Date(at + 5 * 86_400_000).toISOString(),
    location: `${employee.department}会议室`,
  });
  commands += 1;
  if (position === 'scheduled') return commands;
  const run = async (next: Promise<ExistingInterview>) => {
    s = await next;
    commands += 1;
  };
  const edit = (by: BenchPerson, section: string, content: Obj) =>
    run(editInterviewSection(app, metaOf(by, later(60)), { interviewId, expectedVersion: s.version, section, content }));
  const advance = (by: BenchPerson, step: string) => run(advanceStep(app, metaOf(by, later(30)), { interviewId, step }));

  // What this person writes this cycle.
  const bank = GOALS[employee.category];
  const stressed = chance(rng, 0.08);
  const equipmentTrouble = (employee.category === 'production' || employee.category === 'rnd') && chance(rng, 0.25);
  const carried = listOf(s.sections.goalReview, 'items');
  const own = bank.filter((g) => !carried.some((c) => c.goal === g.goal)).slice(0, Math.max(0, 3 - carried.length));
  const goals = [
    ...carried.map((c) => ({ id: String(c.id), goal: String(c.goal), target: String(c.target) })),
    ...own.map((g, i) => ({ id: `G${carried.length + i + 1}`, goal: g.goal, target: g.target })),
  ].map((g) => {
    const achievement = Math.round(75 + rng() * 40);
    const selfComment =
      stressed && chance(rng, 0.5)
        ? pick(rng, SELF_STRESS)
        : chance(rng, 0.1)
          ? pick(rng, NEAR_MISSES)
          : pick(rng, achievement >= 100 ? SELF_GOOD : SELF_WEAK);
    const dimension = bank.find((b) => b.goal === g.goal)?.dimension;
    return { ...g, ...(dimension ? { dimension } : {}), achievement, selfComment };
  });
  const problems = [
    ...(equipmentTrouble ? [pick(rng, EQUIPMENT)] : []),
    ...(chance(rng, 0.6) ? [pick(rng, PROBLEMS[employee.category])] : []),
  ].map((p, i) => ({ id: `P${i + 1}`, ...p, ...(stressed && i === 0 ? { cause: `${p.cause}${pick(rng, SELF_STRESS)}` } : {}) }));
  const types = Object.keys(SUPPORT) as Array<keyof typeof SUPPORT>;
  const needs = Array.from({ length: Math.floor(rng() * 3) }, (_, i) => {
    const type = equipmentTrouble && i === 0 ? 'resource' : pick(rng, types);
    return { id: `S${i + 1}`, type, need: pick(rng, SUPPORT[type]) };
  });

  // Self-assessment (the employee).
  const selfItems = goals.map((g) => ({
    id: g.id,
    goal: g.goal,
    ...(g.dimension ? { dimension: g.dimension } : {}),
    target: g.target,
    actual: `完成 ${Math.round(g.achievement)}%`,
    selfComment: g.selfComment,
  }));
  await edit(employee, 'goalReview', { items: selfItems });
  if (position === 'self' && chance(rng, 0.5)) return commands;
  await edit(employee, 'highlights', { items: [{ id: 'H1', ...pick(rng, HIGHLIGHTS[employee.category]) }] });
  if (problems.length > 0) await edit(employee, 'problems', { items: problems });
  const nextGoals = {
    goals: bank.slice(0, 2).map((g, i) => ({ id: `N${i + 1}`, goal: g.goal, target: g.target, deadline: cycle.deadline })),
    supportNeeds: needs,
  };
  await edit(employee, 'nextGoals', nextGoals);
  if (position === 'self') return commands;
  await advance(employee, 'self_assessment');

  const reviewed = () => ({
    items: listOf(s.sections.goalReview, 'items').map(({ carriedFrom: _from, ...item }) => {
      const g = goals.find((x) => x.id === item.id)!;
      return { ...item, achievement: g.achievement, comment: pick(rng, g.achievement >= 100 ? MANAGER_GOOD : MANAGER_WEAK) };
    }),
    summary: `整体达成率约 ${Math.round(goals.reduce((a, g) => a + g.achievement, 0) / goals.length)}%。`,
  });
  const steps = s.flow.steps.map((x) => x.key);
  // The manager's review (its own step in the staff-review flow, at the meeting on the production line).
  if (steps.includes('manager_review')) {
    if (position === 'review') {
      if (chance(rng, 0.5)) await edit(manager, 'goalReview', reviewed());
      return commands;
    }
    await edit(manager, 'goalReview', reviewed());
    await advance(manager, 'manager_review');
  }
  const meeting = steps.includes('meeting_review') ? 'meeting_review' : 'meeting';
  if (position === 'review' || position === 'meeting') {
    if (meeting === 'meeting_review' && chance(rng, 0.5)) await edit(manager, 'goalReview', reviewed());
    return commands;
  }
  if (meeting === 'meeting_review') await edit(manager, 'goalReview', reviewed());
  const remarkByEmployee = chance(rng, 0.4);
  const remark = remarkByEmployee
    ? stressed
      ? pick(rng, SELF_STRESS)
      : equipmentTrouble
        ? REMARKS_EMPLOYEE[2]!
        : pick(rng, REMARKS_EMPLOYEE.slice(0, 2))
    : pick(rng, REMARKS_MANAGER);
  await edit(remarkByEmployee ? employee : manager, 'remarks', { text: remark });
  await advance(manager, meeting);

  // The improvement plan and the support needs (the manager).
  const linked = problems[0]?.id ?? goals[0]!.id;
  await edit(manager, 'improvementPlan', {
    consensus: `双方确认本期目标达成情况；${problems.map((p) => p.problem).join('') || '各项工作按计划推进。'}按下列改进计划跟进。`,
    items: [
      {
        id: 'I1',
        action: problems[0]?.measures ?? '针对未达成的目标制定专项提升措施并每周跟踪。',
        metric: goals[0]!.goal,
        target: goals[0]!.target,
        ownerId: employee.id,
        deadline: cycle.deadline,
        linkedTo: linked,
      },
    ],
  });
  if (position === 'plan') return commands;
  for (const need of needs) {
    const roll = rng();
    const decision = roll < 0.55 ? 'approved' : roll < 0.8 ? 'partly' : 'declined';
    await run(
      evaluateSupportNeed(app, metaOf(manager, later(20)), {
        interviewId,
        expectedVersion: s.version,
        needId: need.id,
        decision,
        reason: decision === 'declined' ? '本期预算不足，下期再议。' : '需求合理，安排相关部门跟进。',
      }),
    );
  }
  await advance(manager, 'improvement_plan');

  // Signatures: each side with their own key, over the content as it stands.
  const sign = async (signer: BenchPerson, role: 'employee' | 'manager') => {
    const key = keyOf(signer.id);
    const message = signingMessage({ interviewId, version: s.version, contentDigest: contentDigest(s), role, signerId: signer.id });
    const signature = ed25519Sign(message, key.privateKey).toString('base64');
    await run(signInterview(app, metaOf(signer, later(120)), { interviewId, version: s.version, role, kid: key.kid, signature }));
  };
  const employeeFirst = chance(rng, 0.6);
  await sign(employeeFirst ? employee : manager, employeeFirst ? 'employee' : 'manager');
  if (position === 'signing') return commands;
  await sign(employeeFirst ? manager : employee, employeeFirst ? 'manager' : 'employee');
  return commands;
}

/** Registers everyone (the system bootstraps HR, HR the rest) and their signing keys; returns the commands issued. */
export async function registerCompany(app: GenServices, company: Company, at: number, onDone: (n: number) => void): Promise<number> {
  const system: CommandMeta = { ...metaOf(company.byId.get(HR_ID)!, at), actor: 'system', roles: ['admin'] };
  let commands = 0;
  const hr = company.byId.get(HR_ID)!;
  // Managers before their reports, so that every managerId names someone already registered.
  const ordered = [...company.people].sort((a, b) => rank(a) - rank(b));
  await pool(ordered, 32, async (p) => {
    const { id, roles, ...profile } = p;
    await registerPerson(app, p.id === HR_ID ? { ...system, commandId: randomUUID() } : metaOf(hr, at), {
      personId: id,
      ...profile,
      roles: [...roles],
    });
    await registerSigningKey(app, metaOf(p, at + 86_400_000), { personId: p.id, publicKey: keyOf(p.id).publicKey });
    commands += 2;
    onDone(commands);
  });
  return commands;
}
const rank = (p: BenchPerson): number => (p.id === HR_ID ? 0 : p.level === 'manager' ? 1 : p.level === 'team_lead' ? 2 : 3);

/** Runs `work` over `items` with at most `concurrency` at a time (rank order kept between waves of ranks). */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && failed === null) {
        const i = next++;
        try {
          await work(items[i]!, i);
        } catch (error) {
          failed ??= error;
        }
      }
    }),
  );
  if (failed !== null) throw failed;
}
