import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backlink } from '../../../../shared/ipc/areas/organize';
import { call, onEvent } from '../../lib/api';
import styles from './DocumentPage.module.css';

/** „Zitiert in“ (issue 15): the drafts that cite this document or one of its statements. */
export function Backlinks({ documentId, onOpen }: { documentId: string; onOpen?: (id: string) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [links, setLinks] = useState<Backlink[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const load = () =>
      call('documents.backlinks', { id: documentId }).then(
        (l) => {
          if (live) {
            setLinks(l);
            setFailed(false);
          }
        },
        () => live && setFailed(true),
      );
    void load();
    const off = onEvent('documents.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [documentId]);

  return (
    <section className={styles.backlinks} aria-labelledby={headingId}>
      <h2 id={headingId}>{t('backlinks.heading')}</h2>
      {failed ? <p>{t('backlinks.error')}</p> : null}
      {links && links.length === 0 ? <p className={styles.backlinksNone}>{t('backlinks.none')}</p> : null}
      {links && links.length > 0 ? (
        <>
          <p className={styles.backlinksNone}>{t('backlinks.intro')}</p>
          <ul>
            {links.map((l) => (
              <li key={l.id}>
                {onOpen ? (
                  <button type="button" className={styles.backlink} onClick={() => onOpen(l.id)}>
                    {l.title}
                  </button>
                ) : (
                  <span>{l.title}</span>
                )}{' '}
                <span className={styles.backlinksNone}>
                  ({t(`kinds.${l.kind}`)}, {t('backlinks.citations', { count: l.citations })})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
