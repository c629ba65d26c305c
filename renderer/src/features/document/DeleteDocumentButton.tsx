import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryDocument } from '../../../../shared/domain/document';
import { isEditableKind } from '../../../../shared/editor/draftExtensions';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';

/** Whether a key press belongs to a field, the editor (Delete deletes text there) or another dialog. */
function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, dialog, [contenteditable="true"]') !== null;
}

/**
 * „Löschen …“ for the open document (issue 7 §7: deletion means deletion), after a confirmation
 * that says what goes with it and what backups still hold. The Delete key opens the same
 * question, except while typing in a field or the editor.
 */
export function DeleteDocumentButton({ doc, onDeleted }: { doc: Pick<LibraryDocument, 'id' | 'title' | 'kind'>; onDeleted: (title: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Delete' || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typingTarget(event.target)) return;
      event.preventDefault();
      setAsking(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const remove = async () => {
    setBusy(true);
    try {
      await call('documents.delete', { id: doc.id });
      onDeleted(doc.title);
    } catch (err) {
      setBusy(false);
      setAsking(false);
      report(err, 'document.errorDelete');
    }
  };

  return (
    <>
      <Button variant="quiet" icon={<Trash2 size={18} />} onClick={() => setAsking(true)} title={t('document.deleteHint')} aria-keyshortcuts="Delete">
        {t('document.delete')}
      </Button>
      <ConfirmDialog
        open={asking}
        title={t('document.deleteTitle')}
        confirmLabel={t('document.deleteConfirm')}
        cancelLabel={t('document.deleteCancel')}
        onConfirm={() => void remove()}
        onCancel={() => setAsking(false)}
        busy={busy}
        busyText={t('document.deleting')}
        destructive
      >
        <p>{t('document.deleteText', { title: doc.title })}</p>
        {isEditableKind(doc.kind) ? <p>{t('document.deleteDraftText')}</p> : null}
        <p>{t('document.deleteBackupsText')}</p>
      </ConfirmDialog>
    </>
  );
}
