/**
 * Interview templates: what a record contains and who fills what. HR designs them per job
 * category and management level (the article: 基于岗位类别和管理层级，设计出统一的绩效面谈模板).
 *
 * A template version is immutable. An interview snapshots the version it was scheduled with
 * (InterviewScheduled carries it), so publishing version 2 never changes a running interview.
 *
 * Sections of a special kind (goal review, highlights, problems, improvement plan, next goals,
 * goal alignment, remarks) carry rules beyond their fields — carried-over goals, vague
 * highlight detection, SMART plans, support needs — and so must keep their core fields; HR may
 * relabel them, change what is required and who fills it, and add fields of their own.
 */
import { ValidationError } from '../errors';
import { finite, integer, list, localized, object, oneOf, unique } from '../definition-checks';
import { JOB_CATEGORIES, LEVELS, type JobCategory, type Level } from '../person/person';
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
export const BUILTIN_TEMPLATES: ReadonlyMap<string, InterviewTemplate> = new Map(
  [
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
  ].map((t) => [t.id, t]),
);

/** Used when neither HR nor the directory says otherwise. */
export const DEFAULT_TEMPLATE_ID = 'staff-general';

export function findTemplate(id: string): InterviewTemplate | undefined {
  return BUILTIN_TEMPLATES.get(id);
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
  const sections = list(t.sections, 'sections', MAX_SECTIONS).map((s, i) => section(s, `sections[${i}]`));
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
  };
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
