/**
 * For long text, the changed passages rather than the whole before/after: the text is cut
 * into sentences (Chinese and Western sentence ends, line breaks) and the sentence sequences
 * are diffed, so a reader sees which sentences were added or removed.
 */
import { diffArrays } from 'diff';

export interface TextPassage {
  readonly kind: 'added' | 'removed' | 'unchanged';
  readonly text: string;
}

/** Texts at least this long (in either version; Chinese is dense) are shown as passages. */
export const LONG_TEXT_CHARS = 40;
/** Unchanged runs longer than this are shortened to their ends, for context. */
const CONTEXT_CHARS = 24;

export function sentences(text: string): string[] {
  return text.split(/(?<=[。！？；!?;\n])/u).filter((s) => s.length > 0);
}

export function isLongText(before: unknown, after: unknown): boolean {
  return typeof before === 'string' && typeof after === 'string' && Math.max(before.length, after.length) >= LONG_TEXT_CHARS;
}

export function changedPassages(before: string, after: string): TextPassage[] {
  const parts = diffArrays(sentences(before), sentences(after));
  return parts.map((part) => {
    const text = part.value.join('');
    if (part.added) return { kind: 'added', text };
    if (part.removed) return { kind: 'removed', text };
    return {
      kind: 'unchanged',
      text: text.length > CONTEXT_CHARS * 2 ? `${text.slice(0, CONTEXT_CHARS)}…${text.slice(-CONTEXT_CHARS)}` : text,
    };
  });
}
