// Twelve small month tables for one year: holidays, make-up workdays (调休上班), weekends and the
// jurisdiction's own overrides, each in its own colour and spelled out for screen readers.
import type { CalendarDay } from '../../api/shell.types.ts';
import { useI18n } from '../../shell/i18n.tsx';

type DayClass = 'holiday' | 'makeup' | 'weekend' | 'override-workday' | 'override-restday' | 'workday';

const CLASS_OF: Record<CalendarDay['reason'], DayClass> = {
  holiday: 'holiday',
  makeup_workday: 'makeup',
  override_workday: 'override-workday',
  override_restday: 'override-restday',
  weekend: 'weekend',
  weekday: 'workday',
};

/** Monday = 0 … Sunday = 6, for a date given as year, month (0-based), day. */
function mondayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month, day)).getUTCDay() + 6) % 7;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function CalendarYearGrid({ year, days, today }: { year: number; days: CalendarDay[]; today: string }) {
  const { t, locale } = useI18n();
  const special = new Map(days.map((d) => [d.date, d]));
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  const weekday = (format: 'narrow' | 'long') => new Intl.DateTimeFormat(locale, { weekday: format, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));

  return (
    <div className="ms-year-grid">
      {Array.from({ length: 12 }, (_, month) => {
        const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        const lead = mondayIndex(year, month, 1);
        const cells: Array<number | null> = [...Array<null>(lead).fill(null), ...Array.from({ length }, (_, i) => i + 1)];
        while (cells.length % 7) cells.push(null);
        const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
        return (
          <table key={month} className="ms-month">
            <caption>{monthName.format(new Date(Date.UTC(year, month, 1)))}</caption>
            <thead>
              <tr>
                {weekdays.map((d) => (
                  <th key={d.getTime()} scope="col"><abbr title={weekday('long').format(d)}>{weekday('narrow').format(d)}</abbr></th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr key={w}>
                  {week.map((day, i) => {
                    if (day === null) return <td key={i} />;
                    const date = `${year}-${pad(month + 1)}-${pad(day)}`;
                    const info = special.get(date);
                    const kind = info ? CLASS_OF[info.reason] : i >= 5 ? 'weekend' : 'workday';
                    const words = info ? [t(`calendar.reason.${info.reason}`), info.name].filter(Boolean).join(t('common.colon')) : '';
                    return (
                      <td key={i} className={`ms-day ms-day-${kind}${date === today ? ' ms-day-today' : ''}`} title={words || undefined}>
                        {day}
                        {words && <span className="ms-visually-hidden"> {words}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}

export function CalendarLegend() {
  const { t } = useI18n();
  const entries: Array<[DayClass, string]> = [
    ['holiday', t('calendar.reason.holiday')],
    ['makeup', t('calendar.reason.makeup_workday')],
    ['weekend', t('calendar.reason.weekend')],
    ['override-workday', t('calendar.reason.override_workday')],
    ['override-restday', t('calendar.reason.override_restday')],
  ];
  return (
    <ul className="ms-legend" aria-label={t('calendar.legend')}>
      {entries.map(([kind, label]) => (
        <li key={kind}><span className={`ms-legend-swatch ms-day-${kind}`} aria-hidden /> {label}</li>
      ))}
    </ul>
  );
}
