import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/ipc/areas/core';
import { isAllowedExternalUrl } from './security/policy';

/**
 * German application menu with the usual shortcuts (roles keep platform behaviour). Import and
 * search are carried out by the window (`onCommand` sends `app.commandInvoked`), so progress,
 * report and errors show where the user looks.
 */
export function buildMenu(onAbout: () => void, onCommand: (command: AppCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: app.name, submenu: [{ role: 'about' as const, label: 'Über Quartierswissen' }, { type: 'separator' as const }, { role: 'hide' as const, label: 'Ausblenden' }, { role: 'quit' as const, label: 'Beenden' }] }] : []),
    {
      label: 'Datei',
      submenu: [
        // Shown, not registered: the window handles these keys itself, so the editor keeps
        // Ctrl+I (italic) and a text field keeps its own keys.
        { label: 'Importieren…', accelerator: 'CmdOrCtrl+I', registerAccelerator: false, click: () => onCommand('import.files') },
        { label: 'Ordner importieren…', accelerator: 'CmdOrCtrl+Shift+O', registerAccelerator: false, click: () => onCommand('import.folder') },
        { type: 'separator' },
        { label: 'Suchen…', accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: () => onCommand('search.open') },
        { type: 'separator' },
        // The window exports what it shows (document or session) and asks where to save.
        { label: 'Exportieren…', accelerator: 'CmdOrCtrl+E', registerAccelerator: false, click: () => onCommand('export.open') },
        { type: 'separator' },
        isMac ? { role: 'close', label: 'Fenster schließen' } : { role: 'quit', label: 'Beenden', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: 'Bearbeiten',
      submenu: [
        { role: 'undo', label: 'Rückgängig' },
        { role: 'redo', label: 'Wiederholen' },
        { type: 'separator' },
        { role: 'cut', label: 'Ausschneiden' },
        { role: 'copy', label: 'Kopieren' },
        { role: 'paste', label: 'Einfügen' },
        { role: 'selectAll', label: 'Alles auswählen' },
      ],
    },
    {
      label: 'Ansicht',
      submenu: [
        { role: 'resetZoom', label: 'Originalgröße' },
        { role: 'zoomIn', label: 'Vergrößern' },
        { role: 'zoomOut', label: 'Verkleinern' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Vollbild' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: 'Entwicklerwerkzeuge' }]),
      ],
    },
    { label: 'Fenster', submenu: [{ role: 'minimize', label: 'Minimieren' }, { role: 'zoom', label: 'Zoomen' }] },
    {
      label: 'Hilfe',
      submenu: [
        { label: 'Über Quartierswissen', click: onAbout },
        { label: 'Tastenkürzel', accelerator: '?', registerAccelerator: false, click: () => onCommand('help.shortcuts') },
        {
          label: 'Electron-Sicherheitshinweise',
          click: () => {
            const url = 'https://www.electronjs.org/docs/latest/tutorial/security';
            if (isAllowedExternalUrl(url)) void shell.openExternal(url);
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
