// /workbench/calendar: a jurisdiction's working-day calendar for one year, its overrides, a due-date
// calculator on that calendar, and the years of statutory holidays the calendar knows.
import { Alert, Card, Col, Form, Row, Select, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { CalendarYear } from '../../api/shell.types.ts';
import { useLoad } from '../../api/use-load.ts';
import { useCan } from '../../shell/auth.tsx';
import { ErrorAlert } from '../../shell/errors.tsx';
import { shanghaiToday } from '../../shell/format.ts';
import { useI18n } from '../../shell/i18n.tsx';
import { useJurisdictionScope } from '../jurisdiction-scope.tsx';
import { JurisdictionTreeSelect } from '../jurisdiction-tree-select.tsx';
import { PageHeader } from '../page-header.tsx';
import { useJurisdictions } from '../use-jurisdictions.ts';
import { OverrideForm, OverrideImport, OverrideList } from './calendar-overrides.tsx';
import { CalendarLegend, CalendarYearGrid } from './calendar-year.grid.tsx';
import { StatutorySection } from './calendar-statutory.tsx';
import { DueCalculator } from './due-calculator.tsx';
import { useManageableRoots } from './grants.tsx';

/** chinese-days has data from 2004; offer up to two years ahead. */
const FIRST_YEAR = 2004;

export function CalendarPage() {
  const { t } = useI18n();
  const can = useCan();
  const scope = useJurisdictionScope();
  const tree = useJurisdictions();
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [chosen, setChosen] = useState<string | null>(null);
  const jurisdictionId = chosen ?? scope.current ?? tree.roots[0]?.id ?? null;
  const calendar = useLoad(
    () => (jurisdictionId ? api.get<CalendarYear>('/api/calendar', { jurisdictionId, year }) : Promise.resolve(null)),
    [jurisdictionId, year],
  );
  const data = calendar.data && calendar.data.jurisdictionId === jurisdictionId && calendar.data.year === year ? calendar.data : null;
  const canManage = can('calendar.manage');
  // Only the district enters the statutory arrangement.
  const managesDistrict = useManageableRoots(tree.roots, 'calendar.manage').some((n) => n.parentId === null);

  return (
    <>
      <PageHeader title={t('calendar.title')} intro={t('calendar.intro')} />
      <Card className="ms-block">
        <Form name="calendarScope" layout="inline">
          <Form.Item label={t('calendar.field.unit')} htmlFor="calendarScope_unit">
            <JurisdictionTreeSelect id="calendarScope_unit" roots={tree.roots} value={jurisdictionId ?? undefined} onChange={setChosen} className="ms-filter-unit" />
          </Form.Item>
          <Form.Item label={t('calendar.field.year')} htmlFor="calendarScope_year">
            <Select id="calendarScope_year" value={year} onChange={setYear} className="ms-year-select"
              options={Array.from({ length: thisYear + 3 - FIRST_YEAR }, (_, i) => ({ value: FIRST_YEAR + i, label: String(FIRST_YEAR + i) })).reverse()} />
          </Form.Item>
        </Form>
      </Card>
      <ErrorAlert error={calendar.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Card title={<h2 className="ms-card-title">{t('calendar.year', { year })}</h2>}>
            <CalendarLegend />
            {data && !data.covered && <Alert className="ms-form-alert" type="warning" showIcon title={t('calendar.notCovered', { year })} />}
            {data ? <CalendarYearGrid year={year} days={data.days} today={today} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <Card title={<h2 className="ms-card-title">{t('calendar.overrides')}</h2>} className="ms-block">
            {data && <OverrideList overrides={data.overrides} canManage={canManage} onChanged={calendar.reload} />}
            {canManage && jurisdictionId && (
              <Tabs className="ms-block-top" items={[
                { key: 'one', label: t('calendar.override.add'), children: <OverrideForm jurisdictionId={jurisdictionId} onChanged={calendar.reload} /> },
                { key: 'csv', label: t('calendar.import'), children: <OverrideImport jurisdictionId={jurisdictionId} onChanged={calendar.reload} /> },
              ]} />
            )}
          </Card>
          <Card title={<h2 className="ms-card-title">{t('calendar.due')}</h2>}>
            {jurisdictionId && <DueCalculator jurisdictionId={jurisdictionId} />}
          </Card>
        </Col>
      </Row>
      <StatutorySection canEnter={managesDistrict} onSaved={calendar.reload} />
    </>
  );
}
