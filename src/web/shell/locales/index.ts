// The languages the shell speaks: 简体 (the default), 繁體 and English. Adding one means a dictionary
// typed as Messages and an entry here; modules add their own dictionaries for it (modules.registry.ts).
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import antdEnModule from 'antd/es/locale/en_US.js';
import antdZhCnModule from 'antd/es/locale/zh_CN.js';
import antdZhTwModule from 'antd/es/locale/zh_TW.js';
import { en } from './en.ts';
import { zhCN, type Messages } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

/**
 * TypeScript (NodeNext) sees antd's locale files as CommonJS and types the default import as the module
 * object; Vite hands over the locale itself. This accepts both.
 */
function antdLocale(module: unknown): AntdLocale {
  const value = module as AntdLocale | { default: AntdLocale };
  return 'default' in value ? value.default : value;
}

export interface LocaleEntry {
  /** The language's own name, shown in the switch. */
  nativeName: string;
  messages: Messages;
  antd: AntdLocale;
  /** Which jurisdiction name to show: the Chinese one or the English one. */
  names: 'zh' | 'en';
}

export const LOCALES = {
  'zh-CN': { nativeName: '简体', messages: zhCN, antd: antdLocale(antdZhCnModule), names: 'zh' },
  'zh-TW': { nativeName: '繁體', messages: zhTW, antd: antdLocale(antdZhTwModule), names: 'zh' },
  en: { nativeName: 'English', messages: en, antd: antdLocale(antdEnModule), names: 'en' },
} satisfies Record<string, LocaleEntry>;

export type LocaleCode = keyof typeof LOCALES;

export const DEFAULT_LOCALE: LocaleCode = 'zh-CN';

export function isLocaleCode(value: string | null): value is LocaleCode {
  return value !== null && Object.hasOwn(LOCALES, value);
}

export type { MessageKey, Messages } from './zh-CN.ts';
