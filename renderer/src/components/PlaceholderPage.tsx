import { useId, type ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import styles from './PlaceholderPage.module.css';

export interface PlaceholderPageProps {
  title: string;
  emptyTitle: string;
  icon: ReactNode;
  text: string;
  comingLater: string;
}

/** A section whose feature arrives later: says honestly what will be here, shows no made-up data. */
export function PlaceholderPage({ title, emptyTitle, icon, text, comingLater }: PlaceholderPageProps) {
  const headingId = useId();
  return (
    <section className={styles.page} aria-labelledby={headingId}>
      <h1 id={headingId} className={styles.heading} tabIndex={-1}>
        {title}
      </h1>
      <EmptyState icon={icon} title={emptyTitle}>
        <p>{text}</p>
        <p>{comingLater}</p>
      </EmptyState>
    </section>
  );
}
