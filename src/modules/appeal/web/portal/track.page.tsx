// /portal/track and /portal/track/:code: follow an appeal by its tracking code — open to anyone, public
// steps only. The resident who raised it, once signed in, also rates the reply or reopens it here.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { useAuth } from '../../../../web/shell/auth.tsx';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { appealApi, type CaseDetail, type TimelineEvent, type Tracked } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { RatingTag, StateTag } from '../components/tags.tsx';
import { Timeline } from '../components/timeline.tsx';
import { ResidentActions } from './resident-actions.tsx';
import '../appeal.css';

const CODE = /^[A-Za-z]{2}\d{6}-[0-9A-Za-z]{6}$/;

export function TrackPage() {
  const { t } = useAppealI18n();
  const { code } = useParams();
  const navigate = useNavigate();
  useDocumentTitle(code ? t('appeal.track.titleFor', { code: code.toUpperCase() }) : t('appeal.track.title'));
  const [form] = Form.useForm<{ code: string }>();

  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{code ? t('appeal.track.titleFor', { code: code.toUpperCase() }) : t('appeal.track.title')}</h1>
      <Card className="ms-portal-card">
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ code: code ?? '' }} key={code ?? ''}
          onFinish={({ code: next }) => navigate(`/portal/track/${next.trim().toUpperCase()}`)}>
          <Form.Item label={t('appeal.track.code')} name="code" extra={t('appeal.track.codeHelp')}
            rules={[{ required: true, whitespace: true, message: t('appeal.track.codeRequired') }, { pattern: CODE, message: t('appeal.track.codeInvalid') }]}>
            <Input autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="SQ260303-ABC123" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" icon={<SearchOutlined aria-hidden />}>{t('appeal.track.submit')}</Button>
        </Form>
      </Card>
      {code && <TrackedAppeal code={code.toUpperCase()} />}
    </>
  );
}

function TrackedAppeal({ code }: { code: string }) {
  const { t, nameOf } = useAppealI18n();
  const { session } = useAuth();
  const resident = session.status === 'signed-in' && session.user.kind === 'resident';
  const tracked = useLoad(() => appealApi.track(code), [code]);
  const categories = useLoad(() => appealApi.categories(), []);
  // The resident's own view of the same appeal (abilities, the full public record), when it is theirs.
  const mine = useLoad<CaseDetail | null>(async () => {
    if (!resident) return null;
    const list = await appealApi.list({ q: code, pageSize: 1 });
    const item = list.items.find((i) => i.trackingCode === code);
    return item ? appealApi.detail(item.id) : null;
  }, [code, resident]);

  const events = useMemo<TimelineEvent[]>(() => {
    const steps = tracked.data?.steps ?? [];
    const own = mine.data?.timeline;
    // Public steps name their unit; the resident's own record adds reasons and texts (same steps, same order).
    return steps.map((s, i) => {
      const mineEvent = own?.[i]?.type === s.type ? own[i] : undefined;
      return {
        seq: i + 1, type: s.type, at: s.at, actorId: null, actorLabel: mineEvent?.actorLabel ?? '', visibility: 'public',
        data: { ...(mineEvent?.data ?? {}), unitName: s.unit, toName: s.unit },
      };
    });
  }, [tracked.data, mine.data]);

  if (tracked.error) {
    const missing = tracked.error instanceof ApiError && tracked.error.status === 404;
    return missing
      ? <Alert type="warning" showIcon role="alert" title={t('appeal.track.notFound', { code })} description={t('appeal.track.notFoundHelp')} />
      : <ErrorAlert error={tracked.error} />;
  }
  if (!tracked.data) return <Card className="ms-portal-card"><Skeleton active /></Card>;
  const a: Tracked = tracked.data;
  const category = categories.data?.find((c) => c.code === a.categoryCode);
  const own = mine.data;
  const reload = () => {
    tracked.reload();
    mine.reload();
  };

  return (
    <>
      <Card className="ms-portal-card">
        <div className="ap-track-head">
          <h2 className="ms-card-title">{a.title}</h2>
          <StateTag state={a.state} />
        </div>
        <Descriptions column={{ xs: 1, sm: 2 }} size="middle" className="ap-track-facts" items={[
          { key: 'code', label: t('appeal.field.code'), children: <span className="ms-mono">{a.trackingCode}</span> },
          { key: 'state', label: t('appeal.field.state'), children: t(`appeal.stateLong.${a.state}`) },
          { key: 'category', label: t('appeal.field.category'), children: category ? nameOf(category) : a.categoryCode },
          { key: 'community', label: t('appeal.field.community'), children: a.community ?? '—' },
          { key: 'unit', label: t('appeal.field.handlingUnit'), children: a.handlingUnit ?? '—' },
          { key: 'created', label: t('appeal.field.createdAt'), children: formatDateTime(a.createdAt) },
          ...(a.stateCategory === 'open' && a.dueAt && !['replied', 'followed_up'].includes(a.state)
            ? [{ key: 'due', label: t('appeal.field.answerBy'), children: formatDateTime(a.dueAt) }] : []),
          ...(a.rating ? [{ key: 'rating', label: t('appeal.field.rating'), children: <RatingTag rating={a.rating} /> }] : []),
        ]} />
      </Card>

      {a.reply && (
        <Card className="ms-portal-card ap-reply-card" title={<h2 className="ms-card-title">{t('appeal.track.reply')}</h2>}>
          <p className="ap-reply-text">{a.reply.text}</p>
          <p className="ap-muted">{t('appeal.track.repliedAt', { at: formatDateTime(a.reply.at), unit: a.handlingUnit ?? '' })}</p>
        </Card>
      )}

      {own && own.abilities.length > 0 && (
        <Card className="ms-portal-card">
          <ResidentActions caseId={own.case.id} version={own.case.version} abilities={own.abilities} onDone={reload} />
        </Card>
      )}
      {!resident && a.state === 'replied' && (
        <Alert className="ms-portal-card" type="info" showIcon title={t('appeal.track.signInToRate')}
          description={<Link to={`/login?as=resident&next=${encodeURIComponent(`/portal/track/${a.trackingCode}`)}`} className="ms-big-link">{t('appeal.track.signInToRateLink')}</Link>} />
      )}

      <Card className="ms-portal-card" title={<h2 className="ms-card-title">{t('appeal.track.steps')}</h2>}>
        <Timeline events={events} unitName={() => null} staff={false} />
      </Card>
    </>
  );
}
