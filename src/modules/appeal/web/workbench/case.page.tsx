// /workbench/appeals/:id: one appeal — what the resident asked, where (on a small map), the clock it runs
// on, its reply and rating, every step with who and why, and the actions this staff member may take now
// (from `abilities`), each a button with a key.
import { ArrowLeftOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { useJurisdictions } from '../../../../web/workbench/use-jurisdictions.ts';
import { appealApi, type CaseDetail } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { CaseMap } from '../components/case-map.tsx';
import { ShortcutHelp, useShortcutHelp, useShortcuts, type Shortcut } from '../components/shortcuts.tsx';
import { SlaCountdown } from '../components/sla.tsx';
import { ChannelLabel, EscalatedTag, RatingTag, StateTag, SupervisedTag, WarningTag } from '../components/tags.tsx';
import { isAutomatic, Timeline } from '../components/timeline.tsx';
import { ACTIONS, ActionButton, ActionDialog, useSignFor } from './case-actions.tsx';
import { Photos, RequesterPanel } from './case-page.parts.tsx';
import type { AppealKey } from '../../locales/zh-CN.ts';
import '../appeal.css';

const DUE_SOON_MS = 24 * 3_600_000;

export function CasePage() {
  const { id } = useParams();
  const { t } = useAppealI18n();
  const detail = useLoad(() => appealApi.detail(id!), [id]);
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return missing
      ? <Result status="404" title={<h1 className="ms-result-title">{t('appeal.case.notFound')}</h1>} subTitle={t('appeal.case.notFoundHelp')} extra={<Link to="/workbench/appeals">{t('appeal.case.back')}</Link>} />
      : <ErrorAlert error={detail.error} />;
  }
  if (!detail.data) return <Skeleton active />;
  return <CaseView detail={detail.data} reload={detail.reload} />;
}

function CaseView({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const { t, nameOf } = useAppealI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const appeal = detail.case;
  const data = appeal.data;
  useDocumentTitle(`${appeal.trackingCode} ${appeal.title}`);
  const tree = useJurisdictions();
  const categories = useLoad(() => appealApi.categories(), []);
  const [dialog, setDialog] = useState<string | null>(null);
  const help = useShortcutHelp();

  const done = (type: string) => {
    setDialog(null);
    message.success(t('appeal.action.done', { action: t(`appeal.action.${type}` as AppealKey) }));
    reload();
  };
  const signFor = useSignFor(appeal, done);
  const open = (type: string) => (type === 'sign_for' ? void signFor.run() : setDialog(type));

  const offered = ACTIONS.filter((a) => detail.abilities.includes(a.type));
  const shortcuts: Shortcut[] = [
    ...offered.map((a) => ({ keys: a.key, label: t(`appeal.action.${a.type}` as AppealKey), run: () => open(a.type) })),
    { keys: 'U', label: t('appeal.case.back'), run: () => navigate('/workbench/appeals') },
    { keys: '?', label: t('appeal.shortcuts.show'), run: help.show },
  ];
  useShortcuts(shortcuts);

  const unitName = (unitId: unknown) => {
    const unit = typeof unitId === 'string' ? tree.byId.get(unitId) : undefined;
    return unit ? nameOf(unit) : null;
  };
  const category = categories.data?.find((c) => c.code === data.categoryCode);
  const community = tree.byId.get(appeal.jurisdictionId);
  const street = community?.parentId ? tree.byId.get(community.parentId) : undefined;
  const now = Date.now();
  const owes = appeal.dueAt && !['replied', 'followed_up', 'closed', 'merged', 'withdrawn'].includes(appeal.state);
  const warning = owes ? (new Date(appeal.dueAt!).getTime() <= now ? 'red' : new Date(appeal.dueAt!).getTime() - now <= DUE_SOON_MS ? 'yellow' : null) : null;
  const lastEscalation = detail.timeline.filter((e) => e.type === 'escalated').at(-1);

  return (
    <>
      <p className="ap-back"><Link to="/workbench/appeals"><ArrowLeftOutlined aria-hidden /> {t('appeal.case.back')}</Link></p>
      <div className="ms-page-header">
        <div>
          <h1 className="ms-page-title">{appeal.title}</h1>
          <div className="ap-case-tags">
            <span className="ms-mono">{appeal.trackingCode}</span>
            <StateTag state={appeal.state} />
            <WarningTag warning={warning} />
            <EscalatedTag count={data.escalations ?? 0} auto={lastEscalation ? isAutomatic(lastEscalation) : false} />
            <SupervisedTag on={Boolean(data.supervision)} />
            {appeal.priority === 'urgent' && <span className="ap-urgent">{t('appeal.priority.urgent')}</span>}
          </div>
        </div>
        <Button icon={<QuestionCircleOutlined aria-hidden />} onClick={help.show} aria-keyshortcuts="?">{t('appeal.shortcuts.button')}</Button>
      </div>

      {lastEscalation && isAutomatic(lastEscalation) && appeal.state === 'dispatched' && (
        <Alert className="ms-form-alert" type="error" showIcon role="note" title={t('appeal.case.autoEscalated', { from: unitName(lastEscalation.data.from) ?? t('appeal.timeline.unknownUnit') })}
          description={t('appeal.timeline.reason', { text: String(lastEscalation.data.reason ?? '') })} />
      )}

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={16}>
          <Card className="ap-card" title={<h2 className="ms-card-title">{t('appeal.case.content')}</h2>}>
            <p className="ap-description">{data.description}</p>
            <Photos ids={data.attachmentIds} />
            <Descriptions column={{ xs: 1, md: 2 }} size="small" className="ap-facts" items={[
              { key: 'category', label: t('appeal.field.category'), children: category ? nameOf(category) : data.categoryCode },
              { key: 'class', label: t('appeal.field.slaClass'), children: t(`appeal.slaClass.${data.slaClass}`) },
              { key: 'channel', label: t('appeal.field.channel'), children: <ChannelLabel channel={data.channel} /> },
              { key: 'created', label: t('appeal.field.createdAt'), children: formatDateTime(appeal.createdAt) },
              { key: 'unit', label: t('appeal.field.handlingUnit'), children: unitName(appeal.handlingUnitId) ?? '—' },
              { key: 'level', label: t('appeal.field.level'), children: data.level ? t(`appeal.level.${data.level}` as AppealKey) : '—' },
              { key: 'publish', label: t('appeal.field.publish'), children: data.publish ? t('appeal.case.public') : t('appeal.case.notPublic') },
              ...(data.parentId ? [{ key: 'parent', label: t('appeal.field.mergedInto'), children: <Link to={`/workbench/appeals/${data.parentId}`}>{t('appeal.case.openParent')}</Link> }] : []),
              ...((data.childIds?.length ?? 0) > 0 ? [{ key: 'children', label: t('appeal.field.duplicates'), children: (
                <Space wrap>{data.childIds!.map((c, i) => <Link key={c} to={`/workbench/appeals/${c}`}>{t('appeal.case.duplicateN', { n: i + 1 })}</Link>)}</Space>
              ) }] : []),
            ]} />
          </Card>

          {(data.reply || data.rating) && (
            <Card className="ap-card ap-reply-card" title={<h2 className="ms-card-title">{t('appeal.case.reply')}</h2>}>
              {data.reply && <p className="ap-reply-text">{data.reply.text}</p>}
              {data.reply && <p className="ap-muted">{formatDateTime(data.reply.at)}</p>}
              {data.rating && (
                <p>
                  {t(data.rating.by === 'resident' ? 'appeal.case.ratedByResident' : 'appeal.case.ratedByStaff')} <RatingTag rating={data.rating.value} />
                  {data.rating.comment && <span className="ap-muted"> {t('appeal.timeline.comment', { text: data.rating.comment })}</span>}
                </p>
              )}
            </Card>
          )}

          <Card className="ap-card" title={<h2 className="ms-card-title">{t('appeal.case.timeline')}</h2>}>
            <Timeline events={detail.timeline} unitName={unitName} staff />
          </Card>
        </Col>

        <Col xs={24} xl={8}>
          <Card className="ap-card" title={<h2 className="ms-card-title">{t('appeal.case.clock')}</h2>}>
            <SlaCountdown state={appeal.state} dueAt={appeal.dueAt} />
            {data.extension && (
              <p className="ap-side-line">{t(`appeal.extension.${data.extension.status}`, { days: data.extension.days })}</p>
            )}
            {data.supervision && (
              <div className="ap-side-line">
                <strong>{t('appeal.supervised')}</strong>{t('common.colon')}{data.supervision.note}
                {data.supervision.dueAt && <div className="ap-muted">{t('appeal.timeline.supervisionDue', { at: formatDateTime(data.supervision.dueAt) })}</div>}
              </div>
            )}
          </Card>

          <Card className="ap-card" title={<h2 className="ms-card-title">{t('appeal.case.actions')}</h2>}>
            {offered.length === 0 ? <p className="ap-muted">{t('appeal.case.noActions')}</p> : (
              <div className="ap-actions">
                {offered.map((a) => (
                  <ActionButton key={a.type} type={a.type} icon={a.icon} primary={a.primary} shortcut={a.key}
                    loading={a.type === 'sign_for' && signFor.busy} onClick={() => open(a.type)} />
                ))}
              </div>
            )}
          </Card>

          <Card className="ap-card" title={<h2 className="ms-card-title">{t('appeal.case.place')}</h2>}>
            <CaseMap communityId={appeal.jurisdictionId} point={appeal.lng !== null && appeal.lat !== null ? [appeal.lng, appeal.lat] : null} label={appeal.locationText ?? ''} />
            <p className="ap-side-line">
              {community ? nameOf(community) : '—'}{street ? `（${nameOf(street)}）` : ''}
              {appeal.locationText && appeal.locationText !== community?.nameZh && <><br />{appeal.locationText}</>}
            </p>
          </Card>

          <Card className="ap-card" title={<h2 className="ms-card-title">{t('appeal.case.requester')}</h2>}>
            <RequesterPanel personId={appeal.requesterPersonId} hidden={Boolean(detail.requesterHidden)} channel={data.channel} />
          </Card>
        </Col>
      </Row>

      <ActionDialog type={dialog} appeal={appeal} roots={tree.roots} onClose={() => setDialog(null)} onDone={done} />
      <ShortcutHelp shortcuts={shortcuts} open={help.open} onClose={help.hide} />
    </>
  );
}
