// Photos of the matter: chosen from the phone's camera or files, uploaded one by one as they are
// picked (POST /api/attachments), shown as thumbnails that can be removed before sending.
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useAuth } from '../../../../web/shell/auth.tsx';
import { errorLine } from '../../../../web/shell/errors.tsx';
import { currentCsrfToken, uploadAttachment } from '../appeal.api.ts';
import { useAppealI18n } from '../appeal.i18n.ts';

export const MAX_PHOTOS = 9;
const MAX_BYTES = 5 * 1024 * 1024;

interface Photo {
  key: string;
  name: string;
  preview: string;
  id: string | null;
  error: string | null;
}

export function PhotoUpload({ onChange }: { onChange: (ids: string[], busy: boolean) => void }) {
  const { t } = useAppealI18n();
  const { session } = useAuth();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(0);

  useEffect(() => {
    onChange(photos.filter((p) => p.id).map((p) => p.id!), busy > 0);
  }, [photos, busy]);

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.preview)), []);

  async function add(files: FileList | null) {
    if (!files) return;
    const room = MAX_PHOTOS - photos.length;
    const chosen = Array.from(files).slice(0, Math.max(room, 0));
    if (chosen.length === 0) return;
    const token = session.status === 'signed-in' ? await currentCsrfToken().catch(() => null) : null;
    for (const file of chosen) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      const photo: Photo = { key, name: file.name, preview: URL.createObjectURL(file), id: null, error: null };
      if (file.size > MAX_BYTES) photo.error = t('appeal.photos.tooLarge');
      else if (!file.type.startsWith('image/')) photo.error = t('appeal.photos.notImage');
      setPhotos((list) => [...list, photo]);
      if (photo.error) continue;
      setBusy((n) => n + 1);
      uploadAttachment(file, token).then(
        (saved) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, id: saved.id } : p))),
        (error: unknown) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, error: errorLine(t, error) } : p))),
      ).finally(() => setBusy((n) => n - 1));
    }
    if (input.current) input.current.value = '';
  }

  function remove(key: string) {
    setPhotos((list) => {
      const gone = list.find((p) => p.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return list.filter((p) => p.key !== key);
    });
  }

  return (
    <div className="ap-photos">
      <ul className="ap-photo-list" aria-label={t('appeal.photos.list', { n: photos.length, max: MAX_PHOTOS })}>
        {photos.map((p, i) => (
          <li key={p.key} className={p.error ? 'ap-photo ap-photo-error' : 'ap-photo'}>
            <img src={p.preview} alt={t('appeal.photos.alt', { n: i + 1, name: p.name })} />
            {!p.id && !p.error && <span className="ap-photo-busy" role="status"><Spin size="small" /><span className="ms-visually-hidden">{t('appeal.photos.uploading')}</span></span>}
            {p.error && <span className="ap-photo-message" role="alert">{p.error}</span>}
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} className="ap-photo-remove" onClick={() => remove(p.key)}
              aria-label={t('appeal.photos.remove', { n: i + 1 })} />
          </li>
        ))}
      </ul>
      {photos.length < MAX_PHOTOS && (
        <>
          <input ref={input} id={inputId} type="file" accept="image/*" multiple className="ap-file-input" onChange={(e) => void add(e.target.files)} />
          <label htmlFor={inputId} className="ap-photo-add">
            <CameraOutlined aria-hidden /> {t('appeal.photos.add')}
          </label>
        </>
      )}
      <p className="ap-help">{t('appeal.photos.help', { max: MAX_PHOTOS })}</p>
    </div>
  );
}
