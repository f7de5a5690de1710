/**
 * What changed between two versions of a template or a flow, as HR reads it: sections, fields,
 * list item fields, dimensions and steps added, removed, moved, or changed (which attribute, from
 * what to what), and the template's own settings. Entries are matched by key, as records are.
 */
import type { FieldSpec, InterviewTemplate, Localized, SectionSpec } from '../../../src/domain/interview/template';
import type { FlowDefinition, StepSpec } from '../../../src/domain/workflow/flow';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';
export type ChangeScope = 'template' | 'dimension' | 'section' | 'field' | 'item' | 'flow' | 'step';

export interface Change {
  readonly kind: ChangeKind;
  readonly scope: ChangeScope;
  /** Where: the labels of the section, field, item field (or dimension, step), outermost first. */
  readonly where: readonly Localized[];
  /** Keys of the same, for tests and ids: `highlights/items/data`. */
  readonly key: string;
  /** For `changed`: which attribute (name, required, type, fillers, …). */
  readonly attribute?: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** Structural equality of JSON values (key order ignored). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => same(x, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Keys of `after` that left their place relative to the others (not in a longest common subsequence). */
function movedKeys(before: readonly string[], after: readonly string[]): Set<string> {
  const a = before.filter((k) => after.includes(k));
  const b = after.filter((k) => before.includes(k));
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return new Set(b.filter((k) => !kept.has(k)));
}

function keyed<T extends { key: string }>(
  before: readonly T[],
  after: readonly T[],
  visit: {
    scope: ChangeScope;
    where: readonly Localized[];
    key: string;
    label: (entry: T) => Localized;
    attributes: (entry: T) => Record<string, unknown>;
    inner?: (a: T, b: T, where: readonly Localized[], key: string) => Change[];
  },
): Change[] {
  const out: Change[] = [];
  const moved = movedKeys(
    before.map((x) => x.key),
    after.map((x) => x.key),
  );
  const path = (entry: T) => ({ where: [...visit.where, visit.label(entry)], key: visit.key ? `${visit.key}/${entry.key}` : entry.key });
  for (const entry of before)
    if (!after.some((x) => x.key === entry.key)) out.push({ kind: 'removed', scope: visit.scope, ...path(entry) });
  for (const entry of after) {
    const old = before.find((x) => x.key === entry.key);
    if (!old) {
      out.push({ kind: 'added', scope: visit.scope, ...path(entry) });
      continue;
    }
    const at = path(entry);
    if (moved.has(entry.key)) out.push({ kind: 'moved', scope: visit.scope, ...at });
    const was = visit.attributes(old);
    const now = visit.attributes(entry);
    for (const attribute of Object.keys(now))
      if (!same(was[attribute], now[attribute]))
        out.push({ kind: 'changed', scope: visit.scope, ...at, attribute, from: was[attribute], to: now[attribute] });
    if (visit.inner) out.push(...visit.inner(old, entry, at.where, at.key));
  }
  return out;
}

const fieldAttributes = (f: FieldSpec): Record<string, unknown> => ({
  label: f.label,
  type: f.type,
  required: f.required,
  fillers: f.fillers,
  options: f.options,
  refTo: f.refTo,
  min: f.min,
  max: f.max,
  maxLength: f.maxLength,
  maxItems: f.maxItems,
  idPrefix: f.idPrefix,
});

function fieldsDiff(
  scope: 'field' | 'item',
  a: readonly FieldSpec[],
  b: readonly FieldSpec[],
  where: readonly Localized[],
  key: string,
): Change[] {
  return keyed(a, b, {
    scope,
    where,
    key,
    label: (f) => f.label,
    attributes: fieldAttributes,
    inner: scope === 'field' ? (x, y, w, k) => fieldsDiff('item', x.items ?? [], y.items ?? [], w, k) : undefined,
  });
}

function setting(out: Change[], scope: ChangeScope, attribute: string, from: unknown, to: unknown): void {
  if (!same(from, to)) out.push({ kind: 'changed', scope, where: [], key: '', attribute, from, to });
}

/** Every change from template version `a` to version `b`. */
export function diffTemplates(a: InterviewTemplate, b: InterviewTemplate): Change[] {
  const out: Change[] = [];
  setting(out, 'template', 'name', a.name, b.name);
  setting(out, 'template', 'categories', a.appliesTo.categories, b.appliesTo.categories);
  setting(out, 'template', 'levels', a.appliesTo.levels, b.appliesTo.levels);
  setting(out, 'template', 'defaultFlowId', a.defaultFlowId, b.defaultFlowId);
  setting(out, 'template', 'pinnedFlow', a.pinnedFlow, b.pinnedFlow);
  setting(out, 'template', 'active', a.active, b.active);
  setting(out, 'template', 'requiredSignatures', a.requiredSignatures, b.requiredSignatures);
  setting(out, 'template', 'vagueHighlights', a.rules.vagueHighlights, b.rules.vagueHighlights);
  setting(out, 'template', 'minCaseChars', a.rules.minCaseChars, b.rules.minCaseChars);
  setting(out, 'template', 'planHorizonDays', a.rules.planHorizonDays, b.rules.planHorizonDays);
  out.push(
    ...keyed(a.dimensions ?? [], b.dimensions ?? [], {
      scope: 'dimension',
      where: [],
      key: 'dimensions',
      label: (d) => d.label,
      attributes: (d) => ({ label: d.label, keywords: d.keywords }),
    }),
  );
  out.push(
    ...keyed<SectionSpec>(a.sections, b.sections, {
      scope: 'section',
      where: [],
      key: '',
      label: (s) => s.label,
      attributes: (s) => ({ label: s.label, kind: s.kind, required: s.required }),
      inner: (x, y, where, key) => fieldsDiff('field', x.fields, y.fields, where, key),
    }),
  );
  return out;
}

/** Every change from flow version `a` to version `b`. */
export function diffFlows(a: FlowDefinition, b: FlowDefinition): Change[] {
  const out: Change[] = [];
  setting(out, 'flow', 'name', a.name, b.name);
  setting(out, 'flow', 'departments', a.appliesTo.departments, b.appliesTo.departments);
  setting(out, 'flow', 'levels', a.appliesTo.levels, b.appliesTo.levels);
  setting(out, 'flow', 'active', a.active, b.active);
  out.push(
    ...keyed<StepSpec>(a.steps, b.steps, {
      scope: 'step',
      where: [],
      key: '',
      label: (s) => s.label,
      attributes: (s) => ({
        label: s.label,
        actors: s.actors,
        completedBy: s.completedBy,
        edits: s.edits,
        dueInDays: s.dueInDays,
        signing: s.signing,
        evaluatesNeeds: s.evaluatesNeeds,
      }),
    }),
  );
  return out;
}
