/**
 * Stress and overtime alerts: a passage (sentence) where the writer reports, in their own words,
 * that they are under stress or work overtime. A cue found in a passage is kept only when it is
 * none of the near misses below, each reported with the word that decided it:
 *
 * - domain-term    the cue sits inside a domain word (压力表, 液压, 压力测试, 加班费, 加班审批…);
 * - inside-word    the cue is a piece of a longer word (累 in 积累);
 * - topic          the cue is what the sentence is about, not something that happened: right after
 *                  对, 关于, 针对 (对加班时长进行统计);
 * - negated        a negator stands shortly before it in its clause (没有加班, 很少加班, 不再焦虑),
 *                  between its parts (压力不大), or right after it (加班不多);
 * - hypothetical   a conditional earlier in the sentence (如果…, 万一…) or a modal earlier in the
 *                  clause (可能会加班, 为了避免加班);
 * - resolved-past  a past marker before it and a resolution after it in the sentence
 *                  (以前经常加班，现在已经好了), or a phrase that says it is over on its own
 *                  (…终于成为过去式了, 已经缓过来了, 不会再有了);
 * - other-person   the nearest person before it is someone else (他压力很大, 同事经常加班): in the
 *                  cue's clause any person word counts, in earlier clauses only a clause's subject
 *                  (its first three words); a person after 陪, 帮, 给, 被… is an object and does not count;
 *                  a group word counts as a person (隔壁, 兄弟们, 别的组, 其他部门, 新来的).
 *
 * The rules here are the linear model's features and its explanation: the analyzer
 * (text-analyzer.ts) lets the model decide each passage, and a rule's own cue the model
 * overrules becomes a near miss of reason `model`.
 */
import { CONTEXT } from './monitored-words';
import type { Match, TermMatcher } from './patterns';
import { longestFirst, onBoundaries } from './patterns';
import type { Token } from './segmenter';
import { type TextSpan, splitClauses, splitSentences } from './text-span';

export type AlertKind = 'stress' | 'overtime';
export type NearMissReason =
  | 'domain-term'
  | 'inside-word'
  | 'topic'
  | 'negated'
  | 'hypothetical'
  | 'resolved-past'
  | 'other-person'
  /** The rule found the writer's own cue, the model (text-analyzer.ts) decided otherwise: `because` names the features that weighed against it. */
  | 'model';

/** A cue as found: the list's term and the caller's text it matched. */
export interface Cue {
  readonly term: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Alert {
  readonly kind: AlertKind;
  /** The passage (sentence) that reports it, in the caller's text. */
  readonly passage: TextSpan;
  readonly cues: readonly Cue[];
}

export interface NearMiss {
  readonly kind: AlertKind;
  readonly passage: TextSpan;
  readonly cue: Cue;
  readonly reason: NearMissReason;
  /** The word that decided it (没有, 同事, 如果, 加班费…). */
  readonly because: string;
}

export interface AlertReport {
  readonly alerts: readonly Alert[];
  readonly rejected: readonly NearMiss[];
}

export interface AlertMatchers {
  readonly stress: TermMatcher;
  readonly overtime: TermMatcher;
  readonly domainTerms: TermMatcher;
}

const SURNAME_NAME =
  /^[小老阿][张王李赵刘陈杨黄周吴徐孙马胡朱郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔]$/;
const OBJECT_MARKERS = new Set([
  '陪',
  '帮',
  '给',
  '替',
  '为',
  '跟',
  '和',
  '与',
  '对',
  '带',
  '教',
  '被',
  '向',
  '找',
  '催',
  '盯',
  '关心',
  '担心',
  // 作为组长我… : the role is the writer's own
  '作为',
]);

const TOPIC_MARKERS = new Set(['对', '关于', '针对', '有关', '对于']);
const NEGATORS = new Set<string>(CONTEXT.negators);
const NEGATED_AFTER_LIST: readonly string[] = CONTEXT.negatedAfter;
const FIRST = new Set<string>(CONTEXT.firstPerson);
const OTHER = new Set<string>(CONTEXT.otherPerson);
const CONDITIONALS = new Set<string>(CONTEXT.conditionals);
const MODALS = new Set<string>(CONTEXT.modals);
const PAST = new Set<string>(CONTEXT.past);
const RESOLVED: readonly string[] = CONTEXT.resolved;
const RESOLVED_ALONE: readonly string[] = CONTEXT.resolvedAlone;
const GROUP_HEADS = new Set<string>(CONTEXT.otherGroupHeads);
const GROUP_TAILS = new Set<string>(CONTEXT.otherGroupTails);
const GAP_NEGATION = /[不没未非无]/;

type Person = 'self' | 'other';
/** The person a word names, if any; `next` is the word after it (别的 + 组 is another group). */
const personOf = (word: string, next?: string): Person | undefined =>
  FIRST.has(word)
    ? 'self'
    : OTHER.has(word) || SURNAME_NAME.test(word) || (GROUP_HEADS.has(word) && GROUP_TAILS.has(next ?? ''))
      ? 'other'
      : undefined;

interface Sentence {
  readonly span: TextSpan;
  readonly tokens: readonly Token[];
  readonly clauses: readonly TextSpan[];
}

/** Why the cue is not the writer's own current report, or undefined when it is. */
function reject(
  norm: string,
  sentence: Sentence,
  match: Match,
  domain: readonly Match[],
  bounds: ReadonlySet<number>,
): { reason: NearMissReason; because: string } | undefined {
  const inDomain = domain.find((d) => d.start < match.end && match.start < d.end);
  if (inDomain) return { reason: 'domain-term', because: inDomain.term };
  if (!onBoundaries(match, bounds)) {
    const host =
      sentence.tokens.find((t) => t.start <= match.start && match.end <= t.end) ?? sentence.tokens.find((t) => t.end > match.start);
    return { reason: 'inside-word', because: host?.word ?? match.text };
  }
  const clause = sentence.clauses.find((c) => c.start <= match.start && match.start < c.end) ?? sentence.span;
  const inClause = sentence.tokens.filter((t) => t.start >= clause.start && t.end <= clause.end);
  const before = inClause.filter((t) => t.end <= match.start);

  const topic = before[before.length - 1];
  if (topic && TOPIC_MARKERS.has(topic.word) && topic.end === match.start) return { reason: 'topic', because: topic.word };

  const negator = before.slice(-4).find((t) => NEGATORS.has(t.word));
  if (negator) return { reason: 'negated', because: negator.word };
  if (match.term.includes('…')) {
    const [first, ...rest] = match.term.split('…');
    const gap = match.text.slice(first!.length, match.text.length - rest.join('').length);
    if (GAP_NEGATION.test(gap)) return { reason: 'negated', because: gap };
  }
  const following = norm.slice(match.end, clause.end).replace(/^[也都并还倒其实的]+/, '');
  const negatedAfter = NEGATED_AFTER_LIST.find((w) => following.startsWith(w));
  if (negatedAfter) return { reason: 'negated', because: negatedAfter };

  const earlier = sentence.tokens.filter((t) => t.end <= match.start);
  const conditional = earlier.find((t) => CONDITIONALS.has(t.word));
  if (conditional) return { reason: 'hypothetical', because: conditional.word };
  const modal = before.find((t) => MODALS.has(t.word));
  if (modal) return { reason: 'hypothetical', because: modal.word };

  const rest = norm.slice(match.end, sentence.span.end);
  const past = earlier.find((t) => PAST.has(t.word));
  if (past) {
    const resolution = RESOLVED.find((r) => rest.includes(r));
    if (resolution) return { reason: 'resolved-past', because: `${past.word}…${resolution}` };
  }
  const over = RESOLVED_ALONE.find((r) => rest.includes(r));
  if (over) return { reason: 'resolved-past', because: over };

  // The nearest person before the cue: any in its clause, a subject in earlier clauses.
  for (let i = before.length - 1; i >= 0; i--) {
    const person = personOf(before[i]!.word, before[i + 1]?.word);
    if (person && !OBJECT_MARKERS.has(before[i - 1]?.word ?? '')) {
      return person === 'other' ? { reason: 'other-person', because: before[i]!.word } : undefined;
    }
  }
  const earlierClauses = sentence.clauses.filter((c) => c.end <= clause.start).reverse();
  for (const c of earlierClauses) {
    const head = sentence.tokens.filter((t) => t.start >= c.start && t.end <= c.end).slice(0, 3);
    for (const [i, t] of head.entries()) {
      const person = personOf(t.word, head[i + 1]?.word);
      if (person && OBJECT_MARKERS.has(head[i - 1]?.word ?? '')) continue;
      if (person) return person === 'other' ? { reason: 'other-person', because: t.word } : undefined;
    }
  }
  return undefined;
}

/** The alerts of a text and the near misses, passage by passage; `norm` is the normalised text, `tokens` its words. */
export function detectAlerts(
  text: string,
  norm: string,
  tokens: readonly Token[],
  matchers: AlertMatchers,
  bounds: ReadonlySet<number>,
): AlertReport {
  const alerts: Alert[] = [];
  const rejected: NearMiss[] = [];
  let t = 0;
  for (const span of splitSentences(norm)) {
    while (t < tokens.length && tokens[t]!.end <= span.start) t++;
    let u = t;
    while (u < tokens.length && tokens[u]!.start < span.end) u++;
    const sentence: Sentence = { span, tokens: tokens.slice(t, u), clauses: splitClauses(norm, span) };
    const passage: TextSpan = { start: span.start, end: span.end, text: text.slice(span.start, span.end) };
    const domain = matchers.domainTerms.find(norm, span.start, span.end);
    for (const kind of ['stress', 'overtime'] as const) {
      const cues: Cue[] = [];
      for (const match of longestFirst(matchers[kind].find(norm, span.start, span.end))) {
        const cue: Cue = { term: match.term, text: text.slice(match.start, match.end), start: match.start, end: match.end };
        const why = reject(norm, sentence, match, domain, bounds);
        if (why) rejected.push({ kind, passage, cue, ...why });
        else cues.push(cue);
      }
      if (cues.length > 0) alerts.push({ kind, passage, cues });
    }
  }
  return { alerts, rejected };
}
