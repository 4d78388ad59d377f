// A small i18n of our own: a React context holding the language, `t(key, params)` over typed
// dictionaries, antd's locale to match, and <html lang> kept in step.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, LOCALES, isLocaleCode, type LocaleCode, type LocaleEntry, type MessageKey } from './locales/index.ts';

const STORAGE_KEY = 'minsheng.locale';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  locale: LocaleCode;
  entry: LocaleEntry;
  setLocale: (locale: LocaleCode) => void;
  t: Translate;
  /** Picks the Chinese or the English name of a thing that has both. */
  nameOf: (named: { nameZh: string; nameEn: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): LocaleCode {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLocaleCode(stored) ? stored : DEFAULT_LOCALE;
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<LocaleCode>(storedLocale);
  const entry: LocaleEntry = LOCALES[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: LocaleCode) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(() => ({
    locale,
    entry,
    setLocale,
    t: (key, params) => interpolate(entry.messages[key], params),
    nameOf: (named) => (entry.names === 'zh' ? named.nameZh : named.nameEn),
  }), [locale, entry, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider');
  return value;
}
