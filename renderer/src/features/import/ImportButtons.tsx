import { FolderInput, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import { Button } from '../../components/Button';
import { useImport } from './useImport';

/** "Importieren…" and "Ordner importieren…" for page headers; the kind is preset where it fits. */
export function ImportButtons({ kind }: { kind?: DocumentKind }) {
  const { t } = useTranslation();
  const { busy, chooseFiles, chooseFolder } = useImport();
  return (
    <>
      <Button variant="primary" icon={<Upload size={18} />} disabled={busy} onClick={() => void chooseFiles(kind)} aria-keyshortcuts="Control+I">
        {t('import.chooseFiles')}
      </Button>
      <Button icon={<FolderInput size={18} />} disabled={busy} onClick={() => void chooseFolder(kind)}>
        {t('import.chooseFolder')}
      </Button>
    </>
  );
}
