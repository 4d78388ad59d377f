// The materials of an application, one row per material the service lists: its name, how many copies,
// a template to download when there is one, and files chosen from the phone or computer. Each file is
// checked here (a photo or a PDF, at most 5 MB — what POST /api/attachments takes) and uploaded as soon
// as it is picked; a file that fails says why, in the row, and can be removed.
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Spin, Tag } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useAuth } from '../../../../web/shell/auth.tsx';
import { errorLine } from '../../../../web/shell/errors.tsx';
import { currentCsrfToken, MAX_UPLOAD_BYTES, templateUrl, uploadAttachment, UPLOAD_TYPES, type Material } from '../application.api.ts';
import { useApplicationI18n } from '../application.i18n.ts';

const MAX_FILES = 10;

interface Picked {
  key: string;
  name: string;
  size: number;
  id: string | null;
  error: string | null;
}

export type MaterialFiles = Record<string, string[]>;

export function MaterialsUpload({ serviceCode, materials, highlight, invalid, onChange }: {
  serviceCode: string;
  materials: Material[];
  /** material codes to show first and marked (the office asked for them) */
  highlight?: string[] | undefined;
  /** material codes whose required file is missing (after a failed submit) */
  invalid?: string[] | undefined;
  onChange: (files: MaterialFiles, busy: boolean) => void;
}) {
  const [state, setState] = useState<Record<string, { ids: string[]; busy: boolean }>>({});
  useEffect(() => {
    const files: MaterialFiles = {};
    for (const [code, s] of Object.entries(state)) if (s.ids.length > 0) files[code] = s.ids;
    onChange(files, Object.values(state).some((s) => s.busy));
  }, [state]);
  const shown = highlight ? [...materials.filter((m) => highlight.includes(m.code)), ...materials.filter((m) => !highlight.includes(m.code))] : materials;
  return (
    <div className="sp-material-list">
      {shown.map((m) => (
        <MaterialRow key={m.code} serviceCode={serviceCode} material={m} asked={highlight?.includes(m.code) ?? false} invalid={invalid?.includes(m.code) ?? false}
          onChange={(ids, busy) => setState((s) => ({ ...s, [m.code]: { ids, busy } }))} />
      ))}
    </div>
  );
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function MaterialRow({ serviceCode, material, asked, invalid, onChange }: {
  serviceCode: string; material: Material; asked: boolean; invalid: boolean; onChange: (ids: string[], busy: boolean) => void;
}) {
  const { t } = useApplicationI18n();
  const { session } = useAuth();
  const inputId = useId();
  const helpId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(0);

  useEffect(() => {
    onChange(files.filter((f) => f.id).map((f) => f.id!), busy > 0);
  }, [files, busy]);

  async function add(list: FileList | null) {
    if (!list) return;
    const chosen = Array.from(list).slice(0, Math.max(0, MAX_FILES - files.length));
    if (chosen.length === 0) return;
    const token = session.status === 'signed-in' ? await currentCsrfToken().catch(() => null) : null;
    for (const file of chosen) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      const picked: Picked = { key, name: file.name, size: file.size, id: null, error: null };
      if (!UPLOAD_TYPES.includes(file.type)) picked.error = t('application.upload.wrongType');
      else if (file.size > MAX_UPLOAD_BYTES) picked.error = t('application.upload.tooLarge', { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
      setFiles((l) => [...l, picked]);
      if (picked.error) continue;
      setBusy((n) => n + 1);
      uploadAttachment(file, token).then(
        (saved) => setFiles((l) => l.map((f) => (f.key === key ? { ...f, id: saved.id } : f))),
        (error: unknown) => setFiles((l) => l.map((f) => (f.key === key ? { ...f, error: errorLine(t, error) } : f))),
      ).finally(() => setBusy((n) => n - 1));
    }
    if (input.current) input.current.value = '';
  }

  const remove = (key: string) => setFiles((l) => l.filter((f) => f.key !== key));
  const classes = ['sp-material', asked ? 'sp-material-missing' : ''].filter(Boolean).join(' ');

  return (
    <section className={classes} aria-labelledby={`${inputId}-name`} data-material={material.code}>
      <div className="sp-service-head">
        <span className="sp-material-name" id={`${inputId}-name`}>{material.name}</span>
        <span className="sp-service-facts">
          {asked && <Tag className="sp-tag sp-tag-orange">{t('application.upload.asked')}</Tag>}
          <Tag className={material.required ? 'sp-tag sp-tag-purple' : 'sp-tag sp-tag-grey'}>{material.required ? t('application.material.required') : t('application.material.optional')}</Tag>
        </span>
      </div>
      <p className="sp-help" id={helpId}>
        {t('application.material.copies', { n: material.copies })}
        {material.note ? ` · ${material.note}` : ''}
        {' · '}{t('application.upload.rules', { max: MAX_UPLOAD_BYTES / 1024 / 1024 })}
      </p>
      {(material.hasTemplate || material.templateText) && (
        <p className="sp-help">
          <a href={templateUrl(serviceCode, material.code)} download><DownloadOutlined aria-hidden /> {t('application.material.template', { name: material.name })}</a>
        </p>
      )}
      {files.length > 0 && (
        <ul className="sp-files" aria-label={t('application.upload.files', { name: material.name })}>
          {files.map((f) => (
            <li key={f.key}>
              <PaperClipOutlined aria-hidden />
              <span>{f.name}</span>
              <span className="sp-muted">{sizeText(f.size)}</span>
              {!f.id && !f.error && <span role="status"><Spin size="small" /> {t('application.upload.uploading')}</span>}
              {f.id && <span className="sp-muted" role="status">{t('application.upload.done')}</span>}
              {f.error && <span className="sp-file-error" role="alert">{f.error}</span>}
              <Button size="small" danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.key)}
                aria-label={t('application.upload.remove', { name: f.name })} />
            </li>
          ))}
        </ul>
      )}
      {files.length < MAX_FILES && (
        <>
          <input ref={input} id={inputId} type="file" accept={UPLOAD_TYPES.join(',')} multiple className="sp-file-input" aria-describedby={helpId}
            aria-invalid={invalid} onChange={(e) => void add(e.target.files)} />
          <label htmlFor={inputId} className="sp-file-add">
            <UploadOutlined aria-hidden /> {t('application.upload.add', { name: material.name })}
          </label>
        </>
      )}
      {invalid && <p className="sp-field-error" role="alert">{t('application.upload.requiredMissing')}</p>}
    </section>
  );
}
