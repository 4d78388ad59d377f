// Every step of an application, oldest first, in words: who did what and why. Staff see internal steps
// (marked so); the applicant sees the public ones. The deadline engine's steps say they were automatic.
import { Tag } from 'antd';
import { formatDateTime } from '../../../../web/shell/format.ts';
import type { Material, TimelineEvent } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';

const ENGINE = 'deadline-engine';

const TONE: Record<string, string> = {
  submitted: 'blue', materials_requested: 'orange', resubmitted: 'blue', accepted: 'blue', deemed_accepted: 'blue', paused: 'grey', resumed: 'blue',
  extension_requested: 'orange', extension_approved: 'orange', extension_refused: 'orange', extension_decided: 'orange', opinion_given: 'purple',
  approved: 'green', deemed_approved: 'green', rejected: 'red', overdue_flagged: 'red', withdrawn: 'grey',
};

export function isAutomatic(event: Pick<TimelineEvent, 'actorId' | 'actorLabel'>): boolean {
  return event.actorId === null && (event.actorLabel === ENGINE || event.actorLabel === 'system');
}

export function Timeline({ events, materials, staff }: { events: TimelineEvent[]; materials: Material[]; staff: boolean }) {
  const { t, maybe, tk } = useApplicationI18n();
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  const materialName = (code: unknown) => materials.find((m) => m.code === code)?.name ?? String(code);

  const lines = (e: TimelineEvent): string[] => {
    const d = e.data;
    const out: string[] = [];
    // Materials: named in a notice ({code, name}), handed in ({code, attachmentIds}), or by code.
    const listed = Array.isArray(d.missing) ? d.missing : Array.isArray(d.codes) ? d.codes : Array.isArray(d.materials) ? d.materials : null;
    if (listed && listed.length > 0) {
      const names = listed.map((m: unknown) => (typeof m === 'string' ? materialName(m) : m && typeof m === 'object' ? (str((m as { name?: unknown }).name) ?? materialName((m as { code?: unknown }).code)) : String(m)));
      out.push(t(e.type === 'materials_requested' ? 'application.timeline.missing' : 'application.timeline.materials', { list: names.join('、') }));
    }
    if (str(d.unitName) && e.type === 'opinion_given') out.push(t('application.timeline.unit', { unit: str(d.unitName)! }));
    if (typeof d.agree === 'boolean') out.push(d.agree ? t('application.opinion.agree') : t('application.opinion.disagree'));
    if (str(d.reason) && PAUSE.has(String(d.reason))) out.push(t('application.timeline.pauseReason', { reason: tk(`application.pause.${String(d.reason)}`) }));
    else if (str(d.reason)) out.push(t('application.timeline.reason', { text: str(d.reason)! }));
    if (str(d.reasons)) out.push(t('application.timeline.reason', { text: str(d.reasons)! }));
    if (typeof d.days === 'number') out.push(t('application.timeline.days', { n: d.days }));
    if (str(d.text)) out.push(str(d.text)!);
    if (str(d.note)) out.push(t('application.timeline.note', { text: str(d.note)! }));
    if (str(d.missedDueAt)) out.push(t('application.timeline.missedDue', { at: formatDateTime(str(d.missedDueAt)) }));
    if (str(d.decisionDueAt)) out.push(t('application.timeline.decisionDue', { at: formatDateTime(str(d.decisionDueAt)) }));
    else if ((e.type === 'submitted' || e.type === 'resubmitted') && str(d.acceptanceDueAt)) out.push(t('application.timeline.acceptanceDue', { at: formatDateTime(str(d.acceptanceDueAt)) }));
    return out;
  };

  const title = (e: TimelineEvent): string => {
    if (e.type === 'accepted' && (e.data.implicit || e.data.deemedAccepted)) return t('application.event.deemed_accepted');
    if (e.type === 'extension_decided') return e.data.approve ? t('application.event.extension_approved') : t('application.event.extension_refused');
    return maybe(`application.event.${e.type}`) ?? e.type;
  };

  const actor = (e: TimelineEvent) => {
    if (isAutomatic(e)) return e.actorLabel === ENGINE ? t('application.timeline.engine') : t('application.timeline.system');
    if (e.actorLabel === 'resident' || e.actorLabel === 'anonymous') return t('application.timeline.applicant');
    return staff ? e.actorLabel || null : null;
  };

  return (
    <ol className="sp-timeline">
      {events.map((e) => {
        const who = actor(e);
        return (
          <li key={e.seq} className={`sp-timeline-item sp-tone-${TONE[e.type] ?? 'grey'}`}>
            <span className="sp-timeline-dot" aria-hidden />
            <div className="sp-timeline-head">
              <strong className="sp-timeline-title">{title(e)}</strong>
              {staff && e.visibility === 'internal' && <Tag className="sp-tag sp-tag-grey">{t('application.timeline.internal')}</Tag>}
            </div>
            <div className="sp-timeline-meta">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {who && <span> · {who}</span>}
            </div>
            {lines(e).map((line, i) => <p key={i} className="sp-timeline-text">{line}</p>)}
          </li>
        );
      })}
    </ol>
  );
}

const PAUSE = new Set(['hearing', 'testing', 'expert']);
