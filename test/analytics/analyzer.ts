/** One analyzer for a test file: building it loads jieba's dictionary (about a second). */
import { type TextAnalyzer, createTextAnalyzer } from '../../src/analytics';

let shared: TextAnalyzer | undefined;
export const analyzer = (): TextAnalyzer => (shared ??= createTextAnalyzer());
