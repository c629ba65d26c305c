import { useEffect } from 'react';
import { useReportError } from '../../components/errors/useReportError';
import { ApiError, onEvent } from '../../lib/api';
import { requestExport } from './exportCommand';

/**
 * Ctrl+E and the menu's "Datei → Exportieren…" (`app.commandInvoked`): the current view exports;
 * where there is nothing to export, the message region says so instead of staying silent.
 */
export function ExportCommandHost() {
  const report = useReportError();
  useEffect(() => {
    const run = () => {
      // Another dialog is open (search, import report, …): that one has the keyboard.
      if (document.querySelector('dialog[open]')) return;
      if (!requestExport()) {
        report(new ApiError('NOT_AVAILABLE', 'Keine Ansicht zum Exportieren geöffnet.'), 'export.noTarget');
      }
    };
    const onKey = (e: KeyboardEvent) => {
      // The editor may use Ctrl+E itself (it then prevents the default).
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'e') return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    const off = onEvent('app.commandInvoked', ({ command }) => {
      if (command === 'export.open') run();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [report]);
  return null;
}
