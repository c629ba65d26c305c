import { useEffect, useState } from 'react';
import type { ExportEvents } from '../../../../shared/ipc/areas/export';
import { onEvent } from '../../lib/api';

export type ExportProgress = ExportEvents['export.progressed'];

/** The last `export.progressed` event while `active`; reset when an export starts. */
export function useExportProgress(active: boolean): ExportProgress | null {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    const off = onEvent('export.progressed', (p) => setProgress(p));
    return () => {
      off();
      setProgress(null);
    };
  }, [active]);
  return active ? progress : null;
}
