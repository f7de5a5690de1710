/**
 * Terms of the word lists, compiled once. A term is a literal phrase (焦虑, 周末都在公司) or two
 * parts joined by "…" (压力…大): the first part, then at most GAP characters of the same clause,
 * then the second (压力大, 压力很大, 压力特别大). A match must sit on word boundaries of the
 * segmented text: 累 inside 积累 is no match, and a two-character term needs one boundary at least.
 */
import type { Token } from './segmenter';

/** Characters that may stand between the two parts of an "A…B" term. */
export const GAP = 6;
const NO_GAP = '\\s,，。.!?;:、…()（）"“”';

export interface Match {
  readonly term: string;
  /** The text matched (for A…B, with what stood between). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** An English word of five letters or more (burnout), matched also when written with a space or hyphen inside. */
const SPACED_WORD = /^[a-z]{5,}$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A set of terms compiled for search: literals bucketed by first character, A…B terms as expressions. */
export class TermMatcher {
  private readonly byFirst = new Map<string, string[]>();
  /** Expressions grouped by a literal every match contains (an A…B term's first part), searched only where it occurs. */
  private readonly gapped = new Map<string, { term: string; regex: RegExp }[]>();

  constructor(terms: Iterable<string>) {
    const addGapped = (needle: string, term: string, regex: RegExp) => {
      const group = this.gapped.get(needle) ?? [];
      group.push({ term, regex });
      this.gapped.set(needle, group);
    };
    for (const term of terms) {
      const parts = term.split('…').filter((p) => p.length > 0);
      if (parts.length > 1) {
        addGapped(parts[0]!, term, new RegExp(parts.map(escape).join(`[^${NO_GAP}]{0,${GAP}}?`), 'g'));
      } else if (SPACED_WORD.test(term)) {
        // Word lists are stored without spaces (burn out → burnout); in a text the word may be
        // written with a space or a hyphen between its letters.
        addGapped(term[0]!, term, new RegExp([...term].join('[ \\-]?'), 'g'));
      } else if (parts.length === 1) {
        const bucket = this.byFirst.get(term[0]!) ?? [];
        bucket.push(term);
        this.byFirst.set(term[0]!, bucket);
      }
    }
  }

  /** Every match in text[from, to), ordered by start (longer first), overlaps kept. */
  find(text: string, from = 0, to = text.length): Match[] {
    const out: Match[] = [];
    for (let i = from; i < to; i++) {
      const bucket = this.byFirst.get(text[i]!);
      if (!bucket) continue;
      for (const term of bucket) {
        if (i + term.length <= to && text.startsWith(term, i)) out.push({ term, text: term, start: i, end: i + term.length });
      }
    }
    if (this.gapped.size > 0) {
      const slice = text.slice(from, to);
      for (const [needle, group] of this.gapped) {
        if (!slice.includes(needle)) continue;
        for (const { term, regex } of group) {
          regex.lastIndex = 0;
          for (let m = regex.exec(slice); m; m = regex.exec(slice)) {
            out.push({ term, text: m[0], start: from + m.index, end: from + m.index + m[0].length });
            regex.lastIndex = m.index + 1;
          }
        }
      }
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/** Token starts and ends of a segmented text. */
export function boundaries(tokens: readonly Token[]): Set<number> {
  const set = new Set<number>();
  for (const t of tokens) {
    set.add(t.start);
    set.add(t.end);
  }
  return set;
}

/**
 * Whether a match sits on word boundaries: a one-character match, and one made of Latin letters
 * and digits only (ot, 996), needs both (ot is no match in robot); a longer Chinese one needs one.
 * `match.text`, when given, is the normalised text matched.
 */
export function onBoundaries(match: { start: number; end: number; text?: string }, bounds: ReadonlySet<number>): boolean {
  const atStart = bounds.has(match.start);
  const atEnd = bounds.has(match.end);
  const whole = match.end - match.start <= 1 || (match.text !== undefined && LATIN.test(match.text));
  return whole ? atStart && atEnd : atStart || atEnd;
}
const LATIN = /^[a-z0-9]+$/;

/** The longest matches that do not overlap, leftmost first. */
export function longestFirst(matches: readonly Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Match[] = [];
  for (const m of sorted) if (!taken.some((t) => m.start < t.end && t.start < m.end)) taken.push(m);
  return taken.sort((a, b) => a.start - b.start);
}
