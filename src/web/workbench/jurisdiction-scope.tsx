// The jurisdiction the staff member is working in: one of those where they hold a grant, chosen in
// the header, remembered in localStorage and offered to every workbench page through context.
import { Select } from 'antd';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { SessionGrant } from '../api/shell.types.ts';
import { useUser } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';

const STORAGE_KEY = 'minsheng.jurisdiction';

export interface ScopeOption {
  id: string;
  nameZh: string;
  nameEn: string;
  roles: SessionGrant['role'][];
}

interface ScopeValue {
  /** The chosen jurisdiction's id; null for a user without grants. */
  current: string | null;
  options: ScopeOption[];
  setCurrent: (id: string) => void;
}

const ScopeContext = createContext<ScopeValue | null>(null);

function optionsFrom(grants: SessionGrant[]): ScopeOption[] {
  const byId = new Map<string, ScopeOption>();
  for (const g of grants) {
    const option = byId.get(g.jurisdictionId) ?? { id: g.jurisdictionId, nameZh: g.jurisdictionNameZh, nameEn: g.jurisdictionNameEn, roles: [] };
    option.roles.push(g.role);
    byId.set(g.jurisdictionId, option);
  }
  return [...byId.values()];
}

export function JurisdictionScopeProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const options = useMemo(() => optionsFrom(user.grants), [user.grants]);
  const [chosen, setChosen] = useState(() => localStorage.getItem(STORAGE_KEY));
  const current = options.find((o) => o.id === chosen)?.id ?? options[0]?.id ?? null;

  const value = useMemo<ScopeValue>(() => ({
    current,
    options,
    setCurrent: (id) => {
      localStorage.setItem(STORAGE_KEY, id);
      setChosen(id);
    },
  }), [current, options]);

  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useJurisdictionScope(): ScopeValue {
  const value = useContext(ScopeContext);
  if (!value) throw new Error('useJurisdictionScope needs a JurisdictionScopeProvider');
  return value;
}

export function JurisdictionSwitcher() {
  const { t, nameOf } = useI18n();
  const { current, options, setCurrent } = useJurisdictionScope();
  if (options.length === 0) return null;
  return (
    <Select
      className="ms-scope-switcher"
      aria-label={t('shell.scope')}
      value={current}
      onChange={setCurrent}
      popupMatchSelectWidth={false}
      options={options.map((o) => ({ value: o.id, label: `${nameOf(o)} · ${o.roles.map((r) => t(`role.${r}`)).join(t('common.listSeparator'))}` }))}
    />
  );
}
