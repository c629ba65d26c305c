import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagCount } from '../../../../shared/ipc/areas/organize';
import { Button } from '../../components/Button';
import { LoadingState } from '../../components/LoadingState';
import { Modal } from '../../components/Modal';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent } from '../../lib/api';
import listPage from '../../components/ListPage.module.css';
import tagPage from './Tags.module.css';

const styles = { ...listPage, ...tagPage };

type Editing = { mode: 'rename' | 'merge'; tag: TagCount } | null;

/**
 * The tag view (issue 15): every tag with its number of documents; a tag opens the library
 * filtered by it; „Umbenennen …“ (onto an existing name: merged) and „Zusammenführen …“.
 */
export function TagsPage({ onShowTag, onNotice }: { onShowTag: (name: string) => void; onNotice: (text: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [tags, setTags] = useState<TagCount[] | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  // After a rename the tag's row may be gone: the heading takes the focus once the dialog has
  // closed (the Modal's own effect, a child's, runs first and returns focus to the old button).
  const focusHeadingAfterClose = useRef(false);
  useEffect(() => {
    if (editing !== null || !focusHeadingAfterClose.current) return;
    focusHeadingAfterClose.current = false;
    headingRef.current?.focus();
  }, [editing]);

  const load = useCallback(() => {
    call('tags.list', {}).then(setTags, (err: unknown) => report(err, 'tags.errorList'));
  }, [report]);
  useEffect(() => {
    load();
    return onEvent('documents.changed', load);
  }, [load]);

  return (
    <section className={styles.page} aria-labelledby={headingId}>
      <header className={styles.header}>
        <h1 id={headingId} ref={headingRef} className={styles.heading} tabIndex={-1}>
          {t('tags.heading')}
        </h1>
        <p className={styles.intro}>{t('tags.intro')}</p>
      </header>
      {tags === null ? <LoadingState label={t('tags.loading')} /> : null}
      {tags && tags.length === 0 ? <p className={styles.empty}>{t('tags.none')}</p> : null}
      {tags && tags.length > 0 ? (
        <ul className={styles.list} aria-label={t('tags.listLabel')}>
          {tags.map((tag) => (
            <li key={tag.name} className={styles.item}>
              <div className={styles.itemText}>
                <button type="button" className={styles.tagLink} onClick={() => onShowTag(tag.name)} aria-label={t('tags.showNamed', { name: tag.name })}>
                  {tag.name}
                </button>
                <p className={styles.itemMeta}>{t('tags.count', { count: tag.count })}</p>
              </div>
              <div className={styles.itemActions}>
                <Button onClick={() => setEditing({ mode: 'rename', tag })} aria-label={t('tags.renameNamed', { name: tag.name })}>
                  {t('tags.rename')}
                </Button>
                {tags.length > 1 ? (
                  <Button variant="quiet" onClick={() => setEditing({ mode: 'merge', tag })} aria-label={t('tags.mergeNamed', { name: tag.name })}>
                    {t('tags.merge')}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <TagDialog
        editing={editing}
        others={(tags ?? []).filter((x) => x.name !== editing?.tag.name)}
        onClose={() => setEditing(null)}
        onDone={(text) => {
          focusHeadingAfterClose.current = true;
          setEditing(null);
          onNotice(text);
        }}
      />
    </section>
  );
}

function TagDialog({ editing, others, onClose, onDone }: { editing: Editing; others: TagCount[]; onClose: () => void; onDone: (notice: string) => void }) {
  const headingId = useId();
  return (
    <Modal open={editing !== null} onClose={onClose} labelledBy={headingId}>
      {editing ? <TagForm key={`${editing.mode}:${editing.tag.name}`} editing={editing} others={others} headingId={headingId} onClose={onClose} onDone={onDone} /> : null}
    </Modal>
  );
}

function TagForm({
  editing,
  others,
  headingId,
  onClose,
  onDone,
}: {
  editing: NonNullable<Editing>;
  others: TagCount[];
  headingId: string;
  onClose: () => void;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const report = useReportError();
  const ids = { name: useId(), hint: useId() };
  const [value, setValue] = useState(() => (editing.mode === 'rename' ? editing.tag.name : (others[0]?.name ?? '')));
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    setSaving(true);
    try {
      if (editing.mode === 'rename') {
        const r = await call('tags.rename', { from: editing.tag.name, to: value.trim() });
        onDone(r.merged ? t('tags.merged', { from: editing.tag.name, to: r.name }) : t('tags.renamed', { from: editing.tag.name, to: r.name }));
      } else {
        const r = await call('tags.merge', { names: [editing.tag.name], into: value });
        onDone(t('tags.merged', { from: editing.tag.name, to: r.name }));
      }
    } catch (err) {
      report(err, 'tags.errorRename');
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void save(e)}>
      <h2 id={headingId}>{editing.mode === 'rename' ? t('tags.renameHeading', { name: editing.tag.name }) : t('tags.mergeHeading', { name: editing.tag.name })}</h2>
      <div className={styles.row}>
        <label htmlFor={ids.name}>{editing.mode === 'rename' ? t('tags.newName') : t('tags.mergeInto')}</label>
        {editing.mode === 'rename' ? (
          <input id={ids.name} value={value} onChange={(e) => setValue(e.target.value)} aria-describedby={ids.hint} autoFocus required maxLength={200} />
        ) : (
          <select id={ids.name} value={value} onChange={(e) => setValue(e.target.value)} autoFocus>
            {others.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        )}
        {editing.mode === 'rename' ? (
          <span id={ids.hint} className={styles.hint}>
            {t('tags.renameHint')}
          </span>
        ) : null}
      </div>
      <div className={styles.formActions}>
        <Button onClick={onClose} disabled={saving}>
          {t('tags.cancel')}
        </Button>
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? t('tags.saving') : editing.mode === 'rename' ? t('tags.renameSave') : t('tags.mergeSave')}
        </Button>
      </div>
    </form>
  );
}
