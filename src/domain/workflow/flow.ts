/**
 * Interview flows: the steps a record goes through, who acts at each, what they may edit and
 * when it is due. The article: 基层员工与主管面谈需先完成自评，再由主管点评并制定改进计划；
 * 管理层则需增加目标对齐与战略解读环节 — flows differ by department and management level.
 *
 * Like templates, a flow version is immutable and an interview snapshots the one it runs.
 */
import { ValidationError } from '../errors';
import { list, localized, object } from '../definition-checks';
import { LEVELS, type Level } from '../person/categories';
import { PARTY_ROLES, type InterviewTemplate, type Localized, type PartyRole } from '../interview/template';

export interface StepSpec {
  readonly key: string;
  readonly label: Localized;
  /** Who acts at this step: their task, their reminders, their edits. */
  readonly actors: readonly PartyRole[];
  /** Whose submission completes the step (one of the actors). */
  readonly completedBy: PartyRole;
  /** Sections the actors may write at this step (fields further limited by the template's fillers). */
  readonly edits: readonly string[];
  /** Days (business days by default, see the reminder policy) from entering the step to its due time. */
  readonly dueInDays: number;
  /** Parties sign at this step; the required signatures lock the record. Only the last step. */
  readonly signing: boolean;
  /** The manager evaluates support needs at this step. */
  readonly evaluatesNeeds: boolean;
}

export interface FlowDefinition {
  readonly id: string;
  readonly version: number;
  readonly name: Localized;
  /** Departments and levels the flow is for; empty departments = any department. */
  readonly appliesTo: { readonly departments: readonly string[]; readonly levels: readonly Level[] };
  readonly steps: readonly StepSpec[];
  readonly active: boolean;
}

const L = (zh: string, en: string): Localized => ({ zh, en });

const step = (s: Partial<StepSpec> & Pick<StepSpec, 'key' | 'label' | 'actors' | 'edits' | 'dueInDays'>): StepSpec => ({
  completedBy: s.actors[0]!,
  signing: false,
  evaluatesNeeds: false,
  ...s,
});

const SELF = step({
  key: 'self_assessment',
  label: L('员工自评', 'Self-assessment'),
  actors: ['employee'],
  edits: ['goalReview', 'highlights', 'problems', 'nextGoals'],
  dueInDays: 3,
});
const ALIGN = step({
  key: 'goal_alignment',
  label: L('目标对齐与战略解读', 'Goal alignment and strategy'),
  actors: ['manager', 'employee'],
  completedBy: 'manager',
  edits: ['goalAlignment'],
  dueInDays: 3,
});
const REVIEW = step({
  key: 'manager_review',
  label: L('主管点评', "Manager's review"),
  actors: ['manager'],
  edits: ['goalReview', 'highlights', 'problems'],
  dueInDays: 3,
});
const MEETING = step({
  key: 'meeting',
  label: L('面谈沟通', 'Interview meeting'),
  actors: ['manager', 'employee'],
  completedBy: 'manager',
  edits: ['goalReview', 'highlights', 'problems', 'remarks'],
  dueInDays: 5,
});
const PLAN = step({
  key: 'improvement_plan',
  label: L('制定改进计划', 'Improvement plan'),
  actors: ['manager', 'employee'],
  completedBy: 'manager',
  edits: ['improvementPlan', 'nextGoals', 'remarks'],
  dueInDays: 2,
  evaluatesNeeds: true,
});
const SIGN = step({
  key: 'signatures',
  label: L('双方签字确认', 'Signatures'),
  actors: ['employee', 'manager'],
  edits: [],
  dueInDays: 2,
  signing: true,
});

export const BUILTIN_FLOWS: ReadonlyMap<string, FlowDefinition> = new Map(
  (
    [
      {
        id: 'staff-review',
        version: 1,
        name: L('员工面谈流程', 'Staff interview flow'),
        appliesTo: { departments: [], levels: ['staff'] },
        steps: [SELF, REVIEW, MEETING, PLAN, SIGN],
        active: true,
      },
      {
        // Workshops review at the meeting itself, with shorter deadlines (班组长与员工逐条回顾).
        id: 'production-line',
        version: 1,
        name: L('生产一线面谈流程', 'Production-line flow'),
        appliesTo: { departments: ['生产部', '制造部', '质量部'], levels: ['staff'] },
        steps: [
          { ...SELF, dueInDays: 2, edits: ['goalReview', 'highlights', 'problems', 'nextGoals'] },
          { ...MEETING, key: 'meeting_review', label: L('面谈与点评', 'Meeting and review'), dueInDays: 3 },
          { ...PLAN, dueInDays: 1 },
          { ...SIGN, dueInDays: 1 },
        ],
        active: true,
      },
      {
        id: 'management-review',
        version: 1,
        name: L('管理者面谈流程', 'Management interview flow'),
        appliesTo: { departments: [], levels: ['team_lead', 'manager', 'executive'] },
        steps: [SELF, ALIGN, REVIEW, MEETING, PLAN, SIGN],
        active: true,
      },
      {
        // Both sides fill the record in one sitting and sign it (check-ins, records from paper).
        id: 'single-session',
        version: 1,
        name: L('单次面谈记录', 'Single session'),
        appliesTo: { departments: [], levels: [] },
        steps: [
          step({
            key: 'record',
            label: L('面谈记录与签字', 'Record and sign'),
            actors: ['employee', 'manager'],
            completedBy: 'manager',
            edits: ['*'],
            dueInDays: 5,
            signing: true,
            evaluatesNeeds: true,
          }),
        ],
        active: true,
      },
    ] satisfies FlowDefinition[]
  ).map((flow) => [flow.id, flow]),
);

/** Sections a step may write: `*` stands for every section of the template. */
export const stepEdits = (s: StepSpec, template: InterviewTemplate): readonly string[] =>
  s.edits.includes('*') ? template.sections.map((x) => x.key) : s.edits;

/**
 * Why a flow cannot run a template, or null when it can: every section a step edits exists in
 * the template, and every section of the template is written at some step.
 */
export function flowMismatch(flow: FlowDefinition, template: InterviewTemplate): string | null {
  const keys = new Set(template.sections.map((s) => s.key));
  for (const s of flow.steps) {
    for (const key of stepEdits(s, template)) {
      if (!keys.has(key)) return `step ${s.key} edits section ${key}, which template ${template.id} does not have`;
    }
  }
  const written = new Set(flow.steps.flatMap((s) => stepEdits(s, template)));
  const unwritten = template.sections.find((s) => !written.has(s.key));
  return unwritten ? `no step of flow ${flow.id} writes section ${unwritten.key}` : null;
}

/**
 * The flow for an interview (HR's explicit pick is resolved by the caller): the template's
 * pinned flow; else an active flow that names the department, fits the level and the
 * template; else the template's default flow; else any active flow for the level that fits.
 */
export function selectFlow(
  flows: Iterable<FlowDefinition>,
  template: InterviewTemplate,
  department: string,
  level: Level | null,
): FlowDefinition | undefined {
  const all = [...flows];
  const byId = (id: string) => all.find((f) => f.id === id);
  if (template.pinnedFlow) return byId(template.defaultFlowId);
  const matching = all.filter(
    (f) =>
      f.active &&
      (f.appliesTo.departments.length === 0 || f.appliesTo.departments.includes(department)) &&
      level !== null &&
      f.appliesTo.levels.includes(level) &&
      flowMismatch(f, template) === null,
  );
  matching.sort(
    (a, b) => Number(b.appliesTo.departments.length > 0) - Number(a.appliesTo.departments.length > 0) || a.id.localeCompare(b.id),
  );
  const specific = matching.find((f) => f.appliesTo.departments.length > 0);
  return specific ?? byId(template.defaultFlowId) ?? matching[0];
}

// ---- validation of HR-designed flows --------------------------------------------------------------

const STEP_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export function validateFlow(input: unknown, id: string, version: number): FlowDefinition {
  const o = object(input, 'flow');
  if (!/^[a-z0-9][a-z0-9-]{1,47}$/.test(id))
    throw new ValidationError('flow id must be 2..48 lowercase letters, digits or dashes', 'id', 'INVALID_ID');
  const name = localized(o.name, 'name');
  const appliesTo = object(o.appliesTo ?? {}, 'appliesTo');
  const departments = list(appliesTo.departments ?? [], 'appliesTo.departments', 50).map((d, i) => {
    if (typeof d !== 'string' || !d.trim() || d.length > 100)
      throw new ValidationError('departments are 1..100 characters', `appliesTo.departments[${i}]`, 'INVALID_VALUE');
    return d.trim();
  });
  const levels = list(appliesTo.levels ?? [], 'appliesTo.levels', 4).map((l, i) => {
    if (!(LEVELS as readonly unknown[]).includes(l))
      throw new ValidationError(`must be one of ${LEVELS.join(', ')}`, `appliesTo.levels[${i}]`, 'INVALID_VALUE');
    return l as Level;
  });
  const steps = list(o.steps, 'steps', 12).map((s, i) => validateStep(s, `steps[${i}]`));
  if (steps.length === 0) throw new ValidationError('a flow needs at least one step', 'steps', 'REQUIRED');
  const keys = new Set<string>();
  steps.forEach((s, i) => {
    if (keys.has(s.key)) throw new ValidationError(`duplicate step key "${s.key}"`, `steps[${i}].key`, 'DUPLICATE_KEY');
    keys.add(s.key);
    if (s.signing && i !== steps.length - 1)
      throw new ValidationError('only the last step can be the signing step', `steps[${i}].signing`, 'INVALID_VALUE');
  });
  if (!steps.at(-1)!.signing)
    throw new ValidationError(
      'the last step must be the signing step (signing: true)',
      `steps[${steps.length - 1}].signing`,
      'FLOW_WITHOUT_SIGNING',
    );
  return { id, version, name, appliesTo: { departments, levels }, steps, active: o.active !== false };
}

function validateStep(input: unknown, path: string): StepSpec {
  const o = object(input, path);
  if (typeof o.key !== 'string' || !STEP_KEY.test(o.key))
    throw new ValidationError('step key must be lowercase letters, digits or _', `${path}.key`, 'INVALID_ID');
  const actors = list(o.actors, `${path}.actors`, 2).map((a, i) => {
    if (!(PARTY_ROLES as readonly unknown[]).includes(a))
      throw new ValidationError(`must be one of ${PARTY_ROLES.join(', ')}`, `${path}.actors[${i}]`, 'INVALID_ROLE');
    return a as PartyRole;
  });
  if (actors.length === 0) throw new ValidationError('a step needs an actor', `${path}.actors`, 'REQUIRED');
  const completedBy = (o.completedBy ?? actors[0]) as PartyRole;
  if (!actors.includes(completedBy))
    throw new ValidationError('completedBy must be one of the actors', `${path}.completedBy`, 'INVALID_ROLE');
  const edits = list(o.edits ?? [], `${path}.edits`, 12).map((e, i) => {
    if (typeof e !== 'string' || !(e === '*' || /^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(e)))
      throw new ValidationError('edits name sections', `${path}.edits[${i}]`, 'INVALID_VALUE');
    return e;
  });
  const dueInDays = o.dueInDays ?? 3;
  if (!Number.isInteger(dueInDays) || (dueInDays as number) < 0 || (dueInDays as number) > 60) {
    throw new ValidationError('dueInDays must be an integer in 0..60', `${path}.dueInDays`, 'INVALID_VALUE');
  }
  return {
    key: o.key,
    label: localized(o.label, `${path}.label`),
    actors,
    completedBy,
    edits,
    dueInDays: dueInDays as number,
    signing: o.signing === true,
    evaluatesNeeds: o.evaluatesNeeds === true,
  };
}
