// The elderly-friendly mode (适老化, DOMAIN.md §6): larger text, stronger contrast, bigger targets and
// fewer optional steps. Switched in the portal's header ("无障碍"), remembered on this device, and offered
// to every portal page so that a page may leave out what is optional.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'minsheng.portal.elderly';

interface ElderlyMode {
  elderly: boolean;
  toggle: () => void;
}

const ElderlyContext = createContext<ElderlyMode>({ elderly: false, toggle: () => undefined });

export function ElderlyModeProvider({ children }: { children: ReactNode }) {
  const [elderly, setElderly] = useState(() => localStorage.getItem(STORAGE_KEY) === '1');
  const toggle = useCallback(() => setElderly((on) => {
    localStorage.setItem(STORAGE_KEY, on ? '0' : '1');
    return !on;
  }), []);
  const value = useMemo(() => ({ elderly, toggle }), [elderly, toggle]);
  return <ElderlyContext.Provider value={value}>{children}</ElderlyContext.Provider>;
}

export function useElderlyMode(): ElderlyMode {
  return useContext(ElderlyContext);
}
