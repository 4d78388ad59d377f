// The clock an appeal runs on now: what the deadline is for (sign-for, answer, the resident's rating),
// when it falls, and how long is left or how long it has been overdue, refreshed every half minute.
import { ClockCircleOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../../web/shell/format.ts';
import type { AppealState } from '../appeal.api.ts';
import { useAppealI18n, type AppealT } from '../appeal.i18n.ts';

export function clockOf(state: AppealState): 'sign_for' | 'feedback' | 'follow_up' | null {
  if (state === 'dispatched') return 'sign_for';
  if (state === 'registered' || state === 'returned' || state === 'handling') return 'feedback';
  if (state === 'replied' || state === 'followed_up') return 'follow_up';
  return null;
}

export function duration(t: AppealT, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return t('appeal.sla.daysHours', { d: days, h: hours });
  if (hours > 0) return t('appeal.sla.hoursMinutes', { h: hours, m: mins });
  return t('appeal.sla.minutes', { m: mins });
}

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function SlaCountdown({ state, dueAt }: { state: AppealState; dueAt: string | null }) {
  const { t } = useAppealI18n();
  const now = useNow();
  const clock = clockOf(state);
  if (!clock || !dueAt) return <span className="ap-sla ap-sla-none">{t('appeal.sla.none')}</span>;
  const left = new Date(dueAt).getTime() - now;
  const tone = left <= 0 ? 'ap-sla-red' : left <= 24 * 3_600_000 ? 'ap-sla-yellow' : 'ap-sla-ok';
  return (
    <div className={`ap-sla ${tone}`} role="timer" aria-live="off">
      <ClockCircleOutlined aria-hidden />
      <div>
        <div className="ap-sla-what">{t(`appeal.sla.${clock}`)}{t('common.colon')}{formatDateTime(dueAt)}</div>
        <div className="ap-sla-left">{left > 0 ? t('appeal.sla.left', { time: duration(t, left) }) : t('appeal.sla.over', { time: duration(t, left) })}</div>
      </div>
    </div>
  );
}
