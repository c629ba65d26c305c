import { FileDown } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, type ExportFormat, type ExportTarget } from '../../../../shared/ipc/areas/exportUi';
import { Button } from '../../components/Button';
import { ExportDialog } from './ExportDialog';
import { useExportCommand } from './exportCommand';

export interface ExportButtonProps {
  target: ExportTarget;
  subject: string;
  draft: boolean;
  formats?: readonly ExportFormat[];
  /** i18n keys of the button label and the dialog heading. */
  labelKey?: string;
  headingKey?: string;
  variant?: 'primary' | 'secondary' | 'quiet';
  /** Answers Ctrl+E and "Datei → Exportieren…" (the view's main export; off for secondary ones). */
  command?: boolean;
}

/**
 * "Exportieren…" of a view (document or session): the button, the dialog, and the view's answer to
 * Ctrl+E and "Datei → Exportieren…".
 */
export function ExportButton({
  target,
  subject,
  draft,
  formats = EXPORT_FORMATS,
  labelKey = 'export.open',
  headingKey,
  variant = 'secondary',
  command = true,
}: ExportButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useExportCommand(() => setOpen(true), command);
  return (
    <>
      <Button variant={variant} icon={<FileDown size={16} />} onClick={() => setOpen(true)} aria-keyshortcuts={command ? 'Control+E' : undefined}>
        {t(labelKey)}
      </Button>
      <ExportDialog open={open} onClose={() => setOpen(false)} target={target} subject={subject} formats={formats} headingKey={headingKey} draft={draft} />
    </>
  );
}
