// /portal/appeals/new: a resident raises a matter — what happened (and photos), what kind of matter,
// where, how to answer them, and what to keep private. Open to anyone; an account is not needed.
import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Result } from 'antd';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { useAuth } from '../../../../web/shell/auth.tsx';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { useDocumentTitle } from '../../../../web/shell/page-title.ts';
import { appealApi, type Submitted } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { CategoryRadios, useSuggestions } from '../components/category-picker.tsx';
import { DuplicatesNotice, useDuplicates } from '../components/duplicates.tsx';
import { PhotoUpload } from '../components/photo-upload.tsx';
import { EMPTY_PLACE, locationOf, PlacePicker, type PlaceValue } from '../components/place-picker.tsx';
import { useDistrictPlaces } from '../places.ts';
import { useElderlyMode } from '../../../../web/portal/elderly-mode.tsx';
import '../appeal.css';

const PHONE = /^1[3-9]\d{9}$/;
const MIN_DESCRIPTION = 5;
const MAX_DESCRIPTION = 2000;

interface ContactValues {
  name?: string;
  phone?: string;
  email?: string;
}

export function SubmitAppealPage() {
  const { t } = useAppealI18n();
  useDocumentTitle(t('appeal.submit.title'));
  const { session } = useAuth();
  const signedIn = session.status === 'signed-in' && session.user.kind === 'resident';
  // 适老化: fewer fields — a phone number is enough, the e-mail field is left out.
  const { elderly } = useElderlyMode();
  const [form] = Form.useForm<ContactValues>();
  const categories = useLoad(() => appealApi.categories(), []);
  const places = useDistrictPlaces();

  const [description, setDescription] = useState('');
  const [categoryCode, setCategoryCode] = useState<string | undefined>();
  const [place, setPlace] = useState<PlaceValue>(EMPTY_PLACE);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [hideIdentity, setHideIdentity] = useState(false);
  const [doNotPublish, setDoNotPublish] = useState(false);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Submitted | null>(null);

  const suggestions = useSuggestions(description);
  const location = locationOf(place);
  const duplicates = useDuplicates({ categoryCode, description, location });

  const ids = { description: useId(), category: useId(), place: useId(), photos: useId(), privacy: useId() };

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    const length = Array.from(description.trim()).length;
    if (length < MIN_DESCRIPTION) found.description = t('appeal.submit.descriptionShort', { n: MIN_DESCRIPTION });
    if (!categoryCode) found.categoryCode = t('appeal.submit.categoryMissing');
    if (!location) found.location = t('appeal.submit.placeMissing');
    return found;
  }

  async function submit() {
    setError(null);
    const local = validate();
    let contact: ContactValues = {};
    try {
      contact = await form.validateFields();
    } catch {
      // the form marks its own fields
      if (Object.keys(local).length === 0) return;
    }
    setIssues(local);
    if (Object.keys(local).length > 0) {
      document.getElementById(local.description ? ids.description : local.categoryCode ? ids.category : ids.place)?.scrollIntoView({ block: 'center' });
      return;
    }
    setBusy(true);
    try {
      const clean = (v?: string) => (v && v.trim() ? v.trim() : undefined);
      const person = { name: clean(contact.name), phone: clean(contact.phone), email: clean(contact.email) };
      const answer = await appealApi.submit({
        categoryCode: categoryCode!, description: description.trim(), location: location!,
        ...(place.address.trim() ? { address: place.address.trim() } : {}),
        ...(person.name || person.phone || person.email ? { contact: JSON.parse(JSON.stringify(person)) as ContactValues } : {}),
        hideIdentity, publish: !doNotPublish, attachmentIds: photoIds,
      });
      setDone(answer);
      window.scrollTo({ top: 0 });
    } catch (e) {
      const server: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const issue of e.issues) {
          const field = issue.field.replace(/^body\./, '');
          if (field.startsWith('contact.')) form.setFields([{ name: field.slice('contact.'.length) as keyof ContactValues, errors: [issue.message] }]);
          else server[field.split('.')[0]!] = issue.message;
        }
      }
      setIssues(server);
      if (Object.keys(server).length === 0) setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (done) return <Submitted answer={done} onAgain={() => window.location.reload()} />;

  const count = Array.from(description).length;
  return (
    <>
      <p><Link to="/portal">{t('portal.back')}</Link></p>
      <h1 className="ms-portal-title">{t('appeal.submit.title')}</h1>
      <p className="ms-portal-lead">{t('appeal.submit.lead')}</p>
      <ErrorAlert error={error} />

      <Card className="ms-portal-card ap-step">
        <h2 className="ms-card-title" id={`${ids.description}-h`}><span className="ap-step-no" aria-hidden>1</span>{t('appeal.submit.what')}</h2>
        <label htmlFor={ids.description} className="ap-label">{t('appeal.submit.description')}</label>
        <Input.TextArea
          id={ids.description}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={MAX_DESCRIPTION}
          placeholder={t('appeal.submit.descriptionPlaceholder')}
          status={issues.description ? 'error' : undefined}
          aria-invalid={Boolean(issues.description)}
          aria-describedby={`${ids.description}-help`}
        />
        <p id={`${ids.description}-help`} className={issues.description ? 'ap-field-error' : 'ap-help'}>
          {issues.description ?? t('appeal.submit.descriptionHelp', { n: count, max: MAX_DESCRIPTION })}
        </p>
        <h3 className="ap-subtitle" id={ids.photos}>{t('appeal.photos.title')}</h3>
        <PhotoUpload onChange={(list, isBusy) => { setPhotoIds(list); setUploading(isBusy); }} />
      </Card>

      <Card className="ms-portal-card ap-step">
        <h2 className="ms-card-title" id={ids.category}><span className="ap-step-no" aria-hidden>2</span>{t('appeal.submit.category')}</h2>
        <p className="ap-help" id={`${ids.category}-help`}>{t('appeal.submit.categoryHelp')}</p>
        <CategoryRadios categories={categories.data} value={categoryCode} onChange={setCategoryCode} suggestions={suggestions} labelledBy={`${ids.category}-help`} />
        {issues.categoryCode && <p className="ap-field-error" role="alert">{issues.categoryCode}</p>}
        <ErrorAlert error={categories.error} />
      </Card>

      <Card className="ms-portal-card ap-step">
        <h2 className="ms-card-title" id={ids.place}><span className="ap-step-no" aria-hidden>3</span>{t('appeal.submit.where')}</h2>
        <PlacePicker value={place} onChange={setPlace} places={places} resolvedName={duplicates.answer?.communityNameZh ?? null}
          outside={duplicates.outside} invalid={Boolean(issues.location)} />
        {issues.location && <p className="ap-field-error" role="alert">{issues.location}</p>}
        <DuplicatesNotice answer={duplicates.answer} trackPath={(code) => `/portal/track/${code}`} />
      </Card>

      <Card className="ms-portal-card ap-step">
        <h2 className="ms-card-title"><span className="ap-step-no" aria-hidden>4</span>{t('appeal.submit.contact')}</h2>
        {signedIn
          ? <p>{t('appeal.submit.contactSignedIn')}</p>
          : <p className="ap-help">{t('appeal.submit.contactHelp')}</p>}
        <Form form={form} layout="vertical" requiredMark={false} className="ap-contact">
          <Form.Item label={t('appeal.submit.name')} name="name" rules={[{ max: 50 }]}>
            <Input autoComplete="name" maxLength={50} />
          </Form.Item>
          {!signedIn && (
            <>
              <Form.Item label={t('appeal.submit.phone')} name="phone" extra={t('appeal.submit.phoneHelp')}
                rules={[
                  { pattern: PHONE, message: t('appeal.submit.phoneInvalid') },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) => (v?.trim() || getFieldValue('email')?.trim() ? Promise.resolve() : Promise.reject(new Error(t('appeal.submit.contactMissing')))),
                  }),
                ]}>
                <Input autoComplete="tel" inputMode="tel" maxLength={11} />
              </Form.Item>
              {!elderly && (
                <Form.Item label={t('appeal.submit.email')} name="email" rules={[{ type: 'email', message: t('appeal.submit.emailInvalid') }]}>
                  <Input autoComplete="email" inputMode="email" maxLength={254} />
                </Form.Item>
              )}
            </>
          )}
        </Form>
      </Card>

      <Card className="ms-portal-card ap-step">
        <h2 className="ms-card-title" id={ids.privacy}><span className="ap-step-no" aria-hidden>5</span>{t('appeal.submit.privacy')}</h2>
        <div className="ap-checks" role="group" aria-labelledby={ids.privacy}>
          <Checkbox checked={hideIdentity} onChange={(e) => setHideIdentity(e.target.checked)}>
            <strong>{t('appeal.submit.hideIdentity')}</strong>
            <span className="ap-check-help">{t('appeal.submit.hideIdentityHelp')}</span>
          </Checkbox>
          <Checkbox checked={doNotPublish} onChange={(e) => setDoNotPublish(e.target.checked)}>
            <strong>{t('appeal.submit.doNotPublish')}</strong>
            <span className="ap-check-help">{t('appeal.submit.doNotPublishHelp')}</span>
          </Checkbox>
        </div>
      </Card>

      {Object.keys(issues).length > 0 && <Alert className="ms-form-alert" type="error" showIcon role="alert" title={t('appeal.submit.fixAbove')} />}
      <Button type="primary" size="large" block className="ap-submit" loading={busy} disabled={uploading} onClick={() => void submit()}>
        {uploading ? t('appeal.photos.wait') : t('appeal.submit.send')}
      </Button>
    </>
  );
}

function Submitted({ answer, onAgain }: { answer: Submitted; onAgain: () => void }) {
  const { t } = useAppealI18n();
  useDocumentTitle(t('appeal.submit.done'));
  return (
    <Card className="ms-portal-card">
      <Result
        icon={<CheckCircleFilled className="ap-done-icon" aria-hidden />}
        title={<h1 className="ms-portal-title">{t('appeal.submit.done')}</h1>}
        subTitle={(
          <div className="ap-done">
            <p>{t('appeal.submit.codeIs')}</p>
            <p className="ap-code" data-testid="tracking-code">{answer.trackingCode}</p>
            <p>{t('appeal.submit.keepCode')}</p>
            {answer.duplicates.length > 0 && <p>{t('appeal.submit.similarExist', { n: answer.duplicates.length })}</p>}
          </div>
        )}
        extra={[
          <Link key="track" to={`/portal/track/${answer.trackingCode}`} className="ms-big-link">{t('appeal.submit.follow')}</Link>,
          <Button key="again" size="large" onClick={onAgain}>{t('appeal.submit.again')}</Button>,
        ]}
      />
    </Card>
  );
}
