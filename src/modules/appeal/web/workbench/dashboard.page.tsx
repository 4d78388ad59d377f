// /workbench/appeals/dashboard: the leaders' appeal assessment (诉求考评). Over a period of district-local days
// (the last 365 unless chosen; kept in the address, so a view can be shared): the reach's totals as KPI cards,
// the three rates of the units with the most appeals as a bar chart (ECharts, SVG, with the ranking table as
// its text equivalent), every unit ranked by composite score in a sortable table, and the hot issues.
import { Card, Col, DatePicker, Empty, Radio, Row, Skeleton, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { shanghaiToday } from '../../../../web/shell/format.ts';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { appealApi, type DashboardUnit } from '../appeal.api.ts';
import type { UnitRates } from '../../shared/appeal.dashboard.ts';
import { useAppealI18n, type AppealT } from '../appeal.i18n.ts';
import '../appeal.css';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** Units in the chart: the ones with the most appeals (the table has them all). */
const CHART_UNITS = 15;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const THREE_RATES = [
  { key: 'responseRate', color: '#1d4ed8' },
  { key: 'resolutionRate', color: '#15803d' },
  { key: 'satisfactionRate', color: '#b45309' },
] as const;

const KPI_RATES = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReplyRate', 'returnRate', 'reopenRate'] as const satisfies ReadonlyArray<keyof UnitRates>;

const PRESETS = ['30', '90', 'year', '365'] as const;
type Preset = (typeof PRESETS)[number];

function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const end = dayjs(today);
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: end.subtract(Number(preset) - 1, 'day').format('YYYY-MM-DD'), to: today };
}

function percent(value: number | null): string | null {
  return value === null ? null : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

function Figure({ value, t }: { value: string | null; t: AppealT }) {
  return value === null ? <span className="ap-muted">{t('appeal.dashboard.notApplicable')}</span> : <>{value}</>;
}

/** Sorts nullable numbers with the nulls last whichever way the column is sorted. */
function byNumber<K extends keyof DashboardUnit>(key: K) {
  return (a: DashboardUnit, b: DashboardUnit, order?: 'ascend' | 'descend' | null) => {
    const x = a[key] as number | null;
    const y = b[key] as number | null;
    if (x === null || y === null) {
      if (x === y) return 0;
      const last = order === 'descend' ? -1 : 1;
      return x === null ? last : -last;
    }
    return x - y;
  };
}

export function DashboardPage() {
  const { t, nameOf, locale } = useAppealI18n();
  const [params, setParams] = useSearchParams();
  const from = DATE.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DATE.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const loaded = useLoad(() => appealApi.dashboard({ from, to }), [from, to]);
  const data = loaded.data;
  const today = shanghaiToday();
  const preset = PRESETS.find((p) => {
    const range = presetRange(p, today);
    return data && range.from === data.from && range.to === data.to;
  });

  const choose = (range: { from: string; to: string } | null) => {
    const next = new URLSearchParams(params);
    if (range) {
      next.set('from', range.from);
      next.set('to', range.to);
    } else {
      next.delete('from');
      next.delete('to');
    }
    setParams(next, { replace: true });
  };
  const pickerValue: [Dayjs, Dayjs] | null = data ? [dayjs(data.from), dayjs(data.to)] : null;

  const columns = useMemo<TableColumnsType<DashboardUnit>>(() => [
    { key: 'rank', dataIndex: 'rank', title: t('appeal.dashboard.rank'), sorter: byNumber('rank'), defaultSortOrder: 'ascend', render: (rank: number | null) => rank ?? '—', width: 80 },
    { key: 'unit', title: t('appeal.dashboard.unit'), render: (_, u) => nameOf(u), sorter: (a, b) => nameOf(a).localeCompare(nameOf(b), locale) },
    { key: 'score', dataIndex: 'score', title: t('appeal.dashboard.score'), sorter: byNumber('score'), render: (score: number | null) => <Figure t={t} value={score === null ? null : score.toFixed(1)} /> },
    { key: 'received', dataIndex: 'received', title: t('appeal.dashboard.received'), sorter: byNumber('received') },
    ...KPI_RATES.map((key) => ({
      key, dataIndex: key, title: t(`appeal.dashboard.${key}`), sorter: byNumber(key),
      render: (value: number | null) => <Figure t={t} value={percent(value)} />,
    })),
  ], [t, nameOf, locale]);

  return (
    <>
      <PageHeader title={t('appeal.dashboard.title')} intro={t('appeal.dashboard.intro')} />
      <Card className="ms-block">
        <div className="ap-dashboard-period">
          <DatePicker.RangePicker
            value={pickerValue} allowClear={false} aria-label={t('appeal.dashboard.period')}
            onChange={(v) => v?.[0] && v[1] && choose({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          />
          <Radio.Group
            aria-label={t('appeal.dashboard.preset')} optionType="button" value={preset ?? null}
            onChange={(e) => choose(presetRange(e.target.value as Preset, today))}
            options={PRESETS.map((p) => ({ value: p, label: t(`appeal.dashboard.preset.${p}`) }))}
          />
        </div>
        {data && <p className="ap-muted ap-dashboard-period-text" data-testid="dashboard-period">{t('appeal.dashboard.periodText', { from: data.from, to: data.to })}</p>}
      </Card>
      <ErrorAlert error={loaded.error} />
      {!data ? (loaded.error ? null : <Skeleton active />) : (
        <>
          <Card className="ms-block" title={<h2 className="ms-card-title">{t('appeal.dashboard.totals')}</h2>}>
            <dl className="ap-kpis">
              <div className="ap-kpi" data-testid="kpi-received">
                <dt>{t('appeal.dashboard.received')}</dt>
                <dd className="ap-kpi-value">{data.totals.received}</dd>
              </div>
              <div className="ap-kpi ap-kpi-score" data-testid="kpi-score">
                <dt>{t('appeal.dashboard.score')}</dt>
                <dd className="ap-kpi-value"><Figure t={t} value={data.totals.score === null ? null : data.totals.score.toFixed(1)} /></dd>
              </div>
              {KPI_RATES.map((key) => (
                <div className="ap-kpi" key={key} data-testid={`kpi-${key}`}>
                  <dt>{t(`appeal.dashboard.${key}`)}</dt>
                  <dd className="ap-kpi-value"><Figure t={t} value={percent(data.totals[key])} /></dd>
                  <dd className="ap-kpi-hint">{t(`appeal.dashboard.hint.${key}`)}</dd>
                </div>
              ))}
            </dl>
            <p className="ap-muted ap-dashboard-weights">
              {t('appeal.dashboard.weights', { response: percent(data.weights.response)!, resolution: percent(data.weights.resolution)!, satisfaction: percent(data.weights.satisfaction)! })}
            </p>
          </Card>
          {data.units.length === 0 ? <Empty description={t('appeal.dashboard.none')} /> : (
            <>
              <Row gutter={[16, 16]} className="ms-block">
                <Col xs={24} xl={16}>
                  <ThreeRatesChart units={data.units} />
                </Col>
                <Col xs={24} xl={8}>
                  <Card title={<h2 className="ms-card-title">{t('appeal.dashboard.hotIssues')}</h2>}>
                    <ol className="ap-hot-issues" data-testid="hot-issues">
                      {data.hotIssues.map((h) => (
                        <li key={h.categoryCode}>
                          <span className="ap-hot-name">{nameOf(h)}</span>
                          <span className="ap-hot-count">{t('appeal.dashboard.hotIssue', { count: h.count, share: percent(h.share) ?? '—' })}</span>
                          <span className="ap-hot-bar" aria-hidden="true"><span style={{ width: `${Math.round((h.share ?? 0) * 100)}%` }} /></span>
                        </li>
                      ))}
                    </ol>
                  </Card>
                </Col>
              </Row>
              <Card title={<h2 className="ms-card-title">{t('appeal.dashboard.ranking')}</h2>}>
                <Table<DashboardUnit>
                  className="ap-ranking" rowKey="unitId" dataSource={data.units} columns={columns} size="middle"
                  pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
                  showSorterTooltip={false}
                />
                <p className="ap-muted ap-dashboard-note">{t('appeal.dashboard.rankingCaption')}</p>
              </Card>
            </>
          )}
        </>
      )}
    </>
  );
}

function ThreeRatesChart({ units }: { units: DashboardUnit[] }) {
  const { t, nameOf } = useAppealI18n();
  const ref = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => [...units].sort((a, b) => b.received - a.received || (b.score ?? -1) - (a.score ?? -1)).slice(0, CHART_UNITS), [units]);
  const n = shown.length;
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      // Our own description, not ECharts' generated one (which reads the category indexes out as data).
      aria: { enabled: true, label: { description: t('appeal.dashboard.chart', { n }) } },
      // No growing bars: the figures are there at once (and motion stays out of the way of those who avoid it).
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      legend: { top: 0, textStyle: { color: '#262626' } },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: shown.map((u) => nameOf(u)), axisLabel: { interval: 0, rotate: n > 6 ? 30 : 0, color: '#262626' } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: '#262626', formatter: '{value}%' } },
      series: THREE_RATES.map((s) => ({
        type: 'bar', barMaxWidth: 28, name: t(`appeal.dashboard.${s.key}`), itemStyle: { color: s.color },
        data: shown.map((u) => (u[s.key] === null ? null : Math.round(u[s.key]! * 1000) / 10)),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [shown, n, t, nameOf]);
  return (
    <Card title={<h2 className="ms-card-title">{t('appeal.dashboard.chartTitle', { n })}</h2>}>
      <div ref={ref} className="ap-dashboard-chart" role="img" aria-label={t('appeal.dashboard.chart', { n })} />
    </Card>
  );
}
