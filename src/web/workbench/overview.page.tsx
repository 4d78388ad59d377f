// The workbench home: a welcome, the user's roles and units, and the sections open to them.
import { Card, Col, Row, Tag } from 'antd';
import { Link } from 'react-router';
import { useUser } from '../shell/auth.tsx';
import { useI18n } from '../shell/i18n.tsx';
import { navFor } from './nav.tsx';
import { PageHeader } from './page-header.tsx';

export function OverviewPage() {
  const { t, nameOf } = useI18n();
  const user = useUser();
  const sections = navFor(user.permissions).filter((e) => e.path !== '/workbench');

  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.welcome', { name: user.displayName })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="ms-card-title">{t('overview.roles')}</h2>}>
            {user.grants.length === 0 ? <p>{t('overview.noRoles')}</p> : (
              <ul className="ms-list">
                {user.grants.map((g) => (
                  <li key={`${g.role}@${g.jurisdictionId}`}>
                    <span>{nameOf({ nameZh: g.jurisdictionNameZh, nameEn: g.jurisdictionNameEn })}</span>
                    <Tag>{t(`role.${g.role}`)}</Tag>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="ms-card-title">{t('overview.sections')}</h2>}>
            {sections.length === 0 ? <p>{t('overview.noSections')}</p> : (
              <ul className="ms-list">
                {sections.map((e) => (
                  <li key={e.path}><Link to={e.path}>{e.icon} {t(e.label)}</Link></li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
