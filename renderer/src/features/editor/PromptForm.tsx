import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import styles from './Editor.module.css';

/** A one-field form under the toolbar (Electron has no window.prompt): link, footnote, comment. */
export function PromptForm({
  label,
  initial = '',
  submitLabel,
  multiline = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial?: string;
  submitLabel: string;
  multiline?: boolean;
  onSubmit: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <form
      className={styles.prompt}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(value.trim());
      }}
      onKeyDown={(e) => {
        // Strg+Eingabe submits from the multi-line fields too (footnote, comment), issue 15.
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
          return;
        }
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} ref={ref} value={value} rows={3} onChange={(e) => setValue(e.target.value)} spellCheck lang="de" aria-keyshortcuts="Control+Enter" aria-describedby={`${id}-hint`} />
      ) : (
        <input id={id} ref={ref} value={value} onChange={(e) => setValue(e.target.value)} spellCheck lang="de" />
      )}
      {multiline ? (
        <span id={`${id}-hint`} className={styles.hint}>
          {t('editorExtra.submitHint')}
        </span>
      ) : null}
      <Button type="submit" variant="primary">
        {submitLabel}
      </Button>
      <Button onClick={onCancel}>{t('editor.cancel')}</Button>
    </form>
  );
}
