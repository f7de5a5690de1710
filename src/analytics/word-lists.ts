/**
 * Checks for the word lists a caller passes in (monitored words, theme tables, extra dictionary
 * terms). The rules, the same for every list:
 * - every entry is a string of 1..32 characters once trimmed, with at least one letter, digit
 *   or ideograph (an "A…B" term needs both parts): else ANALYTICS_WORD_INVALID;
 * - entries are compared after normalisation (full-width folded, lower case, simplified), and
 *   an entry given twice in one list is ANALYTICS_WORD_DUPLICATE: a duplicate is almost always
 *   a mistake in a list someone maintains, and silently merging it would hide that;
 * - a list holds at most MAX_WORDS entries: else ANALYTICS_WORD_LIST_TOO_LARGE;
 * - dictionary words and stop words are single words: "…" (A…B) is for cues and theme terms only;
 * - an empty list is allowed and means "nothing of this kind" (no stress cue: no stress alert).
 */
import { ValidationError } from '../domain/errors';
import { normalizeText } from './normalize';

export const MAX_WORDS = 2_000;
export const MAX_WORD_LENGTH = 32;
export const MAX_THEMES = 200;

const MEANINGFUL = /[\p{L}\p{N}]/u;

/** The list, normalised and checked; `field` names it in errors (e.g. "monitoredWords.stress"). */
export function checkWordList(list: unknown, field: string, { gaps = true }: { gaps?: boolean } = {}): string[] {
  if (!Array.isArray(list)) throw new ValidationError(`${field} must be a list of words`, field);
  if (list.length > MAX_WORDS) {
    throw new ValidationError(`${field} has ${list.length} words; at most ${MAX_WORDS}`, field, 'ANALYTICS_WORD_LIST_TOO_LARGE');
  }
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof entry !== 'string') throw new ValidationError(`${at} is not a string`, at, 'ANALYTICS_WORD_INVALID');
    const word = normalizeText(entry.trim()).replace(/\s+/g, '');
    const parts = word.split('…');
    if (!gaps && parts.length > 1) {
      throw new ValidationError(`${at} is a dictionary word: it cannot have the "…" of an A…B term`, at, 'ANALYTICS_WORD_INVALID');
    }
    if (word.length === 0 || word.length > MAX_WORD_LENGTH || !parts.every((p) => MEANINGFUL.test(p))) {
      throw new ValidationError(
        `${at} must be 1..${MAX_WORD_LENGTH} characters with a letter or digit in each part`,
        at,
        'ANALYTICS_WORD_INVALID',
      );
    }
    if (seen.has(word)) throw new ValidationError(`${at} "${entry}" is listed twice`, at, 'ANALYTICS_WORD_DUPLICATE');
    seen.add(word);
    return word;
  });
}
