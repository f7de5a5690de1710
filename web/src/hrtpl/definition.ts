/**
 * The definitions HR edits (a template's or a flow's next version), checked in the browser by
 * the server's own validators — `validateTemplate` (src/domain/interview/template.ts) and
 * `validateFlow` (src/domain/workflow/flow.ts), the very functions `publishTemplate` and
 * `publishFlow` run — so the editor refuses exactly what the server would, with the same code
 * and the same path (e.g. `sections[2].fields[0].type`). Nothing here re-states a rule.
 */
import { DomainError } from '../../../src/domain/errors';
import { validateTemplate, type InterviewTemplate } from '../../../src/domain/interview/template';
import { flowMismatch, validateFlow, type FlowDefinition } from '../../../src/domain/workflow/flow';

/** A definition as JSON, the way publishTemplate / publishFlow take it (no id, no version). */
export type Draft = { [key: string]: unknown };
export type Path = ReadonlyArray<string | number>;

/** What the validator (in the browser or on the server) refused: its code, the path at fault, its message. */
export interface DefinitionProblem {
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
  /** From the server's answer rather than the browser's check. */
  readonly fromServer?: boolean;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: DefinitionProblem };

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A stored version's definition as the starting point of the next: a copy, without id and version. */
export function draftOf(definition: Readonly<Record<string, unknown>>): Draft {
  const { id: _id, version: _version, ...rest } = clone(definition);
  return rest;
}

function check<T>(run: () => T): Checked<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, problem: { code: error.code, field: error.field ?? null, message: error.message } };
    // A shape the validator did not expect: the server would fail too; say so rather than crash.
    return {
      ok: false,
      problem: { code: 'VALIDATION_FAILED', field: null, message: error instanceof Error ? error.message : String(error) },
    };
  }
}

/** The template as the server would store it, or the first thing it refuses. */
export const checkTemplate = (draft: unknown, id: string, version: number): Checked<InterviewTemplate> =>
  check(() => validateTemplate(draft, id, version));

/** The flow as the server would store it, or the first thing it refuses. */
export const checkFlow = (draft: unknown, id: string, version: number): Checked<FlowDefinition> =>
  check(() => validateFlow(draft, id, version));

/**
 * Why scheduling would refuse to run `template` with `flow` (FLOW_TEMPLATE_MISMATCH: a section
 * no step writes, or a step writing a section the template lacks), from the scheduler's own
 * `flowMismatch`; null when it fits. Publishing does not check this: the editor warns.
 */
export const mismatchOf = (flow: FlowDefinition, template: InterviewTemplate): string | null => flowMismatch(flow, template);

/** A server error (`extensions.code`, `extensions.field`) as a problem to show on the field it names. */
export function problemFromServer(error: { message: string; extensions?: Record<string, unknown> } | undefined): DefinitionProblem | null {
  if (!error) return null;
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : null;
  if (!code) return null;
  const field = typeof error.extensions?.field === 'string' ? error.extensions.field : null;
  return { code, field, message: error.message, fromServer: true };
}

// ---- paths ----------------------------------------------------------------------------------------

/** ['sections', 2, 'label', 'zh'] → `sections[2].label.zh` (the validator's way of naming a place). */
export const pathString = (path: Path): string =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');

/** `sections[2].label.zh` → ['sections', 2, 'label', 'zh']. */
export const parsePath = (field: string): Array<string | number> =>
  field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** An element id for a place in the definition (focus and scrolling). */
export const pathId = (scope: string, path: string): string => `${scope}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** Whether the problem's path is this place or inside it (a list's entries belong to the list's input). */
export const within = (problem: DefinitionProblem | null, path: string): boolean =>
  !!problem?.field && (problem.field === path || problem.field.startsWith(`${path}.`) || problem.field.startsWith(`${path}[`));

export function getIn(value: unknown, path: Path): unknown {
  let at: unknown = value;
  for (const part of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[part];
  }
  return at;
}

/** A copy with the value at `path` replaced (`undefined` removes an object's key); parents are made as needed. */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const base: unknown = value ?? (typeof head === 'number' ? [] : {});
  if (Array.isArray(base)) {
    const copy = [...base];
    copy[head as number] = setIn(copy[head as number], rest, next);
    return copy as T;
  }
  const copy = { ...(base as Record<string, unknown>) };
  const child = setIn(copy[head as string], rest, next);
  if (child === undefined) delete copy[head as string];
  else copy[head as string] = child;
  return copy as T;
}

/** Moves entry `from` of the list at `path` to `to` (no-op outside the list). */
export function moveIn<T>(value: T, path: Path, from: number, to: number): T {
  const list = getIn(value, path);
  if (!Array.isArray(list) || to < 0 || to >= list.length) return value;
  const copy = [...list];
  const [entry] = copy.splice(from, 1);
  copy.splice(to, 0, entry);
  return setIn(value, path, copy);
}

export function removeIn<T>(value: T, path: Path, index: number): T {
  const list = getIn(value, path);
  return Array.isArray(list)
    ? setIn(
        value,
        path,
        list.filter((_, i) => i !== index),
      )
    : value;
}

export function appendIn<T>(value: T, path: Path, entry: unknown): T {
  const list = getIn(value, path);
  return setIn(value, path, [...(Array.isArray(list) ? list : []), entry]);
}

// ---- reading a draft defensively (the JSON view may hold any shape) -------------------------------

export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
export const asStrings = (value: unknown): string[] => asList(value).filter((v): v is string => typeof v === 'string');
export const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The next free key like `custom1`, `custom2` among `taken`. */
export function freeKey(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}
