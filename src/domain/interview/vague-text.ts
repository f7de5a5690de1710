/**
 * What makes a text vague (空泛表述), for the sections that judge it (highlights, the SMART plan):
 * stock phrases that say nothing on their own, and whether a text gives a figure.
 */
import type { JsonValue } from '../limits';

/**
 * Stock phrases that say nothing on their own (空泛表述). A text made only of these (and
 * punctuation) is vague; one that also tells a story is not.
 */
export const STOCK_PHRASES: readonly string[] = [
  '表现正常',
  '继续努力',
  '表现良好',
  '表现不错',
  '还不错',
  '总体良好',
  '整体良好',
  '表现一般',
  '有待提高',
  '有待加强',
  '继续保持',
  '再接再厉',
  '工作认真',
  '认真负责',
  '态度端正',
  '态度良好',
  '积极主动',
  '按时完成',
  '按时完成任务',
  '基本完成',
  '完成任务',
  '完成较好',
  '较好',
  '良好',
  '正常',
  '一般',
  '不错',
  '努力',
  '加油',
  '辛苦了',
  '挺好',
  '很好',
  '优秀',
  'good job',
  'keep it up',
  'as expected',
  'normal',
  'ok',
  'fine',
  'good',
  'well done',
];

// Longest first, so that 按时完成任务 is removed whole rather than leaving 任务 behind.
const STOCK_BY_LENGTH = [...STOCK_PHRASES].sort((a, b) => b.length - a.length);

/** A figure: Arabic digits (half or full width), percentages, or Chinese numbers with a unit. */
const FIGURE = /[0-9０-９]|百分之|[一二两三四五六七八九十百千万半]+\s*(个|件|次|天|周|月|年|小时|分钟|台|人|项|倍|元|万|成|批|单|条|家|%)/;
const PUNCTUATION = /[\s\p{P}\p{S}]/gu;

export const hasFigure = (text: string): boolean => FIGURE.test(text);

/** The stock phrases a text uses, and what is left of it once they (and punctuation) are removed. */
export function stockPhrases(text: string): { found: string[]; rest: string } {
  let rest = text.toLowerCase();
  const found: string[] = [];
  for (const phrase of STOCK_BY_LENGTH) {
    // Latin phrases count as whole words only ("ok" is not in "booked"); Chinese has no word breaks.
    const pattern = /^[a-z ]+$/.test(phrase) ? new RegExp(`(?<![a-z])${phrase}(?![a-z])`, 'g') : null;
    if (pattern ? pattern.test(rest) : rest.includes(phrase)) {
      found.push(phrase);
      rest = pattern ? rest.replace(new RegExp(pattern.source, 'g'), ' ') : rest.split(phrase).join(' ');
    }
  }
  return { found, rest: rest.replace(PUNCTUATION, '') };
}

/** A field's text, trimmed; '' when it is not text. */
export const textOf = (value: JsonValue | undefined): string => (typeof value === 'string' ? value.trim() : '');
