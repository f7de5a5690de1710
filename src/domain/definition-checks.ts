/**
 * Checks for definitions HR writes (templates, flows): each names the path at fault in a
 * ValidationError, e.g. `sections[2].fields[0].type`.
 */
import { ValidationError } from './errors';
import type { Localized } from './localized';
type Obj = Record<string, unknown>;

export function object(value: unknown, path: string): Obj {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ValidationError(`${path} must be an object`, path, 'INVALID_VALUE');
  return value as Obj;
}

export function list(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(`${path} must be a list`, path, 'INVALID_VALUE');
  if (value.length > max) throw new ValidationError(`${path} takes at most ${max} entries`, path, 'VALUE_TOO_LARGE');
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (!(allowed as readonly unknown[]).includes(value))
    throw new ValidationError(`${path} must be one of ${allowed.join(', ')}`, path, 'INVALID_VALUE');
  return value as T;
}

export function localized(value: unknown, path: string): Localized {
  const o = object(value, path);
  for (const lang of ['zh', 'en'] as const) {
    const text = o[lang];
    if (typeof text !== 'string' || !text.trim() || text.length > 100)
      throw new ValidationError(`${path}.${lang} must be 1..100 characters`, `${path}.${lang}`, 'INVALID_VALUE');
  }
  return { zh: (o.zh as string).trim(), en: (o.en as string).trim() };
}

export function integer(value: unknown, path: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    throw new ValidationError(`${path} must be an integer in ${min}..${max}`, path, 'INVALID_VALUE');
  return value as number;
}

export function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError(`${path} must be a number`, path, 'INVALID_VALUE');
  return value;
}

export function unique(keys: readonly string[], path: string, what: string): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw new ValidationError(`duplicate ${what} "${key}"`, path, 'DUPLICATE_KEY');
    seen.add(key);
  }
}
