/** Passages (sentences) and clauses, with offsets into the caller's text. */

/** A piece of a text: [start, end) in UTF-16 units of the text as given. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The longest text the analytics accept (an interview field's limit). */
export const MAX_TEXT_LENGTH = 20_000;

// Sentence ends; normalisation has folded the full-width forms (！？；) into these.
const SENTENCE_END = /[。!?;\n\r…]|\.(?=\s|$)/;
// Clause separators inside a sentence.
const CLAUSE_END = /[,，、:：()（）“”"《》]/;

function spans(text: string, start: number, end: number, separator: RegExp): TextSpan[] {
  const out: TextSpan[] = [];
  let from = start;
  const push = (to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = start; i < end; i++) {
    if (separator.test(text[i]!) && !(text[i] === '.' && !/\s/.test(text[i + 1] ?? ' '))) {
      push(i + 1);
      from = i + 1;
    }
  }
  push(end);
  return out;
}

/** The sentences of a text (a passage each), split at 。！？；, line breaks and ellipses. */
export function splitSentences(text: string): TextSpan[] {
  return spans(text, 0, text.length, SENTENCE_END);
}

/** The clauses of a sentence (offsets stay those of the whole text), split at commas, colons and brackets. */
export function splitClauses(text: string, sentence: Pick<TextSpan, 'start' | 'end'>): TextSpan[] {
  return spans(text, sentence.start, sentence.end, CLAUSE_END);
}
