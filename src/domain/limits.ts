import { canonicalJson } from '../crypto/portable/canonical-json';

const utf8 = new TextDecoder();
import { ValidationError } from './errors';

/** Limits on what one command may carry. Generous for real interviews, closed to abuse. */
export const LIMITS = {
  sectionBytes: 64 * 1024,
  stringChars: 20_000,
  depth: 8,
  arrayItems: 200,
  objectKeys: 100,
  keyChars: 64,
  idChars: 64,
  nameChars: 100,
  participants: 20,
} as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export function assertId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.idChars || !ID.test(value)) {
    throw new ValidationError(
      `${field} must be 1..${LIMITS.idChars} characters of letters, digits, '_', '.', ':' or '-'`,
      field,
      'INVALID_ID',
    );
  }
  return value;
}

/**
 * Unicode bidirectional embeddings, overrides and isolates (UAX #9 §2.1–2.4: LRE, RLE, PDF,
 * LRO, RLO, LRI, RLI, FSI, PDI). In a signed text they make what a person reads differ from
 * the characters they sign (the "Trojan Source" reordering, CVE-2021-42574), so no signed text
 * may hold one. File names refuse them too (src/attachments/attachment-policy.ts).
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Refuses a text that holds a bidirectional control, naming the first one and where it is. */
export function assertNoBidiControl(value: string, field: string): string {
  const match = BIDI_CONTROL.exec(value);
  if (match) {
    const code = match[0].charCodeAt(0).toString(16).toUpperCase();
    throw new ValidationError(
      `${field} holds the invisible bidirectional control U+${code} at character ${match.index + 1}: remove it (it would make what people see differ from what they sign)`,
      field,
      'BIDI_CONTROL',
    );
  }
  return value;
}

export function assertText(value: unknown, field: string, max: number = LIMITS.nameChars, options: { optional?: boolean } = {}): string {
  if (value === undefined || value === null) {
    if (options.optional) return '';
    throw new ValidationError(`${field} is required`, field, 'REQUIRED');
  }
  if (typeof value !== 'string') throw new ValidationError(`${field} must be text`, field);
  assertNoBidiControl(value, field);
  const trimmed = value.trim();
  if (!options.optional && trimmed.length === 0) throw new ValidationError(`${field} is required`, field, 'REQUIRED');
  if (trimmed.length > max) throw new ValidationError(`${field} is longer than ${max} characters`, field, 'VALUE_TOO_LARGE');
  return trimmed;
}

/** A UTC instant in a sane range. Returns the normalised ISO-8601 string. */
export function assertInstant(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new ValidationError(`${field} must be an ISO-8601 date-time with a zone, e.g. 2026-07-01T09:30:00+08:00`, field, 'INVALID_DATE');
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError(`${field} is not a real date`, field, 'INVALID_DATE');
  const date = new Date(ms);
  // Date.parse rolls 2026-02-30 over to March; reject such dates by checking the day survived.
  const day = Number(value.slice(8, 10));
  const offsetDay = new Date(ms + offsetMinutes(value) * 60_000).getUTCDate();
  if (day !== offsetDay) throw new ValidationError(`${field} is not a real date`, field, 'INVALID_DATE');
  const year = date.getUTCFullYear();
  if (year < 2000 || year > 2100) throw new ValidationError(`${field} must be between 2000 and 2100`, field, 'INVALID_DATE');
  return date.toISOString();
}

function offsetMinutes(value: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(value);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3]));
}

const CYCLE = /^\d{4}(-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])))?$/;

/** A review cycle: a year, half-year, quarter or month, e.g. 2026, 2026-H1, 2026-Q3, 2026-M07. */
export function assertCycle(value: unknown, field = 'cycle'): string {
  if (typeof value !== 'string' || !CYCLE.test(value)) {
    throw new ValidationError(`${field} must look like 2026, 2026-H1, 2026-Q3 or 2026-M07`, field, 'INVALID_CYCLE');
  }
  return value;
}

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** Whether a value is a JSON object (not null, not a list). */
export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Checks free-form section content: a JSON object within the size, depth, string, array
 * and key limits. Names the offending path in the error's field.
 */
export function assertContent(value: unknown, field: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`${field} must be an object`, field);
  }
  walk(value, field, 0);
  let bytes: Uint8Array;
  try {
    bytes = canonicalJson(value);
  } catch (error) {
    throw new ValidationError(`${field} is not valid JSON content: ${(error as Error).message}`, field);
  }
  if (bytes.length > LIMITS.sectionBytes) {
    throw new ValidationError(`${field} is ${bytes.length} bytes, over the limit of ${LIMITS.sectionBytes}`, field, 'VALUE_TOO_LARGE');
  }
  // Events carry a plain copy: no foreign prototypes, no references shared with the caller.
  return JSON.parse(utf8.decode(bytes)) as JsonObject;
}

function walk(value: unknown, path: string, depth: number): void {
  if (depth > LIMITS.depth) throw new ValidationError(`${path} nests deeper than ${LIMITS.depth} levels`, path, 'VALUE_TOO_LARGE');
  if (typeof value === 'string') {
    if (value.length > LIMITS.stringChars) {
      throw new ValidationError(`${path} is longer than ${LIMITS.stringChars} characters`, path, 'VALUE_TOO_LARGE');
    }
    assertNoBidiControl(value, path);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError(`${path} must be a finite number`, path);
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    if (value.length > LIMITS.arrayItems)
      throw new ValidationError(`${path} has more than ${LIMITS.arrayItems} items`, path, 'VALUE_TOO_LARGE');
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new ValidationError(`${path}[${i}] is missing (sparse list)`, `${path}[${i}]`);
      walk(value[i], `${path}[${i}]`, depth + 1);
    }
    return;
  }
  // GraphQL JSON literals arrive as null-prototype objects; both kinds are plain data.
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (typeof value === 'object' && (proto === Object.prototype || proto === null)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > LIMITS.objectKeys)
      throw new ValidationError(`${path} has more than ${LIMITS.objectKeys} keys`, path, 'VALUE_TOO_LARGE');
    for (const [key, item] of entries) {
      if (key.length === 0 || key.length > LIMITS.keyChars) throw new ValidationError(`${path} has a key of invalid length`, path);
      assertNoBidiControl(key, `${path} (a key)`);
      walk(item, `${path}.${key}`, depth + 1);
    }
    return;
  }
  throw new ValidationError(`${path} holds a value JSON cannot represent`, path);
}
