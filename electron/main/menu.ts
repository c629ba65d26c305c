import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/ipc/areas/core';
import { menuText, type MenuLanguage } from './menuText';
import { isAllowedExternalUrl } from './security/policy';

/**
 * Application menu in the app's language (menuText.ts; rebuilt when the language changes) with the usual shortcuts (roles keep platform behaviour). Import and
 * search are carried out by the window (`onCommand` sends `app.commandInvoked`), so progress,
 * report and errors show where the user looks.
 */
export function buildMenu(language: MenuLanguage, onAbout: () => void, onCommand: (command: AppCommand) => void): Menu {
  const m = menuText(language);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: app.name, submenu: [{ role: 'about' as const, label: m.about }, { type: 'separator' as const }, { role: 'hide' as const, label: m.hide }, { role: 'quit' as const, label: m.quit }] }] : []),
    {
      label: m.file,
      submenu: [
        // Shown, not registered: the window handles these keys itself, so the editor keeps
        // Ctrl+I (italic) and a text field keeps its own keys.
        { label: m.importFiles, accelerator: 'CmdOrCtrl+I', registerAccelerator: false, click: () => onCommand('import.files') },
        { label: m.importFolder, accelerator: 'CmdOrCtrl+Shift+O', registerAccelerator: false, click: () => onCommand('import.folder') },
        { type: 'separator' },
        { label: m.search, accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: () => onCommand('search.open') },
        { type: 'separator' },
        // The window exports what it shows (document or session) and asks where to save.
        { label: m.export, accelerator: 'CmdOrCtrl+E', registerAccelerator: false, click: () => onCommand('export.open') },
        { type: 'separator' },
        isMac ? { role: 'close', label: m.closeWindow } : { role: 'quit', label: m.quit, accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: m.edit,
      submenu: [
        { role: 'undo', label: m.undo },
        { role: 'redo', label: m.redo },
        { type: 'separator' },
        { role: 'cut', label: m.cut },
        { role: 'copy', label: m.copy },
        { role: 'paste', label: m.paste },
        { role: 'selectAll', label: m.selectAll },
      ],
    },
    {
      label: m.view,
      submenu: [
        { role: 'resetZoom', label: m.resetZoom },
        { role: 'zoomIn', label: m.zoomIn },
        { role: 'zoomOut', label: m.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: m.fullScreen },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const, label: m.devTools }]),
      ],
    },
    { label: m.window, submenu: [{ role: 'minimize', label: m.minimize }, { role: 'zoom', label: m.zoom }] },
    {
      label: m.help,
      submenu: [
        { label: m.about, click: onAbout },
        { label: m.shortcuts, accelerator: '?', registerAccelerator: false, click: () => onCommand('help.shortcuts') },
        {
          label: m.securityNotes,
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
