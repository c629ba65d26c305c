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
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} ref={ref} value={value} rows={3} onChange={(e) => setValue(e.target.value)} spellCheck lang="de" />
      ) : (
        <input id={id} ref={ref} value={value} onChange={(e) => setValue(e.target.value)} spellCheck lang="de" />
      )}
      <Button type="submit" variant="primary">
        {submitLabel}
      </Button>
      <Button onClick={onCancel}>{t('editor.cancel')}</Button>
    </form>
  );
}
