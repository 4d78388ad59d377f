// Which years the working-day calendar has statutory holidays for (GET /api/calendar/statutory), loaded
// once for the workbench: the layout warns while next year's arrangement is missing, and the calendar
// page lists the years and asks again after one is entered.
import { Alert } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { StatutoryYears } from '../api/shell.types.ts';
import { useLoad, type Loaded } from '../api/use-load.ts';
import { useCan } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';

const StatutoryContext = createContext<Loaded<StatutoryYears | null> | null>(null);

export function StatutoryYearsProvider({ children }: { children: ReactNode }) {
  const readable = useCan()('calendar.read');
  const loaded = useLoad(() => (readable ? api.get<StatutoryYears>('/api/calendar/statutory') : Promise.resolve(null)), [readable]);
  return <StatutoryContext.Provider value={loaded}>{children}</StatutoryContext.Provider>;
}

/** The statutory years (null for a user who may not read the calendar), with `reload` after a change. */
export function useStatutoryYears(): Loaded<StatutoryYears | null> {
  const value = useContext(StatutoryContext);
  if (!value) throw new Error('useStatutoryYears needs a StatutoryYearsProvider');
  return value;
}

/** The warning above every workbench page while next year's holiday arrangement has not been entered. */
export function StatutoryWarning() {
  const { t } = useI18n();
  const can = useCan();
  const { data } = useStatutoryYears();
  if (!data?.warnNextYear) return null;
  // The server names the missing year (its clock decides, not the browser's).
  const year = data.nextYear;
  return (
    <Alert
      className="ms-banner"
      type="warning"
      showIcon
      role="status"
      title={t('statutory.warning', { year })}
      action={can('calendar.manage') && <Link to="/workbench/calendar#statutory">{t('statutory.warning.enter', { year })}</Link>}
    />
  );
}
