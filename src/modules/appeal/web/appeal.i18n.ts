// The module's words: a `t` over the appeal dictionary (src/modules/appeal/locales) and the shell's.
import { useMemo } from 'react';
import { useI18n, type Params } from '../../../web/shell/i18n.tsx';
import type { MessageKey } from '../../../web/shell/locales/index.ts';
import type { AppealKey } from '../locales/zh-CN.ts';

export type AppealT = (key: AppealKey | MessageKey, params?: Params) => string;

export function useAppealI18n() {
  const i18n = useI18n();
  return useMemo(() => {
    const t: AppealT = (key, params) => i18n.tx(key, params);
    /** A key built at run time (a state, an event type) that may have no entry: null when it has none. */
    const maybe = (key: string, params?: Params): string | null => {
      const text = i18n.tx(key, params);
      return text === key ? null : text;
    };
    return { ...i18n, t, maybe };
  }, [i18n]);
}
