/**
 * How the catalog's words read to HR: field types, section kinds, job categories, levels and
 * roles in the person's language, a localized label, and a place in a definition (the
 * validator's path, e.g. `sections[1].fields[0].items[2].type`) in words.
 */
import type { Localized } from '../../../src/domain/interview/template';
import type { Locale, Translate } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { asList, asRecord, asText, parsePath } from './definition';

export const loc = (label: unknown, locale: Locale): string => {
  const l = asRecord(label) as Partial<Localized>;
  const zh = typeof l.zh === 'string' ? l.zh.trim() : '';
  const en = typeof l.en === 'string' ? l.en.trim() : '';
  return locale === 'en' ? en || zh : zh || en;
};

/** A key of one of the catalog's word lists, or the raw value when it is not one of them. */
export function word(t: Translate, group: 'fieldType' | 'kind' | 'category' | 'level' | 'party' | 'signer', value: string): string {
  const key = `hrtpl.${group}.${value}` as MessageKey;
  const text = t(key);
  return text === undefined ? value : text;
}

const ATTRIBUTES = new Set([
  'name',
  'label',
  'categories',
  'levels',
  'defaultFlowId',
  'pinnedFlow',
  'active',
  'requiredSignatures',
  'vagueHighlights',
  'minCaseChars',
  'planHorizonDays',
  'keywords',
  'kind',
  'required',
  'type',
  'fillers',
  'options',
  'refTo',
  'min',
  'max',
  'maxLength',
  'maxItems',
  'idPrefix',
  'departments',
  'actors',
  'completedBy',
  'edits',
  'dueInDays',
  'signing',
  'evaluatesNeeds',
  'key',
  'items',
  'fields',
  'sections',
  'steps',
  'dimensions',
  'appliesTo',
  'rules',
  'id',
]);

export const attributeLabel = (t: Translate, attribute: string): string =>
  ATTRIBUTES.has(attribute) ? t(`hrtpl.attr.${attribute}` as MessageKey) : attribute;

/**
 * The validator's path in words, from the draft's own labels: 章节「工作亮点与成绩」› 字段「亮点」›
 * 子字段「相关数据」› 字段类型. Unknown shapes fall back to the path itself.
 */
export function describePath(field: string, draft: unknown, t: Translate, locale: Locale): string {
  const parts = parsePath(field);
  const out: string[] = [];
  let at: unknown = draft;
  let container: string | null = null;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === 'number') {
      const entry = asList(at)[part];
      const name = loc(asRecord(entry).label, locale) || asText(asRecord(entry).key);
      const scope =
        container === 'sections'
          ? 'section'
          : container === 'fields'
            ? 'field'
            : container === 'items'
              ? 'item'
              : container === 'dimensions'
                ? 'dimension'
                : container === 'steps'
                  ? 'step'
                  : null;
      out.pop(); // "sections" itself reads as the entry
      out.push(
        scope && name ? t(`hrtpl.where.${scope}` as MessageKey, { name }) : t('hrtpl.where.entry', { n: part + 1, list: container ?? '' }),
      );
      at = entry;
      container = null;
      continue;
    }
    if (part === 'zh' || part === 'en') out.push(t(part === 'zh' ? 'hrtpl.where.zh' : 'hrtpl.where.en'));
    else out.push(attributeLabel(t, part));
    container = part;
    at = asRecord(at)[part];
  }
  return out.length > 0 ? out.join(t('hrtpl.where.sep')) : field;
}
