// Similar open appeals nearby (POST /api/appeals/duplicates), shown while the form is filled in so that
// a resident or an operator sees a matter is already being handled. Only codes and titles: never who.
import { CopyOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { appealApi, type DuplicatesAnswer, type Location } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';
import { formatDateTime } from '../../../../web/shell/format.ts';
import { StateTag } from './tags.tsx';

export interface DuplicateQuery {
  categoryCode: string | undefined;
  description: string;
  location: Location | null;
}

/** Asks for duplicates (and the community a place lies in) once the form has settled for a moment. */
export function useDuplicates({ categoryCode, description, location }: DuplicateQuery) {
  const [answer, setAnswer] = useState<DuplicatesAnswer | null>(null);
  const [outside, setOutside] = useState(false);
  const text = description.trim();
  const key = JSON.stringify([categoryCode, text, location]);
  useEffect(() => {
    if (!categoryCode || text.length < 2 || !location) {
      setAnswer(null);
      setOutside(false);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      appealApi.duplicates({ categoryCode, description: text, location }).then(
        (a) => { if (live) { setAnswer(a); setOutside(false); } },
        () => { if (live) { setAnswer(null); setOutside('lng' in location); } },
      );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { answer, outside };
}

export function DuplicatesNotice({ answer, trackPath }: { answer: DuplicatesAnswer | null; trackPath: (code: string) => string }) {
  const { t } = useAppealI18n();
  if (!answer || answer.items.length === 0) return null;
  return (
    <Alert
      className="ap-duplicates"
      type="info"
      showIcon
      icon={<CopyOutlined aria-hidden />}
      role="status"
      title={t('appeal.duplicates.title', { n: answer.items.length })}
      description={(
        <>
          <p>{t('appeal.duplicates.lead')}</p>
          <ul className="ap-duplicate-list">
            {answer.items.map((d) => (
              <li key={d.id}>
                <Link to={trackPath(d.trackingCode)} target="_blank" rel="noopener">{d.trackingCode}</Link>{' '}
                <span>{d.title}</span>{' '}
                <StateTag state={d.state} />{' '}
                <span className="ap-muted">
                  {formatDateTime(d.createdAt)}
                  {d.distanceMeters !== null && ` · ${t('appeal.duplicates.distance', { m: d.distanceMeters })}`}
                  {` · ${t('appeal.duplicates.similarity', { p: Math.round(d.similarity * 100) })}`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    />
  );
}
