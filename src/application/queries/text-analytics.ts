/**
 * Text analytics of one interview, for those who may read the record: keywords per section and
 * for the whole record, and its sentiment with the words behind every score. Computed from the
 * record as it stands with the company's current word lists; nothing is stored.
 */
import { MAX_TEXT_LENGTH, type InterviewSentiment, type SectionKeywords, type WeightedWord } from '../../analytics';
import type { Viewer } from '../../domain/access';
import { ValidationError } from '../../domain/errors';
import { ANALYTICS_SETTINGS } from '../../projections/analytics.docs';
import { analyzerFor, SETTINGS_ID, textFields, type AnalyticsSettingsDoc } from '../../projections/analytics.projection';
import { toState, type InterviewDoc } from '../../projections/interview.projection';
import type { TextAnalyzer } from '../../analytics';
import type { App } from '../services';
import { visibleInterview, type RecordLoader } from './interviews';

/** The analyzer with the company's word lists as the analytics projection last applied them. */
export async function companyAnalyzer(app: App): Promise<TextAnalyzer> {
  return analyzerFor(await app.readModels.get<AnalyticsSettingsDoc>(ANALYTICS_SETTINGS, SETTINGS_ID));
}

export interface InterviewKeywords {
  readonly interviewId: string;
  readonly version: number;
  readonly keywords: readonly WeightedWord[];
  readonly sections: readonly SectionKeywords[];
}

/** The record's text fields grouped by section (`section` → its texts in template order), as the projection reads them. */
function textsBySection(doc: InterviewDoc): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, text] of textFields(toState(doc).template, doc.sections)) (out[path.slice(0, path.indexOf('.'))] ??= []).push(text);
  return out;
}

export async function interviewKeywords(
  app: App,
  viewer: Viewer,
  interviewId: string,
  topK = 10,
  load?: RecordLoader,
): Promise<InterviewKeywords> {
  if (!Number.isInteger(topK) || topK < 1 || topK > 100)
    throw new ValidationError('topK must be an integer from 1 to 100', 'topK', 'VALUE_OUT_OF_RANGE');
  const doc = await visibleInterview(app, viewer, interviewId, load, 'interviewId');
  const analyzer = await companyAnalyzer(app);
  const texts = textsBySection(doc);
  const sections = analyzer.sectionKeywords(texts, { topK });
  const all = analyzer.keywords(Object.values(texts).flat().join('\n').slice(0, MAX_TEXT_LENGTH), { topK });
  return { interviewId: doc.id, version: doc.version, keywords: all, sections };
}

/** The record's sentiment over its text fields: the same sentences the dashboards score. */
export async function interviewSentiment(
  app: App,
  viewer: Viewer,
  interviewId: string,
  load?: RecordLoader,
): Promise<{ interviewId: string; version: number; sentiment: InterviewSentiment }> {
  const doc = await visibleInterview(app, viewer, interviewId, load, 'interviewId');
  const analyzer = await companyAnalyzer(app);
  return { interviewId: doc.id, version: doc.version, sentiment: analyzer.interviewSentiment(textsBySection(doc)) };
}
