import { ArrowDown, ArrowUp, FileText, GripVertical, Pencil, Plus, Trash2, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaDocument, AgendaItem, CommitteeSession } from '../../../../shared/domain/session';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call, toApiError } from '../../lib/api';
import { formatIsoDate } from '../../lib/formatDate';
import { DocumentPickerDialog } from './DocumentPickerDialog';
import { dropSlot, moveBy, moveTo, sameOrder } from './reorder';
import styles from './Sessions.module.css';

/** What is being dragged: an agenda item, or a document within one item. */
type Drag = { type: 'item'; id: string } | { type: 'doc'; itemId: string; id: string };
type DropHint = { key: string; after: boolean };

// A private type: a drop from another app (or a file) is not mistaken for a reorder.
const DRAG_TYPE = 'application/x-quartierswissen-agenda';

export interface AgendaProps {
  session: CommitteeSession;
  /** Shows a new state at once (optimistic reorder); main's `sessions.changed` confirms it. */
  replace: (session: CommitteeSession) => void;
  reload: () => void;
  onOpenDocument?: (id: string) => void;
}

/**
 * The agenda of a session: TOP 1, 2, … with their documents. Order by drag and drop or by
 * keyboard (buttons, or Alt+Arrow up/down on a focused row); each move is announced politely and
 * saved through the reorder channels.
 */
export function Agenda({ session, replace, reload, onOpenDocument }: AgendaProps) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const hintId = useId();
  const newItemId = useId();
  const language = i18n.resolvedLanguage ?? 'de';
  const items = session.items;
  const [announcement, setAnnouncement] = useState('');
  const [dropHint, setDropHint] = useState<DropHint | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [pickerFor, setPickerFor] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newError, setNewError] = useState<string | null>(null);
  const drag = useRef<Drag | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // Focus follows a moved row (its DOM node may be re-inserted, which drops focus).
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key || !listRef.current) return;
    pendingFocus.current = null;
    const el = listRef.current.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    const fallback = listRef.current.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key.replace(/:(up|down)$/u, ':row'))}"]`);
    (el && !(el as HTMLButtonElement).disabled ? el : fallback)?.focus();
  });

  const announce = (text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u00a0` : text));

  // ---- items ----------------------------------------------------------------------------------

  const reorderItems = async (itemIds: string[], movedId: string, focus?: string) => {
    if (sameOrder(itemIds, items.map((i) => i.id))) return;
    const byId = new Map(items.map((i) => [i.id, i]));
    replace({ ...session, items: itemIds.map((id, position) => ({ ...byId.get(id)!, position })) });
    if (focus) pendingFocus.current = focus;
    announce(t('sessions.agenda.movedItem', { title: byId.get(movedId)?.title ?? '', number: itemIds.indexOf(movedId) + 1 }));
    try {
      await call('sessions.reorderItems', { sessionId: session.id, itemIds });
    } catch (err) {
      report(err, 'sessions.agenda.errorReorder');
      reload();
    }
  };

  const moveItem = (item: AgendaItem, delta: -1 | 1, control: 'row' | 'up' | 'down') =>
    void reorderItems(moveBy(items.map((i) => i.id), item.id, delta), item.id, `item:${item.id}:${control}`);

  const addItem = async (event: FormEvent) => {
    event.preventDefault();
    setNewError(null);
    try {
      const item = await call('sessions.addItem', { sessionId: session.id, item: { title: newTitle } });
      setNewTitle('');
      announce(t('sessions.agenda.addedItem', { title: item.title, number: item.position + 1 }));
    } catch (err) {
      const apiError = toApiError(err);
      if (apiError.code === 'VALIDATION') setNewError(t('sessions.agenda.titleRequired'));
      else report(err, 'sessions.agenda.errorItem');
    }
  };

  const renameItem = async (item: AgendaItem, title: string) => {
    try {
      await call('sessions.updateItem', { itemId: item.id, patch: { title } });
      setRenaming(null);
      pendingFocus.current = `item:${item.id}:row`;
    } catch (err) {
      report(err, 'sessions.agenda.errorItem');
    }
  };

  const removeItem = async (item: AgendaItem, index: number) => {
    try {
      await call('sessions.removeItem', { itemId: item.id });
      announce(t('sessions.agenda.removedItem', { title: item.title }));
      const next = items[index + 1] ?? items[index - 1];
      if (next) pendingFocus.current = `item:${next.id}:row`;
      else document.getElementById(newItemId)?.focus();
    } catch (err) {
      report(err, 'sessions.agenda.errorItem');
    }
  };

  // ---- documents of an item -------------------------------------------------------------------

  const reorderDocs = async (item: AgendaItem, documentIds: string[], movedId: string, focus?: string) => {
    if (sameOrder(documentIds, item.documents.map((d) => d.id))) return;
    const byId = new Map(item.documents.map((d) => [d.id, d]));
    replace({
      ...session,
      items: items.map((i) => (i.id === item.id ? { ...i, documents: documentIds.map((id) => byId.get(id)!) } : i)),
    });
    if (focus) pendingFocus.current = focus;
    announce(
      t('sessions.agenda.movedDoc', { title: byId.get(movedId)?.title ?? '', position: documentIds.indexOf(movedId) + 1, count: documentIds.length }),
    );
    try {
      await call('sessions.reorderDocuments', { itemId: item.id, documentIds });
    } catch (err) {
      report(err, 'sessions.agenda.errorReorder');
      reload();
    }
  };

  const moveDoc = (item: AgendaItem, doc: AgendaDocument, delta: -1 | 1, control: 'row' | 'up' | 'down') =>
    void reorderDocs(item, moveBy(item.documents.map((d) => d.id), doc.id, delta), doc.id, `doc:${item.id}:${doc.id}:${control}`);

  const detachDoc = async (item: AgendaItem, doc: AgendaDocument, index: number, number: number) => {
    try {
      await call('sessions.detachDocument', { itemId: item.id, documentId: doc.id });
      announce(t('sessions.agenda.removedDoc', { title: doc.title, number }));
      const next = item.documents[index + 1] ?? item.documents[index - 1];
      pendingFocus.current = next ? `doc:${item.id}:${next.id}:row` : `item:${item.id}:add`;
    } catch (err) {
      report(err, 'sessions.agenda.errorItem');
    }
  };

  // ---- drag and drop --------------------------------------------------------------------------

  const startDrag = (event: DragEvent, value: Drag, label: string) => {
    event.stopPropagation();
    drag.current = value;
    setDragging(value.id);
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, value.id);
    announce(t('sessions.agenda.dragStarted', { title: label }));
  };
  const endDrag = () => {
    drag.current = null;
    setDragging(null);
    setDropHint(null);
  };
  const over = (event: DragEvent<HTMLElement>, accepts: (d: Drag) => boolean, key: string) => {
    const d = drag.current;
    if (!d || !accepts(d)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'move';
    const rect = event.currentTarget.getBoundingClientRect();
    const after = event.clientY > rect.top + rect.height / 2;
    setDropHint((prev) => (prev && prev.key === key && prev.after === after ? prev : { key, after }));
  };
  const dropPosition = (event: DragEvent<HTMLElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return event.clientY > rect.top + rect.height / 2;
  };

  const onItemDrop = (event: DragEvent<HTMLElement>, index: number) => {
    const d = drag.current;
    if (!d || d.type !== 'item') return;
    event.preventDefault();
    event.stopPropagation();
    const ids = items.map((i) => i.id);
    const next = moveTo(ids, d.id, dropSlot(ids, d.id, index, dropPosition(event)));
    endDrag();
    void reorderItems(next, d.id);
  };

  const onDocDrop = (event: DragEvent<HTMLElement>, item: AgendaItem, index: number) => {
    const d = drag.current;
    if (!d || d.type !== 'doc' || d.itemId !== item.id) return;
    event.preventDefault();
    event.stopPropagation();
    const ids = item.documents.map((x) => x.id);
    const next = moveTo(ids, d.id, dropSlot(ids, d.id, index, dropPosition(event)));
    endDrag();
    void reorderDocs(item, next, d.id);
  };

  const hintClass = (key: string) =>
    dropHint?.key === key ? (dropHint.after ? styles.dropAfter : styles.dropBefore) : undefined;

  const altArrow = (event: KeyboardEvent, move: (delta: -1 | 1) => void) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    if ((event.target as HTMLElement).closest('input, textarea, select')) return;
    event.preventDefault();
    event.stopPropagation();
    move(event.key === 'ArrowUp' ? -1 : 1);
  };

  const pickerItem = items.find((i) => i.id === pickerFor) ?? null;

  return (
    <section className={styles.agendaSection} aria-labelledby={`${hintId}-heading`}>
      <div className={styles.agendaHead}>
        <h2 id={`${hintId}-heading`} className={styles.sectionHeading}>
          {t('sessions.agenda.heading')}
        </h2>
        <p id={hintId} className={styles.muted}>
          {t('sessions.agenda.hint')}
        </p>
      </div>
      {items.length === 0 ? <p className={styles.emptyAgenda}>{t('sessions.agenda.empty')}</p> : null}
      <ol ref={listRef} className={styles.agenda} aria-label={t('sessions.agenda.heading')}>
        {items.map((item, index) => {
          const number = index + 1;
          const label = t('sessions.agenda.top', { number });
          return (
            <li
              key={item.id}
              className={[styles.item, hintClass(`item:${item.id}`), dragging === item.id ? styles.dragging : null].filter(Boolean).join(' ')}
              data-testid="agenda-item"
              data-item-id={item.id}
              onDragOver={(e) => over(e, (d) => d.type === 'item', `item:${item.id}`)}
              onDrop={(e) => onItemDrop(e, index)}
            >
              <div
                className={styles.itemHeader}
                draggable={renaming !== item.id}
                onDragStart={(e) => startDrag(e, { type: 'item', id: item.id }, item.title)}
                onDragEnd={endDrag}
                onKeyDown={(e) => altArrow(e, (delta) => moveItem(item, delta, 'row'))}
                data-testid="agenda-item-header"
              >
                <span className={styles.grip} aria-hidden="true">
                  <GripVertical size={18} />
                </span>
                <span
                  className={styles.topNumber}
                  tabIndex={0}
                  role="group"
                  aria-label={`${label}: ${item.title}`}
                  aria-describedby={hintId}
                  data-focus-key={`item:${item.id}:row`}
                >
                  {label}
                </span>
                {renaming === item.id ? (
                  <RenameForm
                    label={t('sessions.agenda.renameLabel', { number })}
                    initial={item.title}
                    onSave={(title) => void renameItem(item, title)}
                    onCancel={() => {
                      setRenaming(null);
                      pendingFocus.current = `item:${item.id}:rename`;
                    }}
                  />
                ) : (
                  <h3 className={styles.itemTitle} data-testid="agenda-item-title">
                    {item.title}
                  </h3>
                )}
                {renaming !== item.id ? (
                  <div className={styles.rowActions}>
                    <IconButton
                      label={t('sessions.agenda.moveItemUp', { number })}
                      icon={<ArrowUp size={16} />}
                      disabled={index === 0}
                      focusKey={`item:${item.id}:up`}
                      onClick={() => moveItem(item, -1, 'up')}
                    />
                    <IconButton
                      label={t('sessions.agenda.moveItemDown', { number })}
                      icon={<ArrowDown size={16} />}
                      disabled={index === items.length - 1}
                      focusKey={`item:${item.id}:down`}
                      onClick={() => moveItem(item, 1, 'down')}
                    />
                    <IconButton
                      label={t('sessions.agenda.renameItem', { number })}
                      icon={<Pencil size={16} />}
                      focusKey={`item:${item.id}:rename`}
                      onClick={() => setRenaming(item.id)}
                    />
                    <IconButton
                      label={t('sessions.agenda.removeItem', { number, title: item.title })}
                      icon={<Trash2 size={16} />}
                      onClick={() => void removeItem(item, index)}
                    />
                  </div>
                ) : null}
              </div>
              <div className={styles.docs}>
                {item.documents.length === 0 ? (
                  <p className={styles.noDocs}>{t('sessions.agenda.noDocuments')}</p>
                ) : (
                  <ul className={styles.docList} aria-label={t('sessions.agenda.documents', { number })}>
                    {item.documents.map((doc, di) => (
                      <li
                        key={doc.id}
                        className={[styles.doc, hintClass(`doc:${doc.id}`), dragging === doc.id ? styles.dragging : null].filter(Boolean).join(' ')}
                        draggable
                        data-testid="agenda-document"
                        data-document-id={doc.id}
                        onDragStart={(e) => startDrag(e, { type: 'doc', itemId: item.id, id: doc.id }, doc.title)}
                        onDragEnd={endDrag}
                        onDragOver={(e) => over(e, (d) => d.type === 'doc' && d.itemId === item.id, `doc:${doc.id}`)}
                        onDrop={(e) => onDocDrop(e, item, di)}
                        onKeyDown={(e) => altArrow(e, (delta) => moveDoc(item, doc, delta, 'row'))}
                      >
                        <span className={styles.grip} aria-hidden="true">
                          <GripVertical size={16} />
                        </span>
                        <span
                          className={styles.docText}
                          tabIndex={0}
                          role="group"
                          aria-label={t('sessions.agenda.docRow', { title: doc.title, position: di + 1, count: item.documents.length })}
                          aria-describedby={hintId}
                          data-focus-key={`doc:${item.id}:${doc.id}:row`}
                        >
                          <FileText aria-hidden="true" size={16} className={styles.docIcon} />
                          <span className={styles.docTitle} data-testid="agenda-document-title">
                            {doc.title}
                          </span>
                          <span className={styles.docMeta}>
                            {t(`kinds.${doc.kind}`)} · {doc.date ? formatIsoDate(doc.date, language) : t('sessions.noDate')}
                          </span>
                        </span>
                        <div className={styles.rowActions}>
                          {onOpenDocument ? (
                            <Button variant="quiet" className={styles.smallButton} aria-label={t('sessions.agenda.openDoc', { title: doc.title })} onClick={() => onOpenDocument(doc.id)}>
                              {t('sessions.agenda.open')}
                            </Button>
                          ) : null}
                          <IconButton
                            label={t('sessions.agenda.moveDocUp', { title: doc.title })}
                            icon={<ArrowUp size={16} />}
                            disabled={di === 0}
                            focusKey={`doc:${item.id}:${doc.id}:up`}
                            onClick={() => moveDoc(item, doc, -1, 'up')}
                          />
                          <IconButton
                            label={t('sessions.agenda.moveDocDown', { title: doc.title })}
                            icon={<ArrowDown size={16} />}
                            disabled={di === item.documents.length - 1}
                            focusKey={`doc:${item.id}:${doc.id}:down`}
                            onClick={() => moveDoc(item, doc, 1, 'down')}
                          />
                          <IconButton
                            label={t('sessions.agenda.removeDoc', { title: doc.title, number })}
                            icon={<X size={16} />}
                            onClick={() => void detachDoc(item, doc, di, number)}
                          />
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
                <Button
                  variant="quiet"
                  icon={<Plus size={16} />}
                  className={styles.addDoc}
                  data-focus-key={`item:${item.id}:add`}
                  aria-label={t('sessions.agenda.addDocumentTo', { number })}
                  onClick={() => setPickerFor(item.id)}
                >
                  {t('sessions.agenda.addDocument')}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <form className={styles.addItem} onSubmit={(e) => void addItem(e)} noValidate>
        <label htmlFor={newItemId}>{t('sessions.agenda.newItem')}</label>
        <div className={styles.addItemRow}>
          <input
            id={newItemId}
            type="text"
            value={newTitle}
            maxLength={1000}
            placeholder={t('sessions.agenda.newItemPlaceholder')}
            aria-invalid={newError ? true : undefined}
            aria-describedby={newError ? `${newItemId}-error` : undefined}
            onChange={(e) => setNewTitle(e.target.value)}
          />
          <Button type="submit" icon={<Plus size={16} />}>
            {t('sessions.agenda.addItem')}
          </Button>
        </div>
        {newError ? (
          <span id={`${newItemId}-error`} className={styles.fieldError}>
            {newError}
          </span>
        ) : null}
      </form>
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="agenda-announcement">
        {announcement}
      </p>
      <DocumentPickerDialog
        open={pickerItem !== null}
        onClose={() => {
          if (pickerItem) pendingFocus.current = `item:${pickerItem.id}:add`;
          setPickerFor(null);
        }}
        number={pickerItem ? items.indexOf(pickerItem) + 1 : 0}
        itemTitle={pickerItem?.title ?? ''}
        attachedIds={pickerItem?.documents.map((d) => d.id) ?? []}
        onAdd={async (documentId) => {
          if (!pickerItem) return;
          await call('sessions.attachDocument', { itemId: pickerItem.id, documentId });
        }}
      />
    </section>
  );
}

function IconButton({ label, icon, onClick, disabled, focusKey }: { label: string; icon: ReactNode; onClick: () => void; disabled?: boolean; focusKey?: string }) {
  return (
    <button type="button" className={styles.iconButton} aria-label={label} title={label} disabled={disabled} data-focus-key={focusKey} onClick={onClick}>
      <span aria-hidden="true">{icon}</span>
    </button>
  );
}

function RenameForm({ label, initial, onSave, onCancel }: { label: string; initial: string; onSave: (title: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState(initial);
  return (
    <form
      className={styles.renameForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onSave(value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="text" value={value} maxLength={1000} autoFocus onChange={(e) => setValue(e.target.value)} />
      <Button type="submit" variant="primary" className={styles.smallButton}>
        {t('sessions.agenda.renameSave')}
      </Button>
      <Button className={styles.smallButton} onClick={onCancel}>
        {t('sessions.agenda.renameCancel')}
      </Button>
    </form>
  );
}
