import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Synopse as SynopseData } from '../../../../shared/ipc/areas/collab';
import { formatIsoDate } from '../../lib/formatDate';
import styles from './Editor.module.css';

/**
 * Two Fassungen side by side: the left column shows the earlier text with removed words struck
 * through (`del`), the right one the later text with added words marked (`ins`).
 */
export function Synopse({ data }: { data: SynopseData }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'de';
  // "Synopse zeigen" leads here: the comparison takes the focus (WCAG 2.4.3, issue 15).
  const region = useRef<HTMLElement>(null);
  useEffect(() => {
    region.current?.focus();
  }, [data]);
  const label = (side: SynopseData['before']) =>
    side.ref === 'current' ? t('editor.versions.current') : `${side.name}${side.createdAt ? ` (${formatIsoDate(side.createdAt.slice(0, 10), lang)})` : ''}`;
  return (
    <section ref={region} tabIndex={-1} className={styles.synopse} aria-label={t('editor.versions.synopseLabel')}>
      {/* Plural keys of i18next: "1 Wort entfernt", never "1 Wörter entfernt" (issue 15). */}
      <p className={styles.hint}>
        {t('editor.versions.removedWords', { count: data.removedWords })}, {t('editor.versions.addedWords', { count: data.addedWords })}
      </p>
      <div className={styles.synopseColumns}>
        <div>
          <h4>{label(data.before)}</h4>
          <div className={styles.synopseText} data-side="before">
            {data.segments.map((s, i) =>
              s.op === 'equal' ? <span key={i}>{s.text}</span> : s.op === 'removed' ? <del key={i}>{s.text}</del> : null,
            )}
          </div>
        </div>
        <div>
          <h4>{label(data.after)}</h4>
          <div className={styles.synopseText} data-side="after">
            {data.segments.map((s, i) =>
              s.op === 'equal' ? <span key={i}>{s.text}</span> : s.op === 'added' ? <ins key={i}>{s.text}</ins> : null,
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
