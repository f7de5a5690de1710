/**
 * Section content against its template: shape, types, ids, references, owners, deadlines and
 * attachments (checked on every edit: bad input never reaches the log), who may write which
 * field (the template's fillers), and what must be filled at submission.
 *
 * Content is JSON: a section is an object of its fields; a `list` field is an array of items,
 * each an object of the item fields plus an `id`. Ids are kept when given and assigned
 * otherwise (G1, G2… per list), never reused within a record, so plan items, tasks and links
 * stay stable across edits. `system` fields (a carried-over goal's origin, a manager's
 * evaluation of a support need) are written by the server only and survive edits.
 */
import { canonicalJson } from '../../crypto/portable/canonical-json';
import { RuleError, ValidationError } from '../errors';
import { assertContent, isObject, LIMITS, type JsonObject, type JsonValue } from '../limits';
import { needChanged } from './sections/support-needs';
import type { FieldSpec, PartyRole, SectionSpec } from './template';

export interface ContentContext {
  /** The record's sections, with the edited one replaced by the new content once normalised. */
  readonly sections: Readonly<Record<string, JsonObject>>;
  readonly parties: readonly string[];
  /** sha256 of the attachments uploaded to this record. */
  readonly attachments: ReadonlySet<string>;
  /** Today in the company zone, YYYY-MM-DD: deadlines may not be earlier. */
  readonly today: string;
  /** Highest number used so far per `section.list` id prefix (ids are never reused). */
  readonly idCounters: Readonly<Record<string, number>>;
}

const ITEM_ID = /^[A-Za-z0-9_-]{1,24}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URL_MAX = 2000;

type Mutable = { [key: string]: JsonValue };

/**
 * Validates and normalises new content for `spec`. Strings are trimmed, ids assigned, system
 * fields carried over from `previous` by item id. A changed support need loses its evaluation
 * (the manager evaluated something else).
 */
export function normalizeSection(spec: SectionSpec, input: unknown, previous: JsonObject | undefined, ctx: ContentContext): JsonObject {
  const raw = assertContent(input, 'content');
  const out: Mutable = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = spec.fields.find((x) => x.key === key);
    const path = `content.${key}`;
    if (!field)
      throw new ValidationError(
        `section ${spec.key} has no field "${key}" (fields: ${spec.fields.map((x) => x.key).join(', ')})`,
        path,
        'FIELD_NOT_IN_TEMPLATE',
      );
    if (value === null) continue;
    if (field.type === 'list') out[key] = normalizeList(spec, field, value, previous?.[key], ctx, path);
    else out[key] = normalizeValue(field, value, undefined, ctx, path, spec.key);
  }
  return out;
}

function normalizeList(
  spec: SectionSpec,
  field: FieldSpec,
  value: JsonValue,
  previous: JsonValue | undefined,
  ctx: ContentContext,
  path: string,
): JsonValue[] {
  if (!Array.isArray(value)) throw new ValidationError(`${path} must be a list`, path, 'INVALID_VALUE');
  if (value.length > (field.maxItems ?? 50))
    throw new ValidationError(`${path} takes at most ${field.maxItems ?? 50} items`, path, 'VALUE_TOO_LARGE');
  const before = new Map(
    (Array.isArray(previous) ? previous : []).flatMap((p) => (isObject(p) && typeof p.id === 'string' ? [[p.id, p] as const] : [])),
  );
  const counterKey = `${spec.key}.${field.key}`;
  const prefix = field.idPrefix ?? 'X';
  let counter = Math.max(ctx.idCounters[counterKey] ?? 0, ...[...before.keys()].map((id) => idNumber(id, prefix)));
  const seen = new Set<string>();
  return value.map((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (!isObject(item)) throw new ValidationError(`${itemPath} must be an object`, itemPath, 'INVALID_VALUE');
    let id: string;
    if (item.id === undefined || item.id === null) {
      counter += 1;
      id = `${prefix}${counter}`;
    } else {
      if (typeof item.id !== 'string' || !ITEM_ID.test(item.id))
        throw new ValidationError(`${itemPath}.id must be 1..24 letters, digits, _ or -`, `${itemPath}.id`, 'INVALID_ID');
      id = item.id;
      // Ids are never reused: a new item may not take the number of one that was removed (its task, links and history stay its own).
      const n = idNumber(id, prefix);
      if (!before.has(id) && n > 0 && n <= (ctx.idCounters[counterKey] ?? 0)) {
        throw new ValidationError(
          `${itemPath}.id ${id} belonged to a removed item; leave id out for a new item`,
          `${itemPath}.id`,
          'INVALID_ID',
        );
      }
      counter = Math.max(counter, n);
    }
    if (seen.has(id)) throw new ValidationError(`${path} has two items with id ${id}`, `${itemPath}.id`, 'DUPLICATE_KEY');
    seen.add(id);
    const old = before.get(id);
    const next: Mutable = { id };
    for (const [key, v] of Object.entries(item)) {
      if (key === 'id') continue;
      const sub = field.items?.find((x) => x.key === key);
      if (!sub) {
        throw new ValidationError(
          `${field.key} items have no field "${key}" (fields: ${(field.items ?? []).map((x) => x.key).join(', ')})`,
          `${itemPath}.${key}`,
          'FIELD_NOT_IN_TEMPLATE',
        );
      }
      if (sub.type === 'system') {
        // Echoing the stored value back is fine (clients round-trip items); changing it is not.
        if (v !== null && !equalJson(v, old?.[key] ?? null)) {
          throw new ValidationError(`${itemPath}.${key} is set by the system, not by an edit`, `${itemPath}.${key}`, 'FIELD_NOT_EDITABLE');
        }
        continue;
      }
      if (v === null) continue;
      next[key] = normalizeValue(sub, v, old, ctx, `${itemPath}.${key}`, spec.key);
    }
    for (const sub of field.items ?? []) {
      if (sub.type !== 'system' || old?.[sub.key] === undefined) continue;
      // A support need whose substance changed needs a fresh evaluation.
      if (sub.key === 'evaluation' && needChanged(old, next)) continue;
      next[sub.key] = old[sub.key]!;
    }
    return next;
  });
}

function normalizeValue(
  field: FieldSpec,
  value: JsonValue,
  _old: JsonObject | undefined,
  ctx: ContentContext,
  path: string,
  section: string,
): JsonValue {
  switch (field.type) {
    case 'text':
    case 'longText': {
      if (typeof value !== 'string') throw new ValidationError(`${path} must be text`, path, 'INVALID_VALUE');
      const max = field.maxLength ?? (field.type === 'text' ? 500 : LIMITS.stringChars);
      const text = value.trim();
      if (text.length > max) throw new ValidationError(`${path} is longer than ${max} characters`, path, 'VALUE_TOO_LARGE');
      return text;
    }
    case 'number':
    case 'percent': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new ValidationError(`${path} must be a number`, path, 'INVALID_VALUE');
      const min = field.min ?? (field.type === 'percent' ? 0 : -Number.MAX_VALUE);
      const max = field.max ?? (field.type === 'percent' ? 1000 : Number.MAX_VALUE);
      if (value < min || value > max) throw new ValidationError(`${path} must be between ${min} and ${max}`, path, 'VALUE_OUT_OF_RANGE');
      return value;
    }
    case 'date': {
      if (typeof value !== 'string' || !DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        throw new ValidationError(`${path} must be a date YYYY-MM-DD`, path, 'INVALID_DATE');
      }
      // Deadlines in a plan or for next-period goals look forward; reviewed dates may look back.
      if ((section === 'improvementPlan' || section === 'nextGoals') && value < ctx.today) {
        throw new ValidationError(`${path} ${value} is in the past (today is ${ctx.today})`, path, 'DEADLINE_IN_PAST');
      }
      return value;
    }
    case 'person': {
      if (typeof value !== 'string' || !value.trim()) throw new ValidationError(`${path} must be a person id`, path, 'INVALID_ID');
      if (!ctx.parties.includes(value)) {
        throw new ValidationError(
          `${path}: ${value} is not a participant of this interview (participants: ${ctx.parties.join(', ')})`,
          path,
          'OWNER_NOT_PARTICIPANT',
        );
      }
      return value;
    }
    case 'choice': {
      if (typeof value !== 'string' || !(field.options ?? []).includes(value)) {
        throw new ValidationError(`${path} must be one of ${(field.options ?? []).join(', ')}`, path, 'INVALID_VALUE');
      }
      return value;
    }
    case 'ref': {
      if (typeof value !== 'string' || !value) throw new ValidationError(`${path} must be the id of an item`, path, 'INVALID_VALUE');
      const ids = (field.refTo ?? []).flatMap((r) => listIds(ctx.sections, r));
      if (!ids.includes(value)) {
        throw new ValidationError(
          `${path}: ${value} is not an item of ${(field.refTo ?? []).join(' or ')} (known: ${ids.join(', ') || 'none'})`,
          path,
          'UNKNOWN_REFERENCE',
        );
      }
      return value;
    }
    case 'attachments': {
      if (!Array.isArray(value)) throw new ValidationError(`${path} must be a list`, path, 'INVALID_VALUE');
      if (value.length > (field.maxItems ?? 10))
        throw new ValidationError(`${path} takes at most ${field.maxItems ?? 10} attachments`, path, 'VALUE_TOO_LARGE');
      return value.map((a, i) => attachmentRef(a, ctx, `${path}[${i}]`));
    }
    case 'list':
    case 'system':
      throw new ValidationError(`${path} cannot be written here`, path, 'FIELD_NOT_EDITABLE');
  }
}

function attachmentRef(value: JsonValue, ctx: ContentContext, path: string): JsonObject {
  if (!isObject(value)) throw new ValidationError(`${path} must be { sha256 } or { url, title }`, path, 'INVALID_VALUE');
  const keys = Object.keys(value);
  if (typeof value.sha256 === 'string') {
    if (keys.some((k) => k !== 'sha256'))
      throw new ValidationError(`${path}: a file reference has only sha256`, path, 'FIELD_NOT_IN_TEMPLATE');
    if (!ctx.attachments.has(value.sha256)) {
      throw new ValidationError(
        `${path}: attachment ${value.sha256} was not uploaded to this interview; upload it first`,
        `${path}.sha256`,
        'ATTACHMENT_UNKNOWN',
      );
    }
    return { sha256: value.sha256 };
  }
  if (typeof value.url === 'string') {
    if (keys.some((k) => k !== 'url' && k !== 'title'))
      throw new ValidationError(`${path}: a link has url and title only`, path, 'FIELD_NOT_IN_TEMPLATE');
    let url: URL;
    try {
      url = new URL(value.url);
    } catch {
      throw new ValidationError(`${path}.url is not a URL`, `${path}.url`, 'INVALID_URL');
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || value.url.length > URL_MAX) {
      throw new ValidationError(`${path}.url must be an http(s) URL of at most ${URL_MAX} characters`, `${path}.url`, 'INVALID_URL');
    }
    const title = typeof value.title === 'string' ? value.title.trim().slice(0, 200) : '';
    return title ? { url: value.url, title } : { url: value.url };
  }
  throw new ValidationError(`${path} must be { sha256 } or { url, title }`, path, 'INVALID_VALUE');
}

// ---- who may write what ---------------------------------------------------------------------------

/**
 * Checks that `role` may make the change from `before` to `after`: every field whose value
 * changes (and every field of an item added or removed) lists `role` among its fillers; adding
 * or removing list items needs the list's fillers too. Names the first field at fault.
 */
export function assertFillable(spec: SectionSpec, before: JsonObject | undefined, after: JsonObject, role: PartyRole): void {
  const deny = (path: string, field: FieldSpec): never => {
    throw new RuleError(
      'FIELD_NOT_FILLABLE',
      `${path} (${field.label.zh} / ${field.label.en}) is filled by the ${field.fillers.join(' or ') || 'system'}, not the ${role}`,
      path,
      { fillers: field.fillers, role },
    );
  };
  for (const field of spec.fields) {
    const path = `content.${field.key}`;
    const a = before?.[field.key];
    const b = after[field.key];
    if (field.type !== 'list') {
      if (!same(a, b) && !field.fillers.includes(role)) deny(path, field);
      continue;
    }
    const olds = new Map((Array.isArray(a) ? a : []).filter(isObject).map((x) => [String(x.id), x] as const));
    const news = new Map((Array.isArray(b) ? b : []).filter(isObject).map((x) => [String(x.id), x] as const));
    const items = field.items ?? [];
    for (const [id, item] of news) {
      const old = olds.get(id);
      if (!old && !field.fillers.includes(role)) deny(`${path}[id=${id}]`, field);
      for (const sub of items) {
        if (sub.type === 'system') continue;
        if (!same(old?.[sub.key], item[sub.key]) && !sub.fillers.includes(role)) deny(`${path}[id=${id}].${sub.key}`, sub);
      }
    }
    for (const [id, old] of olds) {
      if (news.has(id)) continue;
      if (!field.fillers.includes(role)) deny(`${path}[id=${id}]`, field);
      for (const sub of items) {
        if (sub.type !== 'system' && !isEmpty(old[sub.key]) && !sub.fillers.includes(role)) deny(`${path}[id=${id}].${sub.key}`, sub);
      }
    }
  }
}

// ---- submission ---------------------------------------------------------------------------------------

/**
 * What must be filled when a step that writes `spec` is submitted by actors `roles`: a required
 * section needs content, and every required field that one of `roles` fills must be filled
 * (in every item, for lists). Returns the first gap as a RuleError, or null.
 */
export function missingRequired(spec: SectionSpec, content: JsonObject | undefined, roles: readonly PartyRole[]): RuleError | null {
  const ours = (field: FieldSpec) => field.fillers.some((r) => roles.includes(r));
  if (spec.required && isEmptySection(spec, content)) {
    return new RuleError('REQUIRED_SECTION_EMPTY', `section ${spec.label.zh} (${spec.label.en}) is required and still empty`, spec.key);
  }
  for (const field of spec.fields) {
    const value = content?.[field.key];
    if (field.type !== 'list') {
      if (field.required && ours(field) && isEmpty(value)) return requiredField(`${spec.key}.${field.key}`, field);
      continue;
    }
    const items = Array.isArray(value) ? value.filter(isObject) : [];
    for (const [i, item] of items.entries()) {
      for (const sub of field.items ?? []) {
        if (sub.required && ours(sub) && isEmpty(item[sub.key])) return requiredField(`${spec.key}.${field.key}[${i}].${sub.key}`, sub);
      }
    }
  }
  return null;
}

function requiredField(path: string, field: FieldSpec): RuleError {
  return new RuleError('REQUIRED_FIELD_MISSING', `${path} (${field.label.zh} / ${field.label.en}) is required`, path, {
    fillers: field.fillers,
  });
}

export function isEmptySection(spec: SectionSpec, content: JsonObject | undefined): boolean {
  if (!content) return true;
  return spec.fields.every((field) => field.type === 'system' || isEmpty(content[field.key]));
}

// ---- helpers ----------------------------------------------------------------------------------------------

/** Largest item number per `section.list`, for ids that are never reused. */
export function idCountersOf(spec: SectionSpec, content: JsonObject, counters: Readonly<Record<string, number>>): Record<string, number> {
  const next = { ...counters };
  for (const field of spec.fields) {
    if (field.type !== 'list' || !Array.isArray(content[field.key])) continue;
    const key = `${spec.key}.${field.key}`;
    const prefix = field.idPrefix ?? 'X';
    for (const item of content[field.key] as JsonValue[]) {
      if (isObject(item) && typeof item.id === 'string') next[key] = Math.max(next[key] ?? 0, idNumber(item.id, prefix));
    }
  }
  return next;
}

function idNumber(id: string, prefix: string): number {
  if (!id.startsWith(prefix)) return 0;
  const n = Number(id.slice(prefix.length));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

export { isObject };

/** Ids of a list's items, e.g. listIds(sections, 'goalReview.items'). */
export function listIds(sections: Readonly<Record<string, JsonObject>>, ref: string): string[] {
  const [section, field] = ref.split('.') as [string, string];
  const items = sections[section]?.[field];
  return Array.isArray(items)
    ? items.flatMap((i) => (i && typeof i === 'object' && !Array.isArray(i) && typeof i.id === 'string' ? [i.id] : []))
    : [];
}

/** Equal as JSON values, whatever the key order (the ledger hands content back in canonical order). */
const equalJson = (a: JsonValue, b: JsonValue): boolean => {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
};
const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean =>
  (isEmpty(a) && isEmpty(b)) || (a !== undefined && b !== undefined && equalJson(a, b));

export function isEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
