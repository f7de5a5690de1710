/** Instants as the signing pages show them: the reader's time zone, seconds included (a signature's time matters). */
import type { Locale } from '../i18n';

export function formatInstant(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }).format(date);
}
