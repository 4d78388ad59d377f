// /workbench/appeals/new: the staff intake form — the hotline operator's first of all, also for the walk-in
// counter, grid workers and the mailbox (a channel). Built for a keyboard: the caller's phone brings up
// their earlier appeals, categories are suggested while the operator types, similar open appeals nearby
// are shown before sending, and Ctrl+Enter sends.
import { CheckCircleOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Input, Radio, Row, Skeleton } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../web/api/client.ts';
import { useLoad } from '../../../../web/api/use-load.ts';
import { useUser } from '../../../../web/shell/auth.tsx';
import { ErrorAlert } from '../../../../web/shell/errors.tsx';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { PageHeader } from '../../../../web/workbench/page-header.tsx';
import { appealApi, STAFF_CHANNELS, type CallerAnswer, type StaffChannel, type Submitted } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { CategorySelect, Suggestions, useSuggestions } from '../components/category-picker.tsx';
import { DuplicatesNotice, useDuplicates } from '../components/duplicates.tsx';
import { EMPTY_PLACE, locationOf, PlacePicker, type PlaceValue } from '../components/place-picker.tsx';
import { ShortcutHelp, useShortcutHelp, useShortcuts, type Shortcut } from '../components/shortcuts.tsx';
import { StateTag } from '../components/tags.tsx';
import { useDistrictPlaces } from '../places.ts';
import '../appeal.css';

const PHONE = /^1[3-9]\d{9}$/;

interface Draft {
  channel: StaffChannel;
  phone: string;
  name: string;
  description: string;
  categoryCode: string | undefined;
  place: PlaceValue;
  hideIdentity: boolean;
  doNotPublish: boolean;
}

function emptyDraft(channel: StaffChannel): Draft {
  return { channel, phone: '', name: '', description: '', categoryCode: undefined, place: { ...EMPTY_PLACE, mode: 'community' }, hideIdentity: false, doNotPublish: false };
}

export function IntakePage() {
  const { t } = useAppealI18n();
  const user = useUser();
  const defaultChannel: StaffChannel = user.grants.some((g) => g.role === 'grid_worker') ? 'grid' : 'hotline';
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(defaultChannel));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<Submitted | null>(null);
  const help = useShortcutHelp();
  const ids = { phone: useId(), name: useId(), description: useId(), category: useId(), place: useId(), channel: useId() };

  const categories = useLoad(() => appealApi.categories(), []);
  const places = useDistrictPlaces();
  const suggestions = useSuggestions(draft.description);
  const location = locationOf(draft.place);
  const duplicates = useDuplicates({ categoryCode: draft.categoryCode, description: draft.description, location });
  const phoneValid = PHONE.test(draft.phone.trim());
  const caller = useLoad<CallerAnswer | null>(() => (phoneValid ? appealApi.callers(draft.phone.trim()) : Promise.resolve(null)), [phoneValid ? draft.phone.trim() : '']);
  const phoneRef = useRef<HTMLInputElement>(null);

  const focus = (id: string) => {
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };

  useEffect(() => {
    phoneRef.current?.focus();
  }, []);

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (draft.phone.trim() && !phoneValid) found.phone = t('appeal.submit.phoneInvalid');
    if (Array.from(draft.description.trim()).length < 5) found.description = t('appeal.submit.descriptionShort', { n: 5 });
    if (!draft.categoryCode) found.categoryCode = t('appeal.submit.categoryMissing');
    if (!location) found.location = t('appeal.submit.placeMissing');
    return found;
  }

  async function submit() {
    setError(null);
    const local = validate();
    setIssues(local);
    if (Object.keys(local).length) {
      const first = local.phone ? ids.phone : local.description ? ids.description : local.categoryCode ? ids.category : null;
      if (first) focus(first);
      return;
    }
    setBusy(true);
    try {
      const contact = { ...(draft.name.trim() ? { name: draft.name.trim() } : {}), ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}) };
      const answer = await appealApi.staffIntake({
        channel: draft.channel, categoryCode: draft.categoryCode!, description: draft.description.trim(), location: location!,
        ...(draft.place.address.trim() ? { address: draft.place.address.trim() } : {}),
        ...(Object.keys(contact).length ? { contact } : {}),
        hideIdentity: draft.hideIdentity, publish: !draft.doNotPublish, attachmentIds: [],
      });
      setLast(answer);
      setDraft(emptyDraft(draft.channel));
      setIssues({});
      phoneRef.current?.focus();
    } catch (e) {
      const server: Record<string, string> = {};
      if (e instanceof ApiError) {
        for (const issue of e.issues) {
          const field = issue.field.replace(/^body\./, '');
          server[field.startsWith('contact.') ? field.slice(8) : field.split('.')[0]!] = issue.message;
        }
      }
      setIssues(server);
      if (Object.keys(server).length === 0) setError(e);
    } finally {
      setBusy(false);
    }
  }

  const shortcuts: Shortcut[] = [
    { keys: 'Alt+P', label: t('appeal.intake.key.phone'), run: () => focus(ids.phone) },
    { keys: 'Alt+N', label: t('appeal.intake.key.name'), run: () => focus(ids.name) },
    { keys: 'Alt+D', label: t('appeal.intake.key.description'), run: () => focus(ids.description) },
    { keys: 'Alt+C', label: t('appeal.intake.key.category'), run: () => focus(ids.category) },
    { keys: 'Alt+L', label: t('appeal.intake.key.place'), run: () => document.querySelector<HTMLElement>(`#${CSS.escape(ids.place)} input, #${CSS.escape(ids.place)} [tabindex="0"]`)?.focus() },
    ...suggestions.slice(0, 3).map((s, i) => ({ keys: `Alt+${i + 1}`, label: t('appeal.intake.key.suggestion', { n: i + 1 }), run: () => set('categoryCode', s.code) })),
    { keys: 'Ctrl+Enter', label: t('appeal.intake.key.submit'), run: () => void submit() },
    { keys: 'Alt+R', label: t('appeal.intake.key.reset'), run: () => { setDraft(emptyDraft(draft.channel)); setIssues({}); focus(ids.phone); } },
    { keys: 'Alt+K', label: t('appeal.shortcuts.show'), run: help.show },
  ];
  useShortcuts(shortcuts);

  return (
    <>
      <PageHeader title={t('appeal.intake.title')} intro={t('appeal.intake.intro')}
        extra={<Button onClick={help.show} aria-keyshortcuts="Alt+K">{t('appeal.shortcuts.button')} <kbd className="ap-kbd">Alt+K</kbd></Button>} />
      {last && (
        <Alert className="ms-form-alert" type="success" showIcon icon={<CheckCircleOutlined aria-hidden />} role="status" closable={{ onClose: () => setLast(null) }}
          title={t('appeal.intake.done', { code: last.trackingCode })}
          description={<Link to={`/workbench/appeals/${last.id}`}>{t('appeal.intake.open', { code: last.trackingCode })}</Link>} />
      )}
      <ErrorAlert error={error} />
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={15}>
          <Card>
            <form className="ap-intake" onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
              <fieldset className="ap-intake-row">
                <legend className="ap-label" id={ids.channel}>{t('appeal.field.channel')}</legend>
                <Radio.Group value={draft.channel} onChange={(e) => set('channel', e.target.value as StaffChannel)} optionType="button"
                  options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`appeal.channel.${c}`) }))} aria-labelledby={ids.channel} />
              </fieldset>

              <div className="ap-intake-grid">
                <div className="ap-field">
                  <label htmlFor={ids.phone} className="ap-label">{t('appeal.intake.phone')} <kbd className="ap-kbd" aria-hidden>Alt+P</kbd></label>
                  <Input id={ids.phone} aria-keyshortcuts="Alt+P" ref={(el) => { phoneRef.current = el?.input ?? null; }} prefix={<PhoneOutlined aria-hidden />} value={draft.phone}
                    onChange={(e) => set('phone', e.target.value.replace(/\s/g, ''))} inputMode="tel" maxLength={11} autoComplete="off"
                    status={issues.phone ? 'error' : undefined} aria-invalid={Boolean(issues.phone)} aria-describedby={`${ids.phone}-help`} />
                  <p id={`${ids.phone}-help`} className={issues.phone ? 'ap-field-error' : 'ap-help'}>{issues.phone ?? t('appeal.intake.phoneHelp')}</p>
                </div>
                <div className="ap-field">
                  <label htmlFor={ids.name} className="ap-label">{t('appeal.intake.name')} <kbd className="ap-kbd" aria-hidden>Alt+N</kbd></label>
                  <Input id={ids.name} aria-keyshortcuts="Alt+N" value={draft.name} onChange={(e) => set('name', e.target.value)} maxLength={50} autoComplete="off" />
                </div>
              </div>

              <div className="ap-field">
                <label htmlFor={ids.description} className="ap-label">{t('appeal.intake.description')} <kbd className="ap-kbd" aria-hidden>Alt+D</kbd></label>
                <Input.TextArea id={ids.description} aria-keyshortcuts="Alt+D" value={draft.description} onChange={(e) => set('description', e.target.value)} autoSize={{ minRows: 4, maxRows: 10 }}
                  maxLength={2000} status={issues.description ? 'error' : undefined} aria-invalid={Boolean(issues.description)} aria-describedby={`${ids.description}-help`} />
                <p id={`${ids.description}-help`} className={issues.description ? 'ap-field-error' : 'ap-help'}>
                  {issues.description ?? t('appeal.submit.descriptionHelp', { n: Array.from(draft.description).length, max: 2000 })}
                </p>
              </div>

              <div className="ap-field">
                <label htmlFor={ids.category} className="ap-label">{t('appeal.field.category')} <kbd className="ap-kbd" aria-hidden>Alt+C</kbd></label>
                <Suggestions suggestions={suggestions} value={draft.categoryCode} onChange={(c) => set('categoryCode', c)} shortcuts />
                <CategorySelect id={ids.category} categories={categories.data} value={draft.categoryCode} onChange={(c) => set('categoryCode', c)} />
                {issues.categoryCode && <p className="ap-field-error" role="alert">{issues.categoryCode}</p>}
              </div>

              <div className="ap-field" id={ids.place}>
                <span className="ap-label">{t('appeal.submit.where')} <kbd className="ap-kbd" aria-hidden>Alt+L</kbd></span>
                <PlacePicker value={draft.place} onChange={(p) => set('place', p)} places={places} resolvedName={duplicates.answer?.communityNameZh ?? null}
                  outside={duplicates.outside} invalid={Boolean(issues.location)} />
                {issues.location && <p className="ap-field-error" role="alert">{issues.location}</p>}
              </div>

              <div className="ap-checks ap-intake-checks">
                <Checkbox checked={draft.hideIdentity} onChange={(e) => set('hideIdentity', e.target.checked)}>{t('appeal.submit.hideIdentity')}</Checkbox>
                <Checkbox checked={draft.doNotPublish} onChange={(e) => set('doNotPublish', e.target.checked)}>{t('appeal.submit.doNotPublish')}</Checkbox>
              </div>

              <Button type="primary" htmlType="submit" size="large" icon={<SendOutlined aria-hidden />} loading={busy} aria-keyshortcuts="Control+Enter">
                {t('appeal.intake.submit')} <kbd className="ap-kbd ap-kbd-light">Ctrl+Enter</kbd>
              </Button>
            </form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <CallerPanel phone={draft.phone.trim()} valid={phoneValid} answer={caller.data ?? null} loading={caller.loading} error={caller.error} />
          <DuplicatesNotice answer={duplicates.answer} trackPath={(code) => `/portal/track/${code}`} />
          <Card className="ap-side-card" title={<h2 className="ms-card-title">{t('appeal.shortcuts.title')}</h2>} size="small">
            <ul className="ap-key-list">
              {shortcuts.map((s) => <li key={s.keys}><kbd className="ap-kbd">{s.keys}</kbd> {s.label}</li>)}
            </ul>
          </Card>
        </Col>
      </Row>
      <ShortcutHelp shortcuts={shortcuts} open={help.open} onClose={help.hide} />
    </>
  );
}

function CallerPanel({ phone, valid, answer, loading, error }: { phone: string; valid: boolean; answer: CallerAnswer | null; loading: boolean; error: unknown }) {
  const { t } = useAppealI18n();
  return (
    <Card className="ap-side-card" size="small" title={<h2 className="ms-card-title">{t('appeal.intake.caller')}</h2>}>
      <div role="status" aria-live="polite">
        {!valid ? <p className="ap-muted">{phone ? t('appeal.intake.callerTyping') : t('appeal.intake.callerNone')}</p>
          : loading && !answer ? <Skeleton active paragraph={{ rows: 2 }} />
            : error ? <ErrorAlert error={error} />
              : answer && !answer.known ? <p>{t('appeal.intake.callerNew')}</p>
                : answer && (
                  <>
                    <p>{t('appeal.intake.callerKnown', { n: answer.items.length })}</p>
                    <ul className="ap-caller-list">
                      {answer.items.map((i) => (
                        <li key={i.id}>
                          <Link to={`/workbench/appeals/${i.id}`}>{i.title}</Link>
                          <div className="ap-row-sub"><span className="ms-mono">{i.trackingCode}</span> <StateTag state={i.state} /> <span className="ap-muted">{formatDateTime(i.createdAt)}</span></div>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
      </div>
    </Card>
  );
}
