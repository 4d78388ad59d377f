// A small i18n of our own: a React context holding the language, `t(key, params)` over typed
// dictionaries, antd's locale to match, and <html lang> kept in step. Modules bring dictionaries of
// their own (modules.registry.ts), merged under the shell's; `tx` looks up any key, shell or module.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { webModules } from '../modules.registry.ts';
import { DEFAULT_LOCALE, LOCALES, isLocaleCode, type LocaleCode, type LocaleEntry, type MessageKey } from './locales/index.ts';

const STORAGE_KEY = 'minsheng.locale';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  locale: LocaleCode;
  entry: LocaleEntry;
  setLocale: (locale: LocaleCode) => void;
  t: Translate;
  /** Any key of the shell's or a module's dictionary (modules wrap it in a typed helper); an unknown key reads as itself. */
  tx: (key: string, params?: Params) => string;
  /** Picks the Chinese or the English name of a thing that has both. */
  nameOf: (named: { nameZh: string; nameEn: string }) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): LocaleCode {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLocaleCode(stored) ? stored : DEFAULT_LOCALE;
}

/** The shell's dictionary for a language over the modules' (a module's key never hides a shell key). */
export function messagesFor(locale: LocaleCode): Record<string, string> {
  return Object.assign({}, ...webModules.map((m) => m.messages[locale]), LOCALES[locale].messages);
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

  const messages = useMemo(() => messagesFor(locale), [locale]);

  const value = useMemo<I18nValue>(() => ({
    locale,
    entry,
    setLocale,
    t: (key, params) => interpolate(messages[key] ?? key, params),
    tx: (key, params) => interpolate(messages[key] ?? key, params),
    nameOf: (named) => (entry.names === 'zh' ? named.nameZh : named.nameEn),
  }), [locale, entry, setLocale, messages]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider');
  return value;
}
