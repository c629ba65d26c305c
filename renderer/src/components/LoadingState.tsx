import { LoaderCircle } from 'lucide-react';
import styles from './LoadingState.module.css';

/** A polite loading message that screen readers announce. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className={styles.loading} role="status" aria-live="polite">
      <LoaderCircle className={styles.spinner} aria-hidden="true" size={20} />
      <span>{label}</span>
    </div>
  );
}
