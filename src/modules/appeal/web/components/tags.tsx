// Small labels of an appeal: its state, its warning (yellow: due within a day; red: overdue),
// escalation, supervision, channel and rating. Colours are chosen for 4.5:1 contrast, not antd's presets.
import { ClockCircleOutlined, ExclamationCircleOutlined, RiseOutlined, EyeOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { AppealState, Channel, Rating } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import type { AppealKey } from '../../locales/zh-CN.ts';

const STATE_TONE: Record<AppealState, string> = {
  registered: 'purple', dispatched: 'orange', handling: 'blue', returned: 'red', replied: 'cyan',
  followed_up: 'green', closed: 'grey', merged: 'grey', withdrawn: 'grey',
};

export function StateTag({ state }: { state: AppealState }) {
  const { t } = useAppealI18n();
  return <Tag className={`ap-tag ap-tag-${STATE_TONE[state] ?? 'grey'}`}>{t(`appeal.state.${state}` as AppealKey)}</Tag>;
}

export function WarningTag({ warning }: { warning: 'yellow' | 'red' | null }) {
  const { t } = useAppealI18n();
  if (!warning) return null;
  return warning === 'red'
    ? <Tag className="ap-tag ap-tag-red-solid" icon={<ExclamationCircleOutlined aria-hidden />}>{t('appeal.warning.red')}</Tag>
    : <Tag className="ap-tag ap-tag-yellow" icon={<ClockCircleOutlined aria-hidden />}>{t('appeal.warning.yellow')}</Tag>;
}

/** `auto`: the deadline engine handed it up because the level below let its clock run out. */
export function EscalatedTag({ count, auto }: { count: number; auto?: boolean | undefined }) {
  const { t } = useAppealI18n();
  if (count <= 0) return null;
  return (
    <Tag className={auto ? 'ap-tag ap-tag-red' : 'ap-tag ap-tag-purple'} icon={<RiseOutlined aria-hidden />}>
      {auto ? t('appeal.escalated.auto') : t('appeal.escalated.count', { n: count })}
    </Tag>
  );
}

export function SupervisedTag({ on }: { on: boolean }) {
  const { t } = useAppealI18n();
  return on ? <Tag className="ap-tag ap-tag-purple" icon={<EyeOutlined aria-hidden />}>{t('appeal.supervised')}</Tag> : null;
}

export function ChannelLabel({ channel }: { channel: Channel }) {
  const { t } = useAppealI18n();
  return <>{t(`appeal.channel.${channel}` as AppealKey)}</>;
}

export function RatingTag({ rating }: { rating: Rating | null | undefined }) {
  const { t } = useAppealI18n();
  if (!rating) return null;
  const tone = rating === 'unsatisfied' ? 'red' : rating === 'satisfied' ? 'green' : 'blue';
  return <Tag className={`ap-tag ap-tag-${tone}`}>{t(`appeal.rating.${rating}` as AppealKey)}</Tag>;
}
