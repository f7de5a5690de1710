/**
 * Interview templates: what a record contains and who fills what. HR designs them per job
 * category and management level (the article: 基于岗位类别和管理层级，设计出统一的绩效面谈模板).
 *
 * A template version is immutable. An interview snapshots the version it was scheduled with
 * (InterviewScheduled carries it), so publishing a new version never changes a running interview.
 * Built-ins are versioned the same way: every version ever shipped stays in code
 * (BUILTIN_TEMPLATE_VERSIONS), so a record whose read model names `id@version` instead of
 * repeating the snapshot resolves to exactly the definition it was scheduled with.
 *
 * Sections of a special kind (goal review, highlights, problems, improvement plan, next goals,
 * goal alignment, remarks) carry rules beyond their fields — carried-over goals, vague
 * highlight detection, SMART plans, support needs — and so must keep their core fields; HR may
 * relabel them, change what is required and who fills it, and add fields of their own.
 */
import { ValidationError } from '../errors';
import { finite, integer, list, localized, object, oneOf, unique } from '../definition-checks';
import { JOB_CATEGORIES, LEVELS, type JobCategory, type Level } from '../person/categories';
import { isSignatureRole, SIGNATURE_ROLES, type SignatureRole } from './signing';

export type { Localized } from '../localized';
import type { Localized } from '../localized';

/** The two sides of an interview who write it. HR and admins only write during a correction. */
export const PARTY_ROLES = ['employee', 'manager'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'percent',
  'date',
  'person',
  'choice',
  'ref',
  'attachments',
  'list',
  'system',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldSpec {
  readonly key: string;
  readonly label: Localized;
  readonly type: FieldType;
  /** Must be filled when the step that edits it is submitted (and before anyone signs). */
  readonly required: boolean;
  /** Who may write the field. `system` fields are written by the server only. */
  readonly fillers: readonly PartyRole[];
  /** `choice`: the allowed values. */
  readonly options?: readonly string[];
  /** `ref`: lists whose items may be referenced, as `section.field`, e.g. `problems.items`. */
  readonly refTo?: readonly string[];
  /** `number` / `percent` bounds. */
  readonly min?: number;
  readonly max?: number;
  /** `text` / `longText`: character limit. */
  readonly maxLength?: number;
  /** `list`: the fields of each item; items get an `id` (given or assigned). */
  readonly items?: readonly FieldSpec[];
  readonly maxItems?: number;
  /** `list`: id prefix for assigned item ids, e.g. G → G1, G2. */
  readonly idPrefix?: string;
}

export const SECTION_KINDS = [
  'goalReview',
  'goalAlignment',
  'highlights',
  'problems',
  'improvementPlan',
  'nextGoals',
  'remarks',
  'custom',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface SectionSpec {
  /** Equal to `kind` for the special kinds; free for `custom` sections. */
  readonly key: string;
  readonly kind: SectionKind;
  readonly label: Localized;
  /** The section must have content (a list item, or a filled required field) at submission. */
  readonly required: boolean;
  readonly fields: readonly FieldSpec[];
}

export interface TemplateRules {
  /** Vague highlights (no case, no figure, stock phrases) block submission or only warn. */
  readonly vagueHighlights: 'block' | 'warn';
  /** A highlight's case needs at least this many characters to count as concrete. */
  readonly minCaseChars: number;
  /** Improvement-plan deadlines further than this from today are not achievable in one cycle. */
  readonly planHorizonDays: number;
}

/**
 * A performance dimension (绩效维度): one axis of the employee's radar. Goal-review items name
 * theirs (field `dimension`); `keywords` place an item that names none (src/domain/interview/dimensions.ts).
 */
export interface PerformanceDimension {
  /** A lower-case letter, then up to 31 letters or digits, e.g. `output`, `codeQuality`. */
  readonly key: string;
  readonly label: Localized;
  /** Words that place a goal in this dimension when it names none, e.g. 产量, 产能, 件. */
  readonly keywords: readonly string[];
}

export interface InterviewTemplate {
  readonly id: string;
  readonly version: number;
  readonly name: Localized;
  /** Who the template is for; a template with empty lists is only used when HR picks it. */
  readonly appliesTo: { readonly categories: readonly JobCategory[]; readonly levels: readonly Level[] };
  readonly sections: readonly SectionSpec[];
  /**
   * Roles whose signatures on the current version lock the record. `participant` means every
   * other participant named on the record. Other parties may still sign; they do not lock.
   */
  readonly requiredSignatures: readonly SignatureRole[];
  readonly rules: TemplateRules;
  /** The flow used when no department or level flow applies (src/domain/workflow/flow.ts). */
  readonly defaultFlowId: string;
  /** The template always runs its default flow (single-session templates). */
  readonly pinnedFlow: boolean;
  /** Retired templates are not chosen for new interviews; running ones keep their snapshot. */
  readonly active: boolean;
  /**
   * The performance dimensions of the goal review, in radar order. Absent from snapshots taken
   * before templates had them (built-ins version 1); empty when HR declares none. Either way the
   * analytics use the company-wide fallback set (dimensions.ts).
   */
  readonly dimensions?: readonly PerformanceDimension[];
}

// ---- field builders -------------------------------------------------------------------------

const BOTH: readonly PartyRole[] = ['employee', 'manager'];
const EMP: readonly PartyRole[] = ['employee'];
const MGR: readonly PartyRole[] = ['manager'];

const f = (
  key: string,
  zh: string,
  en: string,
  type: FieldType,
  fillers: readonly PartyRole[],
  extra: Partial<FieldSpec> = {},
): FieldSpec => ({
  key,
  label: { zh, en },
  type,
  required: false,
  fillers,
  ...extra,
});
const req = (field: FieldSpec): FieldSpec => ({ ...field, required: true });

/** Per-category wording of the goal review: what a workshop and an R&D team look at. */
const GOAL_HINTS: Record<string, Localized> = {
  production: { zh: '绩效目标回顾（产量、合格率、安全规范）', en: 'Goal review (output, yield, safety)' },
  rnd: { zh: '绩效目标回顾（项目进度、代码质量、团队协作）', en: 'Goal review (delivery, code quality, teamwork)' },
  service: { zh: '绩效目标回顾（服务质量、满意度、响应时效）', en: 'Goal review (service quality, satisfaction, response time)' },
  default: { zh: '绩效目标回顾与达成情况', en: 'Goal review and achievement' },
};

function goalReview(label: Localized = GOAL_HINTS.default!, strict = true): SectionSpec {
  const need = strict ? req : (x: FieldSpec) => x;
  return {
    key: 'goalReview',
    kind: 'goalReview',
    label,
    required: strict,
    fields: [
      f('items', '目标逐项回顾', 'Goals, item by item', 'list', BOTH, {
        idPrefix: 'G',
        maxItems: 30,
        items: [
          req(f('goal', '目标', 'Goal', 'text', BOTH)),
          need(f('target', '目标值', 'Target', 'text', BOTH)),
          need(f('actual', '实际结果', 'Actual result', 'text', EMP)),
          f('selfComment', '员工自评', 'Self-assessment', 'longText', EMP),
          need(f('achievement', '达成率（%）', 'Achievement (%)', 'percent', MGR, { min: 0, max: 500 })),
          f('comment', '主管评语', "Manager's comment", 'longText', MGR),
          f('carriedFrom', '上期承诺来源', 'Carried over from', 'system', []),
        ],
      }),
      f('summary', '总体评价', 'Overall assessment', 'longText', MGR),
    ],
  };
}

const goalAlignment: SectionSpec = {
  key: 'goalAlignment',
  kind: 'goalAlignment',
  label: { zh: '目标对齐与战略解读', en: 'Goal alignment and strategy' },
  required: true,
  fields: [
    req(f('strategy', '公司/部门战略解读', 'Company and department strategy', 'longText', MGR)),
    req(f('teamGoals', '团队目标与战略的对齐', "How the team's goals serve the strategy", 'longText', EMP)),
    f('risks', '风险与资源协调', 'Risks and resources', 'longText', BOTH),
  ],
};

const highlights = (required: boolean): SectionSpec => ({
  key: 'highlights',
  kind: 'highlights',
  label: { zh: '工作亮点与成绩', en: 'Highlights and results' },
  required,
  fields: [
    f('items', '亮点', 'Highlights', 'list', BOTH, {
      idPrefix: 'H',
      maxItems: 20,
      items: [
        f('title', '亮点', 'Highlight', 'text', BOTH),
        req(f('case', '具体案例', 'Concrete case', 'longText', BOTH)),
        req(f('data', '相关数据', 'Supporting data', 'text', BOTH)),
      ],
    }),
  ],
});

const problems: SectionSpec = {
  key: 'problems',
  kind: 'problems',
  label: { zh: '存在的问题与改进建议', en: 'Problems and improvement suggestions' },
  required: false,
  fields: [
    f('items', '问题', 'Problems', 'list', BOTH, {
      idPrefix: 'P',
      maxItems: 20,
      items: [
        req(f('problem', '问题描述', 'Problem', 'longText', BOTH)),
        req(f('cause', '原因分析', 'Cause analysis', 'longText', BOTH)),
        req(f('measures', '改进建议', 'Suggested measures', 'longText', BOTH)),
        f('attachments', '附件（图片、文件、链接）', 'Attachments (images, files, links)', 'attachments', BOTH, { maxItems: 10 }),
      ],
    }),
  ],
};

const improvementPlan = (required: boolean): SectionSpec => ({
  key: 'improvementPlan',
  kind: 'improvementPlan',
  label: { zh: '双方共识及改进计划', en: 'Agreed consensus and improvement plan' },
  required,
  fields: [
    (required ? req : (x: FieldSpec) => x)(f('consensus', '双方达成的共识', 'What both sides agreed', 'longText', BOTH)),
    f('items', '改进计划（SMART）', 'Improvement plan (SMART)', 'list', BOTH, {
      idPrefix: 'I',
      maxItems: 20,
      items: [
        req(f('action', '具体行动', 'Specific action', 'longText', BOTH)),
        req(f('metric', '衡量指标', 'Metric', 'text', BOTH)),
        req(f('target', '目标值', 'Target', 'text', BOTH)),
        f('baseline', '当前值', 'Baseline', 'text', BOTH),
        req(f('ownerId', '责任人', 'Owner', 'person', BOTH)),
        req(f('deadline', '完成节点', 'Deadline', 'date', BOTH)),
        req(f('linkedTo', '关联目标或问题', 'Linked goal or problem', 'ref', BOTH, { refTo: ['goalReview.items', 'problems.items'] })),
        f('resources', '所需资源与可行性', 'Resources and feasibility', 'text', BOTH),
      ],
    }),
  ],
});

const SUPPORT_TYPES = ['resource', 'training', 'collaboration', 'other'] as const;

const nextGoals = (required: boolean): SectionSpec => ({
  key: 'nextGoals',
  kind: 'nextGoals',
  label: { zh: '下阶段目标与支持需求', en: 'Next-period goals and support needs' },
  required,
  fields: [
    f('goals', '下阶段目标', 'Next-period goals', 'list', EMP, {
      idPrefix: 'N',
      maxItems: 20,
      items: [
        req(f('goal', '目标', 'Goal', 'text', BOTH)),
        req(f('target', '目标值', 'Target', 'text', BOTH)),
        f('deadline', '完成时间', 'By', 'date', BOTH),
      ],
    }),
    f('supportNeeds', '支持需求', 'Support needs', 'list', EMP, {
      idPrefix: 'S',
      maxItems: 20,
      items: [
        req(f('type', '类型', 'Type', 'choice', EMP, { options: SUPPORT_TYPES })),
        req(f('need', '需求说明', 'What is needed', 'longText', EMP)),
        f('evaluation', '主管评估', "Manager's evaluation", 'system', []),
      ],
    }),
  ],
});

const remarks: SectionSpec = {
  key: 'remarks',
  kind: 'remarks',
  label: { zh: '备注与补充说明', en: 'Remarks' },
  required: false,
  fields: [f('text', '备注', 'Remarks', 'longText', BOTH)],
};

export { SUPPORT_TYPES };
export type SupportType = (typeof SUPPORT_TYPES)[number];

const STRICT: TemplateRules = { vagueHighlights: 'block', minCaseChars: 10, planHorizonDays: 366 };
const LENIENT: TemplateRules = { vagueHighlights: 'warn', minCaseChars: 10, planHorizonDays: 366 };
const ALL_CATEGORIES = [...JOB_CATEGORIES];

function template(
  t: Omit<InterviewTemplate, 'version' | 'requiredSignatures' | 'active' | 'pinnedFlow'> & Partial<Pick<InterviewTemplate, 'pinnedFlow'>>,
): InterviewTemplate {
  // The article: both sides sign once they agree the content is right (面谈双方…需分别电子签字).
  return { version: 1, requiredSignatures: ['employee', 'manager'], active: true, pinnedFlow: false, ...t };
}

const EIGHT_PARTS = (goal: Localized, withAlignment = false): SectionSpec[] => [
  ...(withAlignment ? [goalAlignment] : []),
  goalReview(goal),
  highlights(true),
  problems,
  improvementPlan(true),
  nextGoals(true),
  remarks,
];

/**
 * The defaults HR starts from: one per category at staff level, one for team leads, one for
 * managers and executives (with the goal-alignment and strategy part the article asks of
 * management), and two single-session templates HR can pick by hand. Basic information and
 * the electronic signatures are parts of every record (BasicInfo and src/domain/interview/signing.ts).
 */
const VERSION_1: readonly InterviewTemplate[] = [
  template({
    id: 'staff-general',
    name: { zh: '员工绩效面谈（通用）', en: 'Staff performance interview (general)' },
    appliesTo: { categories: ALL_CATEGORIES, levels: ['staff'] },
    sections: EIGHT_PARTS(GOAL_HINTS.default!),
    rules: STRICT,
    defaultFlowId: 'staff-review',
  }),
  template({
    id: 'production-staff',
    name: { zh: '生产一线员工绩效面谈', en: 'Production-line staff interview' },
    appliesTo: { categories: ['production'], levels: ['staff'] },
    sections: EIGHT_PARTS(GOAL_HINTS.production!),
    rules: STRICT,
    defaultFlowId: 'production-line',
  }),
  template({
    id: 'rnd-staff',
    name: { zh: '研发人员绩效面谈', en: 'R&D staff interview' },
    appliesTo: { categories: ['rnd'], levels: ['staff'] },
    sections: EIGHT_PARTS(GOAL_HINTS.rnd!),
    rules: STRICT,
    defaultFlowId: 'staff-review',
  }),
  template({
    id: 'service-sales-staff',
    name: { zh: '服务与销售人员绩效面谈', en: 'Service and sales staff interview' },
    appliesTo: { categories: ['service', 'sales'], levels: ['staff'] },
    sections: EIGHT_PARTS(GOAL_HINTS.service!),
    rules: STRICT,
    defaultFlowId: 'staff-review',
  }),
  template({
    id: 'team-lead',
    name: { zh: '班组长/主管绩效面谈', en: 'Team lead interview' },
    appliesTo: { categories: ALL_CATEGORIES, levels: ['team_lead'] },
    sections: EIGHT_PARTS(GOAL_HINTS.default!, true),
    rules: STRICT,
    defaultFlowId: 'management-review',
  }),
  template({
    id: 'management',
    name: { zh: '管理者绩效面谈', en: 'Manager and executive interview' },
    appliesTo: { categories: ALL_CATEGORIES, levels: ['manager', 'executive'] },
    sections: EIGHT_PARTS(GOAL_HINTS.default!, true),
    rules: STRICT,
    defaultFlowId: 'management-review',
  }),
  template({
    id: 'standard-v1',
    name: { zh: '标准绩效面谈（单次记录）', en: 'Standard performance interview (single session)' },
    appliesTo: { categories: [], levels: [] },
    sections: [goalReview(GOAL_HINTS.default!, false), highlights(false), problems, improvementPlan(false), nextGoals(false), remarks],
    rules: LENIENT,
    defaultFlowId: 'single-session',
    pinnedFlow: true,
  }),
  template({
    id: 'quick-checkin-v1',
    name: { zh: '简短面谈', en: 'Quick check-in' },
    appliesTo: { categories: [], levels: [] },
    sections: [goalReview(GOAL_HINTS.default!, false), nextGoals(false), remarks],
    rules: LENIENT,
    defaultFlowId: 'single-session',
    pinnedFlow: true,
  }),
];

// ---- performance dimensions (version 2 of the category templates) ----------------------------

const dim = (key: string, zh: string, en: string, keywords: readonly string[]): PerformanceDimension => ({
  key,
  label: { zh, en },
  keywords,
});

/**
 * The dimensions each built-in declares, by template id (the article's 生产：产量、质量、安全…;
 * 研发：项目进度、代码质量、团队协作、技术成长). Keywords are tried in declaration order, so a more
 * specific dimension comes before a broader one that shares a word.
 */
export const BUILTIN_DIMENSIONS: Readonly<Record<string, readonly PerformanceDimension[]>> = {
  'production-staff': [
    dim('output', '产量', 'Output', ['产量', '产能', '件', '产出', '配送', '准时']),
    dim('quality', '质量', 'Quality', ['合格率', '质量', '不良', '返修', '漏检', '检验', '差异率']),
    dim('safety', '安全', 'Safety', ['安全', '5S', '隐患', '事故', '劳保']),
    dim('equipment', '设备与工艺', 'Equipment and process', ['设备', '点检', '故障', '停机', '工艺', '换型', '模具', '备件']),
    dim('teamwork', '协作', 'Teamwork', ['协作', '带教', '配合', '交接', '沟通']),
  ],
  'rnd-staff': [
    dim('progress', '项目进度', 'Delivery', ['里程碑', '进度', '按期', '交付', '上线', '需求']),
    dim('codeQuality', '代码质量', 'Code quality', ['代码', '缺陷', '测试', '覆盖率', 'bug', '质量']),
    dim('teamwork', '团队协作', 'Teamwork', ['协作', '评审', '联调', '沟通', '配合']),
    dim('growth', '技术成长', 'Technical growth', ['分享', '学习', '培训', '成长', '认证', '专利', '访谈']),
  ],
  'service-sales-staff': [
    dim('serviceQuality', '服务质量', 'Service quality', ['解决率', '质检', '投诉', '服务质量']),
    dim('satisfaction', '客户满意', 'Customer satisfaction', ['满意度', '好评', '表扬']),
    dim('responsiveness', '响应效率', 'Responsiveness', ['响应', '时长', '时效', '处理量', '工单']),
    dim('sales', '销售业绩', 'Sales results', ['销售额', '新签', '签约', '合同', '业绩', '订单']),
    dim('collection', '回款', 'Collections', ['回款', '应收', '账款']),
    dim('teamwork', '协作', 'Teamwork', ['协作', '沟通', '配合', '分享']),
  ],
  'staff-general': [
    dim('results', '工作成果', 'Results', ['到岗', '产量', '销售额', '完成率', '交付', '达成']),
    dim('quality', '工作质量', 'Quality', ['质量', '合格', '准确率', '差错', '缺陷', '满意度']),
    dim('efficiency', '效率与时效', 'Efficiency', ['及时', '按期', '时效', '时长', '周期', '效率']),
    dim('teamwork', '协作', 'Teamwork', ['协作', '沟通', '配合', '带教']),
    dim('growth', '学习成长', 'Learning and growth', ['培训', '学习', '分享', '认证']),
  ],
  'team-lead': [
    dim('goals', '目标达成', 'Goal attainment', ['达成率', 'KPI', '产量', '预算', '销售额', '目标']),
    dim('qualitySafety', '质量与安全', 'Quality and safety', ['合格率', '质量', '安全', '隐患', '事故']),
    dim('talent', '人才培养', 'Developing people', ['带教', '培养', '新员工', '继任', '后备', '人才', '培训']),
    dim('teamManagement', '团队管理', 'Team management', ['流失', '团队', '班组', '排班', '士气', '管理']),
    dim('collaboration', '协作', 'Collaboration', ['协作', '跨部门', '沟通', '配合']),
  ],
  management: [
    dim('goals', '目标达成', 'Goal attainment', ['达成率', 'KPI', '产量', '预算', '销售额', '目标']),
    dim('qualitySafety', '质量与安全', 'Quality and safety', ['合格率', '质量', '安全', '隐患', '事故']),
    dim('talent', '人才培养', 'Developing people', ['带教', '培养', '新员工', '继任', '后备', '人才', '培训']),
    dim('teamManagement', '团队管理', 'Team management', ['流失', '团队', '班组', '排班', '士气', '管理']),
    dim('collaboration', '协作', 'Collaboration', ['协作', '跨部门', '沟通', '配合']),
  ],
};

/** The catch-all dimension of goals that name none and match no keyword (dimensions.ts). */
export const OVERALL_KEY = 'overall';

/** The goal-review item field that names an item's dimension: filled by both sides, one of the template's keys. */
export const dimensionField = (dimensions: readonly PerformanceDimension[]): FieldSpec =>
  f('dimension', '绩效维度', 'Performance dimension', 'choice', BOTH, { options: dimensions.map((d) => d.key) });

/** `template` with `dimensions` declared and the goal review's items naming one of them (right after `goal`). */
function withDimensions(template: InterviewTemplate, dimensions: readonly PerformanceDimension[]): InterviewTemplate {
  const sections = template.sections.map((s): SectionSpec => {
    if (s.kind !== 'goalReview') return s;
    return {
      ...s,
      fields: s.fields.map((field) => {
        if (field.key !== 'items' || !field.items) return field;
        const items = field.items.filter((i) => i.key !== 'dimension');
        const at = items.findIndex((i) => i.key === 'goal') + 1;
        return { ...field, items: [...items.slice(0, at), dimensionField(dimensions), ...items.slice(at)] };
      }),
    };
  });
  return { ...template, version: template.version + 1, sections, dimensions };
}

/**
 * The defaults HR starts from, every version ever shipped, oldest first. Version 2 of the six
 * category templates declares performance dimensions (BUILTIN_DIMENSIONS) and adds `dimension`
 * to the goal review's items; version 1 stays as it was, for the records scheduled with it. The
 * two single-session templates have no dimensions (their goals use the fallback) and stay at 1.
 */
export const BUILTIN_TEMPLATE_VERSIONS: ReadonlyMap<string, readonly InterviewTemplate[]> = new Map(
  VERSION_1.map((t) => {
    const dimensions = BUILTIN_DIMENSIONS[t.id];
    return [t.id, dimensions ? [t, withDimensions(t, dimensions)] : [t]];
  }),
);

/** The latest built-in version of each template: what scheduling uses unless HR published a newer one. */
export const BUILTIN_TEMPLATES: ReadonlyMap<string, InterviewTemplate> = new Map(
  [...BUILTIN_TEMPLATE_VERSIONS].map(([id, versions]) => [id, versions[versions.length - 1]!]),
);

/** One built-in version, or undefined when code never shipped `id@version`. */
export const builtinTemplateVersion = (id: string, version: number): InterviewTemplate | undefined =>
  BUILTIN_TEMPLATE_VERSIONS.get(id)?.find((t) => t.version === version);

/** Used when neither HR nor the directory says otherwise. */
export const DEFAULT_TEMPLATE_ID = 'staff-general';

/** A built-in template: its latest version, or the version asked for. */
export function findTemplate(id: string, version?: number): InterviewTemplate | undefined {
  return version === undefined ? BUILTIN_TEMPLATES.get(id) : builtinTemplateVersion(id, version);
}

export const sectionOf = (template: InterviewTemplate, key: string): SectionSpec | undefined =>
  template.sections.find((s) => s.key === key);

/**
 * The template for an employee: among active templates for their category and level, the most
 * specific (fewest categories, then fewest levels), ties broken by id so the choice is stable.
 */
export function selectTemplate(templates: Iterable<InterviewTemplate>, category: JobCategory, level: Level): InterviewTemplate | undefined {
  const candidates = [...templates].filter(
    (t) => t.active && t.appliesTo.categories.includes(category) && t.appliesTo.levels.includes(level),
  );
  candidates.sort(
    (a, b) =>
      a.appliesTo.categories.length - b.appliesTo.categories.length ||
      a.appliesTo.levels.length - b.appliesTo.levels.length ||
      a.id.localeCompare(b.id),
  );
  return candidates[0];
}

// ---- validation of HR-designed templates ------------------------------------------------------

/** Core fields a special section must keep (key → type), because its rules read them. */
export const CORE_FIELDS: Readonly<
  Record<Exclude<SectionKind, 'custom'>, Readonly<Record<string, FieldType | Readonly<Record<string, FieldType>>>>>
> = {
  goalReview: { items: { goal: 'text', target: 'text', actual: 'text', achievement: 'percent', carriedFrom: 'system' } },
  goalAlignment: {},
  highlights: { items: { case: 'longText', data: 'text' } },
  problems: { items: { problem: 'longText', cause: 'longText', measures: 'longText', attachments: 'attachments' } },
  improvementPlan: {
    consensus: 'longText',
    items: { action: 'longText', metric: 'text', target: 'text', ownerId: 'person', deadline: 'date', linkedTo: 'ref' },
  },
  nextGoals: { goals: { goal: 'text', target: 'text' }, supportNeeds: { type: 'choice', need: 'longText', evaluation: 'system' } },
  remarks: { text: 'longText' },
};

const KEY = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;
const DIMENSION_KEY = /^[a-z][a-zA-Z0-9]{0,31}$/;
const MAX_DIMENSIONS = 12;
const MAX_KEYWORDS = 40;
const MAX_KEYWORD_CHARS = 20;
const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{1,47}$/;
const MAX_SECTIONS = 12;
const MAX_FIELDS = 20;

/**
 * Checks a template HR submits (the id and version are set by the catalog). Every problem is
 * a ValidationError naming the path, e.g. `sections[2].fields[0].items[3].type`.
 */
export function validateTemplate(input: unknown, id: string, version: number): InterviewTemplate {
  const t = object(input, 'template');
  if (!TEMPLATE_ID.test(id)) throw new ValidationError('template id must be 2..48 lowercase letters, digits or dashes', 'id', 'INVALID_ID');
  const name = localized(t.name, 'name');
  const appliesTo = object(t.appliesTo ?? {}, 'appliesTo');
  const categories = list(appliesTo.categories ?? [], 'appliesTo.categories', 10).map((c, i) =>
    oneOf(c, JOB_CATEGORIES, `appliesTo.categories[${i}]`),
  );
  const levels = list(appliesTo.levels ?? [], 'appliesTo.levels', 10).map((l, i) => oneOf(l, LEVELS, `appliesTo.levels[${i}]`));
  const dimensions = t.dimensions === undefined || t.dimensions === null ? [] : dimensionList(t.dimensions);
  const sections = list(t.sections, 'sections', MAX_SECTIONS).map((s, i) => dimensionsOf(section(s, `sections[${i}]`), dimensions, i));
  if (sections.length === 0) throw new ValidationError('a template needs at least one section', 'sections', 'REQUIRED');
  unique(
    sections.map((s) => s.key),
    'sections',
    'section key',
  );
  const requiredSignatures = list(t.requiredSignatures ?? ['employee', 'manager'], 'requiredSignatures', 3).map((r, i) => {
    if (!isSignatureRole(r))
      throw new ValidationError(`must be one of ${SIGNATURE_ROLES.join(', ')}`, `requiredSignatures[${i}]`, 'INVALID_ROLE');
    return r;
  });
  if (requiredSignatures.length === 0)
    throw new ValidationError('at least one signature must lock the record', 'requiredSignatures', 'REQUIRED');
  const rules = object(t.rules ?? {}, 'rules');
  const vague = rules.vagueHighlights ?? 'block';
  if (vague !== 'block' && vague !== 'warn') throw new ValidationError('must be block or warn', 'rules.vagueHighlights', 'INVALID_VALUE');
  const minCaseChars = integer(rules.minCaseChars ?? 10, 'rules.minCaseChars', 0, 500);
  const planHorizonDays = integer(rules.planHorizonDays ?? 366, 'rules.planHorizonDays', 1, 1100);
  const defaultFlowId = typeof t.defaultFlowId === 'string' && t.defaultFlowId ? t.defaultFlowId : 'staff-review';
  return {
    id,
    version,
    name,
    appliesTo: { categories, levels },
    sections,
    requiredSignatures: [...new Set(requiredSignatures)],
    rules: { vagueHighlights: vague, minCaseChars, planHorizonDays },
    defaultFlowId,
    pinnedFlow: t.pinnedFlow === true,
    active: t.active !== false,
    ...(dimensions.length > 0 ? { dimensions } : {}),
  };
}

/** `dimensions`: 1..12 entries, each a unique key, a label, and up to 40 keywords of 1..20 characters. */
function dimensionList(input: unknown): PerformanceDimension[] {
  const entries = list(input, 'dimensions', MAX_DIMENSIONS);
  if (entries.length === 0)
    throw new ValidationError('declare 1..12 dimensions, or leave dimensions out for the fallback', 'dimensions', 'REQUIRED');
  const dimensions = entries.map((entry, i) => {
    const path = `dimensions[${i}]`;
    const d = object(entry, path);
    if (typeof d.key !== 'string' || !DIMENSION_KEY.test(d.key) || d.key === OVERALL_KEY) {
      throw new ValidationError(
        `a dimension key is a lower-case letter then up to 31 letters or digits, and not "${OVERALL_KEY}" (the catch-all)`,
        `${path}.key`,
        'INVALID_ID',
      );
    }
    const keywords = list(d.keywords ?? [], `${path}.keywords`, MAX_KEYWORDS).map((k, j) => {
      if (typeof k !== 'string' || !k.trim() || k.trim().length > MAX_KEYWORD_CHARS)
        throw new ValidationError(`keywords are 1..${MAX_KEYWORD_CHARS} characters`, `${path}.keywords[${j}]`, 'INVALID_VALUE');
      return k.trim();
    });
    unique(keywords, `${path}.keywords`, 'keyword');
    return { key: d.key, label: localized(d.label, `${path}.label`), keywords };
  });
  unique(
    dimensions.map((d) => d.key),
    'dimensions',
    'dimension key',
  );
  return dimensions;
}

/**
 * A goal review's items name their dimension with the choice field `dimension`, whose options
 * are the template's dimension keys: added when HR declares dimensions and leaves the field out,
 * refused when it lists other options or the template has no dimensions.
 */
function dimensionsOf(spec: SectionSpec, dimensions: readonly PerformanceDimension[], index: number): SectionSpec {
  if (spec.kind !== 'goalReview') return spec;
  const at = spec.fields.findIndex((x) => x.key === 'items');
  const items = spec.fields[at]?.items ?? [];
  const position = items.findIndex((x) => x.key === 'dimension');
  const path = `sections[${index}].fields[${at}].items[${position}]`;
  const keys = dimensions.map((d) => d.key);
  if (position >= 0) {
    const given = items[position]!;
    if (dimensions.length === 0)
      throw new ValidationError('a dimension field needs the template to declare dimensions', `${path}.key`, 'INVALID_VALUE');
    if (given.type !== 'choice') throw new ValidationError('the dimension field is a choice', `${path}.type`, 'INVALID_VALUE');
    if (given.options!.join('\n') !== keys.join('\n'))
      throw new ValidationError(
        `the dimension field's options are the dimension keys (${keys.join(', ')})`,
        `${path}.options`,
        'INVALID_VALUE',
      );
    return spec;
  }
  if (dimensions.length === 0) return spec;
  const goal = items.findIndex((x) => x.key === 'goal') + 1;
  const field = spec.fields[at]!;
  const withField = { ...field, items: [...items.slice(0, goal), dimensionField(dimensions), ...items.slice(goal)] };
  return { ...spec, fields: spec.fields.map((x, i) => (i === at ? withField : x)) };
}

function section(input: unknown, path: string): SectionSpec {
  const s = object(input, path);
  const kind = oneOf(s.kind ?? 'custom', SECTION_KINDS, `${path}.kind`);
  const key = typeof s.key === 'string' ? s.key : kind;
  if (!KEY.test(key))
    throw new ValidationError('section key must be a letter then up to 39 letters or digits', `${path}.key`, 'INVALID_ID');
  if (kind !== 'custom' && key !== kind)
    throw new ValidationError(`a ${kind} section must have the key "${kind}"`, `${path}.key`, 'INVALID_ID');
  if (kind === 'custom' && (SECTION_KINDS as readonly string[]).includes(key)) {
    throw new ValidationError(`"${key}" is reserved for the ${key} section kind`, `${path}.key`, 'INVALID_ID');
  }
  const fields = list(s.fields, `${path}.fields`, MAX_FIELDS).map((x, i) => field(x, `${path}.fields[${i}]`, 0));
  unique(
    fields.map((x) => x.key),
    `${path}.fields`,
    'field key',
  );
  if (kind !== 'custom') checkCore(kind, fields, path);
  return { key, kind, label: localized(s.label, `${path}.label`), required: s.required === true, fields };
}

function field(input: unknown, path: string, depth: number): FieldSpec {
  const x = object(input, path);
  if (typeof x.key !== 'string' || !KEY.test(x.key) || x.key === 'id') {
    throw new ValidationError('field key must be a letter then up to 39 letters or digits, and not "id"', `${path}.key`, 'INVALID_ID');
  }
  const type = oneOf(x.type, FIELD_TYPES, `${path}.type`);
  const fillers =
    type === 'system' ? [] : list(x.fillers ?? BOTH, `${path}.fillers`, 2).map((r, i) => oneOf(r, PARTY_ROLES, `${path}.fillers[${i}]`));
  if (type !== 'system' && fillers.length === 0)
    throw new ValidationError('someone must be able to fill the field', `${path}.fillers`, 'REQUIRED');
  const out: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = {
    key: x.key,
    label: localized(x.label, `${path}.label`),
    type,
    required: x.required === true && type !== 'system',
    fillers,
  };
  if (type === 'choice') {
    out.options = list(x.options, `${path}.options`, 30).map((o, i) => {
      if (typeof o !== 'string' || !o.trim() || o.length > 40)
        throw new ValidationError('options are 1..40 characters', `${path}.options[${i}]`, 'INVALID_VALUE');
      return o;
    });
    if (out.options.length === 0) throw new ValidationError('a choice needs options', `${path}.options`, 'REQUIRED');
  }
  if (type === 'number' || type === 'percent') {
    if (x.min !== undefined) out.min = finite(x.min, `${path}.min`);
    if (x.max !== undefined) out.max = finite(x.max, `${path}.max`);
  }
  if (type === 'text' || type === 'longText') {
    if (x.maxLength !== undefined) out.maxLength = integer(x.maxLength, `${path}.maxLength`, 1, 20_000);
  }
  if (type === 'ref') {
    out.refTo = list(x.refTo, `${path}.refTo`, 5).map((r, i) => {
      if (typeof r !== 'string' || !/^[a-zA-Z0-9]+\.[a-zA-Z0-9]+$/.test(r))
        throw new ValidationError('refTo entries look like section.listField', `${path}.refTo[${i}]`, 'INVALID_VALUE');
      return r;
    });
  }
  if (type === 'list' || type === 'attachments') {
    out.maxItems = integer(x.maxItems ?? (type === 'list' ? 50 : 10), `${path}.maxItems`, 1, 200);
  }
  if (type === 'list') {
    if (depth > 0) throw new ValidationError('lists cannot be nested', `${path}.type`, 'INVALID_VALUE');
    out.items = list(x.items, `${path}.items`, MAX_FIELDS).map((item, i) => field(item, `${path}.items[${i}]`, depth + 1));
    if (out.items.length === 0) throw new ValidationError('a list needs item fields', `${path}.items`, 'REQUIRED');
    unique(
      out.items.map((i) => i.key),
      `${path}.items`,
      'item field key',
    );
    out.idPrefix = typeof x.idPrefix === 'string' && /^[A-Z]{1,3}$/.test(x.idPrefix) ? x.idPrefix : x.key.slice(0, 1).toUpperCase();
  }
  return out;
}

function checkCore(kind: Exclude<SectionKind, 'custom'>, fields: readonly FieldSpec[], path: string): void {
  for (const [key, shape] of Object.entries(CORE_FIELDS[kind])) {
    const present = fields.find((x) => x.key === key);
    const expected = typeof shape === 'string' ? shape : 'list';
    if (!present || present.type !== expected) {
      throw new ValidationError(
        `a ${kind} section needs field "${key}" of type ${expected}`,
        `${path}.fields`,
        'TEMPLATE_CORE_FIELD_MISSING',
      );
    }
    if (typeof shape === 'object') {
      for (const [itemKey, itemType] of Object.entries(shape)) {
        if (present.items?.find((i) => i.key === itemKey)?.type !== itemType) {
          throw new ValidationError(
            `a ${kind} section's ${key} need item field "${itemKey}" of type ${itemType}`,
            `${path}.fields`,
            'TEMPLATE_CORE_FIELD_MISSING',
          );
        }
      }
    }
  }
}
