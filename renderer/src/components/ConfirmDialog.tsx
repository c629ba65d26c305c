import { useId, type ReactNode } from 'react';
import { Button } from './Button';
import styles from './ConfirmDialog.module.css';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in full sentences: the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** While the action runs: both buttons disabled, Escape ignored, `busyText` announced. */
  busy?: boolean;
  busyText?: string;
  /** An action that cannot be undone: the confirm button is drawn as a warning. */
  destructive?: boolean;
}

/**
 * A yes/no question before an action with consequences. Focus starts on „Abbrechen“, so Enter
 * right after opening does nothing harmful; Escape cancels.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, onConfirm, onCancel, busy = false, busyText, destructive = false }: ConfirmDialogProps) {
  const ids = { title: useId(), text: useId() };
  return (
    <Modal open={open} onClose={() => !busy && onCancel()} labelledBy={ids.title}>
      <div className={styles.dialog} aria-describedby={ids.text}>
        <h2 id={ids.title}>{title}</h2>
        <div id={ids.text} className={styles.text}>
          {children}
        </div>
        {busy && busyText ? (
          <p role="status" className={styles.busy}>
            {busyText}
          </p>
        ) : null}
        <div className={styles.buttons}>
          <Button autoFocus onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button variant={destructive ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
