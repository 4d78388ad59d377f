// /portal/applications/:id: the applicant's own application — its state in words (「超时默许，视为准予」
// when the deemed-approval rule granted it), the working-day countdown, the documents to download, every
// public step, and what they may do now: send the missing materials the office listed, or withdraw.
import { Alert, Button, Card, Descriptions, Input, Modal, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { applicationApi, serviceOf, type ApplicationDetail } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';
import { WorkingDayClock } from '../components/countdown.tsx';
import { DocumentList } from '../components/documents.tsx';
import { MaterialsUpload, type MaterialFiles } from '../components/material-upload.tsx';
import { StateTag } from '../components/tags.tsx';
import { Timeline } from '../components/timeline.tsx';
import '../application.css';

export function ApplicationPage() {
  const { id } = useParams();
  const { t } = useApplicationI18n();
  const detail = useLoad(() => applicationApi.detail(id!), [id]);
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return missing
      ? <Result status="404" title={<h1 className="ms-result-title">{t('application.case.notFound')}</h1>} extra={<Link to="/portal/applications">{t('application.mine.back')}</Link>} />
      : <ErrorAlert error={detail.error} />;
  }
  if (!detail.data) return <Card className="ms-portal-card"><Skeleton active /></Card>;
  return <ApplicationView detail={detail.data} reload={detail.reload} />;
}

function ApplicationView({ detail, reload }: { detail: ApplicationDetail; reload: () => void }) {
  const { t, tk, nameOf } = useApplicationI18n();
  const a = detail.case;
  const s = serviceOf(detail);
  useDocumentTitle(`${a.trackingCode} ${nameOf(s)}`);
  const deemed = a.state === 'deemed_approved';
  const decided = ['approved', 'rejected', 'deemed_approved'].includes(a.state);
  const requested = a.data.requestedMaterials?.codes ?? detail.materials.filter((m) => m.missing).map((m) => m.code);

  return (
    <>
      <p><Link to="/portal/applications">{t('application.mine.back')}</Link></p>
      <h1 className="ms-portal-title">{nameOf(s)}</h1>
      <Card className="ms-portal-card">
        <div className="sp-track-head">
          <h2 className="ms-card-title">{tk(`application.stateLong.${a.state}`)}</h2>
          <span><StateTag state={a.state} overdue={a.data.overdue} /></span>
        </div>
        <Descriptions column={{ xs: 1, sm: 2 }} size="middle" items={[
          { key: 'code', label: t('application.field.code'), children: <span className="ms-mono">{a.trackingCode}</span> },
          { key: 'service', label: t('application.field.service'), children: <Link to={`/portal/services/${s.code}`}>{nameOf(s)}</Link> },
          { key: 'created', label: t('application.field.createdAt'), children: formatDateTime(a.createdAt) },
          { key: 'promised', label: t('application.service.promised'), children: t('application.service.workingDays', { n: s.promisedDays }) },
        ]} />
        <WorkingDayClock state={a.state} clock={detail.clock} deemedApproval={s.deemedApproval} />
      </Card>

      {decided && (
        <Card className={a.state === 'rejected' ? 'ms-portal-card sp-outcome sp-outcome-bad' : 'ms-portal-card sp-outcome'}
          title={<h2 className="ms-card-title">{t('application.outcome.title')}</h2>}>
          <p className="sp-reply-text">{deemed ? t('application.outcome.deemed') : a.state === 'approved' ? t('application.outcome.approved') : t('application.outcome.rejected')}</p>
          {deemed && a.data.decision?.missedDueAt && <p>{t('application.outcome.deemedMissed', { at: formatDateTime(a.data.decision.missedDueAt) })}</p>}
          {a.state === 'rejected' && a.data.decision?.reasons && <p>{t('application.timeline.reason', { text: a.data.decision.reasons })}</p>}
          {a.state === 'rejected' && <p className="sp-help">{a.data.decision?.redress || t('application.outcome.redress')}</p>}
        </Card>
      )}

      {detail.abilities.includes('resubmit') && (
        <Resubmit detail={detail} requested={requested} onDone={reload} />
      )}

      <Card className="ms-portal-card" title={<h2 className="ms-card-title">{t('application.documents.title')}</h2>}>
        <DocumentList applicationId={a.id} documents={detail.documents} portal />
      </Card>

      <Card className="ms-portal-card" title={<h2 className="ms-card-title">{t('application.case.timeline')}</h2>}>
        <Timeline events={detail.timeline.filter((e) => e.visibility === 'public')} materials={s.materials} staff={false} />
      </Card>

      {detail.abilities.includes('withdraw') && <Withdraw detail={detail} onDone={reload} />}
    </>
  );
}

function Resubmit({ detail, requested, onDone }: { detail: ApplicationDetail; requested: string[]; onDone: () => void }) {
  const { t } = useApplicationI18n();
  const [files, setFiles] = useState<MaterialFiles>({});
  const [uploading, setUploading] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const s = serviceOf(detail);
  const asked = s.materials.filter((m) => requested.includes(m.code));

  async function send() {
    const absent = requested.filter((code) => !(files[code]?.length));
    setMissing(absent);
    if (absent.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await applicationApi.command(detail.case.id, { type: 'resubmit', materials: Object.entries(files).map(([code, attachmentIds]) => ({ code, attachmentIds })) }, detail.case.version);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="ms-portal-card" title={<h2 className="ms-card-title">{t('application.resubmit.title')}</h2>}>
      <Alert type="warning" showIcon className="ms-form-alert" title={t('application.resubmit.lead', { n: asked.length })}
        description={detail.case.data.requestedMaterials?.note ?? undefined} />
      <ErrorAlert error={error} />
      <MaterialsUpload serviceCode={s.code} materials={asked.length > 0 ? asked : s.materials} highlight={requested} invalid={missing}
        onChange={(f, isBusy) => { setFiles(f); setUploading(isBusy); }} />
      <Button type="primary" size="large" block className="sp-submit" loading={busy} disabled={uploading} onClick={() => void send()}>
        {uploading ? t('application.upload.wait') : t('application.resubmit.send')}
      </Button>
    </Card>
  );
}

function Withdraw({ detail, onDone }: { detail: ApplicationDetail; onDone: () => void }) {
  const { t } = useApplicationI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function withdraw() {
    setBusy(true);
    setError(null);
    try {
      await applicationApi.command(detail.case.id, { type: 'withdraw', ...(reason.trim() ? { reason: reason.trim() } : {}) }, detail.case.version);
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="ms-portal-card">
      <Button danger size="large" onClick={() => setOpen(true)}>{t('application.withdraw.button')}</Button>
      <Modal open={open} title={t('application.withdraw.title')} onCancel={() => setOpen(false)} onOk={() => void withdraw()}
        okText={t('application.withdraw.confirm')} okButtonProps={{ danger: true, loading: busy }} cancelText={t('common.cancel')} destroyOnHidden>
        <p>{t('application.withdraw.text')}</p>
        <ErrorAlert error={error} />
        <label htmlFor="sp-withdraw-reason" className="sp-label">{t('application.withdraw.reason')}</label>
        <Input.TextArea id="sp-withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />
      </Modal>
    </Card>
  );
}
