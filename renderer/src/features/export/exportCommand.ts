import { useLayoutEffect, useRef } from 'react';

/**
 * "Exportieren…" (menu Datei, Ctrl+E) exports what the window shows: the open document or the
 * selected session. The view that can export registers here; the last one mounted wins.
 */
type ExportHandler = () => void;
const handlers: { current: ExportHandler }[] = [];

/** Runs the export of the current view; false when the view has nothing to export. */
export function requestExport(): boolean {
  const top = handlers[handlers.length - 1];
  if (!top) return false;
  top.current();
  return true;
}

/** Registers the current view's export while it is mounted (and `enabled`). */
export function useExportCommand(handler: ExportHandler, enabled = true): void {
  const ref = useRef(handler);
  // Layout effects run in the same task as the DOM update: once the view is on screen, Ctrl+E
  // already reaches it (a passive effect could still be pending right after the render).
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useLayoutEffect(() => {
    if (!enabled) return;
    const entry = {
      get current() {
        return ref.current;
      },
    };
    handlers.push(entry);
    return () => {
      const i = handlers.indexOf(entry);
      if (i >= 0) handlers.splice(i, 1);
    };
  }, [enabled]);
}
