import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState';
import { formatIsoDate } from '../../lib/formatDate';
import { PlainText } from '../document/PlainText';
import { RichText } from '../document/RichText';
import { useDocument } from '../document/useDocument';
import styles from './Editor.module.css';

/** The cited statement or press document, beside the draft (opened by clicking a citation). */
export function SourcePanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const state = useDocument(id);
  if (state.status === 'loading') return <LoadingState label={t('document.loading')} />;
  if (state.status === 'error') return <p className={styles.hint}>{state.code === 'NOT_FOUND' ? t('editor.source.missing') : t('document.errorLoading')}</p>;
  const doc = state.doc;
  return (
    <article className={styles.panelBody} aria-label={t('editor.source.label')}>
      <h4>{doc.title}</h4>
      <p className={styles.hint}>
        {[t(`kinds.${doc.kind}`), doc.people.map((p) => p.name).join(', ') || doc.source, doc.date ? formatIsoDate(doc.date, i18n.resolvedLanguage ?? 'de') : null]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <div className={styles.sourceText} lang={doc.language}>
        {doc.content ? <RichText doc={doc.content} /> : <PlainText text={doc.bodyText} />}
      </div>
    </article>
  );
}
