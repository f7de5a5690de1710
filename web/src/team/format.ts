/**
 * Small helpers the manager's and HR's pages share: an instant or a date in the reader's
 * language, and a person's name from what the page already loaded (the id when it is unknown).
 */
import type { Locale } from '../i18n';

export function formatInstant(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = dateOnly ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const options: Intl.DateTimeFormatOptions = dateOnly
    ? { dateStyle: 'medium' }
    : { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

export type Names = ReadonlyMap<string, string>;

/** "王建国 (E1001)", or the id alone when the name is not known. */
export const personLabel = (names: Names, id: string) => (names.has(id) ? `${names.get(id)} (${id})` : id);

/** Whole days from `from` to `to` (positive when `to` is later); 0 within the same day. */
export function daysBetween(from: string, to: Date = new Date()): number {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(`${from}T23:59:59`) : new Date(from);
  return Math.max(0, Math.floor((to.getTime() - start.getTime()) / 86_400_000));
}
