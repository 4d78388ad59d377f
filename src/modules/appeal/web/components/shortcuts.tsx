// Keyboard shortcuts for the staff pages (DOMAIN.md §6: no page that needs a mouse). Single keys act only
// when no field has the focus; Alt and Ctrl combinations act everywhere. "?" lists them.
import { Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useAppealI18n } from '../appeal.i18n.ts';

export interface Shortcut {
  /** 'j', '/', '?', 'Alt+1', 'Alt+P', 'Ctrl+Enter' */
  keys: string;
  label: string;
  run: () => void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  // Checkboxes, radios and buttons take no text: single-key shortcuts still work on them.
  if (tag === 'INPUT' && ['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes((el as HTMLInputElement).type)) return false;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || el.getAttribute('role') === 'combobox';
}

/** The name of a key press as written in a Shortcut, layout-independent for letters and digits. */
export function keyName(e: KeyboardEvent): string {
  const base = /^Key[A-Z]$/.test(e.code) ? e.code.slice(3) : /^Digit\d$/.test(e.code) ? e.code.slice(5) : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const mods = [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey && base.length > 1 && base !== '?' ? 'Shift' : ''].filter(Boolean);
  return [...mods, base].join('+');
}

export function useShortcuts(shortcuts: Shortcut[]) {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const name = keyName(e);
      const modified = name.includes('+');
      // A field may claim a plain key (Enter in a select); Alt and Ctrl combinations stay ours.
      if (e.defaultPrevented && !modified) return;
      if (!modified && typing(e.target)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal') && name !== 'Escape') return;
      const hit = current.current.find((s) => s.keys.toUpperCase() === name.toUpperCase());
      if (!hit) return;
      e.preventDefault();
      hit.run();
    };
    // Capture: seen before a focused widget (a select's list) can swallow Ctrl+Enter.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

export function ShortcutHelp({ shortcuts, open, onClose }: { shortcuts: Array<Pick<Shortcut, 'keys' | 'label'>>; open: boolean; onClose: () => void }) {
  const { t } = useAppealI18n();
  return (
    <Modal open={open} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.confirm')}</Button>} title={t('appeal.shortcuts.title')}>
      <table className="ap-shortcut-table">
        <thead><tr><th scope="col">{t('appeal.shortcuts.keys')}</th><th scope="col">{t('appeal.shortcuts.action')}</th></tr></thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.keys}><td><kbd className="ap-kbd">{s.keys}</kbd></td><td>{s.label}</td></tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

export function useShortcutHelp() {
  const [open, setOpen] = useState(false);
  return { open, show: () => setOpen(true), hide: () => setOpen(false) };
}
