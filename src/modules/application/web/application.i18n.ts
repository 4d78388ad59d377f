// The module's words: a `t` over the application dictionary (src/modules/application/locales) and the shell's.
import { useMemo } from 'react';
import { useI18n, type Params } from '../../../web/shell/i18n.tsx';
import type { MessageKey } from '../../../web/shell/locales/index.ts';
import type { ApplicationKey } from '../locales/zh-CN.ts';

export type ApplicationT = (key: ApplicationKey | MessageKey, params?: Params) => string;

export function useApplicationI18n() {
  const i18n = useI18n();
  return useMemo(() => {
    const t: ApplicationT = (key, params) => i18n.tx(key, params);
    /** A key built at run time (a state, an event type) that may have no entry: null when it has none. */
    const maybe = (key: string, params?: Params): string | null => {
      const text = i18n.tx(key, params);
      return text === key ? null : text;
    };
    /** Any key built at run time, read as itself when missing. */
    const tk = (key: string, params?: Params): string => i18n.tx(key, params);
    return { ...i18n, t, maybe, tk };
  }, [i18n]);
}
