// Every step of an appeal, oldest first, in words: who did what, where it went and why. Staff see internal
// steps (marked so); residents see the public ones. The deadline engine's steps say they were automatic.
import { Tag } from 'antd';
import { formatDateTime } from '../../../../web/shell/format.ts';
import type { Channel, Rating, TimelineEvent } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import type { AppealKey } from '../../locales/zh-CN.ts';

const ENGINE = 'deadline-engine';

export type UnitName = (id: unknown) => string | null;

const TONE: Record<string, string> = {
  registered: 'blue', dispatched: 'blue', signed_for: 'blue', returned: 'red', escalated: 'red', overdue_flagged: 'red',
  replied: 'green', rated: 'green', closed: 'grey', withdrawn: 'grey', merged: 'grey', reopened: 'orange', supervised: 'purple',
  extension_requested: 'orange', extension_decided: 'orange',
};

export function isAutomatic(event: Pick<TimelineEvent, 'actorId' | 'actorLabel'>): boolean {
  return event.actorId === null && (event.actorLabel === ENGINE || event.actorLabel === 'system');
}

export function Timeline({ events, unitName, staff }: { events: TimelineEvent[]; unitName: UnitName; staff: boolean }) {
  const { t, maybe } = useAppealI18n();
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

  const describe = (e: TimelineEvent): { title: string; lines: string[] } => {
    const d = e.data;
    // A unit by id (staff know them all), else the name the step carries (the public track names one unit per step).
    const named = (v: unknown) => unitName(v);
    const unit = (v: unknown, ...fallbacks: unknown[]) => named(v) ?? fallbacks.map(str).find(Boolean) ?? t('appeal.timeline.unknownUnit');
    switch (e.type) {
      case 'registered':
        return { title: t('appeal.event.registered', { channel: t(`appeal.channel.${(d.channel as Channel) ?? 'portal'}` as AppealKey) }), lines: [] };
      case 'dispatched': {
        const key = d.designated ? 'appeal.event.designated' : d.auto ? 'appeal.event.autoDispatched' : 'appeal.event.dispatched';
        return { title: t(key, { unit: unit(d.unitId, d.unitName) }), lines: [str(d.note) ? t('appeal.timeline.note', { text: str(d.note)! }) : ''] };
      }
      case 'signed_for':
        return { title: t('appeal.event.signed_for', { unit: unit(d.unitId, d.unitName) }), lines: [] };
      case 'returned':
        return { title: t('appeal.event.returned', { from: unit(d.from), to: unit(d.to, d.unitName) }), lines: [t('appeal.timeline.reason', { text: str(d.reason) ?? '' })] };
      case 'escalated': {
        const to = unit(d.to, d.toName);
        const from = named(d.from);
        return {
          title: isAutomatic(e) ? t('appeal.event.autoEscalated', { to }) : t('appeal.event.escalated', { to }),
          lines: [from ? t('appeal.timeline.from', { unit: from }) : '', str(d.reason) ? t('appeal.timeline.reason', { text: str(d.reason)! }) : ''],
        };
      }
      case 'extension_requested':
        return { title: t('appeal.event.extension_requested', { days: Number(d.days) }), lines: [t('appeal.timeline.reason', { text: str(d.reason) ?? '' })] };
      case 'extension_decided':
        return {
          title: d.approve ? t('appeal.event.extensionApproved', { days: Number(d.days) }) : t('appeal.event.extensionRejected'),
          lines: [d.approve && str(d.feedbackDueAt) ? t('appeal.timeline.newDue', { at: formatDateTime(str(d.feedbackDueAt)) }) : '', str(d.note) ? t('appeal.timeline.note', { text: str(d.note)! }) : ''],
        };
      case 'replied':
        return { title: t('appeal.event.replied', { unit: unit(d.unitId, d.unitName) }), lines: [str(d.text) ?? ''] };
      case 'parent_replied':
        return { title: t('appeal.event.parent_replied'), lines: [str(d.text) ?? ''] };
      case 'rated':
        return {
          title: t(d.by === 'staff' ? 'appeal.event.followUp' : 'appeal.event.rated', { rating: t(`appeal.rating.${d.rating as Rating}` as AppealKey) }),
          lines: [str(d.comment) ? t('appeal.timeline.comment', { text: str(d.comment)! }) : ''],
        };
      case 'reopened':
        return { title: t('appeal.event.reopened'), lines: [t('appeal.timeline.reason', { text: str(d.reason) ?? '' })] };
      case 'closed':
        return { title: maybe(`appeal.event.closed.${String(d.reason)}`) ?? t('appeal.event.closed'), lines: [str(d.note) ? t('appeal.timeline.note', { text: str(d.note)! }) : ''] };
      case 'supervised':
        return { title: t('appeal.event.supervised'), lines: [str(d.note) ?? '', str(d.dueAt) ? t('appeal.timeline.supervisionDue', { at: formatDateTime(str(d.dueAt)) }) : ''] };
      case 'overdue_flagged':
        return { title: t('appeal.event.overdue_flagged', { clock: maybe(`appeal.clock.${String(d.clock)}`) ?? String(d.clock) }), lines: [] };
      case 'merged':
        return { title: t('appeal.event.merged'), lines: [] };
      case 'duplicate_absorbed':
        return { title: t('appeal.event.duplicate_absorbed'), lines: [] };
      case 'withdrawn':
        return { title: t('appeal.event.withdrawn'), lines: [str(d.reason) ? t('appeal.timeline.reason', { text: str(d.reason)! }) : ''] };
      case 'note_added':
        return { title: t('appeal.event.note_added'), lines: [str(d.text) ?? ''] };
      default:
        return { title: maybe(`appeal.event.${e.type}`) ?? e.type, lines: [] };
    }
  };

  const actor = (e: TimelineEvent) => {
    if (isAutomatic(e)) return e.actorLabel === ENGINE ? t('appeal.timeline.engine') : t('appeal.timeline.system');
    if (e.actorLabel === 'anonymous') return t('appeal.timeline.resident');
    return e.actorLabel || null;
  };

  return (
    <ol className="ap-timeline">
      {events.map((e) => {
        const { title, lines } = describe(e);
        const who = actor(e);
        return (
          <li key={e.seq} className={`ap-timeline-item ap-tone-${TONE[e.type] ?? 'grey'}`}>
            <span className="ap-timeline-dot" aria-hidden />
            <div className="ap-timeline-head">
              <strong className="ap-timeline-title">{title}</strong>
              {staff && e.visibility === 'internal' && <Tag className="ap-tag ap-tag-grey">{t('appeal.timeline.internal')}</Tag>}
            </div>
            <div className="ap-timeline-meta">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {who && <span> · {who}</span>}
            </div>
            {lines.filter(Boolean).map((line, i) => <p key={i} className="ap-timeline-text">{line}</p>)}
          </li>
        );
      })}
    </ol>
  );
}
