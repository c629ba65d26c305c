import { ChevronDown, ChevronUp, Search, X } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import styles from './Find.module.css';
import type { FindTarget } from './findText';

/**
 * „Im Dokument suchen“ (issue 15): Strg+F opens the bar (or selects its text again), Enter and
 * F3 go to the next match, Umschalt+Enter and Umschalt+F3 to the previous one, Escape closes and
 * returns the focus to where it was. The count is announced politely. The same bar drives the
 * read view and the editor through a `FindTarget`.
 */
export function FindInDocument({ target, refreshKey }: { target: FindTarget; /** Changes when the text changed: the search runs again. */ refreshKey?: unknown }) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [total, setTotal] = useState(0);
  const [current, setCurrent] = useState(0);

  const show = useCallback(() => {
    if (!open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) returnTo.current = document.activeElement;
    setOpen(true);
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  }, [open]);

  const close = useCallback(() => {
    setOpen(false);
    target.clear();
    const back = returnTo.current;
    returnTo.current = null;
    requestAnimationFrame(() => (back && back.isConnected ? back : null)?.focus());
  }, [target]);

  // Search again when the query or the text changes; keep the current match where possible.
  // After the render that changed them: the marks are outside React (DOM ranges, editor decorations).
  useEffect(() => {
    if (!open) return;
    const frame = requestAnimationFrame(() => {
      const n = target.find(query);
      setTotal(n);
      setCurrent((c) => {
        const next = n === 0 ? 0 : Math.min(c, n - 1);
        if (n > 0) target.select(next);
        return next;
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [open, query, target, refreshKey]);

  useEffect(() => () => target.clear(), [target]);

  const step = useCallback(
    (delta: number) => {
      if (total === 0) return;
      const next = (current + delta + total) % total;
      setCurrent(next);
      target.select(next);
    },
    [current, total, target],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        show();
      } else if (e.key === 'F3' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        if (!open) show();
        else step(e.shiftKey ? -1 : 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show, step, open]);

  const onInputKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      // Consumed: Escape here closes the bar, not the document.
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  if (!open) {
    return (
      <div className={styles.opener}>
        <Button variant="quiet" icon={<Search size={16} />} onClick={show} aria-keyshortcuts="Control+F" title={`${t('findInDoc.open')} (Strg+F)`}>
          {t('findInDoc.open')}
        </Button>
      </div>
    );
  }
  return (
    <div className={styles.bar} role="search" aria-label={t('findInDoc.label')}>
      <label htmlFor={inputId}>{t('findInDoc.label')}</label>
      <input
        id={inputId}
        ref={inputRef}
        type="search"
        value={query}
        placeholder={t('findInDoc.placeholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={onInputKey}
        aria-keyshortcuts="Enter Shift+Enter F3 Shift+F3"
      />
      <span className={styles.count} role="status" aria-live="polite">
        {query.trim() ? (total > 0 ? t('findInDoc.count', { current: current + 1, total }) : t('findInDoc.none')) : ''}
      </span>
      <Button variant="quiet" icon={<ChevronUp size={16} />} onClick={() => step(-1)} disabled={total === 0} aria-keyshortcuts="Shift+F3">
        {t('findInDoc.previous')}
      </Button>
      <Button variant="quiet" icon={<ChevronDown size={16} />} onClick={() => step(1)} disabled={total === 0} aria-keyshortcuts="F3">
        {t('findInDoc.next')}
      </Button>
      <Button variant="quiet" icon={<X size={16} />} onClick={close}>
        {t('findInDoc.close')}
      </Button>
    </div>
  );
}
