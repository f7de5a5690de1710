/**
 * The console's languages: 中文 (zh-CN, the default) and English. `useI18n()` gives the
 * current locale, `t(key, params)` and the switch; the choice is kept in localStorage.
 * Antd's own texts (pagination, empty states, date pickers) follow through ConfigProvider.
 */
import { ConfigProvider } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, zhCN, type MessageKey } from './messages';

export type Locale = 'zh-CN' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const TABLES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'interview-ledger.locale';

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = TABLES[locale][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n>({ locale: 'zh-CN', t: (key, params) => translate('zh-CN', key, params), setLocale: () => {} });

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setState] = useState<Locale>(() => initial ?? storedLocale());
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);
  const value = useMemo<I18n>(() => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }), [locale, setLocale]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? antdEn : antdZh}>{children}</ConfigProvider>
    </I18nContext.Provider>
  );
}

export const useI18n = () => useContext(I18nContext);
