import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import type { ImportProgress, ImportReport } from '../../../../shared/domain/import';
import { useReportError } from '../../components/errors/useReportError';
import { ApiError, call, onEvent } from '../../lib/api';
import styles from './Import.module.css';
import { ImportContext, type ImportActions } from './importContext';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportReportDialog } from './ImportReportDialog';
import { filesOfDrop, readDroppedFiles } from './readDroppedFiles';

export interface ImportProviderProps {
  /** Opens an imported document (from the report). */
  onOpen: (id: string) => void;
  children: ReactNode;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Import in the window (issue 3 §4): by dialog (buttons, menu `app.commandInvoked`) or by files
 * dropped anywhere on the window. Shows progress from `import.progressed` with a cancel button,
 * then the report in a dialog.
 */
export function ImportProvider({ onOpen, children }: ImportProviderProps) {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [dragging, setDragging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const busyRef = useRef(false);
  // The control the import was started from: focus returns there after the report (issue 15).
  const startedFrom = useRef<HTMLElement | null>(null);

  const run = useCallback(
    async (work: () => Promise<ImportReport | null>): Promise<ImportReport | null> => {
      if (busyRef.current) return null;
      busyRef.current = true;
      startedFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setBusy(true);
      setProgress(null);
      setCancelling(false);
      try {
        const result = await work();
        if (result) setReport(result);
        return result;
      } catch (err) {
        reportError(err, 'import.errorImport');
        return null;
      } finally {
        busyRef.current = false;
        setBusy(false);
        setProgress(null);
      }
    },
    [reportError],
  );

  const actions = useMemo<ImportActions>(
    () => ({
      busy,
      chooseFiles: (kind?: DocumentKind) => run(() => call('import.choose', { mode: 'files', kind })),
      chooseFolder: (kind?: DocumentKind) => run(() => call('import.choose', { mode: 'folder', kind })),
      importFiles: (files: File[]) => run(async () => call('import.data', { files: await readDroppedFiles(files) })),
    }),
    [busy, run],
  );

  // Progress of the running import (any run: the menu's imports go through here as well).
  useEffect(() => onEvent('import.progressed', (p) => busyRef.current && setProgress(p)), []);

  // Menu commands of main: Datei → Importieren… / Ordner importieren….
  useEffect(
    () =>
      onEvent('app.commandInvoked', ({ command }) => {
        if (command === 'import.files') void actions.chooseFiles();
        else if (command === 'import.folder') void actions.chooseFolder();
      }),
    [actions],
  );

  // Ctrl+I / Ctrl+Shift+O, as in the menu (whose accelerators are shown, not registered, so the
  // editor keeps Ctrl+I for italic): not while typing in a field or the editor.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'i' && !e.shiftKey) {
        e.preventDefault();
        void actions.chooseFiles();
      } else if (key === 'o' && e.shiftKey) {
        e.preventDefault();
        void actions.chooseFolder();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  // Drag and drop onto the whole window.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // SECURITY: without this the browser would open (navigate to) the dropped file.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = busyRef.current ? 'none' : 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer || !hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const { files, folders } = filesOfDrop(e.dataTransfer);
      if (folders > 0) reportError(new ApiError('UNSUPPORTED_FORMAT', t('import.dropFolderDetail', { count: folders })), 'import.dropFolder');
      if (files.length > 0) void actions.importFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [actions, reportError, t]);

  const cancel = async () => {
    setCancelling(true);
    try {
      await call('import.cancel', {});
    } catch (err) {
      reportError(err, 'import.errorCancel');
    }
  };

  return (
    <ImportContext.Provider value={actions}>
      {children}
      {busy && progress ? <ImportProgressPanel progress={progress} cancelling={cancelling} onCancel={() => void cancel()} /> : null}
      {dragging ? (
        <div className={styles.dropOverlay} aria-hidden="true">
          <p>{t('import.dropHere')}</p>
        </div>
      ) : null}
      <ImportReportDialog
        report={report}
        onClose={() => setReport(null)}
        returnFocus={() => {
          const from = startedFrom.current;
          return from?.isConnected && !from.matches(':disabled') && from !== document.body ? from : null;
        }}
        onOpen={(id) => {
          setReport(null);
          onOpen(id);
        }}
      />
    </ImportContext.Provider>
  );
}
