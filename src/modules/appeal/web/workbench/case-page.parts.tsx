// Parts of the staff case page: the requester (masked, revealed only with a stated purpose and logged,
// hidden altogether when the resident asked for it) and the appeal's photos.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useUser } from '../../../../web/shell/auth.tsx';
import { ErrorAlert, shownOnForm } from '../../../../web/shell/errors.tsx';
import { appealApi, type MaskedPerson } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';

export function RequesterPanel({ personId, hidden, channel }: { personId: string | null; hidden: boolean; channel: string }) {
  const { t } = useAppealI18n();
  const user = useUser();
  const [person, setPerson] = useState<MaskedPerson | null>(null);
  const [revealed, setRevealed] = useState<Record<string, string | null> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);

  if (hidden) {
    return <Alert type="info" showIcon icon={<LockOutlined aria-hidden />} title={t('appeal.requester.hidden')} description={t('appeal.requester.hiddenHelp')} />;
  }
  if (!personId) return <p className="ap-muted">{t(channel === 'portal' ? 'appeal.requester.account' : 'appeal.requester.none')}</p>;
  if (!user.permissions.includes('person.read')) return <p className="ap-muted">{t('appeal.requester.noPermission')}</p>;

  async function view() {
    setBusy(true);
    setError(null);
    try {
      setPerson(await appealApi.person(personId!));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const shown = (field: keyof MaskedPerson & string) => (revealed && field in revealed ? revealed[field] : (person?.[field] as string | null)) ?? '—';

  return (
    <>
      <ErrorAlert error={error} />
      {!person ? (
        <>
          <p className="ap-help">{t('appeal.requester.logged')}</p>
          <Button icon={<UserOutlined aria-hidden />} onClick={() => void view()} loading={busy}>{t('appeal.requester.view')}</Button>
        </>
      ) : (
        <>
          <Descriptions column={1} size="small" items={[
            { key: 'name', label: t('person.field.name'), children: shown('name') },
            { key: 'phone', label: t('person.field.phone'), children: <span className="ms-mono">{shown('phone')}</span> },
            ...(person.email ? [{ key: 'email', label: t('person.field.email'), children: shown('email') }] : []),
          ]} />
          {person.abilities.reveal && !revealed && <Button onClick={() => setAsking(true)}>{t('appeal.requester.reveal')}</Button>}
          <RevealDialog open={asking} personId={personId} onClose={() => setAsking(false)} onRevealed={(r) => { setRevealed(r); setAsking(false); }} />
        </>
      )}
    </>
  );
}

function RevealDialog({ open, personId, onClose, onRevealed }: { open: boolean; personId: string; onClose: () => void; onRevealed: (r: Record<string, string | null>) => void }) {
  const { t } = useAppealI18n();
  const [form] = Form.useForm<{ purpose: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit({ purpose }: { purpose: string }) {
    setBusy(true);
    setError(null);
    try {
      onRevealed(await appealApi.reveal(personId, ['name', 'phone', 'email'], purpose.trim()));
    } catch (e) {
      if (!shownOnForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={open} title={t('appeal.requester.reveal')} onCancel={onClose} destroyOnHidden okText={t('appeal.requester.revealSubmit')} cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: 'ap-reveal-form', loading: busy }}>
      <p>{t('appeal.requester.revealIntro')}</p>
      <ErrorAlert error={error} />
      <Form id="ap-reveal-form" form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="purpose" label={t('appeal.requester.purpose')} rules={[{ required: true, whitespace: true, min: 4, message: t('appeal.requester.purposeRequired') }]}>
          <Input autoFocus maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function Photos({ ids }: { ids: string[] }) {
  const { t } = useAppealI18n();
  if (ids.length === 0) return null;
  return (
    <ul className="ap-photo-list ap-photo-list-case" aria-label={t('appeal.photos.title')}>
      {ids.map((id, i) => (
        <li key={id} className="ap-photo">
          <a href={`/api/attachments/${id}`} target="_blank" rel="noopener">
            <img src={`/api/attachments/${id}`} alt={t('appeal.photos.caseAlt', { n: i + 1 })} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
