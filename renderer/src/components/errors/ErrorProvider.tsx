import { X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/errors';
import { toApiError } from '../../lib/api';
import { ErrorContext } from './errorContext';
import styles from './ErrorRegion.module.css';
import { TechnicalDetail } from './TechnicalDetail';

interface Message {
  id: number;
  code: ErrorCode;
  actionKey: string;
  technical: string;
}

const MAX_MESSAGES = 3;
/** A message goes by itself after this long (issue 15), unless the pointer or focus is on it. */
export const ERROR_TIMEOUT_MS = 12_000;
let nextId = 1;

/**
 * Collects errors from `call()` and shows them in one visible region that screen readers announce
 * politely. The text is chosen by `error.code` (ARCHITECTURE §10.5); the message from main is
 * shown only as a technical detail.
 */
export function ErrorProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<Message[]>([]);

  const report = useCallback((error: unknown, actionKey: string) => {
    const apiError = toApiError(error);
    const id = nextId++;
    setMessages((prev) => {
      const rest = prev.filter((m) => !(m.code === apiError.code && m.actionKey === actionKey));
      const message: Message = { id, code: apiError.code, actionKey, technical: apiError.message };
      return [...rest, message].slice(-MAX_MESSAGES);
    });
  }, []);

  const dismiss = useCallback((id: number) => setMessages((prev) => prev.filter((m) => m.id !== id)), []);
  // Held while the user reads (pointer over a message) or acts (focus inside the region).
  const [held, setHeld] = useState(false);
  const regionRef = useRef<HTMLDivElement>(null);
  const oldest = messages[0]?.id;
  useEffect(() => {
    if (oldest === undefined || held) return;
    const timer = setTimeout(() => dismiss(oldest), ERROR_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [oldest, held, dismiss]);
  // A message dismissed with its button hands the focus on instead of dropping it to <body>.
  const dismissByKey = (id: number) => {
    const next = regionRef.current?.querySelector<HTMLButtonElement>(`[data-message]:not([data-message="${id}"]) button`);
    dismiss(id);
    if (next) requestAnimationFrame(() => next.focus());
    else document.getElementById('main')?.focus();
  };

  return (
    <ErrorContext.Provider value={report}>
      {children}
      <div
        ref={regionRef}
        className={styles.region}
        role="alert"
        aria-live="polite"
        aria-label={t('errors.regionLabel')}
        onPointerEnter={() => setHeld(true)}
        onPointerLeave={() => setHeld(false)}
        onFocus={() => setHeld(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld(false);
        }}
        onKeyDown={(e) => {
          const id = Number((e.target as HTMLElement).closest('[data-message]')?.getAttribute('data-message'));
          if (e.key === 'Escape' && id) {
            e.preventDefault();
            e.stopPropagation();
            dismissByKey(id);
          }
        }}
      >
        {messages.map((m) => (
          <div key={m.id} className={styles.message} data-code={m.code} data-message={m.id}>
            <div className={styles.text}>
              <p className={styles.action}>{t(m.actionKey)}</p>
              <p className={styles.explanation}>{t(`errors.codes.${m.code}`, { defaultValue: t('errors.codes.default') })}</p>
              <div className={styles.technical}>
                <TechnicalDetail text={m.technical} withLabel />
              </div>
            </div>
            <button type="button" className={styles.dismiss} onClick={() => dismissByKey(m.id)} aria-label={t('errors.dismiss')}>
              <X aria-hidden="true" size={18} />
            </button>
          </div>
        ))}
      </div>
    </ErrorContext.Provider>
  );
}
