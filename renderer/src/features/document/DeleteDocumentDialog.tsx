import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import { TRASH_RETENTION_DAYS } from '../../../../shared/domain/trash';
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
 * The question before a document is deleted (issue 7 §7, issue 15): it goes to the trash for 30
 * days, what goes with it when it is deleted for good, and that earlier backups still hold it.
 * Open while `target` is set.
 */
export function DeleteDocumentDialog({ target, onClose, onDeleted }: { target: DeletionTarget | null; onClose: () => void; onDeleted: (title: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [busy, setBusy] = useState(false);

  const remove = async (doc: DeletionTarget) => {
    setBusy(true);
    try {
      await call('trash.move', { ids: [doc.id] });
      onDeleted(doc.title);
    } catch (err) {
      report(err, 'trash.errorMove');
    } finally {
      setBusy(false);
      onClose();
    }
  };

  return (
    <ConfirmDialog
      open={target !== null}
      title={t('trash.moveTitle')}
      confirmLabel={t('trash.moveConfirm')}
      cancelLabel={t('document.deleteCancel')}
      onConfirm={() => target && void remove(target)}
      onCancel={onClose}
      busy={busy}
      busyText={t('trash.moving')}
      destructive
    >
      {target ? (
        <>
          <p>{t('trash.moveText', { title: target.title, days: TRASH_RETENTION_DAYS })}</p>
          {isEditableKind(target.kind) ? <p>{t('trash.moveDraftText')}</p> : null}
          <p>{t('document.deleteBackupsText')}</p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
