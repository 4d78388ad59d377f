// The clock an application runs on, in working days (the statutory calendar of the handling unit, as the
// server counts them): when the period ends, how many working days are left or how many it is overdue,
// and whether it is paused (hearing, testing, expert) or over because a decision was made.
import { CheckCircleOutlined, ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { OPEN_STATES, type ApplicationState, type Clock } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';

export function WorkingDayClock({ state, clock, deemedApproval }: { state: ApplicationState; clock: Clock; deemedApproval: boolean }) {
  const { t } = useApplicationI18n();
  if (!OPEN_STATES.includes(state)) {
    return (
      <div className="sp-clock sp-clock-done" role="status">
        <CheckCircleOutlined aria-hidden />
        <div>{t('application.clock.stopped')}</div>
      </div>
    );
  }
  if (clock.paused || state === 'paused') {
    return (
      <div className="sp-clock sp-clock-paused" role="status">
        <PauseCircleOutlined aria-hidden />
        <div>
          <div className="sp-clock-big">{t('application.clock.paused')}</div>
          <div>{t('application.clock.pausedHelp')}</div>
        </div>
      </div>
    );
  }
  const left = clock.workingDaysLeft;
  const over = clock.overdue || (left !== null && left < 0);
  const tone = over ? 'sp-clock-red' : left !== null && left <= 2 ? 'sp-clock-yellow' : '';
  const phase = clock.phase === 'acceptance' ? 'application.clock.acceptance' : 'application.clock.decision';
  return (
    <div className={`sp-clock ${tone}`} role="timer" aria-live="off">
      {over ? <WarningOutlined aria-hidden /> : <ClockCircleOutlined aria-hidden />}
      <div>
        <div>{t(phase)}</div>
        <div className="sp-clock-big" data-testid="working-days">
          {left === null ? '—' : over ? t('application.clock.overdue', { n: Math.abs(left) }) : left === 0 ? t('application.clock.today') : t('application.clock.left', { n: left })}
        </div>
        {clock.dueAt && <div>{t('application.clock.dueAt', { at: formatDateTime(clock.dueAt) })}</div>}
        {over && <div>{deemedApproval ? t('application.clock.overDeemed') : t('application.clock.overFlagged')}</div>}
      </div>
    </div>
  );
}
