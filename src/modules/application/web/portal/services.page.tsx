// /portal/services: the service catalogue for residents — search in names, contents and materials, or
// browse by level (community, street, district); each service leads to its six disclosures.
import { SearchOutlined } from '@ant-design/icons';
import { Card, Empty, Input, Segmented, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { applicationApi, LEVELS, type Level } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { DeemedTag, OnlineTag } from '../components/tags.tsx';
import '../application.css';

export function ServicesPage() {
  const { t, tk, nameOf } = useApplicationI18n();
  useDocumentTitle(t('application.services.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const level = (LEVELS as readonly string[]).includes(params.get('level') ?? '') ? (params.get('level') as Level) : undefined;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const list = useLoad(() => applicationApi.services({ q: q || undefined, level }), [q, level]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{t('application.services.title')}</h1>
      <p className="ms-portal-lead">{t('application.services.lead')}</p>
      <Card className="ms-portal-card">
        <div className="sp-search" role="search">
          <Input.Search
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            placeholder={t('application.services.searchPlaceholder')}
            aria-label={t('application.services.search')}
            enterButton={<span><SearchOutlined aria-hidden /> {t('application.services.searchButton')}</span>}
            size="large"
            allowClear
          />
        </div>
        <Segmented
          aria-label={t('application.service.level')}
          value={level ?? 'all'}
          onChange={(v) => update({ level: v === 'all' ? undefined : String(v) })}
          options={[{ value: 'all', label: t('application.services.allLevels') }, ...LEVELS.map((l) => ({ value: l, label: tk(`application.level.${l}`) }))]}
        />
      </Card>
      <ErrorAlert error={list.error} />
      {!list.data ? <Card className="ms-portal-card"><Skeleton active /></Card> : list.data.length === 0 ? (
        <Card className="ms-portal-card"><Empty description={q ? t('application.services.noneFor', { q }) : t('application.services.none')} /></Card>
      ) : (
        <>
          <p className="sp-muted" role="status">{t('application.services.count', { n: list.data.length })}</p>
          <ul className="sp-service-list">
            {list.data.map((s) => (
              <li key={s.code}>
                <Card className="ms-portal-card">
                  <div className="sp-service-head">
                    <Link to={`/portal/services/${s.code}`} className="sp-service-title">{nameOf(s)}</Link>
                    <span className="sp-service-facts">
                      <OnlineTag online={s.online} />
                      <DeemedTag on={s.deemedApproval} />
                    </span>
                  </div>
                  <p className="sp-help">{s.content.length > 90 ? `${s.content.slice(0, 90)}…` : s.content}</p>
                  <p className="sp-muted">
                    {tk(`application.level.${s.level}`)} · {t('application.services.promised', { n: s.promisedDays })} · {s.fees}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
