import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import { isEditableKind } from '../../../../shared/editor/draftExtensions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';

export interface DeletionTarget {
  id: string;
  title: string;
  kind: DocumentKind;
}

/**
 * The question before a document is deleted (issue 7 §7): what goes with it, that it cannot be
 * undone, and that earlier backups still hold it. Open while `target` is set.
 */
export function DeleteDocumentDialog({ target, onClose, onDeleted }: { target: DeletionTarget | null; onClose: () => void; onDeleted: (title: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [busy, setBusy] = useState(false);

  const remove = async (doc: DeletionTarget) => {
    setBusy(true);
    try {
      await call('documents.delete', { id: doc.id });
      onDeleted(doc.title);
    } catch (err) {
      report(err, 'document.errorDelete');
    } finally {
      setBusy(false);
      onClose();
    }
  };

  return (
    <ConfirmDialog
      open={target !== null}
      title={t('document.deleteTitle')}
      confirmLabel={t('document.deleteConfirm')}
      cancelLabel={t('document.deleteCancel')}
      onConfirm={() => target && void remove(target)}
      onCancel={onClose}
      busy={busy}
      busyText={t('document.deleting')}
      destructive
    >
      {target ? (
        <>
          <p>{t('document.deleteText', { title: target.title })}</p>
          {isEditableKind(target.kind) ? <p>{t('document.deleteDraftText')}</p> : null}
          <p>{t('document.deleteBackupsText')}</p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
