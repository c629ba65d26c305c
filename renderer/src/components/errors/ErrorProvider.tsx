import { X } from 'lucide-react';
import { useCallback, useState, type ReactNode } from 'react';
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

  const dismiss = (id: number) => setMessages((prev) => prev.filter((m) => m.id !== id));

  return (
    <ErrorContext.Provider value={report}>
      {children}
      <div className={styles.region} role="alert" aria-live="polite" aria-label={t('errors.regionLabel')}>
        {messages.map((m) => (
          <div key={m.id} className={styles.message} data-code={m.code}>
            <div className={styles.text}>
              <p className={styles.action}>{t(m.actionKey)}</p>
              <p className={styles.explanation}>{t(`errors.codes.${m.code}`, { defaultValue: t('errors.codes.default') })}</p>
              <div className={styles.technical}>
                <TechnicalDetail text={m.technical} withLabel />
              </div>
            </div>
            <button type="button" className={styles.dismiss} onClick={() => dismiss(m.id)} aria-label={t('errors.dismiss')}>
              <X aria-hidden="true" size={18} />
            </button>
          </div>
        ))}
      </div>
    </ErrorContext.Provider>
  );
}
