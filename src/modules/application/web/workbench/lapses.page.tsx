// /workbench/applications/lapses: for leaders, which units decide on time and which let deadlines lapse —
// per unit over a period: decided on time, decided late, granted by the deemed-approval rule because no
// decision came, and overdue now. A bar chart (ECharts, SVG, with the table as its text equivalent).
import { DatePicker, Empty, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { applicationApi, type LapseRow } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import '../application.css';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

const SERIES = [
  { key: 'onTime', color: '#389e0d' },
  { key: 'late', color: '#d46b08' },
  { key: 'deemedApproved', color: '#c41d1d' },
  { key: 'overdueNow', color: '#722ed1' },
] as const;

export function LapsesPage() {
  const { t, tk, nameOf } = useApplicationI18n();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const tree = useJurisdictions();
  const loaded = useLoad(() => applicationApi.lapses({ from, to }), [from, to]);
  // Units named in the reader's language from the jurisdiction tree (the report names them in Chinese).
  const data = useMemo(() => loaded.data?.map((r) => {
    const unit = tree.byId.get(r.unitId);
    return unit ? { ...r, unitName: nameOf(unit) } : r;
  }), [loaded.data, tree.byId, nameOf]);
  const rows = { data, error: loaded.error };
  const label = useCallback((key: string) => tk(`application.lapses.${key}`), [tk]);

  return (
    <>
      <PageHeader title={t('application.lapses.title')} intro={t('application.lapses.intro')}
        extra={<DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} aria-label={t('application.lapses.period')} allowEmpty={[true, true]} />} />
      <ErrorAlert error={rows.error} />
      {!rows.data ? <Skeleton active /> : rows.data.length === 0 ? <Empty description={t('application.lapses.none')} /> : (
        <>
          <LapseChart rows={rows.data} label={label} title={t('application.lapses.chart')} />
          <div className="sp-table-wrap">
            <table className="sp-inbox">
              <caption className="ms-visually-hidden">{t('application.lapses.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('application.field.unit')}</th>
                  {SERIES.map((s) => <th scope="col" key={s.key}>{tk(`application.lapses.${s.key}`)}</th>)}
                  <th scope="col">{t('application.lapses.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.map((r) => {
                  const decided = r.onTime + r.late + r.deemedApproved;
                  return (
                    <tr key={r.unitId} className={r.deemedApproved + r.overdueNow > 0 ? 'sp-row sp-row-red' : 'sp-row'}>
                      <th scope="row">{r.unitName}</th>
                      <td>{r.onTime}</td>
                      <td>{r.late}</td>
                      <td>{r.deemedApproved}</td>
                      <td>{r.overdueNow}</td>
                      <td>{decided === 0 ? '—' : `${Math.round((r.onTime / decided) * 1000) / 10}%`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function LapseChart({ rows, label, title }: { rows: LapseRow[]; label: (key: string) => string; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true },
      // No growing bars: the figures are there at once (and motion stays out of the way of those who avoid it).
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#262626' } },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.unitName), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, color: '#262626' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#262626' } },
      series: SERIES.map((s) => ({ type: 'bar', barMaxWidth: 56, name: label(s.key), stack: s.key === 'overdueNow' ? 'now' : 'decided', itemStyle: { color: s.color }, data: rows.map((r) => r[s.key]) })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rows, label]);
  return <div ref={ref} className="sp-lapses-chart" role="img" aria-label={title} />;
}
