// /portal: the residents' front door, open to all. Modules offer their services as cards (raise a matter,
// follow it by its code, my matters); a signed-in resident also sees who looked at their data.
import { EyeOutlined, LoginOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';
import { useDocumentTitle } from '../shell/page-title.ts';
import { webModules } from '../modules.registry.ts';

export function PortalHomePage() {
  const { t, tx } = useI18n();
  const { session } = useAuth();
  useDocumentTitle(t('portal.home.title'));
  const resident = session.status === 'signed-in' && session.user.kind === 'resident' ? session.user : null;
  const links = webModules.flatMap((m) => m.portalLinks ?? []).filter((l) => resident || !l.signedIn);

  return (
    <>
      <h1 className="ms-portal-title">{resident ? t('portal.home.greeting', { name: resident.displayName }) : t('portal.home.title')}</h1>
      <p className="ms-portal-lead">{t('portal.home.lead')}</p>
      <div className="ms-portal-cards">
        {links.map((link) => (
          <Card key={link.path} className="ms-portal-card">
            <h2 className="ms-card-title"><span className="ms-portal-card-icon" aria-hidden>{link.icon}</span>{tx(link.title)}</h2>
            <p>{tx(link.text)}</p>
            <Link to={link.path} className="ms-big-link">{tx(link.action)}</Link>
          </Card>
        ))}
        {resident ? (
          <Card className="ms-portal-card">
            <h2 className="ms-card-title"><span className="ms-portal-card-icon" aria-hidden><EyeOutlined /></span>{t('portal.dataAccess.title')}</h2>
            <p>{t('portal.dataAccess.lead')}</p>
            <Link to="/portal/data-access" className="ms-big-link">{t('portal.dataAccess.open')}</Link>
          </Card>
        ) : session.status === 'anonymous' && (
          <Card className="ms-portal-card">
            <h2 className="ms-card-title"><span className="ms-portal-card-icon" aria-hidden><LoginOutlined /></span>{t('portal.home.signInTitle')}</h2>
            <p>{t('portal.home.signInText')}</p>
            <Link to="/login?as=resident&next=%2Fportal" className="ms-big-link">{t('portal.signIn')}</Link>
          </Card>
        )}
      </div>
    </>
  );
}
