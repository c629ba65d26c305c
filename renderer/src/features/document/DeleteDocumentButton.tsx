import { Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { DeleteDocumentDialog, type DeletionTarget } from './DeleteDocumentDialog';

/** Whether a key press belongs to a field, the editor (Delete deletes text there) or another dialog. */
function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, dialog, [contenteditable="true"]') !== null;
}

/**
 * „Löschen …“ for the open document, after the question of DeleteDocumentDialog. The Delete key
 * asks the same, except while typing in a field or the editor.
 */
export function DeleteDocumentButton({ doc, onDeleted }: { doc: DeletionTarget; onDeleted: (title: string) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Delete' || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || typingTarget(event.target)) return;
      event.preventDefault();
      setAsking(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <Button variant="quiet" icon={<Trash2 size={18} />} onClick={() => setAsking(true)} title={t('trash.moveHint')} aria-keyshortcuts="Delete">
        {t('trash.move')}
      </Button>
      <DeleteDocumentDialog target={asking ? doc : null} onClose={() => setAsking(false)} onDeleted={onDeleted} />
    </>
  );
}
