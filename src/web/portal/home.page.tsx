// /portal: the resident's home. The portal proper (appeals, applications, answers) comes later.
import { EyeOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { Link } from 'react-router';
import { useUser } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';
import { useDocumentTitle } from '../shell/page-title.ts';

export function PortalHomePage() {
  const { t } = useI18n();
  const user = useUser();
  useDocumentTitle(t('portal.home.title'));
  return (
    <>
      <h1 className="ms-portal-title">{t('portal.home.greeting', { name: user.displayName })}</h1>
      <p className="ms-portal-lead">{t('portal.home.lead')}</p>
      <Card className="ms-portal-card">
        <h2 className="ms-card-title">{t('portal.dataAccess.title')}</h2>
        <p>{t('portal.dataAccess.lead')}</p>
        <Link to="/portal/data-access" className="ms-big-link"><EyeOutlined aria-hidden /> {t('portal.dataAccess.open')}</Link>
      </Card>
    </>
  );
}
