// Small labels of an application: its state (「超时默许，视为准予」 reads as a grant), its service's level,
// and the deemed-approval flag. Colours are chosen for 4.5:1 contrast, not antd's presets.
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ApplicationState } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';

const STATE_TONE: Record<ApplicationState, string> = {
  submitted: 'purple', materials_incomplete: 'orange', resubmitted: 'purple', under_review: 'blue', paused: 'grey',
  approved: 'green', rejected: 'red', deemed_approved: 'green', withdrawn: 'grey',
};

export function StateTag({ state, overdue }: { state: ApplicationState; overdue?: boolean | undefined }) {
  const { tk, t } = useApplicationI18n();
  return (
    <>
      <Tag className={`sp-tag sp-tag-${STATE_TONE[state] ?? 'grey'}`}>{tk(`application.state.${state}`)}</Tag>
      {overdue && <Tag className="sp-tag sp-tag-red-solid" icon={<ExclamationCircleOutlined aria-hidden />}>{t('application.overdue')}</Tag>}
    </>
  );
}

export function DeemedTag({ on }: { on: boolean }) {
  const { t } = useApplicationI18n();
  return on ? <Tag className="sp-tag sp-tag-green" icon={<CheckCircleOutlined aria-hidden />}>{t('application.deemed.tag')}</Tag> : null;
}

export function OnlineTag({ online }: { online: boolean }) {
  const { t } = useApplicationI18n();
  return online
    ? <Tag className="sp-tag sp-tag-blue">{t('application.service.online')}</Tag>
    : <Tag className="sp-tag sp-tag-orange">{t('application.service.counterOnly')}</Tag>;
}
