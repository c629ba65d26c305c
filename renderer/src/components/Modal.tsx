import { useEffect, useRef, type ReactNode } from 'react';
import { pageHeading } from './focus';
import styles from './Modal.module.css';

export interface ModalProps {
  open: boolean;
  onClose: () => void;
  /** id of the element that names the dialog (its heading). */
  labelledBy: string;
  children: ReactNode;
  className?: string;
  /**
   * Where focus goes once the dialog closed, when the closing changed the page (a created session
   * shows its heading). Without it, or when it finds nothing, focus returns to the control that
   * opened the dialog, or, when that one is gone or disabled, to the page's heading.
   */
  returnFocus?: () => HTMLElement | null;
}

/**
 * Focus after a dialog closed (WCAG 2.4.3, issue 15): never left on `<body>`. Runs a frame
 * later, so the page has rendered what the dialog's action changed.
 */
export function restoreFocus(opener: HTMLElement | null, preferred?: () => HTMLElement | null): void {
  requestAnimationFrame(() => {
    const target = preferred?.();
    if (target) {
      target.focus();
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    if (opener?.isConnected && !opener.matches(':disabled') && opener !== document.body) {
      opener.focus();
      return;
    }
    pageHeading()?.focus();
  });
}

/**
 * A modal dialog on the platform's `<dialog>`: `showModal()` puts it in the top layer, makes the
 * rest of the page inert (focus stays inside) and returns focus to where it came from on close.
 * Escape closes it; the key is consumed so views below (the document's Escape = back) do not react.
 */
export function Modal({ open, onClose, labelledBy, children, className, returnFocus }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const returnTo = useRef(returnFocus);
  useEffect(() => {
    returnTo.current = returnFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
      restoreFocus(opener.current, returnTo.current);
      opener.current = null;
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={[styles.dialog, className].filter(Boolean).join(' ')}
      aria-labelledby={labelledBy}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) onClose();
      }}
    >
      {open ? children : null}
    </dialog>
  );
}
