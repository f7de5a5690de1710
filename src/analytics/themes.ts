/**
 * Themes: the concerns people raise, whatever words they use. 设备老化, 机器太旧 and
 * 老设备频繁停机 are one theme, 设备老化. The table maps a theme to its seed terms (literal
 * phrases, or "A…B" for A then B in one clause: 机器…旧 covers 机器太旧 and 机器都很旧). A
 * passage raises a theme when one of its terms is found on word boundaries of the segmented text.
 */
import { ValidationError } from '../domain/errors';
import { normalizeText } from './normalize';
import type { Match } from './patterns';
import { MAX_THEMES, checkWordList } from './word-lists';

/** A theme and the terms (seed words and synonyms) that raise it. */
export interface ThemeDefinition {
  readonly theme: string;
  readonly terms: readonly string[];
}

/** The themes a passage raises, with the words that matched. */
export interface ThemeHit {
  readonly theme: string;
  readonly matches: readonly Match[];
}

export const DEFAULT_THEMES: readonly ThemeDefinition[] = [
  {
    theme: '设备老化',
    terms: ['设备老化', '机器老化', '设备陈旧', '设备…旧', '机器…旧', '老设备', '旧设备', '修了又坏', '频繁停机', '经常停机', '配件…难买'],
  },
  { theme: '设备维护', terms: ['设备维护', '维护不到位', '预防性维护', '保养', '点检', '润滑不及时', '设备部', '维修'] },
  {
    theme: '原材料短缺',
    terms: ['原材料短缺', '原材料不足', '物料短缺', '缺料', '等料', '断料', '来料不及时', '来料不稳定', '供应商…延迟', '发错料'],
  },
  { theme: '停线', terms: ['停线', '停产', '产线空转', '停机'] },
  { theme: '换模', terms: ['换模', '换型', '换线'] },
  { theme: '良品率', terms: ['良品率', '一次合格率', '合格率', '不良率', '返工', '报废', '退回…货', '质量警告'] },
  { theme: '需求变更', terms: ['需求变更', '改需求', '加需求', '需求…变', '图纸…改', '排期…打乱', '需求冻结'] },
  { theme: '回款', terms: ['回款', '拖款', '欠款', '催款', '账期', '到账'] },
  { theme: '加班', terms: ['加班', '熬夜', '通宵', '996', '周末…在公司', '连轴转', '加了…班'] },
  {
    theme: '工作压力',
    terms: ['压力…大', '焦虑', '扛不住', '撑不下去', '身心俱疲', '心累', '失眠', '睡不好', '睡不着', '喘不过气', 'burnout'],
  },
  { theme: '离职意向', terms: ['想离职', '想辞职', '想换…岗位', '有人…离职'] },
  { theme: '人手不足', terms: ['人手不够', '人手不足', '缺人', '忙不过来', '排不过来', '一个人…三台', '人…不够'] },
  { theme: '培训需求', terms: ['培训', '学习机会', '外部培训', '指导'] },
  { theme: '沟通协作', terms: ['沟通成本', '跨部门', '推来推去', '拉…开会', '协调', '沟通'] },
  { theme: '系统与工具', terms: ['系统…卡顿', '卡顿', '环境…挂', '测试环境', '系统故障', '服务器', '录音系统'] },
  { theme: '客户投诉', terms: ['投诉', '客诉', '差评', '被客户骂', '恶意投诉'] },
  { theme: '薪酬激励', terms: ['工资', '薪酬', '提成', '奖金', '不成正比', '付款方式'] },
];

export interface CompiledTheme {
  readonly theme: string;
  readonly terms: readonly string[];
}

/** The default table extended by the caller's: a theme the caller names again gets the extra terms. */
export function buildThemeTable(extra: unknown = []): CompiledTheme[] {
  if (!Array.isArray(extra)) throw new ValidationError('themes must be a list of { theme, terms }', 'themes');
  if (extra.length > MAX_THEMES) {
    throw new ValidationError(`themes has ${extra.length} themes; at most ${MAX_THEMES}`, 'themes', 'ANALYTICS_WORD_LIST_TOO_LARGE');
  }
  const table = new Map<string, string[]>(DEFAULT_THEMES.map((t) => [t.theme, [...t.terms]]));
  const named = new Set<string>();
  extra.forEach((entry: unknown, i) => {
    const at = `themes[${i}]`;
    const def = entry as Partial<ThemeDefinition> | null;
    if (!def || typeof def !== 'object' || typeof def.theme !== 'string') {
      throw new ValidationError(`${at} must be { theme, terms }`, at, 'ANALYTICS_WORD_INVALID');
    }
    const [theme] = checkWordList([def.theme], `${at}.theme`);
    if (named.has(theme!)) throw new ValidationError(`${at}: theme "${def.theme}" is defined twice`, at, 'ANALYTICS_WORD_DUPLICATE');
    named.add(theme!);
    const terms = checkWordList(def.terms, `${at}.terms`);
    if (terms.length > MAX_THEMES) {
      throw new ValidationError(
        `${at}.terms has ${terms.length} terms; at most ${MAX_THEMES}`,
        `${at}.terms`,
        'ANALYTICS_WORD_LIST_TOO_LARGE',
      );
    }
    const merged = table.get(theme!) ?? [];
    for (const t of terms) if (!merged.includes(t)) merged.push(t);
    table.set(theme!, merged);
  });
  if (table.size > MAX_THEMES) {
    throw new ValidationError(`the theme table has ${table.size} themes; at most ${MAX_THEMES}`, 'themes', 'ANALYTICS_WORD_LIST_TOO_LARGE');
  }
  return [...table].map(([theme, terms]) => ({ theme: normalizeText(theme), terms }));
}
