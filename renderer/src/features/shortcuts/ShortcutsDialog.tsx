import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Modal } from '../../components/Modal';
import { onEvent } from '../../lib/api';
import styles from './Shortcuts.module.css';

/** Keys as written on German keyboards (Strg, Umschalt, Entf), in the UI language. */
const GROUPS: { group: 'general' | 'list' | 'document' | 'editor'; items: { keys: { de: string; en: string }; action: string }[] }[] = [
  {
    group: 'general',
    items: [
      { keys: { de: 'Strg+K', en: 'Ctrl+K' }, action: 'search' },
      { keys: { de: '?', en: '?' }, action: 'help' },
      { keys: { de: 'Tab', en: 'Tab' }, action: 'skip' },
      { keys: { de: 'Escape', en: 'Escape' }, action: 'back' },
    ],
  },
  {
    group: 'list',
    items: [
      { keys: { de: '↑ / ↓, Bild↑ / Bild↓', en: '↑ / ↓, Page Up / Page Down' }, action: 'listMove' },
      { keys: { de: 'Pos1 / Ende', en: 'Home / End' }, action: 'listEdges' },
      { keys: { de: 'Eingabetaste', en: 'Enter' }, action: 'listOpen' },
      { keys: { de: 'Entf', en: 'Delete' }, action: 'trash' },
    ],
  },
  {
    group: 'document',
    items: [
      { keys: { de: 'Strg+F', en: 'Ctrl+F' }, action: 'find' },
      { keys: { de: 'Eingabetaste, F3', en: 'Enter, F3' }, action: 'findNext' },
      { keys: { de: 'Umschalt+Eingabetaste, Umschalt+F3', en: 'Shift+Enter, Shift+F3' }, action: 'findPrevious' },
      { keys: { de: 'Entf', en: 'Delete' }, action: 'trash' },
    ],
  },
  {
    group: 'editor',
    items: [
      { keys: { de: 'Strg+B', en: 'Ctrl+B' }, action: 'bold' },
      { keys: { de: 'Strg+I', en: 'Ctrl+I' }, action: 'italic' },
      { keys: { de: 'Strg+Z', en: 'Ctrl+Z' }, action: 'undo' },
      { keys: { de: 'Strg+Umschalt+Z', en: 'Ctrl+Shift+Z' }, action: 'redo' },
      { keys: { de: 'Strg+K', en: 'Ctrl+K' }, action: 'link' },
      { keys: { de: 'Strg+Alt+F', en: 'Ctrl+Alt+F' }, action: 'footnote' },
      { keys: { de: 'Strg+Alt+Q', en: 'Ctrl+Alt+Q' }, action: 'citation' },
      { keys: { de: 'Strg+Alt+M', en: 'Ctrl+Alt+M' }, action: 'comment' },
      { keys: { de: 'Strg+Eingabetaste', en: 'Ctrl+Enter' }, action: 'submit' },
    ],
  },
];

/** Whether a key press is typing: a field, the editor or an open dialog keeps its "?". */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * The list of keyboard shortcuts (issue 15): „?“ outside text fields, or Hilfe → Tastenkürzel
 * (`app.commandInvoked` with `help.shortcuts`). A modal dialog: focus returns where it was.
 */
export function ShortcutsDialog() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const en = (i18n.resolvedLanguage ?? 'de').startsWith('en');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || typing(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    const off = onEvent('app.commandInvoked', ({ command }) => command === 'help.shortcuts' && setOpen(true));
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, []);

  return (
    <Modal open={open} onClose={() => setOpen(false)} labelledBy={headingId} className={styles.dialog}>
      <div className={styles.body}>
        <h2 id={headingId}>{t('shortcuts.title')}</h2>
        <p className={styles.intro}>{t('shortcuts.intro')}</p>
        {GROUPS.map(({ group, items }) => (
          <table key={group} className={styles.table}>
            <caption>{t(`shortcuts.groups.${group}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shortcuts.keys')}</th>
                <th scope="col">{t('shortcuts.action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.action}>
                  <td>
                    <kbd>{en ? item.keys.en : item.keys.de}</kbd>
                  </td>
                  <td>{t(`shortcuts.items.${item.action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className={styles.actions}>
          <Button variant="primary" onClick={() => setOpen(false)} autoFocus>
            {t('shortcuts.close')}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
